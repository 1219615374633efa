"""Escritura atómica: un archivo o un directorio entero aparece completo o no aparece.

Entrada: una ruta y una función que escribe en una ruta temporal del mismo directorio. Salida: el
archivo en su sitio (``os.replace``), o el directorio intercambiado en un solo paso con el anterior
(``renameat2(RENAME_EXCHANGE)`` en Linux, por ctypes). Los permisos son los que da la umask del
usuario. Un error del sistema se vuelve ``SalidaError`` con la ruta y qué comprobar.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from grafo.base.errores import SalidaError

__all__ = [
    "directorio_atomico",
    "escribir_atomico",
    "escribir_texto_atomico",
    "escribir_varios",
    "modo_por_umask",
]


def modo_por_umask(base: int = 0o666) -> int:
    """Los permisos que la umask del usuario da a un archivo (``0o666``) o directorio (``0o777``)."""
    actual = os.umask(0)
    os.umask(actual)
    return base & ~actual


def _error_salida(e: OSError) -> SalidaError:
    return SalidaError(
        f"no se pudo escribir {getattr(e, 'filename', None) or 'la salida'}: {e.strerror or e}. "
        "Compruebe que el directorio existe, tiene permiso de escritura y espacio libre."
    )


def escribir_atomico(ruta: Path, escribir: Callable[[Path], None]) -> None:
    """Escribe ``ruta`` vía un temporal en el mismo directorio y ``os.replace``."""
    escribir_varios({ruta: escribir})


def escribir_texto_atomico(ruta: Path, texto: str) -> None:
    """Escribe ``texto`` (UTF-8) en ``ruta`` de forma atómica."""

    def escribir(p: Path) -> None:
        p.write_text(texto, encoding="utf-8")

    escribir_atomico(ruta, escribir)


def escribir_varios(archivos: dict[Path, Callable[[Path], None]]) -> None:
    """Escribe todos los archivos en temporales y, solo si todos salieron bien, los reemplaza.

    Un fallo deja en su sitio los archivos anteriores y no deja temporales. Los archivos quedan
    con los permisos que da la umask (no los 0600 de ``mkstemp``).
    """
    import tempfile

    temporales: dict[Path, Path] = {}
    modo = modo_por_umask()
    try:
        for ruta, escribir in archivos.items():
            ruta.parent.mkdir(parents=True, exist_ok=True)
            fd, nombre = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
            os.close(fd)
            temporales[ruta] = Path(nombre)
            escribir(Path(nombre))
            os.chmod(nombre, modo)
        for ruta, tmp in temporales.items():
            os.replace(tmp, ruta)
    except OSError as e:
        raise _error_salida(e) from e
    finally:
        for tmp in temporales.values():
            if tmp.exists():
                tmp.unlink()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _intercambiar(a: Path, b: Path) -> bool:
    """Intercambia dos directorios en un solo paso (``renameat2`` de Linux); ``False`` si no se puede."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    r = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if r != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: el sistema de archivos no lo admite
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


@contextlib.contextmanager
def directorio_atomico(destino: Path, reemplazable: Callable[[Path], bool]) -> Iterator[Path]:
    """Construye en un directorio hermano temporal y, si todo sale bien, lo pone en ``destino``.

    El cambio es un solo paso (intercambio ``renameat2``): un proceso interrumpido en cualquier
    momento deja la construcción anterior entera y legible. Si ``destino`` existe, no está vacío y
    ``reemplazable(destino)`` es falso (no es una construcción anterior), no se toca (``SalidaError``).
    """
    import shutil
    import tempfile

    destino = Path(destino)
    if destino.exists() and not destino.is_dir():
        raise SalidaError(f"'{destino}' existe y no es un directorio. Elija otro --salida.")
    if destino.is_dir() and not reemplazable(destino) and any(destino.iterdir()):
        raise SalidaError(
            f"'{destino}' existe, no está vacío y no es una construcción de 'grafo construir': "
            "no se reemplaza. Elija otro --salida o vacíe ese directorio."
        )
    padre = destino.absolute().parent
    try:
        padre.mkdir(parents=True, exist_ok=True)
        for resto in padre.glob(f".{destino.name}.construyendo-*"):  # de construcciones interrumpidas
            with contextlib.suppress(OSError):
                if resto.is_dir() and not _en_uso(resto):
                    shutil.rmtree(resto)
        tmp = Path(tempfile.mkdtemp(prefix=f".{destino.name}.construyendo-{os.getpid()}-", dir=padre))
        os.chmod(tmp, modo_por_umask(0o777))
    except OSError as e:
        raise _error_salida(e) from e
    try:
        yield tmp
        if destino.is_dir():
            if not _intercambiar(tmp, destino):
                viejo = padre / f".{destino.name}.viejo-{os.getpid()}"
                os.replace(destino, viejo)
                os.replace(tmp, destino)
                tmp = viejo
        else:
            os.replace(tmp, destino)
            return
    except OSError as e:
        raise _error_salida(e) from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _en_uso(directorio: Path) -> bool:
    """``True`` si el temporal es de un proceso que sigue vivo."""
    try:
        pid = int(directorio.name.split("construyendo-", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
