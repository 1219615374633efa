"""Las órdenes que llevan el grafo a otras herramientas: ``exportar``, ``publicar`` y ``servir``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grafo.cli.comun import Orden, abrir_almacen, opcion_almacen, opcion_tiempo_maximo

__all__ = ["exportar", "publicar", "servir"]


@click.command(cls=Orden)
@click.option(
    "--formato",
    "-f",
    type=click.Choice(["trig", "nq", "ttl", "nt", "jsonld", "rdfxml", "graphml", "csv"]),
    required=True,
    help="trig y nq: todo, con grafos con nombre; ttl, nt, rdfxml: la unión; jsonld: con @context y "
    "grafos con nombre; graphml: red para networkx o Gephi; csv: zip con nodos.csv y aristas.csv.",
)
@click.option(
    "-o",
    "archivo",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Archivo de salida (por defecto grafo.EXT; «-» para la salida estándar).",
)
@opcion_almacen
def exportar(formato: str, archivo: Path | None, almacen: Path | None) -> None:
    """Exporta el grafo construido para otras herramientas (triple stores, Gephi, hojas de cálculo)."""
    import sys

    from grafo.compartir.exportacion import FORMATOS
    from grafo.compartir.exportacion import exportar as exportar_grafo

    fuente = abrir_almacen(almacen)
    if str(archivo) == "-":
        exportar_grafo(fuente, formato, sys.stdout.buffer)
        return
    destino = archivo or Path(f"grafo.{FORMATOS[formato]}")
    exportar_grafo(fuente, formato, destino)
    click.echo(f"Exportado en {destino} ({formato}).", err=True)


@click.command(cls=Orden)
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="URL del Graph Store (SPARQL 1.1 Graph Store HTTP Protocol), p. ej. http://127.0.0.1:7878/store "
    "(Oxigraph) o http://localhost:3030/grafo/data (Fuseki).",
)
@click.option("--grafo", "iri", metavar="IRI", default=None, help="Envía solo este grafo con nombre.")
@click.option(
    "--reemplazar",
    is_flag=True,
    help="PUT: reemplaza cada grafo en el servidor (por defecto POST: añade a lo que haya).",
)
@click.option(
    "--usuario",
    metavar="U",
    default=None,
    help="Usuario para HTTP Basic; la clave se toma de la variable GRAFO_CLAVE o se pide en la terminal.",
)
@opcion_almacen
def publicar(
    endpoint: str, iri: str | None, reemplazar: bool, usuario: str | None, almacen: Path | None
) -> None:
    """Envía el grafo construido, con sus grafos con nombre, a un triple store (Oxigraph, Fuseki,
    GraphDB, Virtuoso): una petición por grafo, en N-Triples leído del almacén."""
    from grafo.compartir.publicacion import publicar as publicar_grafo

    credenciales = None
    if usuario is not None:
        clave = os.environ.get("GRAFO_CLAVE")
        if clave is None:
            if not sys.stdin.isatty():
                from grafo.base.errores import PublicacionError

                raise PublicacionError(
                    f"falta la clave del usuario '{usuario}': defínala en la variable de entorno "
                    "GRAFO_CLAVE (o ejecute la orden en una terminal para que se pida)."
                )
            clave = click.prompt(f"Clave de {usuario}", hide_input=True, err=True)
        credenciales = (usuario, clave)
    res = publicar_grafo(
        abrir_almacen(almacen),
        endpoint,
        grafo=iri,
        reemplazar=reemplazar,
        credenciales=credenciales,
        al_publicar=lambda g: click.echo(f"{g.nombre}: {g.tripletas} {_tripletas(g.tripletas)}"),
    )
    accion = "reemplazados (PUT)" if reemplazar else "añadidos (POST)"
    grafos = f"{len(res.grafos)} grafo{'' if len(res.grafos) == 1 else 's'}"
    click.echo(f"Total: {grafos}, {res.tripletas} {_tripletas(res.tripletas)}, {accion} en {res.endpoint}")


def _tripletas(n: int) -> str:
    return "tripleta" if n == 1 else "tripletas"


@click.command(cls=Orden)
@click.option(
    "--puerto",
    type=click.IntRange(0, 65535),
    metavar="P",
    default=7879,
    show_default=True,
    help="Puerto TCP (0: uno libre).",
)
@click.option(
    "--host",
    metavar="H",
    default="127.0.0.1",
    show_default=True,
    help="Dirección donde escuchar. Fuera de 127.0.0.1, cualquiera que alcance la máquina puede consultar.",
)
@opcion_tiempo_maximo("Segundos que puede durar cada consulta; pasado ese tiempo se detiene (503).")
@click.option(
    "--procesos",
    type=click.IntRange(1, 64),
    metavar="N",
    default=4,
    show_default=True,
    help="Procesos que evalúan consultas a la vez (más que núcleos: una consulta que agota su tiempo "
    "no deja a las demás sin proceso).",
)
@opcion_almacen
def servir(puerto: int, host: str, tiempo_maximo: float, procesos: int, almacen: Path | None) -> None:
    """Sirve el grafo como endpoint SPARQL 1.1 de solo lectura, con una página de consultas en /."""
    from grafo.compartir.servidor import es_loopback
    from grafo.compartir.servidor import servir as servir_almacen

    fuente = abrir_almacen(almacen)

    def al_escuchar(url: str) -> None:
        click.echo(f"Sirviendo {fuente.descripcion}")
        click.echo(f"  página de consultas: {url}")
        click.echo(f"  endpoint SPARQL:     {url}sparql")
        click.echo(f"  tiempo máximo por consulta: {tiempo_maximo:g} s. Ctrl-C para parar.")
        if not es_loopback(host):
            click.echo(
                f"Aviso: escucha en {host}: cualquiera que alcance esta máquina puede hacer consultas.",
                err=True,
            )

    servir_almacen(fuente, host=host, puerto=puerto, tiempo_maximo=tiempo_maximo, procesos=procesos,
                   al_escuchar=al_escuchar)  # fmt: skip
    click.echo("Servidor detenido.")
