"""El glosario en un navegador real: Chromium de Debian sin cabeza, con playwright, abre del disco el
``glosario.html`` que escribe ``grafo construir`` (junto a ``grafo.html``), bloqueando y anotando toda
petición que no sea a un archivo local.

Se salta sin Chromium, sin playwright o (la prueba de impresión) sin pypdfium2 en una máquina de
desarrollo; en la CI (variable CI) falla.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from grafo.almacen.almacen import Almacen
from grafo.paginas.glosario import leer_glosario

if TYPE_CHECKING:
    from conftest import PaginaDeArchivo

Q_CONCEPTOS = "SELECT ?c WHERE { ?c skos:inScheme <https://w3id.org/grafo-territorial/esquema/glosario> }"


@pytest.fixture(scope="module")
def abrir_glosario(
    abrir_archivo: Callable[..., PaginaDeArchivo], salida: Path
) -> Callable[[], PaginaDeArchivo]:
    """Abre el ``glosario.html`` de la construcción de la sesión en una ventana de 1280 × 900."""
    return lambda: abrir_archivo(salida / "glosario.html", alto=900)


@pytest.fixture(scope="module")
def pagina(abrir_glosario: Callable[[], PaginaDeArchivo]) -> Iterator[PaginaDeArchivo]:
    p = abrir_glosario()
    yield p
    p.cerrar()


def test_abre_sin_peticiones_ni_errores_con_cada_concepto(pagina: PaginaDeArchivo, almacen: Almacen) -> None:
    conceptos = sorted(f["c"] for f in almacen.seleccionar(Q_CONCEPTOS))
    assert len(conceptos) > 50
    fichas = pagina.js("() => Array.from(document.querySelectorAll('article.ficha')).map(a => a.id)")
    assert len(fichas) == len(conceptos)
    assert sorted(fichas) == sorted(c.rsplit("/", 1)[-1] for c in conceptos)
    assert pagina.peticiones == [] and pagina.errores == []


def test_cada_enlace_interno_resuelve(pagina: PaginaDeArchivo) -> None:
    res = pagina.js(
        """() => {
          const hrefs = Array.from(document.querySelectorAll('a[href^="#"]')).map(a => a.getAttribute('href'));
          return {n: hrefs.length, rotos: hrefs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))};
        }"""
    )
    assert res["n"] > 200 and res["rotos"] == []
    # un clic en un instrumento relacionado lleva a su ficha
    pagina.p.locator('#zee .relacionados a[href="#dit"]').first.click()
    assert pagina.js("() => location.hash") == "#dit"
    assert pagina.js("() => document.querySelector(':target').id") == "dit"
    caja = pagina.p.locator("#dit").bounding_box()
    assert caja and 0 <= caja["y"] < 900
    assert pagina.errores == []


def test_interruptor_de_idioma(pagina: PaginaDeArchivo) -> None:
    definicion = pagina.p.locator("#zee .definicion")
    es = definicion.inner_text()
    assert "es un proceso dinámico y flexible" in es and "dynamic and flexible process" not in es
    assert pagina.js("() => document.documentElement.lang") == "es"
    pagina.p.click("#_idioma button[data-idioma='en']")
    en = definicion.inner_text()
    assert "is a dynamic and flexible process" in en and "proceso dinámico" not in en
    assert "confidence: high (H)" in en
    assert pagina.p.locator("#zee h2").inner_text() == "Ecological and Economic Zoning (ZEE)"
    assert "A study that divides a territory into zones" in pagina.p.locator("#zee .ensenar").inner_text()
    assert pagina.js("() => document.documentElement.lang") == "en"
    pagina.p.click("#_idioma button[data-idioma='es']")
    assert "proceso dinámico" in definicion.inner_text()
    assert pagina.p.locator("#zee h2").inner_text() == "Zonificación Ecológica y Económica (ZEE)"
    assert pagina.errores == []


def test_una_cita_lleva_a_su_enunciado_en_la_red(
    abrir_glosario: Callable[[], PaginaDeArchivo], almacen: Almacen
) -> None:
    """El enlace de una cita abre grafo.html#nodo=<IRI> y la red selecciona ese enunciado (que en la
    vista por defecto no es un nodo: se despliega con su sesión); el de la ficha, el concepto."""
    zee = next(x for x in leer_glosario(almacen).entradas if x.ancla == "zee")
    e077 = next(c for c in zee.citas if c.ident == "E077")
    pagina = abrir_glosario()
    try:
        pagina.p.locator(f'#zee a[href="grafo.html#nodo={quote(e077.enunciado, safe="")}"]').click()
        pagina.p.wait_for_selector("body[data-listo='1'] #red canvas", timeout=20_000)
        assert pagina.p.url.endswith(quote(e077.enunciado, safe=""))
        pagina.esperar("() => window.grafoVista && grafoVista.seleccionado() !== null")
        assert pagina.js("() => grafoVista.seleccionado()") == e077.enunciado
        assert "El MINAM no reconoce la ZEE" in pagina.p.inner_text("#panel")
        pagina.p.go_back()
        pagina.p.wait_for_selector("body[data-listo='1'] #zee")
        pagina.p.locator("#zee .ver-red a").click()
        pagina.p.wait_for_selector("body[data-listo='1'] #red canvas", timeout=20_000)
        pagina.esperar("() => window.grafoVista && grafoVista.seleccionado() !== null")
        assert pagina.js("() => grafoVista.seleccionado()") == zee.ficha.iri
        assert pagina.peticiones == [] and pagina.errores == []
    finally:
        pagina.cerrar()


#: Marcas de principio y fin de cada ficha para la prueba de impresión: texto diminuto en posición
#: absoluta (arriba y abajo de la ficha), que no cambia la disposición de nada.
_MARCAS = """(romper) => {
  if (romper) {
    const s = document.createElement('style');
    s.textContent = '@media print { .ficha { break-inside: auto !important; page-break-inside: auto !important; } }';
    document.head.appendChild(s);
  }
  for (const a of document.querySelectorAll('article.ficha')) {
    a.style.position = 'relative';
    for (const [lado, pos] of [['INICIO', 'top'], ['FIN', 'bottom']]) {
      const m = document.createElement('span');
      m.className = 'marca-prueba';
      m.textContent = ` ${lado}:${a.id}: `;
      m.style.cssText = `position:absolute;${pos}:1px;left:1px;font-size:3px;line-height:3px;color:#fff`;
      a.appendChild(m);
    }
  }
  return document.querySelectorAll('article.ficha').length;
}"""


def _paginas_de_marcas(
    pdf: bytes, falta: Callable[[str, str], None]
) -> tuple[list[str], dict[str, list[int]]]:
    """El texto de cada página del PDF y, por cada marca, las páginas (desde 1) en que aparece."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        falta("pypdfium2", "el extra [test] debe instalarlo")
    doc = pdfium.PdfDocument(pdf)
    textos = [doc[i].get_textpage().get_text_bounded() for i in range(len(doc))]
    marcas: dict[str, list[int]] = {}
    for i, texto in enumerate(textos, start=1):
        for m in re.findall(r"(?:INICIO|FIN):[A-Za-z0-9_-]+:", texto):
            marcas.setdefault(m, []).append(i)
    doc.close()
    return textos, marcas


