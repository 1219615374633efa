"""Capturas del glosario para la documentación (no es una prueba): Chromium sin cabeza abre del disco la
página que escribe ``grafo glosario`` y guarda dos imágenes.

Uso:
    python bench/capturas_glosario.py [--destino docs] [--chromium /usr/bin/chromium]

Escribe ``glosario-ficha.png`` (la ficha de la ZEE en pantalla, 1100 px de ancho), ``glosario-tabla.png``
(el comienzo de la tabla comparativa de los instrumentos, a 1600 px) y
``glosario-impreso.png`` (la primera página del PDF que imprime Chromium, A4 a 110 ppp, convertida en
imagen con pypdfium2, del extra ``[test]``). Falla si la página pidió algo fuera del archivo o dio un
error. Imprime el tamaño de la página, el número de fichas y el de páginas impresas.
"""

from __future__ import annotations

import argparse
import struct
import tempfile
import zlib
from pathlib import Path
from typing import Any

from chromium import abrir

from grafo.construccion.cache import almacen_incluido
from grafo.paginas.glosario import html_de_glosario, leer_glosario


def _png(ruta: Path, pixeles: Any) -> None:
    """Escribe una imagen RGB (arreglo numpy alto × ancho × 3, uint8) como PNG, sin Pillow."""
    alto, ancho, _ = pixeles.shape
    crudo = b"".join(b"\x00" + pixeles[y].tobytes() for y in range(alto))

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    cabecera = struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0)
    ruta.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + trozo(b"IHDR", cabecera)
        + trozo(b"IDAT", zlib.compress(crudo, 9))
        + trozo(b"IEND", b"")
    )


def capturar_ficha(
    navegador: Any, pagina_html: Path, destino: Path, ancla: str = "zee", ancho: int = 1100, alto: float = 1e9
) -> None:
    """La ficha ``ancla`` tal como se ve en pantalla (captura de la página entera, recortada a ``alto``)."""
    contexto, pagina = abrir(navegador, pagina_html, ancho)
    caja = pagina.locator(f"#{ancla}").bounding_box()
    margen = 8
    recorte = {
        "x": caja["x"] - margen,
        "y": caja["y"] - margen,
        "width": caja["width"] + 2 * margen,
        "height": min(caja["height"] + 2 * margen, alto),
    }
    pagina.screenshot(path=str(destino), full_page=True, clip=recorte)
    contexto.close()


def capturar_impreso(navegador: Any, pagina_html: Path, destino: Path) -> int:
    """La primera página impresa (PDF de Chromium) como PNG; devuelve el número de páginas."""
    import pypdfium2 as pdfium

    contexto, pagina = abrir(navegador, pagina_html, 1100)
    pdf = pagina.pdf(prefer_css_page_size=True)
    contexto.close()
    doc = pdfium.PdfDocument(pdf)
    imagen = doc[0].render(scale=110 / 72, rev_byteorder=True).to_numpy()
    _png(destino, imagen[:, :, :3].copy())
    paginas = len(doc)
    doc.close()
    return paginas


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--destino", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    glosario = leer_glosario(almacen_incluido())
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        ruta = Path(tmp) / "glosario.html"
        ruta.write_text(html_de_glosario(glosario, red="grafo.html"), encoding="utf-8")
        navegador = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"], headless=True)
        capturar_ficha(navegador, ruta, args.destino / "glosario-ficha.png")
        capturar_ficha(
            navegador, ruta, args.destino / "glosario-tabla.png", ancla="_comparacion", ancho=1600, alto=1100
        )
        paginas = capturar_impreso(navegador, ruta, args.destino / "glosario-impreso.png")
        navegador.close()
        kb = ruta.stat().st_size / 1024
    print(f"{args.destino / 'glosario-ficha.png'}: ficha de la ZEE")
    print(f"{args.destino / 'glosario-tabla.png'}: tabla comparativa de los instrumentos")
    print(f"{args.destino / 'glosario-impreso.png'}: primera de {paginas} páginas impresas (A4)")
    print(f"glosario.html: {kb:.0f} KB, {len(glosario.entradas)} fichas")


if __name__ == "__main__":
    main()
