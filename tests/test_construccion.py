"""Orquestación de construir: archivos, conteos y nada a medio escribir."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from grafo import construccion
from grafo.construccion import construir, contar
from grafo.errores import ValidacionError
from grafo.validacion import Informe, Violacion


def test_construir_escribe_tres_formatos(tmp_path: Path) -> None:
    resumen = construir(tmp_path)
    nombres = sorted(p.name for p in tmp_path.iterdir())
    assert nombres == ["grafo.jsonld", "grafo.trig", "grafo.ttl"]
    trig = Dataset()
    trig.parse(tmp_path / "grafo.trig", format="trig")
    assert len(list(trig.graphs())) >= 2
    ttl = Graph().parse(tmp_path / "grafo.ttl", format="turtle")
    assert len(ttl) == resumen.conteos["tripletas"]
    jsonld = Graph().parse(tmp_path / "grafo.jsonld", format="json-ld")
    assert len(jsonld) == len(ttl)


def test_conteos_minimos(ds: Dataset) -> None:
    c = contar(ds)
    assert c["competencias"] >= 40
    assert c["conceptos"] >= 30
    assert c["normas"] >= 20
    assert c["actores"] >= 25
    assert c["relaciones"] >= 15


def test_validacion_fallida_no_escribe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "grafo.ttl").write_text("# versión buena anterior\n", encoding="utf-8")
    malo = Informe([Violacion("gtk:x", "X", "gt:titular", "falta el titular.")], 10)
    monkeypatch.setattr(construccion, "validar", lambda _ds: malo)
    with pytest.raises(ValidacionError, match="1 violaciones SHACL; no se escribió nada"):
        construir(tmp_path)
    assert (tmp_path / "grafo.ttl").read_text(encoding="utf-8") == "# versión buena anterior\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grafo.ttl"]
