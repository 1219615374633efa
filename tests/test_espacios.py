"""Prefijos del proyecto."""

from __future__ import annotations

from rdflib import Graph

from grafo.base.espacios import GT, PREFIJOS, enlazar_prefijos


def test_prefijos_enlazados() -> None:
    g = Graph()
    enlazar_prefijos(g)
    assert str(dict(g.namespaces())["gt"]) == str(GT)
    assert g.namespace_manager.normalizeUri(GT.Competencia) == "gt:Competencia"


def test_iris_de_individuos_con_barra_y_terminos_con_almohadilla() -> None:
    assert PREFIJOS["gt"].endswith("#")
    for p in ("gtc", "gta", "gtn", "gtart", "gtk", "gtr", "gtv"):
        assert PREFIJOS[p].endswith("/")
