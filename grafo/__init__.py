"""Grafo territorial: grafo de conocimiento de la gobernanza territorial en el Perú.

API pública: construir el grafo, validarlo, consultarlo, razonar sobre él y leer su glosario.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errores import GrafoError

try:
    __version__ = version("grafo-territorial")
except PackageNotFoundError:  # ejecutado desde el árbol fuente sin instalar
    __version__ = "0.0.0"

__all__ = ["GrafoError", "__version__"]