def _partidas(marcas: dict[str, list[int]]) -> list[str]:
    """Las fichas cuya marca de principio y de fin están en páginas distintas."""
    return sorted(
        m.split(":")[1] for m in marcas if m.startswith("INICIO") and marcas[m] != marcas.get(f"FIN{m[6:]}")
    )


def _pdf(
    abrir_glosario: Callable[[], PaginaDeArchivo], falta: Callable[[str, str], None], romper: bool
) -> tuple[list[str], dict[str, list[int]], int]:
    pagina = abrir_glosario()
    try:
        n = pagina.p.evaluate(_MARCAS, romper)
        pdf = pagina.p.pdf(prefer_css_page_size=True)
        assert pagina.peticiones == [] and pagina.errores == []
    finally:
        pagina.cerrar()
    textos, marcas = _paginas_de_marcas(pdf, falta)
    return textos, marcas, n


def test_impreso_ninguna_ficha_se_parte(
    abrir_glosario: Callable[[], PaginaDeArchivo], falta: Callable[[str, str], None]
) -> None:
    """La página impresa por Chromium (``page.pdf()``, A4 de su ``@page``) no parte ninguna ficha.

    Método: antes de imprimir se pone en cada ficha una marca de texto diminuta y blanca arriba
    (``INICIO:id:``) y otra abajo (``FIN:id:``), en posición absoluta para no mover nada; luego se lee
    el texto de cada página del PDF con pypdfium2. Una ficha entera tiene sus dos marcas en la misma
    página; una partida, en páginas distintas. Se mide la paginación real de Chromium, sin suponer
    alturas ni márgenes. Para probar que el método detecta un corte, la misma impresión con
    ``break-inside: auto`` debe partir alguna ficha.
    """
    textos, marcas, n = _pdf(abrir_glosario, falta, romper=False)
    assert n > 50
    for lado in ("INICIO", "FIN"):
        assert sum(m.startswith(lado) for m in marcas) == n  # cada ficha se imprimió
    assert all(len(p) == 1 for p in marcas.values()), "una marca aparece en más de una página"
    assert _partidas(marcas) == []
    # números de página (cajas de margen de @page) y enlaces impresos como texto
    total = len(textos)
    assert total > 10
    assert all(f"{i} / {total}" in t for i, t in enumerate(textos, start=1))
    todo = "\n".join(textos)
    assert re.search(r"E018\s*\(grafo\.html\)", todo) and "(§)" in todo  # enlaces a la red y a otras fichas
    assert "Otros enunciados que lo mencionan:" in todo
    assert "Índice A–Z" not in todo and "Por categoría" not in todo  # los índices no se imprimen

    _, marcas_rotas, _ = _pdf(abrir_glosario, falta, romper=True)
    assert _partidas(marcas_rotas), (
        "sin break-inside: avoid alguna ficha debería partirse: el método no detectaría un corte"
    )
