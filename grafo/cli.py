"""La orden ``grafo``: analiza argumentos, llama a una función de la biblioteca e imprime.

Códigos de salida: 0 bien, 1 error esperado (entrada inválida, consulta inválida, ontología
inconsistente, validación fallida), 2 error de uso.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errores import GrafoError

__all__ = ["cli", "main"]


class _Grupo(click.Group):
    """Grupo que convierte los ``GrafoError`` en ``Error: ...`` con código 1, sin traza."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GrafoError as e:
            raise click.ClickException(str(e)) from e


@click.group(cls=_Grupo, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grafo", message="%(prog)s %(version)s")
def cli() -> None:
    """Grafo territorial: ontología, glosario y foro de la gobernanza territorial del Perú."""


@cli.command()
@click.option(
    "--salida",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("salida"),
    show_default=True,
    help="Directorio donde escribir los archivos.",
)
@click.option(
    "--foro",
    "foros",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Archivo YAML de otro foro que se añade al incluido (repetible).",
)
def construir(salida: Path, foros: tuple[Path, ...]) -> None:
    """Valida y construye el grafo; escribe grafo.trig, grafo.ttl y grafo.jsonld."""
    from .construccion import construir as _construir

    resumen = _construir(salida, foros)
    click.echo(f"Grafo construido en {salida}/")
    for clave, valor in resumen.conteos.items():
        click.echo(f"  {clave:<14}{valor:>7}")
    click.echo("  validación SHACL: 0 violaciones")
    for ruta in resumen.archivos:
        click.echo(f"  escrito: {ruta}")


@cli.command()
@click.argument("archivos", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validar(archivos: tuple[Path, ...]) -> None:
    """Valida el grafo con las formas SHACL.

    Con ARCHIVOS .yaml, valida cada foro por sí solo (esquema, referencias y formas); con
    ARCHIVOS .ttl, los añade al grafo antes de validar.
    """
    from .construccion import construir_dataset
    from .validacion import validar as _validar

    foros = tuple(a for a in archivos if a.suffix.lower() in (".yaml", ".yml"))
    turtle = tuple(a for a in archivos if a not in foros)
    ds = construir_dataset(foros, incluidos=not foros, turtle=turtle)
    informe = _validar(ds)
    if informe.conforme:
        click.echo(f"Validación SHACL: 0 violaciones ({informe.triples} tripletas revisadas).")
        return
    for v in informe.violaciones:
        click.echo(f"- {v.texto()}")
    raise click.ClickException(f"{len(informe.violaciones)} violaciones SHACL.")


@cli.command()
def razonar() -> None:
    """Comprueba la consistencia con HermiT y lista los tipos inferidos (requiere Java)."""
    from .razonamiento import razonar as _razonar
    from .triples import construir_base

    ds = construir_base()
    res = _razonar(ds)
    from rdflib import URIRef

    corto = ds.namespace_manager.normalizeUri
    click.echo(f"Ontología consistente (HermiT, {res.individuos} individuos).")
    click.echo(f"Tipos inferidos: {len(res.inferencias)}")
    for inf in res.inferencias:
        click.echo(f"  {corto(URIRef(inf.individuo))}  →  {corto(URIRef(inf.clase))}")


@cli.command()
@click.argument("termino")
def definir(termino: str) -> None:
    """Muestra la ficha de TERMINO (sigla o nombre; sin importar tildes ni mayúsculas)."""
    from .construccion import construir_dataset
    from .glosario import ficha, ficha_texto

    click.echo(ficha_texto(ficha(construir_dataset(), termino)))


@cli.command("consultas")
def listar_consultas() -> None:
    """Lista las consultas con nombre, su descripción y sus parámetros."""
    from .consultas import consultas_disponibles

    for c in consultas_disponibles():
        click.echo(f"{c.nombre}: {c.titulo}")
        if c.descripcion:
            click.echo(f"    {c.descripcion}")
        for p in c.parametros:
            ob = ", obligatorio" if p.obligatorio else ""
            click.echo(f"    --param {p.nombre}=VALOR  ({p.tipo}{ob}) {p.descripcion}")
        if c.ejemplo:
            click.echo(f"    ejemplo: {c.ejemplo}")


def _parametros(valores: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for v in valores:
        clave, sep, valor = v.partition("=")
        if not sep or not clave.strip():
            raise click.BadParameter(f"'{v}' no tiene la forma clave=valor.", param_hint="--param")
        params[clave.strip()] = valor.strip()
    return params


@cli.command()
@click.argument("consulta")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="CLAVE=VALOR",
    help="Parámetro de la consulta (repetible).",
)
@click.option(
    "--formato",
    "-f",
    type=click.Choice(["tabla", "csv", "json", "md"]),
    default="tabla",
    show_default=True,
)
@click.option(
    "--motor",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Motor SPARQL local.",
)
def consulta(consulta: str, params: tuple[str, ...], formato: str, motor: str) -> None:
    """Ejecuta CONSULTA: un nombre (ver 'grafo consultas'), un archivo .rq o '-' (entrada estándar)."""
    from .construccion import construir_dataset
    from .consultas import cargar_consulta, consulta_de_texto, ejecutar, formatear
    from .errores import ConsultaInvalidaError

    pares = _parametros(params)
    if consulta == "-":
        q = consulta_de_texto(sys.stdin.read(), "entrada estándar")
    elif consulta.endswith(".rq"):
        ruta = Path(consulta)
        try:
            q = consulta_de_texto(ruta.read_text(encoding="utf-8"), ruta.name)
        except (OSError, UnicodeDecodeError) as e:
            raise ConsultaInvalidaError(f"no se puede leer el archivo de consulta '{ruta}': {e}") from e
    else:
        q = cargar_consulta(consulta)
    res = ejecutar(construir_dataset(), q, pares, motor=motor)  # type: ignore[arg-type]
    click.echo(formatear(res, formato))
    if formato == "tabla":
        click.echo(f"({len(res.filas)} filas)", err=True)


def main() -> None:
    """Punto de entrada de la orden ``grafo``."""
    cli(prog_name="grafo")
