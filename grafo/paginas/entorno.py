"""El entorno Jinja2 de las páginas: plantillas de ``grafo/paginas/plantillas`` (datos del paquete),
con autoescape.

Todo valor que una plantilla escribe con ``{{ }}`` se escapa solo; lo que ya es HTML tiene que ser
``markupsafe.Markup`` (una macro, u otra plantilla ya escrita). El escape es el de ``html.escape``
(``&#x27;``, ``&quot;``), el que las páginas usaron siempre: ``finalize`` marca cada ``str`` como
``_TextoHTML``, que autoescape escapa por su ``__html__``. Sin autoescape nada se escaparía.

Las plantillas ``*.frag.j2`` son fragmentos de una sola línea escritos en varias para leerlos: al
cargarlas se quitan los saltos de línea y la sangría de la plantilla (``_SinSaltos``), nunca los de
los datos. Las demás se escriben tal cual.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

import jinja2
from jinja2.ext import Extension

__all__ = ["entorno"]


class _TextoHTML(str):
    """Un texto que autoescape escapa con ``html.escape``."""

    __slots__ = ()

    def __html__(self) -> str:
        return html.escape(self, quote=True)


def _finalizar(valor: Any) -> Any:
    return _TextoHTML(valor) if type(valor) is str else valor


_SALTO = re.compile(r"\n[ \t]*")


class _SinSaltos(Extension):
    """Quita los saltos de línea y la sangría del texto de las plantillas ``*.frag.j2``."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _SALTO.sub("", source) if name is not None and name.endswith(".frag.j2") else source


@cache
def entorno() -> jinja2.Environment:
    """El entorno de las plantillas de las páginas (uno por proceso)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("grafo.paginas", "plantillas"),
        autoescape=True,
        finalize=_finalizar,
        extensions=[_SinSaltos],
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
