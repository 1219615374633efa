"""Etapa triples: construir el Dataset y errores de Turtle con archivo y línea."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from grafo.errores import FuenteInvalidaError
from grafo.espacios import GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, GT, GTC
from grafo.triples import construir_base, grafo_union, leer_turtle


def test_grafos_con_nombre(ds: Dataset) -> None:
    assert (GT.Competencia, None, None) in ds.graph(GRAFO_ONTOLOGIA)
    assert len(ds.graph(GRAFO_GLOSARIO)) > 1000
    assert (GT.Competencia, None, None) not in ds.graph(GRAFO_GLOSARIO)


def test_relaciones_materializadas(union: Graph) -> None:
    assert (GTC.ot, GT.relacionadoCon, None) in union or (None, GT.relacionadoCon, GTC.ot) in union


def test_turtle_mal_formado_cita_archivo_y_linea(tmp_path: Path) -> None:
    malo = tmp_path / "malo.ttl"
    malo.write_text(
        '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "sin cerrar .\n', encoding="utf-8"
    )
    with pytest.raises(FuenteInvalidaError) as e:
        leer_turtle(Graph(), malo)
    assert "malo.ttl:3" in str(e.value)


def test_prefijo_no_declarado(tmp_path: Path) -> None:
    malo = tmp_path / "prefijo.ttl"
    malo.write_text("nada:a nada:b nada:c .\n", encoding="utf-8")
    with pytest.raises(FuenteInvalidaError, match=r"prefijo\.ttl"):
        leer_turtle(Graph(), malo)


def test_extras_se_anaden_al_glosario(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://ex/a> <http://ex/b> <http://ex/c> .\n", encoding="utf-8")
    ds = construir_base([extra])
    a, b, c = (URIRef(f"http://ex/{x}") for x in "abc")
    assert (a, b, c) in ds.graph(GRAFO_GLOSARIO)
    assert (a, b, c) in grafo_union(ds)
