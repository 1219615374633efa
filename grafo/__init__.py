"""Grafo territorial: grafo de conocimiento de la gobernanza territorial en el Perú.

API pública (ver ``grafo.api``)::

    import grafo
    g = grafo.abrir()                      # o grafo.abrir("salida"), grafo.abrir(endpoint="http://...")
    g.consulta("competencias", nivel="Regional")
    g.sparql("SELECT ...")
    g.ficha("ZEE")
    g.almacen                              # el pyoxigraph.Store

Nada se importa de más al importar el paquete: rdflib, pyshacl y owlready2 solo los cargan las
etapas que construyen, validan o razonan.
"""

from __future__ import annotations

from typing import Any

from grafo.api import IRI, Filas, Grafo, abrir
from grafo.base.errores import GrafoError

__all__ = ["IRI", "Filas", "Grafo", "GrafoError", "__version__", "abrir"]


def __getattr__(nombre: str) -> Any:
    """``__version__`` se lee de los metadatos instalados solo cuando se pide."""
    if nombre == "__version__":
        from grafo.base.recursos import version_paquete

        return version_paquete()
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")
