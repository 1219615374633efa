"""Etapa *validacion*: grafo -> informe SHACL (https://www.w3.org/TR/shacl/#validation-report).

Entrada: el ``Dataset`` construido y las formas ``ontologia/formas.ttl``. Salida: un
``Informe`` con las violaciones en español, cada una con el recurso afectado.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import recursos
from .espacios import RDFS, SKOS, enlazar_prefijos
from .triples import grafo_union, leer_turtle

__all__ = ["Informe", "Violacion", "validar"]

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
    triples: int = 0

    @property
    def conforme(self) -> bool:
        """``True`` si no hay ninguna violación."""
        return not self.violaciones


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


def validar(ds: Dataset) -> Informe:
    """Valida la unión de los grafos de ``ds`` contra las formas SHACL del proyecto."""
    from pyshacl import validate

    datos = grafo_union(ds)
    enlazar_prefijos(datos)
    _conforma, resultados, _texto = validate(
        datos, shacl_graph=_formas(), inference="none", advanced=True, allow_warnings=False
    )
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
    return Informe(sorted(violaciones, key=lambda v: (v.recurso, v.propiedad, v.mensaje)), len(datos))
