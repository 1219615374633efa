"""La jerarquía de errores."""

from __future__ import annotations

import inspect

from grafo.base import errores


def test_todos_los_errores_heredan_de_grafoerror() -> None:
    clases = [c for _n, c in inspect.getmembers(errores, inspect.isclass) if c.__module__ == errores.__name__]
    assert len(clases) >= 8
    for c in clases:
        assert issubclass(c, errores.GrafoError)
        assert c.__name__.endswith("Error")
        assert c.__doc__


def test_termino_desconocido_guarda_sugerencias() -> None:
    e = errores.TerminoDesconocidoError("x", ["ZEE"])
    assert e.sugerencias == ["ZEE"]
