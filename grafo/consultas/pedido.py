"""Lo que se pide a un motor o a un trabajador: el texto comprobado, su conjunto de datos, su plazo.

Entrada: una consulta ya comprobada por ``politica.asegurar``. Salida: un ``Pedido`` inmutable que
cruza procesos (se envía por un socket con ``multiprocessing.connection``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TIEMPO_MAXIMO", "TOPE_BYTES", "Pedido"]

#: Tiempo máximo por defecto de una consulta, en segundos (CLI, API y servidor).
TIEMPO_MAXIMO = 30.0
#: Tope por defecto del tamaño de un resultado (filas o bytes serializados).
TOPE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Pedido:
    """Lo que se pide a un trabajador.

    ``salida``: ``"filas"`` (un ``Resultado``) o un formato de resultados (``json``, ``xml``, ``csv``,
    ``tsv``) o de grafo (``nt``, ``ttl``, ``rdfxml``). ``ocultas``/``listas``: columnas que se quitan
    y columnas cuyas celdas se ordenan por partes (las consultas del catálogo).
    """

    texto: str
    salida: str = "filas"
    #: Con ``salida="filas"``: celdas de texto (``"texto"``) o valores de Python (``"python"``).
    celdas: str = "texto"
    motor: str = "oxigraph"
    nombre: str = "consulta"
    desplazamiento: int = 0
    listas: tuple[str, ...] = ()
    ocultas: str = "param_"
    grafos_por_defecto: tuple[str, ...] = ()
    grafos_con_nombre: tuple[str, ...] = ()
    tiempo_maximo: float = TIEMPO_MAXIMO
    tope_bytes: int = TOPE_BYTES

    @property
    def con_conjunto(self) -> bool:
        """Si ``FROM``/``FROM NAMED`` o el protocolo fijan los grafos (entonces, sin la unión)."""
        return bool(self.grafos_por_defecto or self.grafos_con_nombre)
