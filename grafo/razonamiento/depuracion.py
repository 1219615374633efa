"""Depuración por deltas: qué tripletas hacen inconsistente la ontología.

HermiT solo informa «Inconsistent ontology», sin decir qué choca. Para nombrar el conflicto se
vuelve a ejecutar HermiT (solo la comprobación de consistencia) sobre subconjuntos de las tripletas
sospechosas (primero por archivo, luego por sujeto y por último por tripleta) hasta hallar un
conjunto mínimo que sigue siendo inconsistente, con un tope de ejecuciones. ``informe`` lo describe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.term import Node

from grafo.base.espacios import GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, OWL, RDF, RDFS
from grafo.razonamiento.hermit import consistente
from grafo.razonamiento.informe import mensaje_conflicto, mensaje_sin_acotar
from grafo.razonamiento.piezas import (
    SIN_ORIGEN,
    Tripleta,
    Unidad,
    agrupar,
    clave_de_orden,
    contenidas,
    copia,
    partir_en_piezas,
    sujeto,
)

__all__ = ["Etapa", "Sonda", "diagnosticar", "etapas_de_busqueda", "minimizar"]

#: Tope de ejecuciones de HermiT (~0,7 s cada una) al buscar las tripletas en conflicto.
_MAX_EJECUCIONES = 30
#: Por debajo de este número de piezas se prueba a quitar una a una (más barato que bisecar).
_LINEAL = 8


@dataclass
class Etapa:
    """Dónde buscar: ``fijo`` se da por bueno y el conflicto se busca en ``sospechosas``."""

    fijo: Graph
    sospechosas: Graph
    junto_con: str  # cómo se nombra ``fijo`` en el mensaje ("" si está vacío)
    comprobar_fijo: bool = True


def etapas_de_busqueda(ds: Dataset, *, fijo: Graph, nuevas: Graph) -> list[Etapa]:
    ontologia = copia(ds.graph(GRAFO_ONTOLOGIA))
    glosario = copia(ds.graph(GRAFO_GLOSARIO))
    etapas = []
    if len(nuevas):
        etapas.append(Etapa(fijo, nuevas, "la ontología y el glosario"))
    glosario += nuevas
    etapas.append(Etapa(ontologia, glosario, "la ontología"))
    etapas.append(Etapa(Graph(), ontologia, "", comprobar_fijo=False))
    return etapas


class Sonda:
    """Ejecuta HermiT sobre ``fijo`` + unidades, con memoria (monotonía) y un tope de ejecuciones."""

    def __init__(self, limite: int) -> None:
        self.fijo: frozenset[Tripleta] = frozenset()
        self.ejecuciones = 0
        self.limite = limite
        self._consistentes: list[frozenset[Tripleta]] = []
        self._inconsistentes: list[frozenset[Tripleta]] = []

    @property
    def agotada(self) -> bool:
        return self.ejecuciones >= self.limite

    def inconsistente(self, unidades: Iterable[Unidad]) -> bool | None:
        """``True``/``False`` según HermiT, o ``None`` si ya no quedan ejecuciones."""
        conjunto = frozenset().union(*unidades)
        # La lógica es monótona: un subconjunto de algo consistente es consistente y viceversa.
        if any(conjunto <= c for c in self._consistentes):
            return False
        if any(i <= conjunto for i in self._inconsistentes):
            return True
        if self.agotada:
            return None
        self.ejecuciones += 1
        if consistente(self.fijo | conjunto):
            self._consistentes.append(conjunto)
            return False
        self._inconsistentes.append(conjunto)
        return True

    def nueva_base(self, fijo: Graph) -> None:
        self.fijo = frozenset(fijo)
        self._consistentes.clear()
        self._inconsistentes.clear()


def minimizar(todas: Sequence[Unidad], sonda: Sonda) -> tuple[list[Unidad], bool]:
    """Un subconjunto de ``unidades`` que sigue siendo inconsistente y del que no sobra ninguna
    (ddmin de Zeller; quitando de una en una cuando quedan pocas). ``False`` si se agotó el tope.

    Supone que el conjunto completo es inconsistente y el vacío, consistente.
    """
    unidades = list(todas)
    n = 2
    while len(unidades) > _LINEAL:
        trozos = [unidades[i * len(unidades) // n : (i + 1) * len(unidades) // n] for i in range(n)]
        reducido = False
        for trozo in trozos:
            r = sonda.inconsistente(trozo)
            if r is None:
                return unidades, False
            if r:
                unidades, n, reducido = trozo, 2, True
                break
        if not reducido and n > 2:
            for i in range(n):
                resto = [u for j, t in enumerate(trozos) if j != i for u in t]
                r = sonda.inconsistente(resto)
                if r is None:
                    return unidades, False
                if r:
                    unidades, n, reducido = resto, max(n - 1, 2), True
                    break
        if not reducido:
            if n >= len(unidades):
                break
            n = min(2 * n, len(unidades))
    i = 0
    while i < len(unidades) and len(unidades) > 1:
        resto = unidades[:i] + unidades[i + 1 :]
        r = sonda.inconsistente(resto)
        if r is None:
            return unidades, False
        if r:
            unidades = resto
        else:
            i += 1
    return unidades, True


def _origen(u: Unidad, fuentes: list[tuple[str, Graph]]) -> str:
    """El primer archivo de ``fuentes`` donde aparece alguna tripleta de ``u``."""
    for nombre, h in fuentes:
        for s, p, o in sorted(u, key=clave_de_orden):
            patron = (
                None if isinstance(s, BNode) else s,
                None if isinstance(p, BNode) else p,
                None if isinstance(o, BNode) else o,
            )
            if patron != (None, None, None) and next(iter(h.triples(patron)), None) is not None:
                return nombre
    return SIN_ORIGEN


def _propiedades_de_anotacion(g: Graph) -> set[Node]:
    declaradas = set(g.subjects(RDF.type, OWL.AnnotationProperty))
    logicas = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    return (declaradas - logicas) | {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy}


def _es_anotacion(pieza: Unidad, anotaciones: set[Node]) -> bool:
    """¿Es la pieza una sola aserción de anotación (``iri anotación literal-o-iri``)?"""
    if len(pieza) != 1:
        return False
    ((s, p, o),) = pieza
    return isinstance(s, URIRef) and p in anotaciones and not isinstance(o, BNode)


def diagnosticar(g: Graph, etapas: list[Etapa], fuentes_de: Callable[[], list[tuple[str, Graph]]]) -> str:
    """Busca un conjunto mínimo de tripletas inconsistente y lo describe en un mensaje."""
    sonda = Sonda(_MAX_EJECUCIONES)
    fuentes = fuentes_de()
    for etapa in etapas:
        sonda.nueva_base(etapa.fijo)
        if etapa.comprobar_fijo:
            r = sonda.inconsistente([])
            if r is None:
                return mensaje_sin_acotar(sonda.ejecuciones)
            if r:  # el conflicto ya está en la parte fija: se busca en la siguiente etapa
                continue
        # Las anotaciones no tienen semántica en OWL 2 DL: no pueden causar el conflicto.
        anotaciones = _propiedades_de_anotacion(g)
        piezas = [p for p in partir_en_piezas(etapa.sospechosas) if not _es_anotacion(p, anotaciones)]
        if not piezas:
            continue
        origen = {p: _origen(p, fuentes) for p in piezas}
        # por archivo, luego por sujeto, luego por tripleta (con sus nodos en blanco)
        unidades, completo = minimizar(agrupar(piezas, origen.__getitem__), sonda)
        if completo:
            por_sujeto = agrupar(contenidas(piezas, unidades), lambda p: str(sujeto(p)))
            unidades, completo = minimizar(por_sujeto, sonda)
        if completo:
            unidades, completo = minimizar(contenidas(piezas, unidades), sonda)
        culpables = contenidas(piezas, unidades)
        return mensaje_conflicto(g, culpables, origen, etapa.junto_con, completo, sonda.ejecuciones)
    return mensaje_sin_acotar(sonda.ejecuciones)
