"""Lo común de los scripts de bench que abren una página del proyecto en Chromium sin cabeza (no es
una prueba): bloquear y anotar toda petición que no sea al propio archivo, y abrir la página del disco
fallando si pidió algo fuera o dio un error."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def solo_archivo(ruta: Any, fuera: list[str]) -> None:
    """Deja pasar lo que pide el propio archivo; bloquea y anota cualquier otra petición."""
    if ruta.request.url.startswith("file://"):
        ruta.continue_()
    else:
        fuera.append(ruta.request.url)
        ruta.abort()


def abrir(navegador: Any, pagina_html: Path, ancho: int, alto: int = 900) -> tuple[Any, Any]:
    """Abre ``pagina_html`` del disco en un contexto nuevo y espera ``body[data-listo=1]``; termina con
    error si la página pidió algo fuera del archivo o dio un error. Devuelve (contexto, página)."""
    contexto = navegador.new_context(viewport={"width": ancho, "height": alto})
    fuera: list[str] = []
    errores: list[str] = []
    contexto.route("**/*", lambda r: solo_archivo(r, fuera))
    pagina = contexto.new_page()
    pagina.on("pageerror", lambda e: errores.append(str(e)))
    pagina.goto(pagina_html.as_uri())
    pagina.wait_for_selector("body[data-listo='1']")
    if fuera or errores:
        raise SystemExit(f"{pagina_html.name}: peticiones fuera {fuera}, errores {errores}")
    return contexto, pagina
