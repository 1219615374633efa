"""Celdas como valores de Python: un término RDF (su valor léxico, su clase y su tipo de dato) ->
``int``, ``Decimal``, ``float``, ``bool``, ``date``, ``datetime``, ``IRI``, ``NodoAnonimo`` o ``str``.

Para la API (``grafo.abrir(celdas="python")``); la CLI muestra siempre texto. Sin rdflib: sirve
igual a Oxigraph, a rdflib y a un endpoint remoto (JSON de resultados SPARQL 1.1, §3.2.2).

- ``xsd:integer`` y sus derivados (``int``, ``long``, ``nonNegativeInteger``…) -> ``int``;
- ``xsd:decimal`` -> ``Decimal`` (exacto); ``xsd:double`` y ``xsd:float`` -> ``float``;
- ``xsd:boolean`` -> ``bool``; ``xsd:date`` -> ``date``; ``xsd:dateTime`` -> ``datetime`` (con su
  zona si la trae: ``2013-09-20T09:00:00-05:00``);
- un IRI -> ``IRI`` y un nodo anónimo -> ``NodoAnonimo`` (ambos ``str``, para distinguirlos de un texto);
- todo lo demás (textos, con o sin idioma, y valores que no se pueden leer con su tipo) -> ``str``
  con el valor léxico tal cual: nunca se inventa un valor.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

__all__ = ["IRI", "Celdas", "NodoAnonimo", "valor_python"]

#: Cómo llegan las celdas: texto (la CLI, por defecto) o valores de Python (la API, si se pide).
Celdas = Literal["texto", "python"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_ENTEROS = {
    _XSD + n
    for n in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


class IRI(str):
    """Un IRI (es un ``str``; su tipo lo distingue de un texto)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"IRI({str(self)!r})"


class NodoAnonimo(str):
    """Un nodo anónimo, por la etiqueta que le dio el motor (cambia de una ejecución a otra)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"NodoAnonimo({str(self)!r})"


def valor_python(
    valor: str, clase: Literal["uri", "bnode", "literal"] = "literal", datatype: str | None = None
) -> object:
    """El valor de Python de un término: ``clase`` como en el JSON de resultados SPARQL."""
    if clase == "uri":
        return IRI(valor)
    if clase == "bnode":
        return NodoAnonimo(valor)
    try:
        if datatype in _ENTEROS:
            return int(valor)
        if datatype == _XSD + "decimal":
            return Decimal(valor)
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(valor)
        if datatype == _XSD + "boolean" and valor in ("true", "false", "1", "0"):
            return valor in ("true", "1")
        if datatype == _XSD + "date":
            return date.fromisoformat(valor)
        if datatype == _XSD + "dateTime":
            return datetime.fromisoformat(valor)
    except (ValueError, InvalidOperation):
        return valor  # un valor mal formado para su tipo se da tal cual, como texto
    return valor
