"""Resultados SPARQL serializados para el protocolo: JSON, XML, CSV, TSV; N-Triples, Turtle, RDF/XML.

Entrada: un almacén, un ``Pedido`` ya comprobado y un archivo donde escribir. Salida: los bytes de
https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/rdf-sparql-XMLres/ o
https://www.w3.org/TR/sparql11-results-csv-tsv/.

Una consulta propia se serializa con los serializadores de Oxigraph, tal cual. Una consulta del
catálogo pide además lo que hace ``grafo consulta``: sin las columnas ``param_*`` y con las celdas
``Lista:`` ordenadas por partes; esas se escriben aquí, término a término.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Protocol
from xml.sax.saxutils import escape, quoteattr

from grafo.consultas.catalogo import SEPARADOR_LISTA

if TYPE_CHECKING:
    import pyoxigraph as ox

    from grafo.consultas.pedido import Pedido

__all__ = ["FORMATOS_GRAFO", "FORMATOS_RESULTADOS", "serializar"]

#: formato -> tipo MIME
FORMATOS_RESULTADOS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
FORMATOS_GRAFO = {"nt": "application/n-triples", "ttl": "text/turtle", "rdfxml": "application/rdf+xml"}


class _Archivo(Protocol):
    def write(self, datos: bytes) -> int: ...


def serializar(store: ox.Store, pedido: Pedido, salida: Any) -> None:
    """Evalúa ``pedido`` y escribe el resultado en ``salida`` (un objeto con ``write(bytes)``) en el
    formato ``pedido.salida``."""
    import pyoxigraph as ox

    from grafo.consultas.motores import consultar_oxigraph

    res = consultar_oxigraph(store, pedido)
    if isinstance(res, ox.QueryTriples):
        rdf = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML}
        res.serialize(salida, rdf[pedido.salida])
        return
    formato = {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[pedido.salida]
    if isinstance(res, ox.QueryBoolean):
        res.serialize(salida, formato)
        return
    variables = [v.value for v in res.variables]
    visibles = [v for v in variables if not (pedido.ocultas and v.startswith(pedido.ocultas))]
    if visibles == variables and not set(pedido.listas) & set(variables):
        res.serialize(salida, formato)
        return
    _ESCRITORES[pedido.salida](visibles, (_fila(sol, visibles, pedido.listas) for sol in res), salida)


def _fila(sol: Any, visibles: list[str], listas: tuple[str, ...]) -> list[Any]:
    import pyoxigraph as ox

    fila = []
    for v in visibles:
        t = sol[v]
        if v in listas and isinstance(t, ox.Literal) and SEPARADOR_LISTA in t.value:
            valor = SEPARADOR_LISTA.join(sorted(t.value.split(SEPARADOR_LISTA)))
            if t.language:
                t = ox.Literal(valor, language=t.language)
            else:
                t = ox.Literal(valor, datatype=t.datatype)
        fila.append(t)
    return fila


def _json_termino(t: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def _json(variables: list[str], filas: Any, salida: _Archivo) -> None:
    salida.write(json.dumps({"head": {"vars": variables}}, ensure_ascii=False)[:-1].encode())
    salida.write(b',"results":{"bindings":[')
    for i, fila in enumerate(filas):
        sol = {v: _json_termino(t) for v, t in zip(variables, fila, strict=True) if t is not None}
        salida.write((("," if i else "") + json.dumps(sol, ensure_ascii=False)).encode())
    salida.write(b"]}}")


def _xml(variables: list[str], filas: Any, salida: _Archivo) -> None:
    import pyoxigraph as ox

    salida.write(b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    salida.write("".join(f"<variable name={quoteattr(v)}/>" for v in variables).encode())
    salida.write(b"</head><results>")
    for fila in filas:
        partes = ["<result>"]
        for v, t in zip(variables, fila, strict=True):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                dentro = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                dentro = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                dentro = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            else:
                dentro = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            partes.append(f"<binding name={quoteattr(v)}>{dentro}</binding>")
        partes.append("</result>")
        salida.write("".join(partes).encode())
    salida.write(b"</results></sparql>")


def _csv(variables: list[str], filas: Any, salida: _Archivo) -> None:
    import pyoxigraph as ox

    def valor(t: Any) -> str:
        if t is None:
            return ""
        return f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t.value)

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    salida.write(buf.getvalue().encode())
    for fila in filas:
        buf.seek(0)
        buf.truncate()
        w.writerow([valor(t) for t in fila])
        salida.write(buf.getvalue().encode())


def _tsv(variables: list[str], filas: Any, salida: _Archivo) -> None:
    salida.write(("\t".join("?" + v for v in variables) + "\n").encode())
    for fila in filas:  # str() de un término de Oxigraph es su forma N-Triples, con escapes
        salida.write(("\t".join("" if t is None else str(t) for t in fila) + "\n").encode())


_ESCRITORES = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
