"""El grafo incluido (vocabulario + foro de Cajamarca), construido una vez en la caché del usuario.

Entrada: nada (o ``--almacen DIR``). Salida: un ``Almacen`` abierto: ``DIR`` si se da; si no,
``./salida`` cuando contiene una construcción; si no, el grafo incluido, que se construye en la caché
del usuario (platformdirs, o ``GRAFO_CACHE``) y se reconstruye solo cuando cambian la versión del
paquete, una fuente o el código. Vive aquí, sobre ``grafo.almacen``, porque construye: el almacén
solo abre.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from grafo.almacen.almacen import SALIDA_POR_DEFECTO, Almacen, abrir_almacen, es_construccion
from grafo.almacen.manifiesto import MANIFIESTO
from grafo.base.recursos import fuentes_incluidas, huella, version_paquete
from grafo.construccion.huellas import dir_cache, huella_codigo

__all__ = ["RETENER_CACHE_S", "abrir", "almacen_incluido", "origen_por_defecto"]


def abrir(directorio: Path | None = None) -> Almacen:
    """Abre ``directorio``; sin él, ``./salida`` si contiene una construcción o el grafo incluido."""
    if directorio is None:
        if es_construccion(SALIDA_POR_DEFECTO):
            directorio = SALIDA_POR_DEFECTO
        else:
            return almacen_incluido()
    return abrir_almacen(directorio)


def origen_por_defecto() -> str:
    """Qué grafo leen las órdenes sin ``--almacen``, en palabras (para la ayuda)."""
    if es_construccion(SALIDA_POR_DEFECTO):
        return f"./{SALIDA_POR_DEFECTO} (construido por 'grafo construir')"
    return "el grafo incluido (vocabulario + foro de Cajamarca 2013), en la caché del usuario"


def almacen_incluido() -> Almacen:
    """El grafo incluido, desde la caché del usuario; lo construye si falta o cambió."""
    fuentes = fuentes_incluidas()
    partes = [huella(d).encode() + r.encode() for _n, r, d in fuentes]
    clave = huella(b"".join(partes) + huella_codigo().encode())[:16]
    version = version_paquete()
    cache = dir_cache()
    directorio = cache / f"incluido-{version}-{clave}"
    if not es_construccion(directorio):
        from grafo.construccion.proceso import construir

        construir(directorio, ())
        _podar_cache(cache, directorio)
    with contextlib.suppress(OSError):  # una caché de solo lectura se usa igual
        (directorio / _MARCA_USO).touch()
    return Almacen(directorio, "el grafo incluido (vocabulario + foro de Cajamarca 2013)", verificar=False)


#: Archivo que cada lector toca al abrir el grafo incluido: su fecha dice cuándo se usó por última vez.
_MARCA_USO = ".usado"
#: Una caché vieja (de otra versión o de otro código) se borra solo si nadie la abrió en este tiempo:
#: otro proceso (un 'grafo servir' de la versión anterior, sus trabajadores) puede estar leyéndola.
RETENER_CACHE_S = 24 * 3600


def _podar_cache(cache: Path, actual: Path) -> None:
    """Borra las cachés del grafo incluido que no son ``actual`` y nadie abrió en ``RETENER_CACHE_S``."""
    import shutil
    import time

    limite = time.time() - RETENER_CACHE_S
    for viejo in cache.glob("incluido-*"):
        if viejo == actual or not viejo.is_dir():
            continue
        marcas = [m for m in (viejo / _MARCA_USO, viejo / MANIFIESTO, viejo) if m.exists()]
        try:
            ultimo_uso = max(m.stat().st_mtime for m in marcas)
        except (OSError, ValueError):
            ultimo_uso = 0.0
        if ultimo_uso < limite:
            shutil.rmtree(viejo, ignore_errors=True)
