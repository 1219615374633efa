"""Localización de los archivos empaquetados (ontología, consultas, foros).

Único módulo que usa ``importlib.resources``; el resto del proyecto pide aquí sus archivos.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = [
    "archivo_consulta",
    "archivo_web",
    "archivos_consultas",
    "archivos_foros",
    "archivos_ontologia",
    "esquema_foro",
    "formas",
]

_PAQ_ONTOLOGIA = "grafo.ontologia"
_PAQ_CONSULTAS = "grafo.queries"
_PAQ_DATOS = "grafo.datos"
_PAQ_WEB = "grafo.web"
_FORMAS = "formas.ttl"


def _por_sufijo(paquete: str, sufijo: str) -> list[Traversable]:
    return sorted(
        (f for f in files(paquete).iterdir() if f.name.endswith(sufijo) and f.is_file()),
        key=lambda f: f.name,
    )


def archivos_ontologia() -> list[Traversable]:
    """Los Turtle de la ontología y del glosario, sin las formas SHACL, en orden alfabético."""
    return [f for f in _por_sufijo(_PAQ_ONTOLOGIA, ".ttl") if f.name != _FORMAS]


def formas() -> Traversable:
    """El archivo de formas SHACL."""
    return files(_PAQ_ONTOLOGIA) / _FORMAS


def archivos_consultas() -> list[Traversable]:
    """Las consultas con nombre (``.rq``)."""
    return _por_sufijo(_PAQ_CONSULTAS, ".rq")


def archivo_consulta(nombre: str) -> Traversable | None:
    """La consulta ``nombre.rq`` o ``None`` si no existe."""
    for f in archivos_consultas():
        if f.name == f"{nombre}.rq":
            return f
    return None


def archivos_foros() -> list[Traversable]:
    """Las fuentes de foros (YAML) incluidas en el paquete."""
    return _por_sufijo(_PAQ_DATOS, ".yaml")


def esquema_foro() -> Traversable:
    """El esquema JSON de los archivos de foro."""
    return files(_PAQ_DATOS) / "esquema-foro.json"


def archivo_web(nombre: str) -> Traversable:
    """Un archivo de ``grafo/web`` (plantilla de la red, vis-network incrustable)."""
    return files(_PAQ_WEB) / nombre
