"""Etapa *exportación*: el grafo construido en los formatos que usan otras herramientas.

Entrada: el almacén (``pyoxigraph.Store``, solo lectura). Salida: un archivo (o la salida estándar) en

- ``trig`` y ``nq`` (todo, con los grafos con nombre), ``ttl``, ``nt`` y ``rdfxml`` (la unión de los
  grafos, sin duplicados): escritos por Oxigraph directamente desde el almacén, sin cargarlo en memoria;
- ``jsonld``: JSON-LD con un ``@context`` de verdad (los prefijos del proyecto) y los grafos con nombre
  (un nodo ``@graph`` por grafo), escrito sujeto a sujeto mientras se recorre el almacén;
- ``graphml``: una red para networkx o Gephi: un nodo por recurso con etiqueta (atributos ``etiqueta`` y
  ``tipo``), una arista por tripleta entre dos de ellos (atributo ``relacion``, en español si la
  propiedad tiene etiqueta);
- ``csv``: un zip con ``nodos.csv`` (id, etiqueta, tipo) y ``aristas.csv`` (origen, relacion, destino),
  con fila de cabecera: lo mismo que ``graphml``, para una hoja de cálculo.

Se escribe de forma atómica (un archivo temporal al lado y un cambio de nombre).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from grafo.almacen.almacen import Almacen
from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_atomico
from grafo.base.espacios import PREFIJOS

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["FORMATOS", "exportar", "red_de_recursos"]

#: formato -> extensión del archivo por defecto
FORMATOS: dict[str, str] = {
    "trig": "trig",
    "nq": "nq",
    "ttl": "ttl",
    "nt": "nt",
    "jsonld": "jsonld",
    "rdfxml": "rdf",
    "graphml": "graphml",
    "csv": "zip",
}

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def _union(store: ox.Store) -> Any:
    import pyoxigraph as ox

    resultado = store.query(_UNION, use_default_graph_as_union=True)
    assert isinstance(resultado, ox.QueryTriples)
    return resultado


def _escribir_rdf(store: ox.Store, formato: str, salida: IO[bytes]) -> None:
    import pyoxigraph as ox

    if formato == "trig":
        store.dump(salida, ox.RdfFormat.TRIG, prefixes=PREFIJOS)
    elif formato == "nq":
        store.dump(salida, ox.RdfFormat.N_QUADS)
    else:
        destino = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
        prefijos = PREFIJOS if formato != "nt" else None
        if prefijos:
            ox.serialize(_union(store), salida, destino[formato], prefixes=prefijos)
        else:
            ox.serialize(_union(store), salida, destino[formato])


# --- JSON-LD ------------------------------------------------------------------------------------------


def _compacto(iri: str) -> str:
    """``iri`` con el prefijo del proyecto más largo que le corresponda (``gt:Instrumento``)."""
    mejor = ("", "")
    for prefijo, espacio in PREFIJOS.items():
        if iri.startswith(espacio) and len(espacio) > len(mejor[1]) and iri != espacio:
            resto = iri[len(espacio) :]
            if resto and all(c.isalnum() or c in "-_." for c in resto):
                mejor = (prefijo, espacio)
    return f"{mejor[0]}:{iri[len(mejor[1]) :]}" if mejor[0] else iri


def _valor_jsonld(termino: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(termino, ox.NamedNode):
        return {"@id": _compacto(termino.value)}
    if isinstance(termino, ox.BlankNode):
        return {"@id": f"_:{termino.value}"}
    valor: dict[str, str] = {"@value": termino.value}
    if termino.language:
        valor["@language"] = termino.language
    elif termino.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        valor["@type"] = _compacto(termino.datatype.value)
    return valor


def _id_jsonld(termino: Any) -> str:
    import pyoxigraph as ox

    return f"_:{termino.value}" if isinstance(termino, ox.BlankNode) else _compacto(termino.value)


def _nodos_jsonld(quads: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Los nodos JSON-LD de las quads de un mismo grafo, sujeto a sujeto, sin cargar el grafo.

    Oxigraph recorre un grafo por su índice GSPO: las quads de un mismo sujeto llegan seguidas, así
    que basta agruparlas al paso (``itertools.groupby``); el orden de los sujetos es el del índice
    (fijo para un mismo almacén) y el de las propiedades y valores, el alfabético.
    """
    for _sujeto, grupo in groupby(quads, key=lambda q: q.subject):
        props: dict[str, list[Any]] = {}
        primero = None
        for q in grupo:
            primero = primero or q
            es_tipo = q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            if es_tipo and not hasattr(q.object, "language"):
                props.setdefault("@type", []).append(_compacto(q.object.value))
            else:
                props.setdefault(_compacto(q.predicate.value), []).append(_valor_jsonld(q.object))
        assert primero is not None
        yield {
            "@id": _id_jsonld(primero.subject),
            **{p: sorted(v, key=json.dumps) for p, v in sorted(props.items())},
        }


