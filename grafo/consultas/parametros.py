"""Parámetros de las consultas con nombre: texto del usuario -> términos RDF -> bloque ``VALUES``.

Entrada: la ``Consulta`` (sus parámetros declarados), los pares ``clave=valor`` del usuario y un
``Lector`` del grafo (para resolver etiquetas a IRIs). Salida: el texto de la consulta con un
bloque ``VALUES (?param_a ?param_b) { (<iri> "texto") }`` en cada línea de marca ``#@valores``.

Los valores son términos RDF (``pyoxigraph.NamedNode`` / ``Literal``) escritos con la sintaxis de
N-Triples que da pyoxigraph, nunca texto del usuario pegado en la consulta: un valor hostil es un
literal que no coincide con nada. Un bloque ``VALUES`` lo acepta cualquier motor SPARQL 1.1, también
por el protocolo (``--endpoint``).

- ``concepto``, ``nivel``, ``actor``, ``entidad``, ``sector``, ``tipo_enunciado``, ``tipo_actor``:
  sigla o nombre, sin importar tildes ni mayúsculas (``busqueda.resolver``).
- ``foro``: id o título del foro. ``sesion`` y ``grupo`` (``4`` es ``Grupo 4``) se buscan dentro
  de ese foro si se da; si no, un valor presente en varios foros es ambiguo y el error dice cuáles.
- ``fecha``: AAAA-MM-DD, como ``xsd:dateTime`` a medianoche de Lima; ``entero``, ``texto``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from grafo.almacen.lector import Lector
from grafo.base.errores import ConsultaInvalidaError, TerminoDesconocidoError
from grafo.base.espacios import GT, XSD
from grafo.consultas.catalogo import MARCA_VALORES, Consulta, Parametro

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["aplicar_valores", "resolver_parametros"]

_CLASES: dict[str, tuple[str, ...] | None] = {
    "concepto": (GT.iri("ConceptoTerritorial"),),
    "nivel": (GT.iri("NivelDeGobierno"),),
    "actor": (GT.iri("Actor"),),
    "entidad": (GT.iri("ConceptoTerritorial"), GT.iri("Actor"), GT.iri("NivelDeGobierno")),
    "sector": (GT.iri("Sector"),),
    "sesion": (GT.iri("Sesion"),),
    "grupo": (GT.iri("GrupoDeTrabajo"),),
    "tipo_enunciado": (GT.iri("TipoDeEnunciado"),),
    "tipo_actor": None,
}


def _error(consulta: Consulta, p: Parametro, detalle: str) -> ConsultaInvalidaError:
    return ConsultaInvalidaError(f"consulta '{consulta.nombre}', parámetro '{p.nombre}': {detalle}")


def _valor(
    lector: Lector, consulta: Consulta, p: Parametro, texto: str, foro: str | None
) -> ox.NamedNode | ox.Literal:
    import pyoxigraph as ox

    from grafo.busqueda.resolucion import resolver, resolver_foro

    if p.tipo == "texto":
        return ox.Literal(texto)
    if p.tipo == "entero":
        try:
            return ox.Literal(str(int(texto)), datatype=ox.NamedNode(XSD.iri("integer")))
        except ValueError as e:
            raise _error(consulta, p, f"debe ser un entero, no '{texto}'.") from e
    if p.tipo == "fecha":
        try:
            d = date.fromisoformat(texto)
        except ValueError as e:
            raise _error(consulta, p, f"debe ser una fecha AAAA-MM-DD, no '{texto}'.") from e
        return ox.Literal(f"{d.isoformat()}T00:00:00-05:00", datatype=ox.NamedNode(XSD.iri("dateTime")))
    try:
        if p.tipo == "foro":
            return ox.NamedNode(resolver_foro(lector, texto))
        if p.tipo == "grupo" and texto.strip().isdigit():
            texto = f"Grupo {texto.strip()}"
        dentro = foro if p.tipo in ("sesion", "grupo") else None
        return ox.NamedNode(resolver(lector, texto, _CLASES[p.tipo], dentro_de=dentro))
    except TerminoDesconocidoError as e:
        raise _error(consulta, p, str(e)) from e


def resolver_parametros(
    lector: Lector, consulta: Consulta, params: dict[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Variable (``param_X``) -> término RDF, para los parámetros dados; errores claros si no valen."""
    declarados = {p.nombre: p for p in consulta.parametros}
    desconocidos = sorted(set(params) - set(declarados))
    if desconocidos:
        lista = ", ".join(declarados) or "ninguno"
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': parámetro desconocido '{desconocidos[0]}'. "
            f"Parámetros admitidos: {lista}."
        )
    faltan = [p.nombre for p in consulta.parametros if p.obligatorio and p.nombre not in params]
    if faltan:
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': falta el parámetro obligatorio '{faltan[0]}'. "
            f"Uso: --param {faltan[0]}=VALOR"
        )
    res: dict[str, ox.NamedNode | ox.Literal] = {}
    foro: str | None = None
    # el foro primero: acota la búsqueda de sesiones y grupos
    for p in sorted((declarados[k] for k in params), key=lambda p: p.tipo != "foro"):
        valor = _valor(lector, consulta, p, params[p.nombre], foro)
        if p.tipo == "foro":
            foro = valor.value
        res[p.variable] = valor
    return res


def aplicar_valores(consulta: Consulta, valores: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """El texto de la consulta con el bloque ``VALUES`` en cada línea de marca ``#@valores``."""
    if not valores:
        return consulta.texto
    if all(linea.strip() != MARCA_VALORES for linea in consulta.texto.split("\n")):
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': declara parámetros pero no tiene la línea de marca "
            f"'{MARCA_VALORES}' donde poner sus valores. Añádala al principio del WHERE."
        )
    variables = sorted(valores)
    bloque = (
        "VALUES (" + " ".join(f"?{v}" for v in variables) + ") { ("
        + " ".join(str(valores[v]) for v in variables) + ") }"
    )  # fmt: skip
    lineas = []
    for linea in consulta.texto.split("\n"):
        if linea.strip() == MARCA_VALORES:
            sangria = linea[: len(linea) - len(linea.lstrip())]
            linea = f"{sangria}{bloque}"
        lineas.append(linea)
    return "\n".join(lineas)
