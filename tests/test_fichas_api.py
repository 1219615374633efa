"""``Grafo.ficha`` busca lo mismo que ``grafo definir`` y se imprime igual (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import grafo
from grafo.cli import cli
from grafo.fichas.modelo import Ficha, FichaActor, FichaNivel, FichaNorma


@pytest.fixture(scope="module")
def g(salida: Path) -> grafo.Grafo:
    return grafo.abrir(salida)


def _definir(salida: Path, *args: str) -> str:
    r = CliRunner().invoke(cli, ["definir", *args, "--almacen", str(salida)])
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.parametrize(
    ("termino", "clase"),
    [("ZEE", Ficha), ("MINAM", FichaActor), ("Regional", FichaNivel), ("Ley 27795", FichaNorma)],
)
def test_ficha_resuelve_lo_que_resuelve_definir(
    g: grafo.Grafo, salida: Path, termino: str, clase: type
) -> None:
    f = g.ficha(termino)
    assert isinstance(f.modelo, clase)
    assert str(f) + "\n" == _definir(salida, termino)


def test_str_y_markdown_como_la_cli(g: grafo.Grafo, salida: Path) -> None:
    f = g.ficha("ZEE")
    assert str(f) + "\n" == _definir(salida, "ZEE")
    assert f.markdown() + "\n" == _definir(salida, "ZEE", "--formato", "md")
    assert f._repr_markdown_() == f.markdown()
    assert f.markdown(idioma="en") + "\n" == _definir(salida, "ZEE", "--formato", "md", "--idioma", "en")
    assert f.termino.es == "Zonificación Ecológica y Económica"  # los campos del modelo, tal cual


def test_texto_bilingue() -> None:
    """Un ``Texto`` es un valor en dos idiomas: ``solo`` da el de un idioma; ``en_idioma``, en inglés,
    el español si falta el inglés (lo que se cita igual en los dos, como una fuente)."""
    from grafo.fichas.modelo import Texto

    t = Texto("Ley", "Law")
    assert (t.solo("es"), t.solo("en"), t.en_idioma("en")) == ("Ley", "Law", "Law")
    solo_es = Texto("Ley 27795")
    assert (solo_es.solo("en"), solo_es.en_idioma("en"), solo_es.en_idioma("es")) == (
        "",
        "Ley 27795",
        "Ley 27795",
    )
    assert Texto("", "only English") and not Texto("")
