"""Las órdenes que leen el grafo: ``definir`` y ``terminos`` (fichas), ``consultas`` y ``consulta``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from grafo.cli.comun import Orden, abrir_almacen, emitir, opcion_almacen, opcion_tiempo_maximo
from grafo.cli.proceso import terminar_por_plazo

__all__ = ["consulta", "definir", "listar_consultas", "terminos"]


@click.command(cls=Orden)
@click.argument("termino")
@click.option(
    "--idioma",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Idioma de la ficha; lo que el grafo no tiene en ese idioma se muestra en el otro, marcado.",
)
@click.option(
    "--formato",
    type=click.Choice(["texto", "md"]),
    default="texto",
    show_default=True,
    help="texto: para la terminal; md: Markdown. Líneas de a lo sumo 80 columnas.",
)
@opcion_almacen
def definir(termino: str, idioma: str, formato: str, almacen: Path | None) -> None:
    """Muestra la ficha de TERMINO: un concepto del glosario, un actor (MINAM, 'gobiernos
    regionales'), un nivel de gobierno ('Regional', 'nivel local') o una norma ('Ley 27795').

    Sigla o nombre, sin importar tildes, mayúsculas ni los puntos de una sigla ('Z.E.E.'); una
    sola palabra con la que empieza el nombre de una sola entidad también vale ('regalia').
    'grafo terminos' lista lo que se puede buscar.
    """
    from grafo.fichas.definir import definir as _definir

    d = _definir(abrir_almacen(almacen), termino, idioma=idioma, formato=formato)  # type: ignore[arg-type]
    if d.entidad.aviso:
        click.echo(d.entidad.aviso, err=True)
    emitir(d.texto)


@click.command(cls=Orden)
@click.option(
    "--tipo",
    type=click.Choice(["concepto", "actor", "nivel", "norma"]),
    default=None,
    help="Solo las entidades de este tipo.",
)
@opcion_almacen
def terminos(tipo: str | None, almacen: Path | None) -> None:
    """Lista lo que 'grafo definir' puede mostrar: una línea por concepto, actor, nivel de gobierno
    o norma, con su tipo, su nombre y sus siglas, ordenadas por tipo y nombre."""
    from grafo.busqueda.resolucion import entidades
    from grafo.fichas.definir import texto_terminos

    emitir(texto_terminos(entidades(abrir_almacen(almacen), tipo)))  # type: ignore[arg-type]


@click.command("consultas", cls=Orden)
@opcion_almacen
def listar_consultas(almacen: Path | None) -> None:
    """Lista las consultas con nombre, su descripción y sus parámetros."""
    from grafo.construccion.cache import abrir, origen_por_defecto
    from grafo.consultas.catalogo import consultas_disponibles, lineas_catalogo

    lineas = lineas_catalogo(consultas_disponibles())
    grafo = abrir(almacen).descripcion if almacen else origen_por_defecto()
    emitir("\n".join([*lineas, f"(grafo: {grafo})"]))


def _parametros(valores: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for v in valores:
        clave, sep, valor = v.partition("=")
        if not sep or not clave.strip():
            raise click.BadParameter(f"'{v}' no tiene la forma clave=valor.", param_hint="--param")
        params[clave.strip()] = valor.strip()
    return params


def _leer_consulta(consulta: str) -> Any:
    from grafo.consultas.catalogo import cargar_consulta, consulta_de_texto

    if consulta == "-":
        return consulta_de_texto(sys.stdin.read(), "entrada estándar")
    if consulta.endswith(".rq"):
        ruta = Path(consulta)
        if not ruta.is_file():
            raise click.BadParameter(f"el archivo de consulta '{ruta}' no existe.", param_hint="CONSULTA")
        try:
            return consulta_de_texto(ruta.read_text(encoding="utf-8"), ruta.name)
        except (OSError, UnicodeDecodeError) as e:
            from grafo.base.errores import ConsultaInvalidaError

            raise ConsultaInvalidaError(f"no se puede leer el archivo de consulta '{ruta}': {e}") from e
    return cargar_consulta(consulta)


@click.command(cls=Orden)
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
    help="Formato de salida.",
)
@click.option(
    "--motor",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Motor SPARQL local (ambos leen el mismo almacén).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Endpoint SPARQL 1.1 remoto (su grafo por defecto debe ser la unión de los grafos).",
)
@opcion_tiempo_maximo("Segundos que puede durar la consulta; pasado ese tiempo se detiene.")
@opcion_almacen
def consulta(
    consulta: str,
    params: tuple[str, ...],
    formato: str,
    motor: str,
    endpoint: str | None,
    tiempo_maximo: float,
    almacen: Path | None,
) -> None:
    """Ejecuta CONSULTA: un nombre (ver 'grafo consultas'), un archivo .rq o '-' (entrada estándar)."""
    from grafo.consultas.ejecucion import ejecutar
    from grafo.consultas.formato_filas import formatear

    q = _leer_consulta(consulta)
    pares = _parametros(params)
    if endpoint is not None:
        from grafo.consultas.remoto import Endpoint

        fuente: Any = Endpoint(endpoint, tiempo_maximo=tiempo_maximo)
    else:
        fuente = abrir_almacen(almacen)
    res = ejecutar(
        fuente,
        q,
        pares,
        motor=motor,  # type: ignore[arg-type]
        tiempo_maximo=tiempo_maximo,
        al_vencer=terminar_por_plazo,
    )
    ancho = shutil.get_terminal_size((100, 24)).columns
    pie = f"{len(res.filas)} filas · grafo: {fuente.descripcion}"
    emitir(formatear(res, formato, ancho=ancho, pie=pie))
