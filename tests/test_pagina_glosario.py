"""Etapa pagina_glosario: el glosario entero como página HTML autocontenida y como Markdown.

Las pruebas en un navegador real (sin red, enlaces, idioma, impresión) están en
tests/test_pagina_glosario_navegador.py.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.almacen.manifiesto import MANIFIESTO
from grafo.base.errores import GrafoError
from grafo.cli import cli
from grafo.fichas.modelo import Texto
from grafo.fichas.texto import texto_ficha
from grafo.paginas.entorno import entorno
from grafo.paginas.glosario import (
    SIN_DEFINICION,
    Glosario,
    html_de_glosario,
    leer_glosario,
    markdown_de_glosario,
    texto_glosario,
)

if TYPE_CHECKING:
    from conftest import ForoHostil

DATOS = Path(__file__).parent / "datos"
Q_CONCEPTOS = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c skos:inScheme <https://w3id.org/grafo-territorial/esquema/glosario> }"


class _Estructura(HTMLParser):
    """Lo que interesa de la página: ids, enlaces, fichas, guiones y elementos con atributos on*."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.fichas: list[str] = []
        self.etiquetas: list[str] = []
        self.manejadores: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.etiquetas.append(tag)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(str(a["href"]))
        if tag == "article" and "ficha" in (a.get("class") or "").split():
            self.fichas.append(str(a.get("id")))
        self.manejadores += [k for k in a if k.lower().startswith("on")]


def _estructura(pagina: str) -> _Estructura:
    e = _Estructura()
    e.feed(pagina)
    e.close()
    return e


@pytest.fixture(scope="module")
def glosario(almacen: Almacen) -> Glosario:
    return leer_glosario(almacen)


@pytest.fixture(scope="module")
def pagina(glosario: Glosario) -> str:
    return html_de_glosario(glosario)


def test_cada_concepto_del_glosario_tiene_su_ficha(almacen: Almacen, glosario: Glosario, pagina: str) -> None:
    n = int(almacen.seleccionar(Q_CONCEPTOS)[0]["n"])
    assert n > 50 and len(glosario.entradas) == n
    e = _estructura(pagina)
    assert len(e.fichas) == n
    assert sorted(e.fichas) == sorted(x.ancla for x in glosario.entradas)
    assert len(set(e.ids)) == len(e.ids), "ids repetidos en la página"
    # ancla estable: la última parte del IRI
    for x in glosario.entradas:
        assert x.ancla == x.ficha.iri.rsplit("/", 1)[-1]
    zee = next(x for x in glosario.entradas if x.ancla == "zee")
    assert (
        zee.ficha.siglas == ["ZEE"]
        and zee.categoria is not None
        and zee.categoria.en == "technical-supporting"
    )
    # orden alfabético sin tildes: «Índice…» va entre la H y la J
    claves = [x.ficha.termino.es for x in glosario.entradas]
    assert (
        claves.index("Gestión Territorial")
        < claves.index("Índice de Desarrollo Humano")
        < claves.index("Macrorregión")
    )


def test_cada_enlace_interno_tiene_su_destino(glosario: Glosario, pagina: str) -> None:
    e = _estructura(pagina)
    internos = [h[1:] for h in e.hrefs if h.startswith("#")]
    ids = set(e.ids)
    faltan = sorted({h for h in internos if h not in ids})
    assert faltan == []
    # cada término en los índices A–Z (es y en) y por categoría, las letras, los relacionados y cada
    # instrumento de la tabla comparativa
    letras = [i for i in ids if i.startswith("_az-")]
    relacionados = sum(len(x.relacionados) for x in glosario.entradas)
    assert relacionados > 50
    en_tabla = len(glosario.comparacion)
    assert len(internos) == 3 * len(glosario.entradas) + len(letras) + relacionados + en_tabla
    externos = [h for h in e.hrefs if not h.startswith("#")]
    assert externos and all(h.startswith("grafo.html#nodo=") for h in externos)


def test_ficha_de_la_zee(glosario: Glosario, pagina: str) -> None:
    articulo = re.search(r'<article class="ficha" id="zee">(.*?)</article>', pagina, re.S)
    assert articulo
    a = articulo.group(1)
    assert "Zonificación Ecológica y Económica (ZEE)" in a and "Ecological and Economic Zoning (ZEE)" in a
    # la clase de la ontología (no skos:Concept), la categoría y el carácter, en los dos idiomas
    assert '<span class="l-es" lang="es">Instrumento · categoría: técnico-sustentatorio' in a
    assert '<span class="l-en" lang="en">Instrument · category: technical-supporting' in a
    assert "D.S. 087-2004-PCM, art. 1" in a and "confianza: alta (H)" in a and "confidence: high (H)" in a
    assert "Para enseñar" in a and "For teaching" in a
    assert "Qué cambió después de 2013" in a and "Ley 30230" in a
    assert "Ministerio del Ambiente" in a and "Nacional" in a and "National" in a and "2008 – vigente" in a
    assert 'href="#dit"' in a and 'href="#ot"' in a  # instrumentos relacionados, dentro de la página
    # lo que dijo el foro: cada enunciado que la menciona, con su autor y enlace a la red
    zee = next(x for x in glosario.entradas if x.ancla == "zee")
    assert len(zee.citas) == 10
    e077 = next(c for c in zee.citas if c.ident == "E077")
    assert e077.autor == "Efraín Arana" and e077.texto.startswith("El MINAM no reconoce la ZEE")
    assert f'href="grafo.html#nodo={quote(e077.enunciado, safe="")}"' in a
    assert "El MINAM no reconoce la ZEE como un instrumento vinculante." in a


