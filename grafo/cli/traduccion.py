"""Los mensajes de click en español: uso, ayuda y errores de la orden ``grafo``."""

from __future__ import annotations

__all__ = ["instalar_traduccion"]

_ES = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Órdenes",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra esta ayuda y sale.",
    "Show the version and exit.": "Muestra la versión y sale.",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Pruebe '{command} {option}' para ver la ayuda.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "No such command {name!r}.": "No existe la orden {name!r}.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Missing command.": "Falta la orden.",
    "Invalid value for {param_hint}: {message}": "Valor inválido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor inválido: {message}",
    "Option {name!r} does not take a value.": "La opción {name!r} no admite un valor.",
    "Got unexpected extra argument ({args})": "Argumento de más inesperado ({args})",
    "Got unexpected extra arguments ({args})": "Argumentos de más inesperados ({args})",
    "Option {name!r} requires an argument.": "La opción {name!r} necesita un valor.",
    "Did you mean {possibility}?": "¿Quiso decir {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(¿Quiso decir una de: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} no es {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} no es una de {choices}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} no existe.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} es un directorio.",
    "{name} {filename!r} is a file.": "{name} {filename!r} es un archivo.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} no se puede leer.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} no se puede escribir.",
    "{value!r} is not a valid {number_type}.": "{value!r} no es un {number_type} válido.",
    "file": "El archivo",
    "directory": "El directorio",
    "path": "La ruta",
    "default: {default}": "por defecto: {default}",
    "Aborted!": "¡Interrumpido!",
    "required": "obligatoria",
    "{value} is not in the range {range}.": "{value} no está en el intervalo {range}.",
}


def _traducir(mensaje: str) -> str:
    return _ES.get(mensaje, mensaje)


def _ntraducir(singular: str, plural: str, n: int) -> str:
    return _traducir(singular if n == 1 else plural)


def instalar_traduccion() -> None:
    """Cambia los textos de click por los de ``_ES`` (se llama al empezar la orden)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for modulo in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(modulo, "_"):
            modulo._ = _traducir  # type: ignore[attr-defined]
        if hasattr(modulo, "ngettext"):
            modulo.ngettext = _ntraducir  # type: ignore[attr-defined]
