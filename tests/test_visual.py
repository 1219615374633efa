"""La red interactiva (grafo.paginas.red): nodos, aristas, fichas, vistas, su página autocontenida
(plantilla Jinja2 con autoescape) y el escape de textos.

Las pruebas en un navegador real están en tests/test_visual_navegador.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

import grafo
from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.base.errores import GrafoError, TerminoDesconocidoError
from grafo.cli import cli
from grafo.paginas.red import ESTILOS, Red, construir_red, html_de_red

if TYPE_CHECKING:
    from conftest import ForoHostil

DATOS = Path(__file__).parent / "datos"


def _datos_de_pagina(pagina: str) -> dict[str, object]:
    m = re.search(r'<script id="datos" type="application/json">(.*?)</script>', pagina, re.S)
    assert m, "la página no lleva sus datos"
    datos: dict[str, object] = json.loads(m.group(1))
    return datos


def test_vista_por_defecto_vocabulario_con_menciones_agregadas(almacen: Almacen) -> None:
    red = construir_red(almacen)
    tipos = {n.tipo for n in red.nodos.values()}
    # el vocabulario y, del foro, sesiones y oradores; los enunciados no son nodos (se despliegan)
    assert tipos == {"instrumento", "concepto", "actor", "nivel", "norma", "sesion", "orador"}
    assert len(red.enunciados) == 214
    grupos = {n.etiqueta for n in red.nodos.values() if n.tipo == "orador"}
    assert {"Grupo 1", "Manuel Glave Testino"} <= grupos or len(grupos) == 8
    zee = next(n for n in red.nodos.values() if n.etiqueta.startswith("Zonificación Ecológica y Económica"))
    assert zee.menciones == 10  # los 10 enunciados que la mencionan (enunciados_por_concepto)
    secciones = {s["titulo"]: s for s in zee.ficha["secciones"]}
    assert "D.S. 087-2004-PCM, art. 1" in " ".join(secciones["Definición"]["lineas"])
    assert any("Regional" in linea for linea in secciones["Competencias por nivel"]["lineas"])
    assert "En el foro: 10 enunciado(s) lo mencionan" in secciones
    assert len(secciones["En el foro: 10 enunciado(s) lo mencionan"]["lineas"]) == 3
    niveles = {n.etiqueta for n in red.nodos.values() if n.tipo == "nivel"}
    assert niveles == {"Nacional", "Regional", "Local"}
    etiquetas = {e for _a, _b, e in red.aristas}
    assert {"rectoría", "nivel de gobierno", "definido en"} <= etiquetas


def test_vistas_foro_completa_centro_y_tipos(almacen: Almacen) -> None:
    completa = construir_red(almacen, vista="completa")
    assert sum(n.tipo == "enunciado" for n in completa.nodos.values()) == 214
    foro = construir_red(almacen, vista="foro")
    assert {n.tipo for n in foro.nodos.values()} >= {"sesion", "orador", "enunciado"}
    assert "norma" not in {n.tipo for n in foro.nodos.values()}
    centro = construir_red(almacen, centro="ZEE", radio=1)
    assert "ZEE" in centro.titulo and 10 < len(centro.nodos) < len(completa.nodos)
    solo = construir_red(almacen, tipos=("instrumento", "nivel"))
    assert {n.tipo for n in solo.nodos.values()} == {"instrumento", "nivel"}
    e = next(r for i, r in completa.enunciados.items() if i.endswith("/E077"))
    assert e["texto"].startswith("El MINAM no reconoce la ZEE") and e["ident"] == "E077"
    assert any(completa.nodos[m].etiqueta.startswith("Zonificación") for m in e["menciona"])
    assert completa.nodos[e["autor"]].tipo == "orador" and completa.nodos[e["sesion"]].tipo == "sesion"


def test_errores_claros(almacen: Almacen) -> None:
    with pytest.raises(GrafoError, match="vista desconocida"):
        construir_red(almacen, vista="nada")
    with pytest.raises(GrafoError, match="tipo de nodo desconocido"):
        construir_red(almacen, tipos=("planeta",))
    with pytest.raises(TerminoDesconocidoError, match="Quiso decir"):
        construir_red(almacen, centro="zonificacion ecologica")


def test_misma_construccion_mismo_dibujo(almacen: Almacen) -> None:
    a, b = construir_red(almacen), construir_red(almacen)
    assert a.posiciones == b.posiciones
    assert html_de_red(a) == html_de_red(b)


def test_pagina_autocontenida_sin_red_y_con_csp(almacen: Almacen) -> None:
    pagina = html_de_red(construir_red(almacen))
    assert 'http-equiv="Content-Security-Policy"' in pagina and "default-src 'none'" in pagina
    sin_licencias = re.sub(r"/\*.*?\*/", "", pagina, flags=re.S)
    for patron in (
        r"<script[^>]+src=",
        r"<link[^>]+href=",
        r"@import",
        r"@font-face",
        r"url\(\s*['\"]?https?:",
    ):
        assert not re.search(patron, sin_licencias, re.I), patron
    datos = _datos_de_pagina(pagina)
    red = construir_red(almacen)
    assert len(datos["nodos"]) == len(red.nodos)  # type: ignore[arg-type]
    assert {t["id"] for t in datos["tipos"]} <= set(ESTILOS)  # type: ignore[union-attr]
    # actores con el color de su nivel
    estilo = {n["id"]: n["tipo"] for n in datos["nodos"]}  # type: ignore[union-attr]
    minam = next(n for n in red.nodos.values() if n.etiqueta.startswith("Ministerio del Ambiente"))
    gore = next(n for n in red.nodos.values() if n.etiqueta.startswith("Gobiernos regionales"))
    assert (estilo[minam.id], estilo[gore.id]) == ("actor-nacional", "actor-regional")
    # los 214 enunciados van como registros compactos, y cada concepto lista los que lo mencionan
    enunciados = datos["enunciados"]
    assert len(enunciados) == 214  # type: ignore[arg-type]
    zee = next(n for n in datos["nodos"] if n["etiqueta"].startswith("Zonificación Ecológica"))  # type: ignore[union-attr,index]
    assert len(zee["citas"]) == 10
    assert all(enunciados[i]["id"] in red.citados[zee["id"]] for i in zee["citas"])  # type: ignore[index]


def test_textos_hostiles_van_escapados(foro_hostil: ForoHostil) -> None:
    """Un foro con textos hostiles (la construcción de la sesión: la pregunta P1 y un enunciado llevan
    la carga): en la página, ningún dato puede cerrar el <script> ni ser HTML."""
    hostil = foro_hostil.texto
    pagina = html_de_red(construir_red(abrir_almacen(foro_hostil.directorio), vista="completa"))
    bloque = re.search(r'<script id="datos" type="application/json">(.*?)</script>', pagina, re.S)
    assert bloque and "<" not in bloque.group(1) and ">" not in bloque.group(1)
    assert "onerror=alert(1)" in bloque.group(1)  # está, como texto escapado
    datos = _datos_de_pagina(pagina)
    assert any(r["texto"] == hostil for r in datos["enunciados"])  # type: ignore[union-attr,index]
    assert hostil in datos["tablas"]["preguntas"]  # type: ignore[index,operator]


def test_el_titulo_pasa_por_el_autoescape_de_la_plantilla() -> None:
    """El título es el único texto que la plantilla pone como HTML: el autoescape de Jinja2 lo
    escapa (como ``html.escape``). Sin autoescape, esta prueba falla."""
    hostil = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> \"comillas\" 'simples' & más"
    pagina = html_de_red(Red(titulo=hostil, grafo=""))
    escapado = html.escape(hostil)
    assert "&quot;comillas&quot; &#x27;simples&#x27;" in escapado
    assert f"<title>{escapado}</title>" in pagina
    assert f'<h1 id="titulo">{escapado}</h1>' in pagina
    assert "<img src=x" not in pagina and "<script>alert(2)" not in pagina
    assert "{{" not in pagina.split("<script>", 1)[0]  # la plantilla no deja marcas sin llenar


def test_cli_visualizar_y_construir_escribe_la_red(tmp_path: Path, salida: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["visualizar", "--almacen", str(salida), "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 0, r.output
    assert re.match(r"Red escrita en .*r\.html: \d+ nodos, \d+ aristas\.", r.output)
    r = runner.invoke(cli, ["visualizar", "--almacen", str(salida), "--centro", "ZEE", "--radio", "2",
                            "-o", str(tmp_path / "zee.html")])  # fmt: skip
    assert r.exit_code == 0 and (tmp_path / "zee.html").stat().st_size > 100_000
    r = runner.invoke(cli, ["visualizar", "--almacen", str(salida), "--centro", "nada-de-nada"])
    assert r.exit_code == 1 and r.output.startswith("Error:")
    assert (salida / "grafo.html").is_file()
    datos = _datos_de_pagina((salida / "grafo.html").read_text(encoding="utf-8"))
    assert datos["nodos"]


def test_api_red_en_cuaderno(salida: Path, tmp_path: Path) -> None:
    red = grafo.abrir(salida).red(centro="ZEE", radio=1)
    html = red._repr_html_()
    assert html.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in html
    assert "<script" not in html  # todo el documento va escapado dentro de srcdoc
    destino = red.guardar(tmp_path / "zee.html")
    assert destino.read_text(encoding="utf-8") == red.html


def test_vista_limitada_lo_dice(almacen: Almacen) -> None:
    red = construir_red(almacen, vista="completa", tope=50)
    assert len(red.nodos) == 50 and "Vista limitada a 50" in red.aviso and "--centro" in red.aviso
