"""Etapa almacen: escritura atómica y conversión de términos."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

from grafo.almacen import de_oxigraph, escribir_atomico, escribir_varios, termino_oxigraph
from grafo.errores import SalidaError
from grafo.espacios import XSD


def test_escribir_atomico(tmp_path: Path) -> None:
    destino = tmp_path / "a.txt"
    escribir_atomico(destino, lambda p: p.write_text("hola", encoding="utf-8"))
    assert destino.read_text(encoding="utf-8") == "hola"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fallo_no_reemplaza_ni_deja_temporales(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("viejo", encoding="utf-8")

    def falla(_p: Path) -> None:
        raise RuntimeError("a medio escribir")

    with pytest.raises(RuntimeError):
        escribir_varios({a: lambda p: p.write_text("nuevo", encoding="utf-8"), b: falla})
    assert a.read_text(encoding="utf-8") == "viejo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_directorio_no_escribible(tmp_path: Path) -> None:
    bloqueo = tmp_path / "archivo"
    bloqueo.write_text("x", encoding="utf-8")
    with pytest.raises(SalidaError, match="no se pudo escribir"):
        escribir_atomico(bloqueo / "sub" / "a.txt", lambda p: p.write_text("x", encoding="utf-8"))


@pytest.mark.parametrize(
    "t",
    [
        URIRef("http://ex/a"),
        BNode("b1"),
        Literal("hola", lang="es"),
        Literal("2013-09-20T00:00:00-05:00", datatype=XSD.dateTime),
        Literal("texto"),
    ],
)
def test_ida_y_vuelta_de_terminos(t: object) -> None:
    assert de_oxigraph(termino_oxigraph(t)) == t  # type: ignore[arg-type]
