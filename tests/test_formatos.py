"""Formatos de salida: csv, json, md y tabla (que cabe en el ancho dado)."""

from __future__ import annotations

import json

import pytest

from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError
from grafo.consultas.catalogo import cargar_consulta
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.formato_filas import FORMATOS, formatear
from grafo.consultas.motores import Resultado

LARGA = (
    "Zonificación ecológica y económica: proceso dinámico y flexible para identificar las diferentes "
    "alternativas de uso sostenible de un territorio determinado, basado en la evaluación de sus "
    "potencialidades y limitaciones con criterios físicos, biológicos, sociales, económicos y culturales."
)
PIE = "3 filas · grafo incluido"
PIE_LARGO = "3 filas · " + "grafo incluido (vocabulario + foro de Cajamarca 2013) " * 3


def test_formatos_disponibles() -> None:
    assert FORMATOS == ("tabla", "csv", "json", "md")


def test_csv_cabecera_y_filas() -> None:
    res = Resultado(["a", "b"], [["x|y", "ñ"], ["1", ""]])
    assert formatear(res, "csv") == "a,b\nx|y,ñ\n1,"


def test_csv_comillas_comas_y_saltos() -> None:
    res = Resultado(["texto", "n"], [['dijo "sí", luego', "1"], ["línea 1\nlínea 2", "2"]])
    assert formatear(res, "csv") == 'texto,n\n"dijo ""sí"", luego",1\n"línea 1\nlínea 2",2'


def test_csv_sin_filas_es_solo_la_cabecera() -> None:
    assert formatear(Resultado(["a", "b"], []), "csv") == "a,b"


def test_md_escapa_barras_y_saltos() -> None:
    res = Resultado(["a", "b"], [["x|y", "ñ"], ["c:\\ruta", "dos\nlíneas"], ["", "z"]])
    assert formatear(res, "md").split("\n") == [
        "| a | b |",
        "|---|---|",
        "| x\\|y | ñ |",
        "| c:\\\\ruta | dos líneas |",
        "|  | z |",
    ]


def test_json_claves_en_orden_de_columnas_y_tildes_intactas() -> None:
    res = Resultado(["zona", "acción", "año"], [["Cajamarca", "Ordenación", "2013"], ["Perú", "", "ñ"]])
    texto = formatear(res, "json")
    assert texto == (
        "[\n"
        '  {\n    "zona": "Cajamarca",\n    "acción": "Ordenación",\n    "año": "2013"\n  },\n'
        '  {\n    "zona": "Perú",\n    "acción": "",\n    "año": "ñ"\n  }\n'
        "]"
    )
    assert [list(d) for d in json.loads(texto)] == [["zona", "acción", "año"]] * 2
    assert "\\u" not in texto


def test_json_sin_filas() -> None:
    assert formatear(Resultado(["a"], []), "json") == "[]"


@pytest.mark.parametrize(("booleano", "texto"), [(True, "true"), (False, "false")])
def test_json_de_ask_es_un_booleano(booleano: bool, texto: str) -> None:
    res = Resultado(["resultado"], [[texto]], booleano)
    assert formatear(res, "json") == texto
    assert json.loads(formatear(res, "json")) is booleano
    assert formatear(res, "csv") == f"resultado\n{texto}"


@pytest.mark.parametrize("ancho", [60, 120])
def test_tabla_cabe_en_el_ancho_y_parte_las_celdas_largas(ancho: int) -> None:
    res = Resultado(["término", "definición"], [["ZEE", LARGA], ["a|b", "ñ"], ["OT", "corta"]])
    tabla = formatear(res, "tabla", ancho=ancho, pie=PIE)
    lineas = tabla.split("\n")
    assert max(len(linea) for linea in lineas) <= ancho
    assert not any(linea != linea.rstrip() for linea in lineas)
    assert LARGA not in tabla  # partida en varias líneas...
    palabras = [p for linea in lineas for p in linea.replace("│", " ").split()]
    assert " ".join(palabras).count("ZEE") == 1
    for palabra in LARGA.split():  # ...sin perder ninguna palabra
        assert palabra in palabras, palabra
    assert sum("ZEE" in linea or "│         │" in linea for linea in lineas) > 1
    assert "término" in lineas[1] and "definición" in lineas[1]
    assert lineas[-1] == PIE


@pytest.mark.parametrize("ancho", [60, 120])
def test_tabla_parte_el_pie_largo(ancho: int) -> None:
    tabla = formatear(Resultado(["a"], [["1"]]), "tabla", ancho=ancho, pie=PIE_LARGO)
    lineas = tabla.split("\n")
    assert max(len(linea) for linea in lineas) <= ancho
    pie = " ".join(linea for linea in lineas if linea[:1] not in "┏┃┡│└")
    assert pie.split() == PIE_LARGO.split()


@pytest.mark.parametrize("celda", ["[b]hola[/b] y [nota]", "urn:x:y :warning:", "cierre [/x]"])
def test_tabla_muestra_las_celdas_tal_cual(celda: str) -> None:
    tabla = formatear(Resultado(["a"], [[celda]]), "tabla", ancho=60, pie=f"pie {celda}")
    assert f"│ {celda} │" in tabla
    assert tabla.split("\n")[-1] == f"pie {celda}"


def test_tabla_de_una_consulta_real_a_60_columnas(almacen: Almacen) -> None:
    res = ejecutar(almacen, cargar_consulta("competencias"), {"instrumento": "ZEE"})
    tabla = formatear(res, "tabla", ancho=60, pie=f"{len(res.filas)} filas")
    assert max(len(linea) for linea in tabla.split("\n")) <= 60
    assert tabla.endswith(f"{len(res.filas)} filas")


def test_formato_desconocido() -> None:
    with pytest.raises(
        ConsultaInvalidaError, match=r"formato desconocido 'xml'\. Formatos: tabla, csv, json, md\."
    ):
        formatear(Resultado(["a"], [["1"]]), "xml")
