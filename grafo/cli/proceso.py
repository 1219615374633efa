"""Cómo termina el proceso de la orden ``grafo``: el único lugar del paquete que sale (``sys.exit``,
``os._exit``), con los códigos de salida y los mensajes de un error al escribir la salida."""

from __future__ import annotations

import errno
import os
import sys

import click

__all__ = ["ejecutar", "sin_salida", "terminar_por_plazo"]


def terminar_por_plazo(mensaje: str) -> None:
    """El plazo de una consulta venció mientras se evaluaba en este proceso: se dice y se sale con 1
    sin haber escrito nada en la salida estándar (Oxigraph no se puede interrumpir de otro modo)."""
    sys.stdout.flush()
    sys.stderr.write(f"Error: {mensaje}\n")
    sys.stderr.flush()
    os._exit(1)


def sin_salida() -> None:
    """Redirige la salida estándar a /dev/null para que el cierre del intérprete no falle."""
    try:
        nulo = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nulo, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def ejecutar(orden: click.Group) -> None:
    """Ejecuta ``orden`` con los argumentos del proceso y sale con su código: 0 bien, 1 error esperado
    (``Error: ...`` sin traza), 2 error de uso; una tubería cerrada por el lector no es un error."""
    try:
        orden(prog_name="grafo", standalone_mode=False)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        click.echo("¡Interrumpido!", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sin_salida()  # el lector cerró la tubería (p. ej. '| head -1'): no es un error
        sys.exit(0)
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            sin_salida()
            click.echo(f"Error: no se pudo escribir la salida: {e.strerror}.", err=True)
            sys.exit(1)
        raise
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        sin_salida()
    except OSError as e:
        sin_salida()
        click.echo(f"Error: no se pudo escribir la salida: {e.strerror}.", err=True)
        sys.exit(1)
