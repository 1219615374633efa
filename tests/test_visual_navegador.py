"""La red en un navegador real: Chromium de Debian sin cabeza, con playwright, abriendo el archivo del
disco y bloqueando (y anotando) toda petición que no sea al propio archivo.

Se salta sin Chromium o sin playwright en una máquina de desarrollo; en la CI (variable CI) falla.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.paginas.red import construir_red, guardar_red

if TYPE_CHECKING:
    from conftest import ForoHostil, PaginaDeArchivo


def _posiciones(pagina: PaginaDeArchivo) -> Any:
    return pagina.js(
        "() => { const ids = grafoDatos.nodos.map(n => n.id); return grafoRed.getPositions(ids); }"
    )


@pytest.fixture(scope="module")
def pagina_completa(
    abrir_archivo: Callable[..., PaginaDeArchivo], almacen: Almacen, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    ruta = tmp_path_factory.mktemp("red") / "completa.html"
    red = construir_red(almacen, vista="completa")
    guardar_red(red, ruta)
    pagina = abrir_archivo(ruta)
    yield pagina, red
    pagina.cerrar()


def test_carga_sin_peticiones_ni_errores_y_cuenta_los_nodos(pagina_completa: Any) -> None:
    pagina, red = pagina_completa
    assert pagina.peticiones == []
    assert pagina.errores == []
    assert pagina.js("() => grafoRed.body.data.nodes.length") == len(red.nodos)
    assert pagina.js("() => grafoDatos.nodos.length") == len(red.nodos) > 300
    assert f"{len(red.nodos)} nodos" in pagina.p.inner_text("#pie-conteo")


def test_quieta_al_llegar(pagina_completa: Any) -> None:
    pagina, _ = pagina_completa
    antes = _posiciones(pagina)
    pagina.p.wait_for_timeout(1500)
    assert _posiciones(pagina) == antes
    assert pagina.js("() => grafoRed.physics.options.enabled") is False


def test_buscar_zee_la_enfoca_y_abre_su_ficha(pagina_completa: Any) -> None:
    pagina, red = pagina_completa
    zee = next(
        n.id for n in red.nodos.values() if n.etiqueta.startswith("Zonificación Ecológica y Económica")
    )
    pagina.p.fill("#buscar", "zee")
    pagina.p.wait_for_timeout(200)
    assert pagina.js("() => grafoRed.getSelectedNodes()") == [zee]
    assert pagina.p.get_attribute("#panel", "data-nodo") == zee
    panel = pagina.p.inner_text("#panel")
    assert "Zonificación Ecológica y Económica" in panel
    assert "D.S. 087-2004-PCM, art. 1" in panel  # la definición con su fuente
    assert "enunciado(s) lo mencionan" in panel.lower()
    pagina.p.click("#restablecer")


def test_clic_en_un_nodo_abre_la_ficha(pagina_completa: Any) -> None:
    pagina, red = pagina_completa
    # el instrumento más apartado de los demás nodos: el clic no puede caer en otro
    pos = red.posiciones

    def apartado(n: str) -> float:
        x, y = pos[n]
        return min((x - a) ** 2 + (y - b) ** 2 for m, (a, b) in pos.items() if m != n)

    pot = max((n.id for n in red.nodos.values() if n.tipo == "instrumento"), key=apartado)

    pagina.js(f"() => grafoRed.focus({pot!r}, {{scale: 1.5, animation: false}})")
    pagina.p.wait_for_timeout(200)
    caja = pagina.p.locator("#red canvas").bounding_box()
    assert caja
    punto = pagina.js(f"() => grafoRed.canvasToDOM(grafoRed.getPositions([{pot!r}])[{pot!r}])")
    pagina.p.mouse.click(caja["x"] + punto["x"], caja["y"] + punto["y"])
    pagina.p.wait_for_timeout(200)
    assert pagina.p.get_attribute("#panel", "data-nodo") == pot
    assert "definición" in pagina.p.inner_text("#panel").lower()
    pagina.p.click("#restablecer")


def test_filtro_oculta_los_enunciados(pagina_completa: Any) -> None:
    pagina, red = pagina_completa
    antes = _posiciones(pagina)
    pagina.p.uncheck("input[data-filtro-tipo='enunciado']")
    ocultos = pagina.js("() => grafoRed.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    enunciados = {n.id for n in red.nodos.values() if n.tipo == "enunciado"}
    assert set(ocultos) == enunciados and len(enunciados) == 214
    assert _posiciones(pagina) == antes  # filtrar no mueve nada
    pagina.p.click("#restablecer")
    assert pagina.js("() => grafoRed.body.data.nodes.get({filter: n => n.hidden}).length") == 0


def test_textos_hostiles_se_ven_como_texto(
    abrir_archivo: Callable[..., PaginaDeArchivo], tmp_path: Path, foro_hostil: ForoHostil
) -> None:
    # la construcción de la sesión con el foro hostil: la pregunta P1 y un enunciado llevan la carga
    carga = foro_hostil.texto
    red = construir_red(abrir_almacen(foro_hostil.directorio), vista="completa")
    hostil = next(i for i, r in red.enunciados.items() if r["texto"] == carga)
    con_pregunta = next(i for i, r in red.enunciados.items() if r["pregunta"] == carga)
    guardar_red(red, tmp_path / "hostil.html")
    pagina = abrir_archivo(tmp_path / "hostil.html")
    try:
        pagina.js(f"() => grafoVista.seleccionar({hostil!r})")
        pagina.p.wait_for_timeout(300)
        panel = pagina.p.inner_text("#panel")
        assert carga in panel
        pagina.js(f"() => grafoVista.seleccionar({con_pregunta!r})")
        assert f"Pregunta orientadora: {carga}" in pagina.p.inner_text("#panel")
        assert carga[:38] in pagina.js(
            f"() => grafoRed.body.data.nodes.get({hostil!r}).label"
        )  # la etiqueta del nodo, como texto
        assert pagina.dialogos == [] and pagina.peticiones == [] and pagina.errores == []
        assert (
            pagina.js("() => document.querySelectorAll('img, iframe, a[href], script:not([id])').length") <= 2
        )
        assert pagina.js("() => document.querySelectorAll('#panel img, #panel script').length") == 0
    finally:
        pagina.cerrar()


# --- la vista por defecto: enunciados agregados, desplegables a pedido ---------------------------------


@pytest.fixture(scope="module")
def pagina_defecto(
    abrir_archivo: Callable[..., PaginaDeArchivo], almacen: Almacen, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    ruta = tmp_path_factory.mktemp("red") / "defecto.html"
    red = construir_red(almacen)
    guardar_red(red, ruta)
    pagina = abrir_archivo(ruta)
    yield pagina, red
    pagina.cerrar()


def test_defecto_sin_peticiones_ni_errores_y_sin_enunciados(pagina_defecto: Any) -> None:
    pagina, red = pagina_defecto
    assert pagina.peticiones == [] and pagina.errores == []
    assert pagina.js("() => grafoRed.body.data.nodes.length") == len(red.nodos) < 250
    assert pagina.js("() => grafoRed.body.data.edges.length") == len(red.aristas)
    assert not any(n.tipo == "enunciado" for n in red.nodos.values())


def test_desplegar_y_plegar_una_sesion(pagina_defecto: Any) -> None:
    pagina, red = pagina_defecto
    sesion = next(
        n.id
        for n in red.nodos.values()
        if n.tipo == "sesion" and n.etiqueta == "Trabajo en grupos y plenaria"
    )
    propios = sorted(i for i, r in red.enunciados.items() if r["sesion"] == sesion)
    assert len(propios) > 50
    antes = _posiciones(pagina)
    pagina.js(f"() => grafoVista.seleccionar({sesion!r})")
    boton = pagina.p.locator("#desplegar")
    assert boton.inner_text() == f"Mostrar sus {len(propios)} enunciados en la red"
    boton.click()
    pagina.p.wait_for_timeout(200)
    assert pagina.js("() => grafoRed.body.data.nodes.length") == len(red.nodos) + len(propios)
    nuevos = pagina.js(
        "() => grafoRed.body.data.nodes.getIds().filter(i => !grafoDatos.nodos.some(n => n.id === i))"
    )
    assert sorted(nuevos) == propios
    # cada enunciado desplegado, unido a su sesión, a su autor y a lo que menciona
    uno = propios[0]
    r = red.enunciados[uno]
    destinos = pagina.js(
        f"() => grafoRed.body.data.edges.get({{filter: a => a.from === {uno!r}}}).map(a => a.to)"
    )
    assert sorted(destinos) == sorted(
        [r["autor"], r["sesion"], *(m for m in r["menciona"] if m in red.nodos)]
    )
    assert _posiciones(pagina) == antes  # desplegar no mueve lo que ya estaba
    assert f"{len(red.nodos) + len(propios)} nodos" in pagina.p.inner_text("#pie-conteo")
    assert pagina.p.locator("#desplegar").inner_text() == "Ocultar sus enunciados de la red"
    pagina.p.click("#desplegar")
    pagina.p.wait_for_timeout(200)
    assert pagina.js("() => grafoRed.body.data.nodes.length") == len(red.nodos)
    assert pagina.js("() => grafoRed.body.data.edges.length") == len(red.aristas)
    assert pagina.errores == []
    pagina.p.click("#restablecer")


def test_un_concepto_lista_sus_enunciados_y_lleva_a_cada_uno(pagina_defecto: Any) -> None:
    pagina, red = pagina_defecto
    zee = next(
        n.id for n in red.nodos.values() if n.etiqueta.startswith("Zonificación Ecológica y Económica")
    )
    pagina.p.fill("#buscar", "ZEE")
    pagina.p.wait_for_timeout(200)
    assert pagina.p.get_attribute("#panel", "data-nodo") == zee
    botones = pagina.p.locator("#panel button.enlace-enunciado")
    citados = red.citados[zee]
    assert botones.count() == len(citados) == 10
    assert [botones.nth(i).inner_text() for i in range(10)] == [red.enunciados[e]["ident"] for e in citados]
    botones.nth(0).click()
    pagina.p.wait_for_timeout(200)
    primero = citados[0]
    assert pagina.p.get_attribute("#panel", "data-nodo") == primero
    panel = pagina.p.inner_text("#panel")
    assert red.enunciados[primero]["texto"] in panel and "Zonificación Ecológica y Económica (ZEE)" in panel
    assert pagina.js("() => grafoRed.getSelectedNodes()") == [primero]
    assert pagina.errores == []
    pagina.p.click("#restablecer")


def test_buscar_un_enunciado_por_su_identificador_lo_despliega(pagina_defecto: Any) -> None:
    pagina, red = pagina_defecto
    e077 = next(i for i, r in red.enunciados.items() if r["ident"] == "E077")
    assert e077 not in red.nodos
    pagina.p.fill("#buscar", "e077")
    pagina.p.wait_for_timeout(200)
    assert pagina.js("() => grafoRed.getSelectedNodes()") == [e077]
    assert "El MINAM no reconoce la ZEE" in pagina.p.inner_text("#panel")
    assert "desplegado con su sesión" in pagina.p.inner_text("#buscar-estado")
    assert pagina.errores == []
    pagina.p.click("#restablecer")  # vuelve a la vista inicial: pliega lo desplegado
    assert pagina.js("() => grafoRed.body.data.nodes.length") == len(red.nodos)
    assert pagina.js("() => grafoRed.getSelectedNodes()") == []