def _escribir_jsonld(store: ox.Store, salida: IO[bytes]) -> None:
    import pyoxigraph as ox

    contexto = {p: e for p, e in sorted(PREFIJOS.items())}
    salida.write(b'{"@context": ' + json.dumps(contexto, ensure_ascii=False).encode() + b",\n")
    salida.write(b' "@graph": [')
    separador = b"\n"
    # los nodos del grafo por defecto van sueltos; cada grafo con nombre, en su nodo con @graph
    for nodo in _nodos_jsonld(store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        salida.write(separador + json.dumps(nodo, ensure_ascii=False).encode())
        separador = b",\n"
    grafos = sorted(
        [g for g in store.named_graphs() if isinstance(g, ox.NamedNode | ox.BlankNode)],
        key=lambda g: g.value,
    )
    for g in grafos:
        salida.write(separador + b'{"@id": ' + json.dumps(_id_jsonld(g), ensure_ascii=False).encode())
        salida.write(b', "@graph": [')
        dentro = b"\n"
        for nodo in _nodos_jsonld(store.quads_for_pattern(None, None, None, g)):
            salida.write(dentro + json.dumps(nodo, ensure_ascii=False).encode())
            dentro = b",\n"
        salida.write(b"]}")
        separador = b",\n"
    salida.write(b"\n]}\n")


# --- red de recursos (GraphML, CSV) ---------------------------------------------------------------------

_Q_NODOS = """
SELECT ?s (MIN(?et0) AS ?et) (MIN(?tipo0) AS ?tipo) WHERE {
  { ?s skos:prefLabel ?et0 } UNION { ?s rdfs:label ?et0 }
  FILTER(isIRI(?s) && (LANG(?et0) = "es" || LANG(?et0) = ""))
  OPTIONAL {
    ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(gt:)) || ?t = skos:Concept || ?t = skos:ConceptScheme)
    OPTIONAL { ?t rdfs:label ?tl . FILTER(LANG(?tl) = "es") }
  }
  BIND(COALESCE(?tl, REPLACE(STR(?t), "^.*[#/]", ""), "") AS ?tipo0)
} GROUP BY ?s
"""
_Q_ARISTAS = """
SELECT DISTINCT ?s ?p ?o (MIN(?pl0) AS ?pl) WHERE {
  ?s ?p ?o . FILTER(isIRI(?o) && ?p != rdf:type)
  OPTIONAL { ?p rdfs:label ?pl0 . FILTER(LANG(?pl0) = "es") }
} GROUP BY ?s ?p ?o
"""


def red_de_recursos(almacen: Almacen) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """Nodos (IRI -> (etiqueta, tipo)) y aristas (origen, relación, destino) de los recursos con
    etiqueta: lo que exportan ``graphml`` y ``csv``."""
    nodos = {f["s"]: (f["et"], f.get("tipo") or "") for f in almacen.seleccionar(_Q_NODOS)}
    aristas = sorted(
        {
            (f["s"], f.get("pl") or f["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], f["o"])
            for f in almacen.seleccionar(_Q_ARISTAS)
            if f["s"] in nodos and f["o"] in nodos
        }
    )
    return nodos, aristas


def _escribir_graphml(almacen: Almacen, salida: IO[bytes]) -> None:
    import networkx as nx

    nodos, aristas = red_de_recursos(almacen)
    g = nx.MultiDiGraph()
    for iri in sorted(nodos):
        etiqueta, tipo = nodos[iri]
        g.add_node(iri, etiqueta=etiqueta, tipo=tipo)
    for a, rel, b in aristas:
        g.add_edge(a, b, relacion=rel)
    nx.write_graphml(g, salida, encoding="utf-8", prettyprint=True)


def _escribir_csv(almacen: Almacen, salida: IO[bytes]) -> None:
    nodos, aristas = red_de_recursos(almacen)
    with zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as z:
        texto = io.StringIO()
        w = csv.writer(texto, lineterminator="\n")
        w.writerow(["id", "etiqueta", "tipo"])
        w.writerows([iri, *nodos[iri]] for iri in sorted(nodos))
        z.writestr(zipfile.ZipInfo("nodos.csv", (2020, 1, 1, 0, 0, 0)), texto.getvalue())
        texto = io.StringIO()
        w = csv.writer(texto, lineterminator="\n")
        w.writerow(["origen", "relacion", "destino"])
        w.writerows(aristas)
        z.writestr(zipfile.ZipInfo("aristas.csv", (2020, 1, 1, 0, 0, 0)), texto.getvalue())


# --- entrada ----------------------------------------------------------------------------------------------


def exportar(almacen: Almacen, formato: str, destino: Path | IO[bytes]) -> None:
    """Escribe el grafo de ``almacen`` en ``formato`` en ``destino`` (una ruta, de forma atómica, o un
    flujo binario abierto, p. ej. la salida estándar)."""
    if formato not in FORMATOS:
        raise GrafoError(f"formato desconocido '{formato}'. Formatos: {', '.join(FORMATOS)}.")

    def escribir(salida: IO[bytes]) -> None:
        if formato == "jsonld":
            _escribir_jsonld(almacen.store, salida)
        elif formato == "graphml":
            _escribir_graphml(almacen, salida)
        elif formato == "csv":
            _escribir_csv(almacen, salida)
        else:
            _escribir_rdf(almacen.store, formato, salida)

    if isinstance(destino, Path):

        def a_temporal(tmp: Path) -> None:
            with tmp.open("wb") as f:
                escribir(f)

        escribir_atomico(destino, a_temporal)
    else:
        escribir(destino)
