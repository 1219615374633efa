"""Capturas de la red para la documentación (no es una prueba): Chromium sin cabeza abre del disco la
página que escribe ``grafo visualizar`` y guarda una imagen.

Uso:
    python bench/capturas_red.py [--destino docs] [--chromium /usr/bin/chromium]

Escribe ``red-por-defecto.png`` (vista por defecto del grafo incluido) y ``red-zee-radio-2.png``
(``--centro ZEE --radio 2``), a 1400×900. Falla si la página pidió algo fuera del archivo o dio un error.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from chromium import abrir

from grafo.construccion.cache import almacen_incluido
from grafo.paginas.red import construir_red, guardar_red


def capturar(navegador: Any, pagina_html: Path, destino: Path) -> None:
    """Abre la página del disco y guarda su imagen; falla si pidió algo fuera o dio un error."""
    contexto, pagina = abrir(navegador, pagina_html, 1400)
    pagina.screenshot(path=str(destino))
    contexto.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--destino", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    almacen = almacen_incluido()
    casos = {
        "red-por-defecto.png": construir_red(almacen),
        "red-zee-radio-2.png": construir_red(almacen, centro="ZEE", radio=2),
    }
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"], headless=True)
        for nombre, red in casos.items():
            guardar_red(red, Path(tmp) / "red.html")
            capturar(navegador, Path(tmp) / "red.html", args.destino / nombre)
            print(f"{args.destino / nombre}: {len(red.nodos)} nodos, {len(red.aristas)} aristas")
        navegador.close()


if __name__ == "__main__":
    main()
