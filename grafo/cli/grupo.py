"""El grupo ``grafo``: sus órdenes, ``--version`` y los ``GrafoError`` convertidos en ``Error: ...``."""

from __future__ import annotations

from typing import Any

import click

from grafo.base.errores import GrafoError
from grafo.cli.compartir import exportar, publicar, servir
from grafo.cli.comun import Orden
from grafo.cli.construccion import construir, razonar, validar
from grafo.cli.ensenanza import practicar
from grafo.cli.lectura import consulta, definir, listar_consultas, terminos
from grafo.cli.paginas import glosario, visualizar
from grafo.cli.traduccion import instalar_traduccion

__all__ = ["cli"]


class _Grupo(click.Group):
    """Grupo que convierte los ``GrafoError`` en ``Error: ...`` con código 1, sin traza, y que
    habla español también en los mensajes de uso de click."""

    command_class = Orden

    def main(self, *args: Any, **kwargs: Any) -> Any:
        instalar_traduccion()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GrafoError as e:
            raise click.ClickException(str(e)) from e


def _version(ctx: click.Context, _param: click.Parameter, valor: bool) -> None:
    if not valor or ctx.resilient_parsing:
        return
    from grafo.base.recursos import version_paquete

    click.echo(f"grafo {version_paquete()}")
    ctx.exit()


@click.group(
    cls=_Grupo,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPCIONES]",
    subcommand_metavar="ORDEN [ARGUMENTOS]...",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Muestra la versión y sale.",
)
def cli() -> None:
    """Grafo territorial: ontología, glosario y foro de la gobernanza territorial del Perú.

    'grafo construir' escribe el grafo (un almacén Oxigraph y sus exportaciones); las demás
    órdenes lo leen con --almacen DIR (por defecto ./salida si existe; si no, el grafo incluido).
    """


# click las lista por orden alfabético en ``grafo --help``.
for _orden in (
    construir,
    validar,
    razonar,
    definir,
    terminos,
    listar_consultas,
    consulta,
    visualizar,
    practicar,
    glosario,
    exportar,
    publicar,
    servir,
):
    cli.add_command(_orden)
