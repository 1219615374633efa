"""Etapa *validacion*: grafo -> informe SHACL (https://www.w3.org/TR/shacl/#validation-report).

Entrada: el ``Dataset`` construido y las formas ``ontologia/formas.ttl``. Salida: un
``Informe`` con las violaciones en español, cada una con el recurso afectado.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from grafo.base import recursos
from grafo.base.espacios import FORMA, GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, RDFS, SKOS, enlazar_prefijos
from grafo.construccion.tripletas import grafo_union
from grafo.fuentes.ontologia import leer_turtle

if TYPE_CHECKING:
    from grafo.almacen.almacen import Almacen

__all__ = ["FORMAS_DE_FORO", "Informe", "Violacion", "validar", "validar_almacen", "validar_foro"]

_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violacion:
    """Una violación: el recurso, la propiedad (si la hay) y el mensaje en español."""

    recurso: str
    etiqueta: str
    propiedad: str
    mensaje: str
    valor: str = ""

    def texto(self) -> str:
        """La violación en una línea legible."""
        quien = f"{self.recurso} ({self.etiqueta})" if self.etiqueta else self.recurso
        donde = f" [{self.propiedad}]" if self.propiedad else ""
        valor = f" Valor: {self.valor}." if self.valor else ""
        return f"{quien}{donde}: {self.mensaje}{valor}"


@dataclass
class Informe:
    """Resultado de la validación."""

    violaciones: list[Violacion] = field(default_factory=list)
    tripletas: int = 0

    @property
    def conforme(self) -> bool:
        """``True`` si no hay ninguna violación."""
        return not self.violaciones

    def texto(self) -> str:
        """El informe de ``grafo validar``: «0 violaciones» o una línea por violación."""
        if self.conforme:
            return f"Validación SHACL: 0 violaciones ({self.tripletas} tripletas revisadas)."
        return "\n".join(f"- {v.texto()}" for v in self.violaciones)


def _formas() -> Graph:
    g = Graph()
    leer_turtle(g, recursos.formas())
    return g


def _corto(datos: Graph, nodo: Node | None) -> str:
    if nodo is None:
        return ""
    if isinstance(nodo, URIRef):
        try:
            return datos.namespace_manager.normalizeUri(nodo)
        except Exception:  # IRIs sin prefijo conocido
            return f"<{nodo}>"
    if isinstance(nodo, BNode):
        return "(nodo anónimo)"
    return str(nodo)


def _etiqueta(datos: Graph, nodo: Node | None) -> str:
    if nodo is None:
        return ""
    for prop in (SKOS.prefLabel, RDFS.label):
        valores = list(datos.objects(nodo, prop))
        for v in valores:
            if isinstance(v, Literal) and v.language in (None, "es"):
                return str(v)
    return ""


def _informe(datos: Graph, resultados: Graph) -> list[Violacion]:
    sh = {n: URIRef(_SH + n) for n in ("result", "focusNode", "resultPath", "resultMessage", "value")}
    violaciones: set[Violacion] = set()
    for r in resultados.objects(None, sh["result"]):
        foco = resultados.value(r, sh["focusNode"])
        ruta = resultados.value(r, sh["resultPath"])
        mensajes = sorted(str(m) for m in resultados.objects(r, sh["resultMessage"]))
        valor = resultados.value(r, sh["value"])
        violaciones.add(
            Violacion(
                recurso=_corto(datos, foco),
                etiqueta=_etiqueta(datos, foco),
                propiedad=_corto(datos, ruta) if isinstance(ruta, URIRef) else "",
                mensaje=mensajes[0] if mensajes else "no cumple una forma SHACL.",
                valor=_corto(datos, valor) if valor is not None and valor != foco else "",
            )
        )
    return sorted(violaciones, key=lambda v: (v.recurso, v.propiedad, v.mensaje))


_FORMAS: list[Graph] = []


def _formas_cache() -> Graph:
    if not _FORMAS:
        _FORMAS.append(_formas())
    return _FORMAS[0]


def validar(ds: Dataset) -> Informe:
    """Valida la unión de los grafos de ``ds`` contra las formas SHACL del proyecto."""
    from pyshacl import validate

    datos = grafo_union(ds)
    enlazar_prefijos(datos)
    _conforma, resultados, _texto = validate(
        datos, shacl_graph=_formas_cache(), inference="none", advanced=True, allow_warnings=False
    )
    return Informe(_informe(datos, resultados), len(datos))


#: Las formas cuyos nodos foco puede aportar un foro: el foro, sus sesiones, enunciados, respuestas y
#: afirmaciones, y las personas que habla (actores).
FORMAS_DE_FORO = tuple(
    FORMA.iri(n) for n in ("Actor", "Foro", "Sesion", "Enunciado", "Respuesta", "Afirmacion")
)


def validar_foro(base: Graph, foro: Dataset) -> Informe:
    """Valida un foro (sus grafos en ``foro``) junto al vocabulario ``base``, sin revalidar ``base``.

    Se aplican solo las formas que un foro puede afectar (``FORMAS_DE_FORO``) sobre el vocabulario
    más el foro: las formas ven el vocabulario (``sh:class`` sobre conceptos y actores) y el
    vocabulario ya se validó entero antes. ``base`` queda como estaba.
    """
    from pyshacl import validate

    nuevos = [t for t in {(s, p, o) for s, p, o, _g in foro.quads((None, None, None, None))} if t not in base]
    for t in nuevos:
        base.add(t)
    try:
        _conforma, resultados, _texto = validate(
            base,
            shacl_graph=_formas_cache(),
            inference="none",
            advanced=True,
            allow_warnings=False,
            use_shapes=list(FORMAS_DE_FORO),
            inplace=True,
        )
        return Informe(_informe(base, resultados), len(nuevos))
    finally:
        for t in nuevos:
            base.remove(t)


def validar_almacen(almacen: Almacen, archivos: Sequence[Path] = ()) -> Informe:
    """Valida el grafo construido en ``almacen``, o los ``archivos`` dados frente a su vocabulario.

    Sin archivos: todo el almacén con todas las formas. Con ``.yaml``: cada foro por sí solo
    (esquema, referencias y formas) frente al vocabulario del almacén. Con ``.ttl``: se añaden al
    glosario antes de validar.
    """
    from grafo.construccion.menciones import crear_enlazador
    from grafo.construccion.tripletas import anadir_foro, resolutor
    from grafo.fuentes.foro import leer_foro

    foros = [a for a in archivos if a.suffix.lower() in (".yaml", ".yml")]
    turtle = [a for a in archivos if a not in foros]
    ds = Dataset()
    enlazar_prefijos(ds)
    ds.parse(data=almacen.cuadruplos_nquads(), format="nquads")
    for t in turtle:
        leer_turtle(ds.graph(GRAFO_GLOSARIO), t, str(t))
    if not foros:
        return validar(ds)
    base = Graph()
    for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
        base += ds.graph(nombre)
    resolver = resolutor(base)
    enlazador = crear_enlazador(base)
    violaciones: list[Violacion] = []
    revisadas = 0
    for f in foros:
        foro = leer_foro(f, resolver, str(f))
        ds_foro = Dataset()
        anadir_foro(ds_foro, foro, {e.id: enlazador.menciones(e.texto) for e in foro.enunciados}, base)
        informe = validar_foro(base, ds_foro)
        violaciones += informe.violaciones
        revisadas += informe.tripletas
    return Informe(violaciones, revisadas)
