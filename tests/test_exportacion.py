"""grafo exportar: cada formato, leído de vuelta con un lector independiente y comparado con el almacén."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from grafo.almacen.almacen import Almacen
from grafo.cli import cli
from grafo.compartir.exportacion import FORMATOS, exportar


def _cuentas(almacen: Almacen) -> tuple[int, int, int]:
    f = almacen.seleccionar(
        """SELECT (COUNT(DISTINCT ?e) AS ?e_n) (COUNT(DISTINCT ?m) AS ?m_n) (COUNT(DISTINCT ?a) AS ?a_n) WHERE {
          { ?e a gt:Enunciado } UNION { ?x gt:menciona ?y BIND(CONCAT(STR(?x), " ", STR(?y)) AS ?m) }
          UNION { ?a a gt:Afirmacion }
        }"""
    )[0]
    return int(f["e_n"]), int(f["m_n"]), int(f["a_n"])


@pytest.fixture(scope="module")
def original(almacen: Almacen) -> Dataset:
    import pyoxigraph as ox

    ds = Dataset()
    ds.parse(data=almacen.store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return ds


@pytest.fixture(scope="module")
def union_original(original: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _g in original.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("formato", ["trig", "nq", "jsonld"])
def test_formatos_con_grafos_con_nombre(
    formato: str, almacen: Almacen, original: Dataset, tmp_path: Path
) -> None:
    ruta = tmp_path / f"g.{FORMATOS[formato]}"
    exportar(almacen, formato, ruta)
    leido = Dataset()
    leido.parse(ruta, format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[formato])
    nombres = {g.identifier for g in original.graphs()}
    assert {g.identifier for g in leido.graphs() if len(g)} == {
        g.identifier for g in original.graphs() if len(g)
    }
    for nombre in nombres:
        assert isomorphic(original.graph(nombre), leido.graph(nombre)), nombre
    if formato == "jsonld":
        doc = json.loads(ruta.read_text(encoding="utf-8"))
        assert doc["@context"]["gt"] == "https://w3id.org/grafo-territorial/ontologia#"
        assert any("@graph" in n for n in doc["@graph"])  # los grafos con nombre, como nodos @graph
        # escrito al paso: cada sujeto sale una sola vez por grafo (sus quads llegan seguidas)
        for g in doc["@graph"]:
            ids = [n["@id"] for n in g.get("@graph", [])]
            assert len(ids) == len(set(ids)), g["@id"]
        otra = tmp_path / "otra.jsonld"
        exportar(almacen, formato, otra)
        assert otra.read_bytes() == ruta.read_bytes()  # determinista


@pytest.mark.parametrize("formato", ["ttl", "nt", "rdfxml"])
def test_formatos_de_la_union(formato: str, almacen: Almacen, union_original: Graph, tmp_path: Path) -> None:
    ruta = tmp_path / f"g.{FORMATOS[formato]}"
    exportar(almacen, formato, ruta)
    leido = Graph().parse(ruta, format={"ttl": "turtle", "nt": "nt", "rdfxml": "xml"}[formato])
    assert isomorphic(leido, union_original)


def test_graphml_y_csv_cuentan_lo_mismo_que_el_almacen(almacen: Almacen, tmp_path: Path) -> None:
    enunciados, menciones, afirmaciones = _cuentas(almacen)
    exportar(almacen, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    tipos = nx.get_node_attributes(g, "tipo")
    assert sum(t == "Enunciado" for t in tipos.values()) == enunciados == 214
    assert sum(t == "Afirmación" for t in tipos.values()) == afirmaciones
    assert sum(1 for _a, _b, d in g.edges(data=True) if d["relacion"] == "menciona") == menciones
    assert all(isinstance(e, str) and e for e in nx.get_node_attributes(g, "etiqueta").values())

    exportar(almacen, "csv", tmp_path / "g.zip")
    with zipfile.ZipFile(tmp_path / "g.zip") as z:
        assert sorted(z.namelist()) == ["aristas.csv", "nodos.csv"]
        nodos = list(csv.DictReader(io.StringIO(z.read("nodos.csv").decode("utf-8"))))
        aristas = list(csv.DictReader(io.StringIO(z.read("aristas.csv").decode("utf-8"))))
    assert list(nodos[0]) == ["id", "etiqueta", "tipo"] and list(aristas[0]) == [
        "origen",
        "relacion",
        "destino",
    ]
    assert sum(n["tipo"] == "Enunciado" for n in nodos) == enunciados
    assert sum(n["tipo"] == "Afirmación" for n in nodos) == afirmaciones
    assert sum(a["relacion"] == "menciona" for a in aristas) == menciones
    assert len(nodos) == g.number_of_nodes() and len(aristas) == g.number_of_edges()


def test_cli_exportar(salida: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["exportar", "--almacen", str(salida), "-f", "nt", "-o", str(tmp_path / "x.nt")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.nt").stat().st_size > 100_000
    r = runner.invoke(cli, ["exportar", "--almacen", str(salida), "-f", "yaml"])
    assert r.exit_code == 2 and "yaml" in r.output
