"""La página de consultas de ``grafo servir`` en un navegador real: Chromium de Debian sin cabeza, con
playwright, contra un ``grafo servir`` de verdad (proceso aparte, puerto libre de loopback). Toda
petición que no vaya al origen del servidor (ni sea ``data:`` o ``blob:``) se bloquea y se anota.

La página tiene CSP ``script-src 'self'`` (sin eval): se espera con localizadores, nunca con
``wait_for_function`` de texto ni con pausas.

Se salta sin Chromium o sin playwright en una máquina de desarrollo; en la CI (variable CI) falla.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from grafo.almacen.almacen import Almacen
from grafo.consultas.catalogo import cargar_consulta, consultas_disponibles
from grafo.consultas.ejecucion import ejecutar

if TYPE_CHECKING:
    from conftest import Servidor

HOSTIL_IMG = "<img src=x onerror=window.__xss=1>"
HOSTIL_SCRIPT = "</script><script>window.__xss=2</script>"
NIVELES = 'SELECT ?l WHERE { ?n a gt:NivelDeGobierno ; rdfs:label ?l FILTER(lang(?l) = "es") } ORDER BY ?l'
#: Chrome escribe en la consola cada respuesta 4xx/5xx; solo se admiten las provocadas a propósito.
_FALLO_DE_CARGA = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3})\b")
#: Anota en la página cada violación de la CSP (se inyecta por el protocolo de depuración, no por la
#: página, así que la CSP no la bloquea).
_VIGIA_CSP = """
window.__violacionesCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violacionesCsp.push(e.violatedDirective + " " + (e.blockedURI || ""));
});
"""


class Pagina:
    """La página de consultas abierta, con lo que pidió (dentro y fuera del origen del servidor), lo
    que escribió en la consola y las violaciones de la CSP."""

    def __init__(self, navegador: Any, url: str) -> None:
        self.origen = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        self.fuera: list[str] = []  # bloqueadas: no salieron de la máquina
        self.propias: list[str] = []  # al servidor
        self.consola: list[str] = []  # errores y avisos de la consola y de la página
        self.csp: list[str] = []  # mensajes de la consola sobre la CSP
        self.contexto = navegador.new_context(viewport={"width": 1280, "height": 800})
        self.contexto.add_init_script(_VIGIA_CSP)
        self.contexto.route("**/*", self._ruta)
        self.p = self.contexto.new_page()
        self.p.on("console", self._consola)
        self.p.on("pageerror", lambda e: self.consola.append(f"pageerror: {e}"))
        self.p.on("dialog", lambda d: (self.consola.append(f"diálogo: {d.message}"), d.dismiss()))
        self.p.goto(url)
        self.p.locator("#catalogo button[data-nombre]").first.wait_for(timeout=20_000)
        self.p.locator("#editor .cm-content").wait_for()  # el editor de editor.js, no el de reserva

    def _ruta(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")):
            route.continue_()
        elif url == self.origen or url.startswith(self.origen + "/"):
            self.propias.append(url)
            route.continue_()
        else:
            self.fuera.append(url)
            route.abort()

    def _consola(self, m: Any) -> None:
        if "Content Security Policy" in m.text:
            self.csp.append(m.text)
        if m.type in ("error", "warning"):
            self.consola.append(m.text)

    def js(self, codigo: str, arg: Any = None) -> Any:
        return self.p.evaluate(codigo, arg)

    def poner(self, texto: str) -> None:
        """Pone ``texto`` en el editor (CodeMirror) por su interfaz ``.grafoEditor``."""
        self.js("(t) => document.getElementById('editor').grafoEditor.poner(t)", texto)
        assert self.js("() => document.getElementById('editor').grafoEditor.texto()") == texto

    def estados_fallidos(self) -> list[int]:
        """Los estados HTTP de los «Failed to load resource» de Chrome, en orden."""
        return [int(m.group(1)) for t in self.consola if (m := _FALLO_DE_CARGA.match(t))]

    def comprobar_limpia(self, *fallidos: int) -> None:
        """Nada salió de la máquina, ningún error de consola (salvo las respuestas ``fallidos``,
        provocadas a propósito, en ese orden) ni de la página, y ninguna violación de la CSP."""
        assert self.fuera == []
        assert [t for t in self.consola if not _FALLO_DE_CARGA.match(t)] == []
        assert self.estados_fallidos() == list(fallidos)
        assert self.csp == []
        assert self.js("() => window.__violacionesCsp") == []

    def celdas(self) -> list[list[str]]:
        """El texto (``textContent``) de las celdas de ``#resultado table``, sin la columna del número."""
        return self.js(
            """() => [...document.querySelectorAll('#resultado table tbody tr')].map(
                 (tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent))"""
        )

    def cerrar(self) -> None:
        self.contexto.close()


