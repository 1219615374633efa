"""El protocolo de lectura que usan las fichas y la búsqueda: filas de un SELECT sobre un almacén.

Entrada: un ``pyoxigraph.Store`` (el construido, abierto en solo lectura, o el que se está
escribiendo) y un SELECT sin prólogo. Salida: filas ``variable -> valor léxico``; los prefijos del
proyecto se anteponen aquí.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from grafo.base.espacios import prologo

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["RESPUESTAS_RECORDADAS", "Lector", "LectorDeStore", "Respuestas", "seleccionar_en"]

#: Cuántas respuestas recuerda cada lector (las más recientes). Una ficha hace varias consultas y
#: muchas se repiten entre fichas (nombres, derogaciones); sobre un almacén que ya no cambia, la misma
#: consulta da siempre las mismas filas.
RESPUESTAS_RECORDADAS = 512


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


class Respuestas:
    """Las últimas ``RESPUESTAS_RECORDADAS`` respuestas de un almacén que ya no cambia; cada llamada
    recibe filas nuevas, que puede modificar sin tocar las recordadas. Segura entre hilos."""

    def __init__(self, evaluar: Callable[[str], list[dict[str, str]]]) -> None:
        self._evaluar = evaluar
        self._filas: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
        self._candado = threading.Lock()

    def __call__(self, consulta: str) -> list[dict[str, str]]:
        with self._candado:
            filas = self._filas.get(consulta)
            if filas is not None:
                self._filas.move_to_end(consulta)
        if filas is None:
            filas = self._evaluar(consulta)
            with self._candado:
                self._filas[consulta] = filas
                while len(self._filas) > RESPUESTAS_RECORDADAS:
                    self._filas.popitem(last=False)
        return [dict(f) for f in filas]


class LectorDeStore:
    """Un ``Lector`` sobre un ``pyoxigraph.Store`` ya abierto en el que ya no se escribe (p. ej. el que
    acaba de llenar ``construir``, para sus páginas): recuerda sus respuestas (``Respuestas``)."""

    def __init__(self, store: ox.Store, descripcion: str = "") -> None:
        self.store = store
        self.descripcion = descripcion
        self._respuestas = Respuestas(lambda consulta: seleccionar_en(store, consulta))

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT sobre la unión de los grafos (prefijos del proyecto incluidos)."""
        return self._respuestas(consulta)
