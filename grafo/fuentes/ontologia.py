"""Los archivos Turtle de la ontología y del glosario: leerlos con errores que citan archivo y línea.

Entrada: un archivo empaquetado (``importlib.resources``) o del usuario. Salida: sus tripletas
añadidas a un ``rdflib.Graph``; un error de sintaxis es ``FuenteInvalidaError`` con ``archivo:línea``.
"""

from __future__ import annotations

import re
from importlib.resources.abc import Traversable

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from grafo.base.errores import FuenteInvalidaError

__all__ = ["ARCHIVOS_ONTOLOGIA", "leer_turtle"]

#: Archivos que forman el grafo ``ontologia``; el resto va al grafo ``glosario``.
ARCHIVOS_ONTOLOGIA = frozenset({"nucleo.ttl", "vocabularios.ttl"})


def leer_turtle(destino: Graph, fuente: Traversable, nombre: str | None = None) -> None:
    """Añade a ``destino`` el Turtle de ``fuente``; un error de sintaxis cita archivo y línea."""
    nombre = nombre or fuente.name
    try:
        texto = fuente.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise FuenteInvalidaError(f"{nombre}: no se puede leer como texto UTF-8 ({e}).") from e
    try:
        destino.parse(data=texto, format="turtle")
    except BadSyntax as e:
        linea = _linea_de(e)
        donde = f"{nombre}:{linea}" if linea else nombre
        raise FuenteInvalidaError(
            f"{donde}: Turtle mal formado ({e._why}). Corrija la sintaxis en esa línea."
        ) from e
    except Exception as e:  # rdflib lanza Exception genérica para prefijos no declarados
        raise FuenteInvalidaError(f"{nombre}: Turtle mal formado ({e}). Revise prefijos y sintaxis.") from e


def _linea_de(e: BadSyntax) -> int | None:
    m = re.search(r"at line (\d+)", str(e))
    return int(m.group(1)) if m else None
