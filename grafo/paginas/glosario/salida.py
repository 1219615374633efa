"""El glosario en un formato (``texto_glosario``) o escrito en un archivo (``guardar_glosario``)."""

from __future__ import annotations

from pathlib import Path

from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_texto_atomico
from grafo.paginas.glosario.markdown import markdown_de_glosario
from grafo.paginas.glosario.modelo import Glosario
from grafo.paginas.glosario.pagina import html_de_glosario

__all__ = ["FORMATOS", "guardar_glosario", "texto_glosario"]

FORMATOS = ("html", "md")


def texto_glosario(g: Glosario, formato: str = "html", red: str | None = "grafo.html") -> str:
    """El glosario en ``formato`` (``html`` o ``md``)."""
    if formato == "html":
        return html_de_glosario(g, red)
    if formato == "md":
        return markdown_de_glosario(g, red)
    raise GrafoError(f"formato de glosario desconocido '{formato}'. Formatos: {', '.join(FORMATOS)}.")


def guardar_glosario(g: Glosario, ruta: Path, formato: str = "html") -> None:
    """Escribe el glosario en ``ruta`` de forma atómica. Las citas enlazan a ``grafo.html`` solo si
    esa página está junto a ``ruta`` (como en un directorio de ``grafo construir``)."""
    ruta = Path(ruta)
    red = "grafo.html" if (ruta.parent / "grafo.html").is_file() else None
    escribir_texto_atomico(ruta, texto_glosario(g, formato, red))
