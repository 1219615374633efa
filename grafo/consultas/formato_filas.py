"""Formatos de salida de un ``Resultado``: ``tabla`` (terminal), ``csv``, ``json`` y ``md``.

- ``json``: un arreglo de objetos con las columnas como claves, en orden; ``ASK`` da ``true`` o
  ``false`` (un booleano JSON).
- ``csv``: cabecera y filas (RFC 4180, fin de línea ``\\n``).
- ``md``: tabla Markdown; ``|`` y saltos de línea escapados.
- ``tabla``: tabla de rich que cabe en el ancho de la terminal y parte las celdas largas; rich solo
  se importa para este formato.
"""

from __future__ import annotations

import csv
import io
import json

from grafo.base.errores import ConsultaInvalidaError
from grafo.consultas.motores import Resultado

__all__ = ["FORMATOS", "formatear"]

FORMATOS = ("tabla", "csv", "json", "md")


def _md_celda(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _tabla(resultado: Resultado, ancho: int | None, pie: str) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # que las palabras no se partan si caben: mínimo por columna = su palabra más larga (con tope);
    # si así rich tuviera que recortar la tabla, se repite sin mínimos (parte palabras, no recorta)
    minimos = [
        min(16, max([len(p) for f in resultado.filas for p in f[i].split()] + [len(c)]))
        for i, c in enumerate(resultado.columnas)
    ]
    texto = ""
    for intento in (minimos, [0] * len(minimos)):
        tabla = Table(show_lines=False, header_style="bold")
        for c, m in zip(resultado.columnas, intento, strict=True):
            tabla.add_column(Text(c), overflow="fold", min_width=m or None)
        for f in resultado.filas:
            tabla.add_row(*(Text(v) for v in f))  # Text: sin marcado ni emojis, tal cual
        consola = Console(
            file=io.StringIO(),
            width=ancho,
            force_terminal=False,
            no_color=True,
            highlight=False,
            soft_wrap=False,
        )
        consola.print(tabla)
        lineas = [linea.rstrip() for linea in str(consola.file.getvalue()).rstrip("\n").split("\n")]  # type: ignore[attr-defined]
        texto = "\n".join(lineas)
        if all(linea[-1] in _BORDES for linea in lineas if linea and linea[0] in _BORDES):
            break
    if pie:
        import textwrap

        texto += "\n" + "\n".join(textwrap.wrap(pie, width=ancho or 80, break_on_hyphens=False) or [pie])
    return texto


_BORDES = "┏┃┡│└┓┩┘"


def formatear(resultado: Resultado, formato: str, *, ancho: int | None = None, pie: str = "") -> str:
    """El resultado como ``csv``, ``json``, ``md`` o ``tabla`` (de ``ancho`` columnas, con ``pie``)."""
    if formato == "json":
        if resultado.booleano is not None:
            return json.dumps(resultado.booleano)
        return json.dumps(resultado.como_dicts(), ensure_ascii=False, indent=2)
    if formato == "csv":
        salida = io.StringIO()
        w = csv.writer(salida, lineterminator="\n")
        w.writerow(resultado.columnas)
        w.writerows(resultado.filas)
        return salida.getvalue().rstrip("\n")
    if formato == "md":
        lineas = [
            "| " + " | ".join(resultado.columnas) + " |",
            "|" + "|".join("---" for _ in resultado.columnas) + "|",
        ]
        lineas += ["| " + " | ".join(_md_celda(c) for c in f) + " |" for f in resultado.filas]
        return "\n".join(lineas)
    if formato == "tabla":
        return _tabla(resultado, ancho, pie)
    raise ConsultaInvalidaError(f"formato desconocido '{formato}'. Formatos: {', '.join(FORMATOS)}.")