@pytest.fixture
def pagina(navegador: Any, servidor: Servidor) -> Iterator[Pagina]:
    """La página recién abierta en un contexto nuevo (cada prueba empieza de cero)."""
    p = Pagina(navegador, servidor.url)
    yield p
    p.cerrar()


def _esperar_resultado(pagina: Pagina) -> None:
    """Espera a que termine la ejecución en curso (``#resultado`` deja de estar ``aria-busy``)."""
    from playwright.sync_api import expect

    expect(pagina.p.locator("#resultado[aria-busy]")).to_have_count(0)


# --- pruebas -----------------------------------------------------------------------------------------


def test_carga_sin_salir_de_la_maquina_ni_errores(pagina: Pagina, servidor: Servidor) -> None:
    pagina.comprobar_limpia()
    rutas = {urlsplit(u).path for u in pagina.propias}
    assert rutas == {"/", "/editor.js", "/editor.css", "/consultas.js", "/consultas.css", "/catalogo.json"}
    assert pagina.p.title() == "Grafo territorial — consultas SPARQL"
    assert pagina.p.locator("#estado").inner_text() == "Todavía no se ha ejecutado ninguna consulta."
    assert pagina.p.locator("#descargar-csv").is_disabled()
    assert pagina.p.locator("#descargar-tsv").is_disabled()
    assert pagina.p.locator("#error").inner_text() == ""


def test_catalogo_competencias_con_parametros_y_filas(pagina: Pagina, almacen: Almacen) -> None:
    from playwright.sync_api import expect

    p = pagina.p
    nombres = [c.nombre for c in consultas_disponibles()]
    botones = p.locator("#catalogo button[data-nombre]")
    assert [botones.nth(i).get_attribute("data-nombre") for i in range(botones.count())] == nombres
    expect(p.locator("#catalogo-estado")).to_have_text(f"{len(nombres)} consultas")

    consulta = cargar_consulta("competencias")
    ejemplo = consulta.parametros_de_ejemplo()
    assert ejemplo.get("nivel") == "Regional"
    p.click("#catalogo button[data-nombre='competencias']")
    expect(p.locator("#catalogo button[data-nombre='competencias']")).to_have_attribute(
        "aria-current", "true"
    )
    expect(p.locator("#ficha-titulo")).to_have_text(consulta.titulo)
    descripcion = consulta.descripcion[0].upper() + consulta.descripcion[1:]
    expect(p.locator("#ficha-descripcion")).to_have_text(descripcion)
    expect(p.locator("#parametros")).to_be_visible()
    assert [
        p.locator("#parametros input").nth(i).get_attribute("name")
        for i in range(p.locator("#parametros input").count())
    ] == [q.nombre for q in consulta.parametros]
    for nombre_param in (q.nombre for q in consulta.parametros):
        expect(p.locator(f"#parametros input[name='{nombre_param}']")).to_have_value(
            ejemplo.get(nombre_param, "")
        )

    esperado = ejecutar(almacen, consulta, ejemplo)
    assert 0 < len(esperado.filas) <= 2000  # la página dibuja hasta 2000 filas
    p.click("#ejecutar-consulta")
    expect(p.locator("#resultado table tbody tr")).to_have_count(len(esperado.filas))
    _esperar_resultado(pagina)
    cabecera = p.locator("#resultado table thead th")
    assert [cabecera.nth(i).inner_text() for i in range(cabecera.count())] == ["#", *esperado.columnas]
    assert pagina.celdas() == esperado.filas
    expect(p.locator("#estado")).to_contain_text(f"{len(esperado.filas)} filas")
    expect(p.locator("#origen")).to_contain_text("nivel = Regional")
    expect(p.locator("#descargar-csv")).to_be_enabled()
    expect(p.locator("#descargar-tsv")).to_be_enabled()
    assert any(urlsplit(u).path == "/consulta/competencias" for u in pagina.propias)
    pagina.comprobar_limpia()


