"""Capturas de la página de consultas para la documentación (no es una prueba): arranca ``grafo servir``
en un puerto libre de loopback, Chromium sin cabeza abre la página, elige la consulta ``competencias``
del catálogo, la ejecuta con sus parámetros de ejemplo y guarda una imagen.

Uso:
    python bench/capturas_consultas.py [--almacen DIR] [--destino docs] [--chromium /usr/bin/chromium]

Sin ``--almacen``, sirve el grafo incluido, construido en un directorio temporal. Escribe, a 1280×800:

- ``consultas.png``: catálogo, la ficha de ``competencias`` con sus parámetros y la tabla de resultados;
- ``consultas-error.png``: el editor con una consulta ``SERVICE`` y el error 403 que la rechaza.

Falla si la página pidió algo fuera del servidor o dio un error (salvo el 403 provocado).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from servir import almacen_o_construido, arrancar_grafo_servir, parar

ANCHO, ALTO = 1280, 800
HOSTIL = (
    "# SERVICE haría una petición a otro servidor: se rechaza antes de evaluar\n"
    "SELECT * WHERE {\n"
    "  SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n"
    "}\n"
)


def abrir(navegador: Any, url: str) -> tuple[Any, Any, list[str], list[str]]:
    """Abre la página en un contexto nuevo; bloquea y anota lo que no vaya al servidor. Devuelve
    (contexto, página, peticiones fuera, errores de consola o de la página)."""
    origen = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    contexto = navegador.new_context(viewport={"width": ANCHO, "height": ALTO})
    fuera: list[str] = []
    errores: list[str] = []

    def ruta(r: Any) -> None:
        u = r.request.url
        if u.startswith((origen + "/", "data:", "blob:")):
            r.continue_()
        else:
            fuera.append(u)
            r.abort()

    contexto.route("**/*", ruta)
    pagina = contexto.new_page()
    pagina.on("pageerror", lambda e: errores.append(str(e)))
    pagina.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    pagina.goto(url)
    pagina.locator("#catalogo button[data-nombre]").first.wait_for()
    pagina.locator("#editor .cm-content").wait_for()
    return contexto, pagina, fuera, errores


def comprobar(nombre: str, fuera: list[str], errores: list[str], *admitidos: str) -> None:
    """Termina con error si se pidió algo fuera o hubo errores distintos de ``admitidos``."""
    otros = [e for e in errores if not any(a in e for a in admitidos)]
    if fuera or otros:
        raise SystemExit(f"{nombre}: peticiones fuera {fuera}, errores {otros}")


def captura_competencias(navegador: Any, url: str, destino: Path) -> int:
    """``competencias`` con sus parámetros de ejemplo; devuelve cuántas filas dibujó."""
    from playwright.sync_api import expect

    contexto, pagina, fuera, errores = abrir(navegador, url)
    pagina.click("#catalogo button[data-nombre='competencias']")
    pagina.click("#ejecutar-consulta")
    expect(pagina.locator("#resultado table tbody tr").first).to_be_visible()
    expect(pagina.locator("#resultado[aria-busy]")).to_have_count(0)
    filas = pagina.locator("#resultado table tbody tr").count()
    # El resultado queda bajo el editor: la captura es de la página entera, que muestra a la vez el
    # catálogo, la ficha con sus parámetros y la tabla (con el alto máximo del resultado, 75vh). Desde
    # arriba del todo: el catálogo es sticky y, desplazada la página, saldría a media altura.
    pagina.evaluate("() => window.scrollTo(0, 0)")
    pagina.screenshot(path=str(destino), full_page=True)
    comprobar(destino.name, fuera, errores)
    contexto.close()
    return filas


def captura_error(navegador: Any, url: str, destino: Path) -> str:
    """Una consulta con ``SERVICE`` en el editor y el 403 que la rechaza; devuelve el mensaje."""
    from playwright.sync_api import expect

    contexto, pagina, fuera, errores = abrir(navegador, url)
    pagina.evaluate("(t) => document.getElementById('editor').grafoEditor.poner(t)", HOSTIL)
    pagina.click("#ejecutar")
    expect(pagina.locator("#error strong")).to_have_text("Error 403 (no permitido)")
    expect(pagina.locator("#resultado[aria-busy]")).to_have_count(0)
    pagina.locator("#seccion-editor").scroll_into_view_if_needed()
    caja_editor = pagina.locator("#seccion-editor").bounding_box()
    caja_resultado = pagina.locator("#seccion-resultado").bounding_box()
    assert caja_editor and caja_resultado
    margen = 12
    pagina.screenshot(
        path=str(destino),
        full_page=True,
        clip={
            "x": caja_editor["x"] - margen,
            "y": caja_editor["y"] - margen,
            "width": caja_editor["width"] + 2 * margen,
            "height": caja_resultado["y"] + caja_resultado["height"] - caja_editor["y"] + 2 * margen,
        },
    )
    comprobar(destino.name, fuera, errores, "status of 403")
    mensaje = pagina.locator("#error").inner_text()
    contexto.close()
    return mensaje


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--almacen", type=Path, default=None, help="almacén construido (por defecto, el incluido)"
    )
    ap.add_argument("--destino", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        proceso, url = arrancar_grafo_servir(almacen_o_construido(args.almacen, Path(tmp)))
        try:
            with sync_playwright() as p:
                navegador = p.chromium.launch(
                    executable_path=args.chromium, args=["--no-sandbox"], headless=True
                )
                filas = captura_competencias(navegador, url, args.destino / "consultas.png")
                print(f"{args.destino / 'consultas.png'}: competencias, {filas} filas")
                mensaje = captura_error(navegador, url, args.destino / "consultas-error.png")
                print(f"{args.destino / 'consultas-error.png'}: {mensaje.splitlines()[0]}")
                navegador.close()
        finally:
            parar(proceso)


if __name__ == "__main__":
    main()
