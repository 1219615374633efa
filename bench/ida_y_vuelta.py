"""Ida y vuelta de cada formato de ``grafo exportar`` (no es una prueba): exporta, lee con un lector
independiente y cuenta lo mismo que el almacén.

Uso:
    python bench/ida_y_vuelta.py [--almacen DIR]

Para cada formato: bytes escritos, segundos, lector usado, cuadruplos o tripletas leídos, enunciados,
menciones (pares enunciado–concepto con ``gt:menciona``) y afirmaciones, y si el RDF leído es isomorfo
al del almacén (los grafos con nombre en TriG, N-Quads y JSON-LD; la unión en Turtle, N-Triples y
RDF/XML). GraphML se lee con networkx y el zip CSV con el módulo ``csv``: se cuentan nodos por tipo y
aristas ``menciona``. Sin ``--almacen`` se construye el grafo incluido en un directorio temporal.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import zipfile
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from servir import almacen_o_construido

from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.compartir.exportacion import FORMATOS, exportar

_CUENTAS = """
SELECT (COUNT(DISTINCT ?e) AS ?e_n) (COUNT(DISTINCT ?m) AS ?m_n) (COUNT(DISTINCT ?a) AS ?a_n) WHERE {
  { ?e a gt:Enunciado } UNION { ?x gt:menciona ?y BIND(CONCAT(STR(?x), " ", STR(?y)) AS ?m) }
  UNION { ?a a gt:Afirmacion }
}"""
_GT = "PREFIX gt: <https://w3id.org/grafo-territorial/ontologia#>\n"
_LECTOR = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld", "ttl": "turtle", "nt": "nt", "rdfxml": "xml"}


def _cuentas_rdflib(g: Graph | Dataset) -> tuple[int, int, int]:
    fila = next(iter(g.query(_GT + _CUENTAS)))
    return int(fila[0]), int(fila[1]), int(fila[2])  # type: ignore[index]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--almacen", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        almacen: Almacen = abrir_almacen(almacen_o_construido(args.almacen, Path(tmp)))
        import pyoxigraph as ox

        f = almacen.seleccionar(_CUENTAS)[0]
        esperado = (int(f["e_n"]), int(f["m_n"]), int(f["a_n"]))
        original = Dataset()
        original.parse(data=almacen.store.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
        union = Graph()
        for s, p, o, _g in original.quads((None, None, None, None)):
            union.add((s, p, o))
        print(f"almacén: {len(almacen.store)} cuádruplos; enunciados, menciones, afirmaciones = {esperado}")
        print()
        print("| formato | bytes | s | lector | leído | enunciados | menciones | afirmaciones | isomorfo |")
        print("|---|---|---|---|---|---|---|---|---|")
        for formato, ext in FORMATOS.items():
            ruta = Path(tmp) / f"grafo.{ext}"
            t0 = time.perf_counter()
            exportar(almacen, formato, ruta)
            segundos = time.perf_counter() - t0
            tam = ruta.stat().st_size
            if formato in ("trig", "nq", "jsonld"):
                ds = Dataset()
                ds.parse(ruta, format=_LECTOR[formato])
                ds.default_union = True
                cuentas = _cuentas_rdflib(ds)
                nombres = {g.identifier for g in original.graphs() if len(g)}
                iso = nombres == {g.identifier for g in ds.graphs() if len(g)} and all(
                    isomorphic(original.graph(n), ds.graph(n)) for n in nombres
                )
                leido, lector, isotxt = (
                    f"{sum(1 for _ in ds.quads())} cuádruplos",
                    "rdflib",
                    "sí" if iso else "NO",
                )
            elif formato in _LECTOR:
                g = Graph().parse(ruta, format=_LECTOR[formato])
                cuentas = _cuentas_rdflib(g)
                leido, lector, isotxt = (
                    f"{len(g)} tripletas",
                    "rdflib",
                    "sí" if isomorphic(g, union) else "NO",
                )
            elif formato == "graphml":
                red = nx.read_graphml(ruta)
                tipos = nx.get_node_attributes(red, "tipo")
                cuentas = (
                    sum(t == "Enunciado" for t in tipos.values()),
                    sum(1 for _a, _b, d in red.edges(data=True) if d["relacion"] == "menciona"),
                    sum(t == "Afirmación" for t in tipos.values()),
                )
                leido = f"{red.number_of_nodes()} nodos, {red.number_of_edges()} aristas"
                lector, isotxt = "networkx", "—"
            else:
                with zipfile.ZipFile(ruta) as z:
                    nodos = list(csv.DictReader(io.StringIO(z.read("nodos.csv").decode("utf-8"))))
                    aristas = list(csv.DictReader(io.StringIO(z.read("aristas.csv").decode("utf-8"))))
                cuentas = (
                    sum(n["tipo"] == "Enunciado" for n in nodos),
                    sum(a["relacion"] == "menciona" for a in aristas),
                    sum(n["tipo"] == "Afirmación" for n in nodos),
                )
                leido = f"{len(nodos)} nodos, {len(aristas)} aristas"
                lector, isotxt = "csv", "—"
            marca = "" if cuentas == esperado else " (DISTINTO)"
            print(
                f"| {formato} | {tam:,} | {segundos:.2f} | {lector} | {leido} | {cuentas[0]} | "
                f"{cuentas[1]} | {cuentas[2]}{marca} | {isotxt} |"
            )


if __name__ == "__main__":
    main()
