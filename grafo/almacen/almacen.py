"""Etapa *almacen*: abrir en solo lectura un grafo construido.

``grafo construir`` escribe en ``DIR/`` un almacén Oxigraph en disco (``DIR/almacen/``) y un
manifiesto (``DIR/manifiesto.json``). Los lectores (``consulta``, ``definir``, ``validar``, la API)
abren ese almacén en solo lectura y nunca vuelven a leer las fuentes. Qué directorio se abre sin
``--almacen`` (``./salida`` o el grafo incluido en la caché) lo decide ``grafo.construccion.cache``,
que es quien puede construir; este paquete nunca construye.

Si las fuentes cambiaron después de construir, ``Almacen.avisos`` lo dice (una línea que nombra
qué cambió). Este paquete no importa rdflib: el camino de lectura es pyoxigraph y nada más.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from grafo.almacen.lector import LectorDeStore
from grafo.almacen.manifiesto import DIR_ALMACEN, MANIFIESTO, Manifiesto, cambios
from grafo.base.errores import AlmacenError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["SALIDA_POR_DEFECTO", "Almacen", "abrir_almacen", "es_construccion"]

#: El directorio que leen las órdenes sin ``--almacen`` cuando contiene una construcción.
SALIDA_POR_DEFECTO = Path("salida")


def es_construccion(directorio: Path) -> bool:
    """``True`` si ``directorio`` contiene una construcción de ``grafo construir``."""
    return (directorio / MANIFIESTO).is_file() and (directorio / DIR_ALMACEN).is_dir()


class Almacen:
    """Un grafo construido, abierto en solo lectura."""

    def __init__(self, directorio: Path, descripcion: str, *, verificar: bool = True) -> None:
        import pyoxigraph as ox

        self.directorio = directorio
        self.manifiesto = Manifiesto.leer(directorio / MANIFIESTO)
        self.descripcion = descripcion
        try:
            self.store: ox.Store = ox.Store.read_only(str(directorio / DIR_ALMACEN))
        except OSError as e:
            raise AlmacenError(
                f"{directorio / DIR_ALMACEN}: no se puede abrir el almacén ({e}). "
                "Vuelva a ejecutar 'grafo construir'."
            ) from e
        self.avisos: list[str] = []
        self._grafos: frozenset[str] | None = None
        self._al_cerrar: list[Callable[[], None]] = []
        self._lector = LectorDeStore(self.store, descripcion)
        if verificar:
            cambiadas = cambios(self.manifiesto)
            if cambiadas:
                self.avisos.append(
                    f"Aviso: las fuentes cambiaron desde que se construyó {descripcion}: "
                    f"{', '.join(cambiadas)}. Vuelva a ejecutar 'grafo construir'."
                )

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT sobre la unión de los grafos (prefijos del proyecto incluidos). Las
        últimas respuestas se recuerdan (``grafo.almacen.lector.LectorDeStore``): el almacén es de solo
        lectura."""
        return self._lector.seleccionar(consulta)

    @property
    def grafos(self) -> frozenset[str]:
        """Los IRIs de los grafos con nombre del almacén (los únicos que ``FROM`` puede nombrar)."""
        if self._grafos is None:
            self._grafos = frozenset(str(g.value) for g in self.store.named_graphs())
        return self._grafos

    def al_cerrar(self, accion: Callable[[], None]) -> None:
        """Registra ``accion`` para cuando el almacén se cierre (p. ej. terminar su evaluador)."""
        self._al_cerrar.append(accion)

    def cerrar(self) -> None:
        """Libera lo que se abrió para este almacén (los procesos que evalúan sus consultas)."""
        acciones, self._al_cerrar = self._al_cerrar, []
        for accion in acciones:
            accion()

    def __enter__(self) -> Almacen:
        return self

    def __exit__(self, *_: object) -> None:
        self.cerrar()

    def cuadruplos_nquads(self) -> bytes:
        """Todo el almacén en N-Quads (para motores que leen texto, como rdflib)."""
        import pyoxigraph as ox

        datos = self.store.dump(format=ox.RdfFormat.N_QUADS)
        assert datos is not None
        return datos


def _nombre_legible(directorio: Path) -> str:
    try:
        return f"{directorio.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{directorio}/"


def abrir_almacen(directorio: Path) -> Almacen:
    """Abre ``directorio`` en solo lectura.

    ``AlmacenError`` si ``directorio`` no contiene una construcción de ``grafo construir``.
    """
    if not es_construccion(directorio):
        raise AlmacenError(
            f"'{directorio}' no contiene un grafo construido (faltan {MANIFIESTO} o {DIR_ALMACEN}/). "
            f"Constrúyalo con 'grafo construir --salida {directorio}'."
        )
    m = Manifiesto.leer(directorio / MANIFIESTO)
    return Almacen(directorio, f"{_nombre_legible(directorio)} (construido {m.construido[:16]})")