def _ficha_html(pagina: str, ancla: str) -> str:
    articulo = re.search(rf'<article class="ficha" id="{ancla}">(.*?)</article>', pagina, re.S)
    assert articulo, ancla
    return articulo.group(1)


def test_cada_definicion_con_su_fuente_y_sin_definicion_lo_dice(glosario: Glosario, pagina: str) -> None:
    for x in glosario.entradas:
        ficha = _ficha_html(pagina, x.ancla)
        for idioma, texto in (("es", x.ficha.definicion.es), ("en", x.ficha.definicion.en)):
            if texto:
                assert html.escape(texto) in ficha and SIN_DEFINICION[idioma] not in ficha, x.ancla
            else:
                assert SIN_DEFINICION[idioma] in ficha, x.ancla
        if x.ficha.definicion.es and x.ficha.fuente.es:
            assert f"Fuente: {html.escape(x.ficha.fuente.es)}" in ficha, x.ancla
    # un término sin definición (en los datos ya no queda ninguno: se prueba con una copia sin ella)
    zee = next(x for x in glosario.entradas if x.ancla == "zee")
    sin = replace(zee, ficha=replace(zee.ficha, definicion=Texto("")))
    otra = replace(glosario, entradas=[sin if x is zee else x for x in glosario.entradas])
    ficha = _ficha_html(html_de_glosario(otra), "zee")
    definicion = re.search(r'<section class="definicion">(.*?)</section>', ficha, re.S)
    assert definicion and "<blockquote" not in definicion.group(1) and "Fuente" not in definicion.group(1)
    assert SIN_DEFINICION["es"] in definicion.group(1) and SIN_DEFINICION["en"] in definicion.group(1)
    assert SIN_DEFINICION["es"] in markdown_de_glosario(otra)


def test_pagina_autocontenida(pagina: str) -> None:
    assert "Content-Security-Policy" in pagina and "default-src 'none'" in pagina
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", pagina)
    assert "@import" not in pagina and "@font-face" not in pagina and "url(" not in pagina
    assert "@media print" in pagina and "break-inside: avoid" in pagina and "counter(page)" in pagina
    e = _estructura(pagina)
    assert e.etiquetas.count("script") == 1 and e.manejadores == []


def test_plantilla_empaquetada() -> None:
    plantillas = files("grafo.paginas") / "plantillas"
    assert (plantillas / "glosario_ficha.frag.j2").is_file()
    texto = (plantillas / "glosario.html.j2").read_text(encoding="utf-8")
    marcas = ("titulo_glosario", "m.bi(resumen_es, resumen_en)", "{{ indice_az }}", "{{ indice_categorias }}")
    for marca in (*marcas, "{{ fichas"):
        assert marca in texto


def test_la_plantilla_escapa_sola(glosario: Glosario) -> None:
    """El texto de una ficha pasa por la plantilla sin escapar a mano: lo escapa autoescape (sin él,
    la prueba falla), con las entidades de siempre (html.escape: &#x27; y &quot;)."""
    hostil = "<script>alert(1)</script> & 'x' \"y\""
    entradas = [
        replace(x, ficha=replace(x.ficha, definicion=Texto(hostil, hostil))) if x.ancla == "zee" else x
        for x in glosario.entradas
    ]
    pagina = html_de_glosario(replace(glosario, entradas=entradas))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x27;x&#x27; &quot;y&quot;" in pagina
    assert "<script>alert(1)" not in pagina
    assert entorno().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_textos_hostiles_van_escapados(foro_hostil: ForoHostil) -> None:
    """Un foro con un enunciado y un orador hostiles que mencionan la ZEE (la construcción de la
    sesión): en la página y en el Markdown nada de eso puede ser marcado."""
    carga = foro_hostil.texto
    g = leer_glosario(abrir_almacen(foro_hostil.directorio))
    zee = next(x for x in g.entradas if x.ancla == "zee")
    hostil = next(c for c in zee.citas if c.texto.startswith(carga))
    assert hostil.autor == carga
    pagina = html_de_glosario(g)
    assert "<img" not in pagina and "alert(2)</script>" not in pagina
    assert html.escape(carga) in pagina  # está, como texto
    e = _estructura(pagina)
    assert e.etiquetas.count("script") == 1 and e.manejadores == [] and "img" not in e.etiquetas
    md = markdown_de_glosario(g)
    assert "<img" not in md and "<script" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md