@pytest.mark.parametrize("valor", [HOSTIL_IMG, HOSTIL_SCRIPT], ids=["img-onerror", "cierre-de-script"])
def test_valores_hostiles_se_ven_como_texto(pagina: Pagina, valor: str) -> None:
    from playwright.sync_api import expect

    literal = valor.replace("\\", "\\\\").replace('"', '\\"')
    pagina.poner(f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}')
    pagina.p.click("#ejecutar")
    expect(pagina.p.locator("#resultado table tbody tr")).to_have_count(1)
    _esperar_resultado(pagina)
    assert pagina.celdas() == [[valor]]
    assert pagina.js("() => document.querySelectorAll('#resultado img, #resultado script').length") == 0
    assert pagina.js("() => document.querySelectorAll('img').length") == 0
    assert pagina.js("() => typeof window.__xss") == "undefined"
    assert not any(urlsplit(u).path == "/x" for u in pagina.propias)
    pagina.comprobar_limpia()


def test_consultas_hostiles_muestran_el_error_y_la_pagina_sigue(
    pagina: Pagina, escucha: socket.socket, plazo_servir: float
) -> None:
    from playwright.sync_api import expect

    p = pagina.p
    error = p.locator("#error")
    puerto = escucha.getsockname()[1]
    prohibidas = [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{puerto}/sparql> {{ ?s ?p ?o }} }}",
    ]
    for texto in prohibidas:
        pagina.poner(texto)
        p.click("#ejecutar")
        expect(error.locator("strong")).to_have_text("Error 403 (no permitido)")
        expect(error.locator(".mensaje")).to_contain_text("SERVICE no está permitido")
        expect(error.locator(".mensaje")).to_contain_text("las consultas no acceden a la red")
        _esperar_resultado(pagina)
        expect(p.locator("#estado")).to_contain_text("La consulta no se completó")
        expect(p.locator("#resultado table")).to_have_count(0)
        expect(p.locator("#descargar-csv")).to_be_disabled()
    with pytest.raises(BlockingIOError):
        escucha.accept()  # nadie llegó al puerto que escucha

    # un producto cartesiano: el servidor lo detiene al pasar --tiempo-maximo
    pagina.poner("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    p.click("#ejecutar")
    expect(error.locator("strong")).to_have_text(
        "Error 503 (servicio no disponible)", timeout=plazo_servir * 1000 + 30_000
    )
    expect(error.locator(".mensaje")).to_contain_text("se detuvo")
    _esperar_resultado(pagina)
    expect(p.locator("#resultado table")).to_have_count(0)

    # después, una consulta normal funciona y borra el error
    pagina.poner(NIVELES)
    p.click("#ejecutar")
    expect(p.locator("#resultado table tbody tr")).to_have_count(3)
    _esperar_resultado(pagina)
    assert pagina.celdas() == [["Local"], ["Nacional"], ["Regional"]]
    assert error.inner_text() == ""
    expect(p.locator("#estado")).to_contain_text("3 filas")
    pagina.comprobar_limpia(403, 403, 503)


def test_ctrl_enter_en_el_editor_ejecuta(pagina: Pagina) -> None:
    from playwright.sync_api import expect

    p = pagina.p
    pagina.poner('SELECT ?v WHERE { VALUES ?v { "con el teclado" } }')
    p.locator("#editor .cm-content").click()
    p.keyboard.press("End")
    p.keyboard.press("Control+Enter")
    expect(p.locator("#resultado table tbody tr")).to_have_count(1)
    _esperar_resultado(pagina)
    assert pagina.celdas() == [["con el teclado"]]
    expect(p.locator("#origen")).to_have_text("Consulta del editor")
    # Ctrl-Enter ejecuta y no inserta una línea en el editor
    assert pagina.js("() => document.getElementById('editor').grafoEditor.texto()") == (
        'SELECT ?v WHERE { VALUES ?v { "con el teclado" } }'
    )
    pagina.comprobar_limpia()
