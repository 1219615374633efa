"""Las órdenes que escriben y comprueban el grafo: ``construir``, ``validar`` y ``razonar``."""

from __future__ import annotations

from pathlib import Path

import click

from grafo.cli.comun import Orden, abrir_almacen, opcion_almacen, tipo_ruta

__all__ = ["construir", "razonar", "validar"]


@click.command(cls=Orden)
@click.option(
    "--salida",
    type=tipo_ruta(file_okay=False, path_type=Path),
    default=Path("salida"),
    show_default=True,
    help="Directorio donde escribir la construcción (se reemplaza entera, de una vez).",
)
@click.option(
    "--foro",
    "foros",
    multiple=True,
    type=tipo_ruta(exists=True, dir_okay=False, path_type=Path),
    help="Archivo YAML de otro foro que se añade al incluido (repetible).",
)
def construir(salida: Path, foros: tuple[Path, ...]) -> None:
    """Valida y construye el grafo: almacén Oxigraph, manifiesto, grafo.trig, grafo.ttl, grafo.jsonld."""
    from grafo.construccion.proceso import construir as _construir

    resumen = _construir(salida, foros)
    click.echo(f"Grafo construido en {salida}/")
    for clave, valor in resumen.conteos.items():
        click.echo(f"  {clave:<14}{valor:>7}")
    click.echo(f"  validación SHACL: {resumen.violaciones} violaciones")
    click.echo(f"  almacén: {salida / 'almacen'}/")
    for ruta in resumen.archivos:
        click.echo(f"  escrito: {ruta}")


@click.command(cls=Orden)
@click.argument("archivos", nargs=-1, type=tipo_ruta(exists=True, dir_okay=False, path_type=Path))
@opcion_almacen
def validar(archivos: tuple[Path, ...], almacen: Path | None) -> None:
    """Valida con las formas SHACL el grafo construido.

    Con ARCHIVOS .yaml, valida cada foro por sí solo (esquema, referencias y formas) frente al
    vocabulario del grafo; con ARCHIVOS .ttl, los añade al grafo antes de validar.
    """
    from grafo.construccion.validacion import validar_almacen

    informe = validar_almacen(abrir_almacen(almacen), archivos)
    click.echo(informe.texto())
    if not informe.conforme:
        raise click.ClickException(f"{len(informe.violaciones)} violaciones SHACL.")


@click.command(cls=Orden)
@click.argument("archivos", nargs=-1, type=tipo_ruta(exists=True, dir_okay=False, path_type=Path))
def razonar(archivos: tuple[Path, ...]) -> None:
    """Comprueba la consistencia con HermiT y lista los tipos inferidos (requiere Java).

    ARCHIVOS .ttl se añaden al glosario antes de razonar.
    """
    from grafo.razonamiento.razonar import razonar_fuentes

    click.echo(razonar_fuentes(archivos).texto())
