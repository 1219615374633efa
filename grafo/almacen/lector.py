"""El protocolo de lectura que usan las fichas y la búsqueda: filas de un SELECT sobre un almacén.

Entrada: un ``pyoxigraph.Store`` (el construido, abierto en solo lectura, o el que se está
escribiendo) y un SELECT sin prólogo. Salida: filas ``variable -> valor léxico``; los prefijos del
proyecto se anteponen aquí.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from grafo.base.espacios import prologo

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["Lector", "LectorDeStore", "seleccionar_en"]


class Lector(Protocol):
    """Lo que necesitan las fichas y la resolución de términos: filas de un SELECT."""

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de ``consulta`` (con los prefijos del proyecto): variable -> valor léxico."""
        ...


def seleccionar_en(store: ox.Store, consulta: str) -> list[dict[str, str]]:
    """Filas de un SELECT sobre la unión de los grafos de ``store``: variable -> valor léxico."""
    import pyoxigraph as ox

    res = store.query(f"{prologo()} {consulta}", use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    nombres = [v.value for v in res.variables]
    filas = []
    for sol in res:
        fila = {}
        for n in nombres:
            t = sol[n]
            if t is not None:
                fila[n] = t.value
        filas.append(fila)
    return filas


class LectorDeStore:
    """Un ``Lector`` sobre un ``pyoxigraph.Store`` ya abierto (p. ej. el que escribe ``construir``)."""

    def __init__(self, store: ox.Store, descripcion: str = "") -> None:
        self.store = store
        self.descripcion = descripcion

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT sobre la unión de los grafos (prefijos del proyecto incluidos)."""
        return seleccionar_en(self.store, consulta)
