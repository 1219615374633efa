"""Dónde vive la caché del usuario y la huella del código del paquete: lo que comparten la caché del
grafo incluido (``grafo.construccion.cache``) y los pasos recordados (``grafo.construccion.pasos``)."""

from __future__ import annotations

import os
from pathlib import Path

from grafo.base.recursos import huella

__all__ = ["dir_cache", "huella_codigo"]


def dir_cache() -> Path:
    """El directorio de la caché del usuario (``GRAFO_CACHE`` si está definida)."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("GRAFO_CACHE") or user_cache_dir("grafo-territorial"))


#: Los módulos del paquete (su huella forma parte de la clave de la caché).
_DIR_CODIGO = Path(__file__).resolve().parents[1]


#: Los datos que el paquete lleva de fuera de él (en el árbol fuente, enlaces a ``../ontologia`` y
#: ``../queries``): su huella va aparte, con las fuentes (``grafo.base.recursos.fuentes_incluidas``).
_DATOS = ("ontologia", "queries")


def _del_codigo(f: Path) -> bool:
    partes = f.relative_to(_DIR_CODIGO).parts
    return f.is_file() and "__pycache__" not in partes and partes[0] not in _DATOS and f.suffix != ".pyc"


def huella_codigo() -> str:
    """SHA-256 de los módulos del paquete y sus plantillas: si cambia cómo se construyen las tripletas
    o las páginas, la caché se rehace aunque la versión sea la misma (instalación editable). Es la
    misma en el árbol fuente y en el paquete instalado."""
    archivos = sorted(f for f in _DIR_CODIGO.rglob("*") if _del_codigo(f))
    partes = [
        f.relative_to(_DIR_CODIGO).as_posix().encode() + huella(f.read_bytes()).encode() for f in archivos
    ]
    return huella(b"".join(partes))
