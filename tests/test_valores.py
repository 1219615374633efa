"""Celdas como valores de Python (grafo.consultas.valores): cada tipo XSD, IRIs, nodos anónimos y
valores mal formados, que se dan tal cual."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from grafo.consultas.valores import IRI, NodoAnonimo, valor_python

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("valor", "tipo", "esperado"),
    [
        ("214", "integer", 214),
        ("-3", "int", -3),
        ("7", "nonNegativeInteger", 7),
        ("0.10", "decimal", Decimal("0.10")),
        ("1.5E2", "double", 150.0),
        ("true", "boolean", True),
        ("0", "boolean", False),
        ("2013-09-20", "date", date(2013, 9, 20)),
        (
            "2013-09-20T09:00:00-05:00",
            "dateTime",
            datetime(2013, 9, 20, 9, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("2025-01-01T00:00:00Z", "dateTime", datetime(2025, 1, 1, tzinfo=UTC)),
        ("hola", "string", "hola"),
    ],
)
def test_literales_tipados(valor: str, tipo: str, esperado: object) -> None:
    v = valor_python(valor, "literal", XSD + tipo)
    assert v == esperado and type(v) is type(esperado)


def test_mal_formado_se_da_tal_cual() -> None:
    assert valor_python("veinte", "literal", XSD + "integer") == "veinte"
    assert valor_python("2013-13-45", "literal", XSD + "date") == "2013-13-45"
    assert valor_python("quizá", "literal", XSD + "boolean") == "quizá"


def test_iri_y_nodo_anonimo_se_distinguen_del_texto() -> None:
    iri = valor_python("https://example.org/x", "uri")
    assert isinstance(iri, IRI) and iri == "https://example.org/x" and repr(iri).startswith("IRI(")
    nodo = valor_python("b0", "bnode")
    assert isinstance(nodo, NodoAnonimo) and not isinstance(nodo, IRI)
    assert type(valor_python("https://example.org/x", "literal")) is str
