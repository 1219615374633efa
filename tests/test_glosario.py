"""Etapa glosario: búsqueda de términos y fichas."""

from __future__ import annotations

import pytest
from rdflib import Graph

from grafo.errores import TerminoDesconocidoError
from grafo.espacios import GT, GTA, GTC, GTV
from grafo.glosario import ficha, ficha_texto, normalizar, resolver


def test_normalizar() -> None:
    assert normalizar("  Demarcación   Territorial ") == "demarcacion territorial"
    assert normalizar("la ZEE") == "zee"
    assert normalizar("ÁMBITO") == "ambito"


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("ZEE", GTC.zee),
        ("zee", GTC.zee),
        ("la ZEE", GTC.zee),
        ("zonificacion ecologica y economica", GTC.zee),
        ("acondicionamiento territorial", GTC["acondicionamiento-territorial"]),
        ("DEMARCACIÓN TERRITORIAL", GTC["demarcacion-territorial"]),
        ("OT", GTC.ot),
        ("POT", GTC.pot),
    ],
)
def test_resolver_terminos(union: Graph, texto: str, esperado: object) -> None:
    assert resolver(union, texto) == esperado


def test_resolver_niveles_actores_y_tipos(union: Graph) -> None:
    assert resolver(union, "regional", GT.NivelDeGobierno) == GTV.regional
    assert resolver(union, "MINAM", GT.Actor) == GTA.minam
    assert resolver(union, "entidad publica", None) == GT.EntidadPublica


def test_termino_desconocido_sugiere(union: Graph) -> None:
    with pytest.raises(TerminoDesconocidoError) as e:
        resolver(union, "zonificacion ecologica")
    assert any("Zonificación Ecológica y Económica" in s for s in e.value.sugerencias)
    with pytest.raises(TerminoDesconocidoError, match="no se encontró"):
        resolver(union, "xyzzy")


def test_ficha_zee_completa(union: Graph) -> None:
    f = ficha(union, "ZEE")
    assert "ZEE" in f.siglas
    assert "es un proceso dinámico y flexible" in f.definicion
    assert "D.S. 087-2004-PCM, art. 1" in f.fuente
    assert f.nota_alcance and f.definicion_en
    assert f.competencias and {c.nivel for c in f.competencias} >= {"Nacional", "Regional"}
    assert all(c.base_legal for c in f.competencias)
    assert f.relaciones
    assert f.mas_especificos
    texto = ficha_texto(f)
    for parte in ("Definición", "Fuente: ", "Competencias por nivel", "Instrumentos relacionados"):
        assert parte in texto


def test_ficha_demarcacion_e_historia(union: Graph) -> None:
    f = ficha(union, "demarcacion")
    assert "Ley 27795" in f.fuente
    assert f.nota_historica
    assert any(c.hasta for c in f.competencias), "la rectoría de la DNTDT terminó (Ley 30918)"
