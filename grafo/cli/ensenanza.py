"""La orden ``practicar``: una prueba impresa o una práctica interactiva en la terminal."""

from __future__ import annotations

from pathlib import Path

import click

from grafo.cli.comun import Orden, abrir_almacen, emitir, opcion_almacen

__all__ = ["practicar"]


@click.command(cls=Orden)
@click.option("--preguntas", "-n", type=int, default=10, show_default=True, help="Número de preguntas.")
@click.option(
    "--semilla",
    type=int,
    default=None,
    help="La misma semilla da la misma prueba. Por defecto, una al azar (se muestra para repetirla).",
)
@click.option(
    "--tema",
    metavar="CATEGORIA",
    default=None,
    help="Solo preguntas sobre términos de esa categoría del glosario (p. ej. planificación, fiscal).",
)
@click.option(
    "--no-interactivo",
    is_flag=True,
    help="Imprime la prueba y después su clave de respuestas (con explicaciones y fuentes), para repartir.",
)
@opcion_almacen
def practicar(
    preguntas: int, semilla: int | None, tema: str | None, no_interactivo: bool, almacen: Path | None
) -> None:
    """Practica con preguntas de opción múltiple sacadas del grafo: términos y definiciones, quién
    aprueba cada instrumento y con qué norma, qué nivel de gobierno hace qué (en 2013 y hoy) y las
    relaciones entre instrumentos. Cada respuesta se explica citando la norma."""
    from grafo.ensenanza.practica import generar_practica
    from grafo.ensenanza.sesion import Sesion, letras
    from grafo.ensenanza.textos import texto_practica, texto_pregunta

    practica = generar_practica(abrir_almacen(almacen), preguntas, semilla, tema)
    if practica.aviso:
        click.echo(practica.aviso, err=True)
    if no_interactivo:
        emitir(texto_practica(practica).rstrip("\n"))
        return
    sesion = Sesion(practica)
    click.echo(sesion.encabezado())
    for numero, p in enumerate(practica.preguntas, 1):
        click.echo(f"\n{texto_pregunta(p, numero)}")
        letra = click.prompt("Respuesta", type=click.Choice(letras(p), case_sensitive=False))
        click.echo(sesion.responder(letra))
    click.echo(f"\n{sesion.resultado()}")
