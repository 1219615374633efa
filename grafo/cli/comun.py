"""Lo que comparten las órdenes: ``--almacen`` y ``--tiempo-maximo``, rutas con nombre en español,
abrir el almacén (con sus avisos) e imprimir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from grafo.consultas.pedido import TIEMPO_MAXIMO

__all__ = ["Orden", "abrir_almacen", "emitir", "opcion_almacen", "opcion_tiempo_maximo", "tipo_ruta"]


class _OpcionAlmacen(click.Option):
    """``--almacen``: su ayuda dice qué grafo se usa ahora por defecto."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from grafo.construccion.cache import origen_por_defecto

        self.help = (
            "Directorio de 'grafo construir' que se lee. Por defecto: ./salida si contiene una "
            "construcción; si no, el grafo incluido (vocabulario + foro de Cajamarca 2013), en la "
            f"caché del usuario. Ahora: {origen_por_defecto()}."
        )
        return super().get_help_record(ctx)


def opcion_almacen(f: Any) -> Any:
    """``--almacen DIR``: el directorio de 'grafo construir' que se lee."""
    return click.option(
        "--almacen",
        cls=_OpcionAlmacen,
        type=tipo_ruta(exists=True, file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
    )(f)


def opcion_tiempo_maximo(ayuda: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--tiempo-maximo S``: segundos (> 0) que puede durar una consulta."""
    return click.option(
        "--tiempo-maximo",
        type=click.FloatRange(min=0, min_open=True),
        default=TIEMPO_MAXIMO,
        show_default=True,
        metavar="S",
        help=ayuda,
    )


def abrir_almacen(almacen: Path | None) -> Any:
    """El almacén de ``--almacen`` (o el de por defecto); sus avisos, a la salida de errores."""
    from grafo.construccion.cache import abrir

    a = abrir(almacen)
    for aviso in a.avisos:
        click.echo(aviso, err=True)
    return a


class Orden(click.Command):
    """Orden con el marcador de opciones en español en la línea de uso."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)


def tipo_ruta(**kwargs: Any) -> click.Path:
    """Un ``click.Path`` cuyo nombre en los errores está en español."""
    tipo = click.Path(**kwargs)
    tipo.name = (
        "directorio"
        if not kwargs.get("file_okay", True)
        else ("archivo" if not kwargs.get("dir_okay", True) else "ruta")
    )
    return tipo


def emitir(texto: str) -> None:
    """Imprime ``texto`` en la salida estándar."""
    click.echo(texto)
