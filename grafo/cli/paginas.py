"""Las órdenes que escriben páginas: ``visualizar`` (la red) y ``glosario``."""

from __future__ import annotations

from pathlib import Path

import click

from grafo.cli.comun import Orden, abrir_almacen, emitir, opcion_almacen, tipo_ruta

__all__ = ["glosario", "visualizar"]


@click.command(cls=Orden)
@click.option(
    "-o",
    "--salida",
    "archivo",
    type=tipo_ruta(dir_okay=False, path_type=Path),
    default=Path("grafo.html"),
    show_default=True,
    help="Archivo HTML que se escribe (autocontenido, funciona sin conexión).",
)
@click.option(
    "--vista",
    type=click.Choice(["vocabulario", "foro", "completa"]),
    default="vocabulario",
    show_default=True,
    help="vocabulario: instrumentos, actores, niveles y normas (los enunciados, en las fichas); "
    "foro: sesiones, oradores y enunciados; completa: todo.",
)
@click.option(
    "--centro", metavar="TERMINO", default=None, help="Solo la vecindad de TERMINO (sigla o nombre)."
)
@click.option("--radio", type=int, default=1, show_default=True, help="Saltos desde --centro.")
@click.option(
    "--tipo",
    "tipos",
    multiple=True,
    type=click.Choice(
        ["instrumento", "concepto", "actor", "nivel", "norma", "sesion", "orador", "enunciado"]
    ),
    help="Solo estos tipos de nodo (repetible).",
)
@opcion_almacen
def visualizar(
    archivo: Path, vista: str, centro: str | None, radio: int, tipos: tuple[str, ...], almacen: Path | None
) -> None:
    """Escribe la red interactiva: un solo archivo HTML, sin conexión, con búsqueda, filtros y fichas."""
    from grafo.paginas.red import construir_red, guardar_red

    red = construir_red(abrir_almacen(almacen), vista=vista, centro=centro, radio=radio, tipos=tipos)
    guardar_red(red, archivo)
    click.echo(f"Red escrita en {archivo}: {len(red.nodos)} nodos, {len(red.aristas)} aristas.")
    if red.aviso:
        click.echo(red.aviso, err=True)


@click.command(cls=Orden)
@click.option(
    "-o",
    "--salida",
    "archivo",
    type=tipo_ruta(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Archivo que se escribe (por defecto glosario.html, o glosario.md con --formato md); "
    "'-' escribe en la salida estándar.",
)
@click.option(
    "--formato",
    type=click.Choice(["html", "md"]),
    default="html",
    show_default=True,
    help="html: página autocontenida e imprimible, con índices e interruptor es/en; md: Markdown.",
)
@opcion_almacen
def glosario(archivo: Path | None, formato: str, almacen: Path | None) -> None:
    """Escribe el glosario: una ficha por término, con índice A–Z y por categoría.

    Las citas del foro enlazan a su enunciado en grafo.html si esa página está junto al archivo.
    """
    from grafo.paginas.glosario import guardar_glosario, leer_glosario, texto_glosario

    g = leer_glosario(abrir_almacen(almacen))
    if archivo is not None and str(archivo) == "-":
        emitir(texto_glosario(g, formato, red=None).rstrip("\n"))
        return
    ruta = archivo or Path(f"glosario.{formato}")
    guardar_glosario(g, ruta, formato)
    click.echo(f"Glosario escrito en {ruta}: {len(g.entradas)} términos.")
