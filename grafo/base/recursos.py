"""Localización de los archivos empaquetados (ontología, consultas, foros).

Único módulo que usa ``importlib.resources``; el resto del proyecto pide aquí sus archivos.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

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
_PAQ_WEB = "grafo.paginas.web"
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
    """Un archivo de ``grafo/paginas/web`` (vis-network incrustable, la página del endpoint)."""
    return files(_PAQ_WEB) / nombre


#: Prefijo de la ruta de una fuente empaquetada en el manifiesto ('paquete:grafo.ontologia/x.ttl').
PAQUETE = "paquete:"


def version_paquete() -> str:
    """La versión instalada del paquete (de sus metadatos).

    Camino rápido (importlib.metadata tarda ~10 ms en importarse, y cada consulta lo pediría): el
    nombre del directorio ``grafo_territorial-X.Y.Z.dist-info`` junto al paquete instalado.
    """
    sitio = Path(__file__).resolve().parents[2]
    distribuciones = sorted(sitio.glob("grafo_territorial-*.dist-info"))
    if len(distribuciones) == 1:
        return distribuciones[0].name.removeprefix("grafo_territorial-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("grafo-territorial")
    except PackageNotFoundError:  # ejecutado desde el árbol fuente sin instalar
        return "0.0.0"


def huella(datos: bytes) -> str:
    """SHA-256 en hexadecimal."""
    return hashlib.sha256(datos).hexdigest()


def fuentes_incluidas() -> list[tuple[str, str, bytes]]:
    """Las fuentes empaquetadas que forman el grafo incluido: (nombre, ruta, contenido)."""
    archivos = [
        *(("grafo.ontologia", f) for f in archivos_ontologia()),
        ("grafo.ontologia", formas()),
        ("grafo.datos", esquema_foro()),
        *(("grafo.datos", f) for f in archivos_foros()),
    ]
    return [(f.name, f"{PAQUETE}{paq}/{f.name}", f.read_bytes()) for paq, f in archivos]