def test_markdown(glosario: Glosario) -> None:
    md = markdown_de_glosario(glosario)
    assert md.startswith("# Glosario territorial\n")
    assert '<a id="zee"></a>' in md and "### Zonificación Ecológica y Económica (ZEE)" in md
    anclas = set(re.findall(r'<a id="([^"]+)"></a>', md))
    assert len(anclas) == len(glosario.entradas)
    destinos = set(re.findall(r"\]\(#([^)]+)\)", md))
    assert destinos and destinos <= anclas
    assert md.count(SIN_DEFINICION["es"]) == sum(not x.ficha.definicion for x in glosario.entradas)
    assert "#### Para enseñar\n" in md and "#### Competencias por nivel\n\n**Nacional**\n" in md
    assert "- [E077](grafo.html#nodo=" in md and "(Efraín Arana): «El MINAM no reconoce la ZEE" in md
    assert "grafo.html" not in markdown_de_glosario(glosario, red=None)
    assert texto_glosario(glosario, "md") == md
    with pytest.raises(GrafoError, match="formato de glosario desconocido"):
        texto_glosario(glosario, "pdf")


def _palabras_md(md: str) -> str:
    """Las palabras de un Markdown, sin títulos (setext o ATX), anclas ni enlaces (su texto queda)."""
    sin = re.sub(r'<a id="[^"]*"></a>', "", md)
    sin = re.sub(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\([^)\s]*\)", r"\1", sin)
    lineas = [x for x in sin.splitlines() if not re.fullmatch(r"[=-]+", x)]
    return " ".join(" ".join(re.sub(r"^#+ ", "", x) for x in lineas).split())


def test_markdown_escribe_cada_ficha_como_definir(glosario: Glosario) -> None:
    """Cada término del glosario en Markdown es la ficha de ``grafo definir --formato md``, palabra por
    palabra (cambian los títulos, de nivel 3, y los enlaces), seguida de sus menciones en el foro."""
    md = markdown_de_glosario(glosario)
    trozos = re.split(r'(?=<a id="[^"]+"></a>\n\n### )', md)[1:]
    assert len(trozos) == len(glosario.entradas)
    for x, trozo in zip(glosario.entradas, trozos, strict=True):
        assert trozo.startswith(f'<a id="{x.ancla}"></a>'), x.ancla
        # las menciones van antes del pie de la ficha (las marcas «[es]»/«[en]»)
        ficha, foro, pie = re.split(r"\n#### Menciones en el foro\n(.*?)(?=\n\n\*|\Z)", trozo, flags=re.S)
        assert _palabras_md(ficha + pie) == _palabras_md(texto_ficha(x.ficha, formato="md")), x.ancla
        assert len(re.findall(r"^- ", foro, re.M)) == len(x.citas), x.ancla
        for c in x.citas:
            assert f"[{c.ident}](grafo.html#nodo=" in foro, (x.ancla, c.ident)


def test_determinista(almacen: Almacen, pagina: str) -> None:
    assert html_de_glosario(leer_glosario(almacen)) == pagina


def test_construir_escribe_el_glosario_junto_a_la_red(salida: Path) -> None:
    pagina = (salida / "glosario.html").read_text(encoding="utf-8")
    assert "grafo.html#nodo=" in pagina
    assert "glosario.html" in json.loads((salida / MANIFIESTO).read_text(encoding="utf-8"))["archivos"]


def test_cli_glosario(salida: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # sin -o, el Markdown va a ./glosario.md
    runner = CliRunner()
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "-o", str(tmp_path / "g.html")])
    assert r.exit_code == 0, r.output
    assert re.fullmatch(r"Glosario escrito en .*g\.html: \d+ términos\.\n", r.stdout)
    escrito = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert escrito.count('<article class="ficha"') > 50
    assert "grafo.html#nodo=" not in escrito  # no hay grafo.html junto al archivo: sin enlaces rotos
    (tmp_path / "grafo.html").write_text("", encoding="utf-8")
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "-o", str(tmp_path / "g.html")])
    assert "grafo.html#nodo=" in (tmp_path / "g.html").read_text(encoding="utf-8")
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "--formato", "md", "-o", "-"])
    assert r.exit_code == 0 and r.stdout.startswith("# Glosario territorial\n")
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "--formato", "md"])
    assert r.exit_code == 0 and Path("glosario.md").is_file()  # el directorio de la prueba
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "--formato", "pdf"])
    assert r.exit_code == 2
    r = runner.invoke(cli, ["glosario", "--almacen", str(salida), "-o", str(tmp_path / "g.html" / "x.html")])
    assert r.exit_code == 1 and r.stderr.splitlines()[-1].startswith("Error:")
