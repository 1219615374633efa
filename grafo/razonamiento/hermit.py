"""Etapa *razonamiento*: ontología + glosario (+ Turtle extra) -> tipos inferidos (owlready2 + HermiT).

Entrada: los grafos ``gtg:ontologia`` y ``gtg:glosario`` de un ``Dataset`` (``razonar``) o los
Turtle empaquetados más archivos Turtle extra (``razonar_fuentes``).
Salida: ``ResultadoRazonamiento`` con los tipos que HermiT añadió a los individuos. Si la ontología
es inconsistente se lanza ``OntologiaInconsistenteError`` con las tripletas en conflicto.

owlready2 no lee Turtle: el grafo se serializa con rdflib a N-Triples y se carga en un ``World``
nuevo en cada llamada. HermiT necesita ``java`` en el PATH.

HermiT solo informa «Inconsistent ontology», sin decir qué choca. Para nombrar el conflicto se
depura por deltas: se vuelve a ejecutar HermiT (solo la comprobación de consistencia) sobre
subconjuntos de las tripletas sospechosas (primero por archivo, luego por sujeto y por último por
tripleta) hasta hallar un conjunto mínimo que sigue siendo inconsistente, con un tope de ejecuciones.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from grafo.base import recursos
from grafo.base.errores import OntologiaInconsistenteError, RazonadorNoDisponibleError
from grafo.base.espacios import (
    BASE,
    GRAFO_GLOSARIO,
    GRAFO_ONTOLOGIA,
    OWL,
    RDF,
    RDFS,
    XSD,
    abreviar,
    enlazar_prefijos,
)
from grafo.construccion.tripletas import construir_base
from grafo.fuentes.ontologia import ARCHIVOS_ONTOLOGIA, leer_turtle

__all__ = ["Inferencia", "ResultadoRazonamiento", "razonar", "razonar_fuentes"]

_IRI_ONTOLOGIA = BASE + "ontologia"
#: Tope de ejecuciones de HermiT (~0,7 s cada una) al buscar las tripletas en conflicto.
_MAX_EJECUCIONES = 30
#: Por debajo de este número de piezas se prueba a quitar una a una (más barato que bisecar).
_LINEAL = 8
#: Tripletas que se listan como mucho en el mensaje de error.
_MAX_LISTADAS = 15

#: Origen de las tripletas que no están en ningún archivo (p. ej. las materializadas al construir).
_SIN_ORIGEN = "origen no identificado"

_Tripleta = tuple[Node, Node, Node]
_Unidad = frozenset[_Tripleta]


@dataclass(frozen=True)
class Inferencia:
    """Un tipo que el razonador añadió a un individuo."""

    individuo: str
    clase: str


@dataclass
class ResultadoRazonamiento:
    """Resultado de un razonamiento consistente: los tipos inferidos y cuántos individuos hay."""

    inferencias: list[Inferencia] = field(default_factory=list)
    individuos: int = 0


def razonar(ds: Dataset, *, extra: Graph | None = None) -> ResultadoRazonamiento:
    """Ejecuta HermiT sobre la ontología y el glosario de ``ds`` (más ``extra``, si se da).

    Lanza ``RazonadorNoDisponibleError`` si falta Java y ``OntologiaInconsistenteError``, con las
    tripletas en conflicto, si la ontología es inconsistente.
    """
    base = _grafo_razonable(ds)
    g = _copia(base)
    extra_nuevo = Graph()
    if extra is not None:
        for t in extra:
            g.add(t)
            if t not in base:
                extra_nuevo.add(t)

    def etapas() -> list[_Etapa]:
        return _etapas(ds, fijo=base, nuevas=extra_nuevo)

    def fuentes() -> list[tuple[str, Graph]]:
        return ([("el grafo extra", extra)] if extra is not None else []) + _fuentes_empaquetadas()

    return _razonar(g, etapas, fuentes)


def razonar_fuentes(extras: Sequence[Path] = ()) -> ResultadoRazonamiento:
    """Razona sobre la ontología y el glosario empaquetados más los archivos Turtle ``extras``.

    Los extras se añaden al glosario como en ``tripletas.construir_base``. Lanza
    ``FuenteInvalidaError`` si un archivo no se lee, ``RazonadorNoDisponibleError`` si falta Java
    y ``OntologiaInconsistenteError``, con las tripletas y los archivos en conflicto, si la
    ontología resulta inconsistente.
    """
    ds = construir_base(extras)
    g = _grafo_razonable(ds)

    def etapas() -> list[_Etapa]:
        # Lo que los extras añaden (incluidas las relaciones materializadas a partir de ellos).
        propio = construir_base().graph(GRAFO_GLOSARIO)
        fijo = _copia(ds.graph(GRAFO_ONTOLOGIA))
        nuevas = Graph()
        for t in ds.graph(GRAFO_GLOSARIO):
            (fijo if t in propio else nuevas).add(t)
        return _etapas(ds, fijo=fijo, nuevas=nuevas)

    def fuentes() -> list[tuple[str, Graph]]:
        leidas = []
        for archivo in extras:
            h = Graph()
            leer_turtle(h, archivo, str(archivo))
            leidas.append((str(archivo), h))
        return leidas + _fuentes_empaquetadas()

    return _razonar(g, etapas, fuentes)


# --- ejecución de HermiT ---------------------------------------------------------------------------


def _grafo_razonable(ds: Dataset) -> Graph:
    g = Graph()
    enlazar_prefijos(g)
    for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
        for t in ds.graph(nombre):
            g.add(t)
    return g


def _copia(g: Iterable[_Tripleta]) -> Graph:
    h = Graph()
    for t in g:
        h.add(t)
    return h


def _comprobar_java() -> None:
    if shutil.which("java") is None:
        raise RazonadorNoDisponibleError(
            "no se encontró 'java' en el PATH; HermiT lo necesita. "
            "Instale Java 11 o superior (p. ej. 'apt-get install -y default-jre-headless')."
        )


def _razonar(
    g: Graph,
    etapas: Callable[[], list[_Etapa]],
    fuentes: Callable[[], list[tuple[str, Graph]]],
) -> ResultadoRazonamiento:
    """Clasifica ``g`` con HermiT; si es inconsistente, busca el conflicto y lo nombra."""
    _comprobar_java()
    import owlready2

    afirmados: dict[str, set[str]] = {}
    for s, o in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            afirmados.setdefault(str(s), set()).add(str(o))

    mundo = owlready2.World()
    try:
        onto = mundo.get_ontology(_IRI_ONTOLOGIA).load(
            fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8")),
            # explícito: owlready2 adivina el formato por los primeros 1000 bytes y, si la primera
            # tripleta es un literal largo (una definición), cree que es RDF/XML
            format="ntriples",
        )
        try:
            with onto:
                owlready2.sync_reasoner_hermit(mundo, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            # La salida de HermiT (en e.__context__) solo dice «Inconsistent ontology»: se depura.
            raise OntologiaInconsistenteError(_diagnosticar(g, etapas(), fuentes)) from e
        except owlready2.OwlReadyJavaError as e:
            raise RazonadorNoDisponibleError(
                f"HermiT terminó con un error de Java: {_primera_linea(str(e))}. "
                "Compruebe la instalación de Java (11 o superior) y la memoria disponible."
            ) from e
        except FileNotFoundError as e:  # java desapareció entre la comprobación y la llamada
            raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e

        inferencias: set[Inferencia] = set()
        individuos = 0
        for ind in mundo.search(iri=BASE + "*"):
            if not isinstance(ind, owlready2.Thing):
                continue
            iri = ind.iri
            individuos += 1
            for clase in ind.is_a:
                c_iri = getattr(clase, "iri", None)
                if isinstance(c_iri, str) and c_iri not in afirmados.get(iri, set()):
                    inferencias.add(Inferencia(iri, c_iri))
    finally:
        mundo.close()
    return ResultadoRazonamiento(sorted(inferencias, key=lambda i: (i.clase, i.individuo)), individuos)


def _primera_linea(texto: str) -> str:
    lineas = [linea.strip() for linea in texto.splitlines() if linea.strip()]
    return " ".join(lineas[:2]) if lineas else "sin mensaje"


def _consistente(tripletas: Iterable[_Tripleta]) -> bool:
    """¿Es consistente el grafo? Solo la comprobación de HermiT (``-k``), sin clasificar."""
    import owlready2
    import owlready2.reasoning

    g = _copia(tripletas)
    # owlready2 no ofrece una comprobación de consistencia sola (``-k`` tarda la mitad que la
    # clasificación completa); se llama a su HermiT empaquetado si su classpath está a la vista.
    ruta_clases = getattr(owlready2.reasoning, "_HERMIT_CLASSPATH", None)
    if not isinstance(ruta_clases, str):  # otra versión de owlready2: clasificación completa
        return _consistente_clasificando(g)
    memoria = getattr(owlready2.reasoning, "JAVA_MEMORY", 2000)
    with tempfile.TemporaryDirectory(prefix="grafo-razonar-") as tmp:
        ruta = Path(tmp) / "sonda.nt"
        g.serialize(destination=str(ruta), format="nt", encoding="utf-8")
        orden = [owlready2.JAVA_EXE, f"-Xmx{memoria}M", "-cp", ruta_clases]
        orden += ["org.semanticweb.HermiT.cli.CommandLine", "-k", ruta.as_uri()]
        try:
            proc = subprocess.run(orden, capture_output=True, text=True, check=False)
        except FileNotFoundError as e:
            raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e
    if proc.returncode == 0:
        return True
    if "InconsistentOntologyException" in proc.stdout + proc.stderr:
        return False
    raise RazonadorNoDisponibleError(
        "HermiT falló al buscar el conflicto de la ontología inconsistente: "
        f"{_primera_linea(proc.stderr or proc.stdout)}. "
        "Compruebe la instalación de Java (11 o superior) y la memoria disponible."
    )


def _consistente_clasificando(g: Graph) -> bool:
    import owlready2

    mundo = owlready2.World()
    try:
        onto = mundo.get_ontology(_IRI_ONTOLOGIA).load(
            fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8")),
            # explícito: owlready2 adivina el formato por los primeros 1000 bytes y, si la primera
            # tripleta es un literal largo (una definición), cree que es RDF/XML
            format="ntriples",
        )
        with onto:
            owlready2.sync_reasoner_hermit(mundo, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        mundo.close()
    return True


# --- depuración por deltas -------------------------------------------------------------------------


@dataclass
class _Etapa:
    """Dónde buscar: ``fijo`` se da por bueno y el conflicto se busca en ``sospechosas``."""

    fijo: Graph
    sospechosas: Graph
    junto_con: str  # cómo se nombra ``fijo`` en el mensaje ("" si está vacío)
    comprobar_fijo: bool = True


def _etapas(ds: Dataset, *, fijo: Graph, nuevas: Graph) -> list[_Etapa]:
    ontologia = _copia(ds.graph(GRAFO_ONTOLOGIA))
    glosario = _copia(ds.graph(GRAFO_GLOSARIO))
    etapas = []
    if len(nuevas):
        etapas.append(_Etapa(fijo, nuevas, "la ontología y el glosario"))
    glosario += nuevas
    etapas.append(_Etapa(ontologia, glosario, "la ontología"))
    etapas.append(_Etapa(Graph(), ontologia, "", comprobar_fijo=False))
    return etapas


class _Sonda:
    """Ejecuta HermiT sobre ``fijo`` + unidades, con memoria (monotonía) y un tope de ejecuciones."""

    def __init__(self, limite: int) -> None:
        self.fijo: frozenset[_Tripleta] = frozenset()
        self.ejecuciones = 0
        self.limite = limite
        self._consistentes: list[frozenset[_Tripleta]] = []
        self._inconsistentes: list[frozenset[_Tripleta]] = []

    @property
    def agotada(self) -> bool:
        return self.ejecuciones >= self.limite

    def inconsistente(self, unidades: Iterable[_Unidad]) -> bool | None:
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
        if _consistente(self.fijo | conjunto):
            self._consistentes.append(conjunto)
            return False
        self._inconsistentes.append(conjunto)
        return True

    def nueva_base(self, fijo: Graph) -> None:
        self.fijo = frozenset(fijo)
        self._consistentes.clear()
        self._inconsistentes.clear()


def _minimizar(todas: Sequence[_Unidad], sonda: _Sonda) -> tuple[list[_Unidad], bool]:
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


def _piezas(g: Graph) -> list[_Unidad]:
    """Parte ``g`` en piezas: cada tripleta con los nodos en blanco que cuelgan de ella."""
    vistos: set[_Tripleta] = set()

    def cierre(nodo: Node) -> set[_Tripleta]:
        out: set[_Tripleta] = set()
        pendientes = [nodo]
        while pendientes:
            b = pendientes.pop()
            for t in g.triples((b, None, None)):
                if t not in out:
                    out.add(t)
                    if isinstance(t[2], BNode):
                        pendientes.append(t[2])
        return out

    piezas: list[_Unidad] = []
    for t in sorted(g, key=_clave):
        if isinstance(t[0], BNode):
            continue
        pieza = {t} | (cierre(t[2]) if isinstance(t[2], BNode) else set())
        vistos |= pieza
        piezas.append(frozenset(pieza))
    objetos = {o for o in g.objects() if isinstance(o, BNode)}
    for b in sorted({s for s in g.subjects() if isinstance(s, BNode)} - objetos, key=str):
        pieza = cierre(b)
        vistos |= pieza
        piezas.append(frozenset(pieza))
    resto = frozenset(set(g) - vistos)  # ciclos de nodos en blanco: una sola pieza
    return [*piezas, resto] if resto else piezas


def _clave(t: _Tripleta) -> tuple[str, str, str]:
    return (str(t[0]), str(t[1]), str(t[2]))


def _sujeto(pieza: _Unidad) -> Node:
    """El sujeto con nombre de la pieza (o su nodo en blanco raíz)."""
    sujetos = {t[0] for t in pieza}
    objetos = {t[2] for t in pieza}
    raices = sorted(sujetos - objetos, key=str) or sorted(sujetos, key=str)
    return raices[0]


def _agrupar(unidades: Iterable[_Unidad], clave: Callable[[_Unidad], str]) -> list[_Unidad]:
    grupos: dict[str, set[_Tripleta]] = {}
    for u in unidades:
        grupos.setdefault(clave(u), set()).update(u)
    return [frozenset(grupos[k]) for k in sorted(grupos)]


def _origen(u: _Unidad, fuentes: list[tuple[str, Graph]]) -> str:
    """El primer archivo de ``fuentes`` donde aparece alguna tripleta de ``u``."""
    for nombre, h in fuentes:
        for s, p, o in sorted(u, key=_clave):
            patron = (
                None if isinstance(s, BNode) else s,
                None if isinstance(p, BNode) else p,
                None if isinstance(o, BNode) else o,
            )
            if patron != (None, None, None) and next(iter(h.triples(patron)), None) is not None:
                return nombre
    return _SIN_ORIGEN


def _propiedades_de_anotacion(g: Graph) -> set[Node]:
    declaradas = set(g.subjects(RDF.type, OWL.AnnotationProperty))
    logicas = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    return (declaradas - logicas) | {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy}


def _es_anotacion(pieza: _Unidad, anotaciones: set[Node]) -> bool:
    """¿Es la pieza una sola aserción de anotación (``iri anotación literal-o-iri``)?"""
    if len(pieza) != 1:
        return False
    ((s, p, o),) = pieza
    return isinstance(s, URIRef) and p in anotaciones and not isinstance(o, BNode)


def _contenidas(piezas: list[_Unidad], unidades: list[_Unidad]) -> list[_Unidad]:
    return [p for p in piezas if any(p <= u for u in unidades)]


def _fuentes_empaquetadas() -> list[tuple[str, Graph]]:
    leidas = []
    for archivo in recursos.archivos_ontologia():
        h = Graph()
        leer_turtle(h, archivo)
        nombre = f"ontologia/{archivo.name}"
        leidas.append((nombre, h))
    # primero el glosario: es donde suele estar el hecho nuevo que choca
    return sorted(leidas, key=lambda f: f[0].removeprefix("ontologia/") in ARCHIVOS_ONTOLOGIA)


def _diagnosticar(g: Graph, etapas: list[_Etapa], fuentes_de: Callable[[], list[tuple[str, Graph]]]) -> str:
    """Busca un conjunto mínimo de tripletas inconsistente y lo describe en un mensaje."""
    sonda = _Sonda(_MAX_EJECUCIONES)
    fuentes = fuentes_de()
    for etapa in etapas:
        sonda.nueva_base(etapa.fijo)
        if etapa.comprobar_fijo:
            r = sonda.inconsistente([])
            if r is None:
                return _mensaje_sin_acotar(sonda)
            if r:  # el conflicto ya está en la parte fija: se busca en la siguiente etapa
                continue
        # Las anotaciones no tienen semántica en OWL 2 DL: no pueden causar el conflicto.
        anotaciones = _propiedades_de_anotacion(g)
        piezas = [p for p in _piezas(etapa.sospechosas) if not _es_anotacion(p, anotaciones)]
        if not piezas:
            continue
        origen = {p: _origen(p, fuentes) for p in piezas}
        # por archivo, luego por sujeto, luego por tripleta (con sus nodos en blanco)
        unidades, completo = _minimizar(_agrupar(piezas, origen.__getitem__), sonda)
        if completo:
            por_sujeto = _agrupar(_contenidas(piezas, unidades), lambda p: str(_sujeto(p)))
            unidades, completo = _minimizar(por_sujeto, sonda)
        if completo:
            unidades, completo = _minimizar(_contenidas(piezas, unidades), sonda)
        culpables = _contenidas(piezas, unidades)
        return _mensaje(g, culpables, origen, etapa.junto_con, completo, sonda)
    return _mensaje_sin_acotar(sonda)


# --- mensaje ---------------------------------------------------------------------------------------


def _corto(n: Node) -> str:
    if isinstance(n, URIRef):
        return abreviar(str(n))
    if isinstance(n, Literal):
        texto = Literal(str(n)).n3()
        if n.language:
            return f"{texto}@{n.language}"
        return f"{texto}^^{_corto(n.datatype)}" if n.datatype else texto
    return str(n)


def _termino(n: Node, g: Graph, dentro: frozenset[Node] = frozenset()) -> str:
    """``n`` en notación Turtle corta; los nodos en blanco se despliegan con lo que dice ``g``."""
    if not isinstance(n, BNode) or n in dentro:
        return _corto(n) if not isinstance(n, BNode) else "[]"
    dentro = dentro | {n}
    if (n, RDF.first, None) in g:
        return "( " + " ".join(_termino(m, g, dentro) for m in Collection(g, n)) + " )"
    partes = [
        f"{'a' if p == RDF.type else _corto(p)} {_termino(o, g, dentro)}"
        for p, o in sorted(g.predicate_objects(n), key=lambda po: (str(po[0]), str(po[1])))
    ]
    return "[ " + " ; ".join(partes) + " ]" if partes else "[]"


def _linea(pieza: _Unidad) -> str:
    h = _copia(pieza)
    s = _sujeto(pieza)
    if isinstance(s, BNode):
        return _termino(s, h) + " ."
    partes = [
        f"{_corto(s)} {'a' if p == RDF.type else _corto(p)} {_termino(o, h)} ."
        for p, o in sorted(h.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1])))
    ]
    return "\n  ".join(partes)


_VOCABULARIO_OWL = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TIPOS_NO_INDIVIDUO = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.Ontology,
    OWL.Restriction,
}


def _individuos(g: Graph, tripletas: Iterable[_Tripleta]) -> list[URIRef]:
    vistos: set[URIRef] = set()
    for s, p, o in tripletas:
        for n in (s, o) if p != RDF.type else (s,):
            if (
                isinstance(n, URIRef)
                and not str(n).startswith(_VOCABULARIO_OWL)
                and not any((n, RDF.type, t) in g for t in _TIPOS_NO_INDIVIDUO)
            ):
                vistos.add(n)
    return sorted(vistos, key=str)


def _axiomas_relacionados(g: Graph, tripletas: list[_Tripleta]) -> list[str]:
    """Axiomas de la ontología que probablemente explican el conflicto (enumeraciones cerradas,
    clases disjuntas, propiedades funcionales). Es una ayuda para leer el conflicto, no una prueba.
    """
    clases: set[Node] = set()
    propiedades: set[Node] = set()
    for _s, p, o in tripletas:
        if p == RDF.type:
            clases.add(o)
        elif not str(p).startswith(_VOCABULARIO_OWL):
            propiedades.add(p)
            clases.update(g.objects(p, RDFS.range))
            clases.update(g.objects(p, RDFS.domain))
    for c in list(clases):
        clases.update(x for x in g.transitive_objects(c, RDFS.subClassOf) if x is not None)
    axiomas: list[str] = []
    for c in sorted((c for c in clases if isinstance(c, URIRef)), key=str):
        for eq in [c, *g.objects(c, OWL.equivalentClass)]:
            lista = g.value(eq, OWL.oneOf)
            if lista is not None:
                miembros = ", ".join(_corto(m) for m in Collection(g, lista))
                axiomas.append(f"{_corto(c)} es la enumeración cerrada {{{miembros}}}")
        disjuntas = set(g.objects(c, OWL.disjointWith)) | set(g.subjects(OWL.disjointWith, c))
        for d in sorted(disjuntas, key=str):
            axiomas.append(f"{_corto(c)} y {_corto(d)} son disjuntas")
        for todas in g.subjects(RDF.type, OWL.AllDisjointClasses):
            lista = g.value(todas, OWL.members)
            miembros_l = list(Collection(g, lista)) if lista is not None else []
            if c in miembros_l:
                axiomas.append(", ".join(_corto(m) for m in miembros_l) + " son disjuntas entre sí")
    for p in sorted(propiedades, key=str):
        if (p, RDF.type, OWL.FunctionalProperty) in g:
            otros = sorted(
                {
                    f"{_corto(s)} {_corto(p)} {_corto(v)}"
                    for s, pp, o in tripletas
                    if pp == p
                    for v in g.objects(s, p)
                    if v != o and (s, p, v) not in tripletas
                }
            )
            extra = f" (y el grafo ya tiene {', '.join(otros)})" if otros else ""
            axiomas.append(f"{_corto(p)} es funcional: un solo valor por sujeto{extra}")
    return list(dict.fromkeys(axiomas))


def _de(origen: str) -> str:
    return f" del {origen[3:]}" if origen.startswith("el ") else f" de {origen}"


def _y(cosas: Sequence[str]) -> str:
    return cosas[0] if len(cosas) == 1 else ", ".join(cosas[:-1]) + " y " + cosas[-1]


def _mensaje(
    g: Graph,
    culpables: list[_Unidad],
    origen: dict[_Unidad, str],
    junto_con: str,
    completo: bool,
    sonda: _Sonda,
) -> str:
    tripletas = sorted({t for p in culpables for t in p}, key=_clave)
    principales = sorted(culpables, key=lambda p: (origen[p], str(_sujeto(p)), _linea(p)))
    archivos = sorted({origen[p] for p in culpables})
    de = _de(archivos[0]) if len(archivos) == 1 and archivos[0] != _SIN_ORIGEN else ""
    n = len(principales)
    if completo:
        cuales = "esta tripleta" if n == 1 else f"estas {n} tripletas"
        cabeza = (
            f"HermiT encontró la ontología inconsistente: {cuales}"
            f"{de} no {'puede' if n == 1 else 'pueden'} ser {'cierta' if n == 1 else 'ciertas a la vez'}"
            + (f" junto con {junto_con}" if junto_con else "")
            + ":"
        )
        pie = (
            "Corrija o quite cualquiera de esas tripletas: basta una para deshacer este conflicto "
            "(puede haber otros; vuelva a razonar después)."
        )
    else:
        cabeza = (
            f"HermiT encontró la ontología inconsistente; tras {sonda.ejecuciones} ejecuciones "
            f"(el tope) el conflicto quedó acotado a estas {n} tripletas{de}"
            + (f", junto con {junto_con}" if junto_con else "")
            + ":"
        )
        pie = "Revise esas tripletas: alguna de ellas choca con las demás o con la ontología."
    lineas = [cabeza]
    for p in principales[:_MAX_LISTADAS]:
        sufijo = f"   ({origen[p]})" if len(archivos) > 1 else ""
        lineas.append(f"  {_linea(p)}{sufijo}")
    if n > _MAX_LISTADAS:
        sujetos = sorted({_corto(_sujeto(p)) for p in principales[_MAX_LISTADAS:]})
        lineas.append(f"  … y {n - _MAX_LISTADAS} más, sobre {', '.join(sujetos[:10])}")
    individuos = [_corto(i) for i in _individuos(g, tripletas)]
    if individuos:
        lineas.append(f"Individuos implicados: {_y(individuos)}.")
    axiomas = _axiomas_relacionados(g, tripletas)
    if axiomas:
        lineas.append(f"Axiomas relacionados de la ontología: {'; '.join(axiomas)}.")
    lineas.append(pie)
    return "\n".join(lineas)


def _mensaje_sin_acotar(sonda: _Sonda) -> str:
    return (
        "HermiT encontró la ontología inconsistente, pero no se pudo acotar el conflicto "
        f"en {sonda.ejecuciones} ejecuciones. Revise los últimos cambios en ontologia/*.ttl y "
        "en los archivos Turtle añadidos, o pruebe a razonar con menos archivos a la vez."
    )
