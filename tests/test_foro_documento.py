"""El foro incluido, comparado con su documento: ningún contenido perdido, nada inventado.

La lista de contenidos (viñetas y párrafos) se deriva aquí del texto del documento
(``tests/datos/foro-cajamarca-2013.txt``, copia de la fuente), sin mirar el YAML, y luego se
comprueba que cada contenido lo lleva un enunciado con el mismo texto y en la misma página.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from grafo.base import recursos
from grafo.fuentes.foro import leer_foro
from grafo.fuentes.registros import Foro

DOCUMENTO = Path(__file__).parent / "datos" / "foro-cajamarca-2013.txt"
FIN_DE_LINEA = (".", "?", "!", ":")
# Líneas que no son contenido: cabeceras de sección, títulos de sesión, ponentes, rótulos de lista.
NO_CONTENIDO = re.compile(
    r"^(BIEVENIDA|BLOQUE \d|GRUPO \d|SISTEMATIZACI|Fecha:|Lugar:|Limitaciones:?$|Propuestas:?$|Roles:$"
    r"|Preguntas:$|Efraín Arana( –.*)?$|Manuel Glave$|Raúl Lizárraga$|Econ\. |Lelio Sáenz - |Roy León - "
    r"|Ronald Ordóñez - )"
)
INICIO_DE_BLOQUE_OMITIDO = re.compile(r"^(\d{1,2}:\d{2} h|\d\. )")


@dataclass
class Contenido:
    texto: str
    pagina: int
    linea: int


def _normal(texto: str) -> str:
    return " ".join(texto.split())


def contenidos_del_documento(ruta: Path = DOCUMENTO) -> list[Contenido]:
    """Viñetas y párrafos de contenido del documento, en orden, con su página."""
    lineas = ruta.read_text(encoding="utf-8").split("\n")
    pagina = 0
    items: list[Contenido] = []
    actual: Contenido | None = None
    omitiendo = False  # dentro del título de una sesión o de una pregunta orientadora
    en_titulo = True  # antes de la primera sección
    en_preguntas = False  # sesión de preguntas y respuestas
    lista_de_lineas = False  # tras una viñeta que acaba en ":" seguida de líneas sueltas

    def cerrar() -> None:
        nonlocal actual
        if actual is not None:
            items.append(actual)
        actual = None

    for n, cruda in enumerate(lineas, start=1):
        if cruda == "   ":
            pagina += 1
            continue
        linea = cruda.strip()
        if not linea:
            omitiendo = False
            # un párrafo cortado por una línea en blanco sigue si la siguiente empieza en minúscula
            siguiente = next((x.strip() for x in lineas[n:] if x.strip()), "")
            if not (actual and not actual.texto.endswith(FIN_DE_LINEA) and siguiente[:1].islower()):
                cerrar()
                lista_de_lineas = False
            continue
        if linea.startswith("BIEVENIDA"):
            en_titulo = False
        if en_titulo or omitiendo:
            continue
        if linea.startswith("12:00 h"):
            en_preguntas = True
        if linea.startswith("BLOQUE 2"):
            en_preguntas = False
        if INICIO_DE_BLOQUE_OMITIDO.match(linea):
            cerrar()
            omitiendo = True
            continue
        if NO_CONTENIDO.match(linea):
            cerrar()
            continue
        if linea.startswith("-"):
            cerrar()
            actual = Contenido(linea.lstrip("-").strip(), pagina, n)
            lista_de_lineas = actual.texto.endswith(":")
            continue
        nuevo = (
            actual is None
            or (lista_de_lineas and not linea[:1].islower())
            or (en_preguntas and actual.texto.endswith((".", "?")))
        )
        if nuevo:
            cerrar()
            actual = Contenido(linea, pagina, n)
        else:
            assert actual is not None
            actual.texto = f"{actual.texto} {linea}"
    cerrar()
    for it in items:
        it.texto = _normal(it.texto)
    return items


@pytest.fixture(scope="module")
def foro() -> Foro:
    archivo = next(f for f in recursos.archivos_foros() if f.name == "foro-cajamarca-2013.yaml")
    return leer_foro(archivo, None, archivo.name)


def test_derivacion_del_documento_es_plausible() -> None:
    items = contenidos_del_documento()
    textos = [i.texto for i in items]
    assert len(items) > 150
    assert "Articulación vial" in textos
    assert "Presentación ante el Congreso un Proyecto de Ley Orgánica de Ordenamiento Territorial." in textos
    assert "El MINAM no reconoce la ZEE como un instrumento vinculante." in textos
    assert "Potenciar actividades económicas competitivas con valor agregado que generen empleo." in textos
    assert not any(t.startswith(("Limitaciones", "GRUPO", "9:30 h")) for t in textos)
    assert {i.pagina for i in items} == set(range(1, 11))


def test_cada_contenido_lo_lleva_un_enunciado(foro: Foro) -> None:
    items = contenidos_del_documento()
    por_texto = {_normal(e.texto): e for e in foro.enunciados}
    faltan = [f"línea {i.linea}: {i.texto}" for i in items if i.texto not in por_texto]
    cubiertos = len(items) - len(faltan)
    print(f"\ncontenidos del documento: {len(items)}; cubiertos por enunciados: {cubiertos}")
    assert not faltan, "contenidos sin enunciado:\n" + "\n".join(faltan)


def test_ningun_enunciado_inventado(foro: Foro) -> None:
    textos = {i.texto for i in contenidos_del_documento()}
    inventados = [f"{e.id}: {e.texto}" for e in foro.enunciados if _normal(e.texto) not in textos]
    assert not inventados, "enunciados que no están en el documento:\n" + "\n".join(inventados)


def test_paginas_coinciden(foro: Foro) -> None:
    primera_pagina: dict[str, int] = {}
    for i in contenidos_del_documento():
        primera_pagina.setdefault(i.texto, i.pagina)
    distintas = [
        f"{e.id}: página {e.pagina} en el YAML, {primera_pagina[_normal(e.texto)]} en el documento"
        for e in foro.enunciados
        if _normal(e.texto) in primera_pagina and primera_pagina[_normal(e.texto)] != e.pagina
    ]
    assert not distintas, "\n".join(distintas)


def test_preguntas_repetidas_son_un_solo_nodo(foro: Foro) -> None:
    preguntas = [e for e in foro.enunciados if e.tipo == "pregunta" and e.autor == "publico"]
    textos = [_normal(p.texto) for p in preguntas]
    assert len(textos) == len(set(textos))
    dobles = [p for p in preguntas if len(p.dirigida_a) == 2]
    assert len(dobles) == 2
    for p in dobles:
        respondentes = {e.autor for e in foro.enunciados if e.responde_a == p.id}
        assert respondentes == set(p.dirigida_a)
