"""Etapa *vigencia*: la vigencia de cada división de una norma, derivada de su estructura.

Entrada: el grafo del glosario con las divisiones de cada norma (``gt:Division``: título, capítulo,
subcapítulo, artículo, numeral…, cada una ``gt:dentroDe`` otra o ``gt:divisionDe`` la norma) y los
cambios que las afectan (``gt:Derogacion`` o ``gt:Sustitucion``: qué ``gt:cambia``, ``gt:hechoPor``
qué norma, ``gt:fechaDelCambio``, y lo que una derogación deja en pie, ``gt:excepto``).

Salida, añadida al mismo grafo: para cada división, ``gt:vigenteHasta`` (el primer cambio que la
alcanza, suyo o de una división que la contiene, o la derogación de la norma entera) y
``gt:derogadoPor`` o ``gt:sustituidoPor`` (la norma que lo hizo); para cada norma derogada entera
por un ``gt:Derogacion``, ``gt:vigenteHasta`` y ``gt:derogadaPor``.

La regla se escribe una vez, aquí: ni la vigencia de un artículo ni el fin de una norma se escriben a
mano. Si un archivo los escribe, la construcción se detiene y dice dónde registrar el cambio.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from grafo.base.errores import FuenteInvalidaError
from grafo.base.espacios import GT, RDF

__all__ = ["Cambio", "cadena", "derivar_vigencia"]

#: Lo que solo se deriva: escrito a mano en una división, sería la vigencia escrita dos veces.
_DERIVADAS = (GT.vigenteHasta, GT.derogadoPor, GT.sustituidoPor)


@dataclass(frozen=True)
class Cambio:
    """Un cambio registrado: una derogación o una sustitución, con su fecha y la norma que la hizo."""

    fecha: datetime
    literal: Literal
    derogacion: bool
    por: URIRef | None
    excepto: frozenset[Node]


def _iri_corto(n: Node) -> str:
    texto = str(n)
    return texto.rsplit("/", 1)[-1] if "/" in texto else texto


def _padre(g: Graph, d: Node) -> Node | None:
    for prop in (GT.dentroDe, GT.divisionDe, GT.articuloDe):
        v = g.value(d, prop)
        if v is not None:
            return v
    return None


def cadena(g: Graph, d: Node) -> list[Node]:
    """``d`` y lo que la contiene, de dentro afuera, hasta la norma (incluida)."""
    vistos = [d]
    actual = _padre(g, d)
    while actual is not None:
        if actual in vistos:
            ciclo = " → ".join(_iri_corto(x) for x in [*vistos, actual])
            raise FuenteInvalidaError(
                f"la estructura de la norma tiene un ciclo: {ciclo}. Cada división debe estar dentro "
                "de otra (gt:dentroDe) sin volver a sí misma; revise vigencia.ttl."
            )
        vistos.append(actual)
        actual = _padre(g, actual)
    return vistos


def _cambios(g: Graph) -> dict[Node, list[Cambio]]:
    """Los cambios registrados, por lo que cambian."""
    por_objetivo: dict[Node, list[Cambio]] = {}
    for clase, derogacion in ((GT.Derogacion, True), (GT.Sustitucion, False)):
        for c in g.subjects(RDF.type, clase):
            objetivo = g.value(c, GT.cambia)
            fecha = g.value(c, GT.fechaDelCambio)
            if objetivo is None or not isinstance(fecha, Literal):
                continue  # las formas SHACL lo informan con el nombre del cambio
            valor = fecha.toPython()
            if not isinstance(valor, datetime):
                continue
            por = g.value(c, GT.hechoPor)
            cambio = Cambio(
                fecha=valor,
                literal=fecha,
                derogacion=derogacion,
                por=por if isinstance(por, URIRef) else None,
                excepto=frozenset(g.objects(c, GT.excepto)),
            )
            por_objetivo.setdefault(objetivo, []).append(cambio)
    return por_objetivo


def primer_cambio(g: Graph, d: Node, cambios: dict[Node, list[Cambio]]) -> Cambio | None:
    """El primer cambio que alcanza a ``d``: suyo, de una división que la contiene o de su norma."""
    ruta = cadena(g, d)
    candidatos: list[Cambio] = []
    for i, x in enumerate(ruta):
        for c in cambios.get(x, ()):
            if c.excepto.isdisjoint(ruta[:i]):  # lo exceptuado queda en pie, con lo que contiene
                candidatos.append(c)
    if not candidatos:
        return None
    # el primero en el tiempo; el mismo día, una derogación antes que una sustitución
    return min(candidatos, key=lambda c: (c.fecha, not c.derogacion))


def derivar_vigencia(g: Graph) -> None:
    """Añade a ``g`` la vigencia derivada de cada división y de cada norma derogada entera."""
    divisiones = set(g.subjects(RDF.type, GT.Division)) | set(g.subjects(RDF.type, GT.Articulo))
    for d in sorted(divisiones, key=str):
        for prop in _DERIVADAS:
            if (d, prop, None) in g:
                raise FuenteInvalidaError(
                    f"{_iri_corto(d)}: {prop.n3(g.namespace_manager)} está escrito a mano. La vigencia de "
                    "un artículo o división se deriva de los cambios (gt:Derogacion, gt:Sustitucion) "
                    "de ella y de lo que la contiene: quítelo y registre el cambio en vigencia.ttl."
                )
    documentos = set(g.subjects(RDF.type, GT.Norma)) | set(g.subjects(RDF.type, GT.Documento))
    for n in sorted(documentos, key=str):
        for prop in (GT.vigenteHasta, GT.derogadaPor):
            if (n, prop, None) in g:
                raise FuenteInvalidaError(
                    f"{_iri_corto(n)}: {prop.n3(g.namespace_manager)} está escrito a mano. El fin de una "
                    "norma se deriva de su gt:Derogacion: quítelo y registre la derogación en vigencia.ttl "
                    "(gt:cambia la norma, gt:hechoPor la que la derogó, gt:fechaDelCambio)."
                )
    cambios = _cambios(g)
    for objetivo, lista in cambios.items():
        if objetivo in divisiones or not any(c.derogacion for c in lista):
            continue
        primero = min((c for c in lista if c.derogacion), key=lambda c: c.fecha)
        g.add((objetivo, GT.vigenteHasta, primero.literal))
        if primero.por is not None:
            g.add((objetivo, GT.derogadaPor, primero.por))
    for d in sorted(divisiones, key=str):
        c = primer_cambio(g, d, cambios)
        if c is None:
            continue
        g.add((d, GT.vigenteHasta, c.literal))
        if c.por is not None:
            g.add((d, GT.derogadoPor if c.derogacion else GT.sustituidoPor, c.por))
