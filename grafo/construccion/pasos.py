"""Pasos de la construcción que no dependen de los foros, recordados en la caché del usuario.

Validar el vocabulario con SHACL (~3,5 s) y documentar la ontología con pyLODE (~2,5 s) dan siempre
lo mismo para el mismo vocabulario: la construcción los recuerda por la huella de todo lo que leen
(las fuentes empaquetadas, el código del paquete y las versiones de pySHACL, pyLODE y rdflib). Solo
se recuerda lo que sale bien: un paso que falla lanza su error y no deja nada, así que un vocabulario
con violaciones se valida cada vez, para mostrarlas.
Una caché que no se puede leer o escribir no es un error: el paso se calcula.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from grafo.base.recursos import fuentes_incluidas, huella, version_paquete
from grafo.construccion.huellas import dir_cache, huella_codigo

__all__ = ["recordado"]

#: Las bibliotecas cuyo resultado se recuerda: si cambia su versión, se calcula de nuevo.
_BIBLIOTECAS = ("pyshacl", "pylode", "rdflib")


def _version(nombre: str) -> str:
    try:
        return version(nombre)
    except PackageNotFoundError:
        return "?"


def _clave(paso: str) -> str:
    """La huella de todo lo que lee un paso: fuentes empaquetadas, código y bibliotecas."""
    partes = [paso.encode(), version_paquete().encode(), huella_codigo().encode()]
    partes += [f"{b}={_version(b)}".encode() for b in _BIBLIOTECAS]
    partes += [r.encode() + huella(d).encode() for _n, r, d in fuentes_incluidas()]
    return huella(b"\0".join(partes))


def recordado(paso: str, calcular: Callable[[], bytes]) -> bytes:
    """El resultado de ``paso`` para el vocabulario empaquetado: el recordado si lo hay; si no,
    ``calcular()``, que se recuerda (si lanza un error, no se recuerda nada)."""
    ruta = dir_cache() / "pasos" / f"{paso}-{_clave(paso)[:32]}"
    with contextlib.suppress(OSError):
        return ruta.read_bytes()
    resultado = calcular()
    with contextlib.suppress(OSError):
        ruta.parent.mkdir(parents=True, exist_ok=True)
        for viejo in ruta.parent.glob(f"{paso}-*"):  # el de otro vocabulario u otro código
            viejo.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=ruta.parent, prefix=f".{paso}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(resultado)
            os.replace(tmp, ruta)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return resultado
