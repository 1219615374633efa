"""Catálogo de consultas: cabeceras, orden total, listas, marcas de valores y ejemplos de cada ``.rq``."""

from __future__ import annotations

import re
import shlex

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from grafo.base.errores import ConsultaInvalidaError
from grafo.base.espacios import BASE, XSD
from grafo.consultas.catalogo import (
    MARCA_VALORES,
    Consulta,
    Parametro,
    cargar_consulta,
    consulta_de_texto,
    consultas_disponibles,
)
from grafo.consultas.parametros import aplicar_valores
from grafo.consultas.politica import asegurar

CATALOGO = consultas_disponibles()
NOMBRES = [c.nombre for c in CATALOGO]


def _cuerpo(c: Consulta) -> str:
    """El texto sin los comentarios de línea completa (cabecera, notas y marcas)."""
    return "\n".join(linea for linea in c.texto.split("\n") if not linea.lstrip().startswith("#"))


def _proyeccion(c: Consulta) -> list[str]:
    """Las variables que proyecta el SELECT principal (el que empieza una línea)."""
    m = re.search(r"^SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*\bWHERE\b", _cuerpo(c), re.M | re.S)
    assert m, f"{c.nombre}: no tiene un SELECT principal al principio de una línea"
    return re.findall(r"\?(\w+)", m.group(1))


def _agregadas(c: Consulta) -> set[str]:
    """Variables que vienen de un GROUP_CONCAT, directamente o por BIND (no cuenta BOUND(?x))."""
    cuerpo = _cuerpo(c)
    agregadas = set(re.findall(r"GROUP_CONCAT\b.*?\bAS\s+\?(\w+)", cuerpo, re.S | re.I))
    binds = re.findall(r"BIND\s*\((.*?)\s+AS\s+\?(\w+)\s*\)", cuerpo, re.S | re.I)
    cambio = True
    while cambio:
        cambio = False
        for expr, var in binds:
            usadas = set(re.findall(r"\?(\w+)", re.sub(r"BOUND\s*\(\s*\?\w+\s*\)", "", expr, flags=re.I)))
            if var not in agregadas and usadas & agregadas:
                agregadas.add(var)
                cambio = True
    return agregadas


def test_catalogo_completo_y_en_orden() -> None:
    assert len(NOMBRES) >= 16
    assert sorted(NOMBRES) == NOMBRES
    assert len(set(NOMBRES)) == len(NOMBRES)


@pytest.mark.parametrize("c", CATALOGO, ids=NOMBRES)
def test_cabecera_titulo_descripcion_y_ejemplo(c: Consulta) -> None:
    assert c.titulo and c.descripcion, c.nombre
    palabras = shlex.split(c.ejemplo)
    assert palabras[:3] == ["grafo", "consulta", c.nombre], c.ejemplo
    params = c.parametros_de_ejemplo()
    declarados = {p.nombre for p in c.parametros}
    assert set(params) <= declarados, f"{c.nombre}: el ejemplo usa parámetros no declarados"
    obligatorios = {p.nombre for p in c.parametros if p.obligatorio}
    assert obligatorios <= set(params), f"{c.nombre}: el ejemplo no da los parámetros obligatorios"


def test_ejemplo_de_enunciados_por_concepto() -> None:
    c = cargar_consulta("enunciados_por_concepto")
    assert c.parametros_de_ejemplo() == {"concepto": "ZEE"}
    assert [p for p in c.parametros if p.obligatorio] == [
        Parametro("concepto", "entidad", c.parametros[0].descripcion, True)
    ]


@pytest.mark.parametrize("c", CATALOGO, ids=NOMBRES)
def test_orden_total_al_final(c: Consulta) -> None:
    """``ORDER BY`` en la consulta principal (tras la última llave), no solo en una subconsulta."""
    cuerpo = _cuerpo(c)
    assert "ORDER BY" in cuerpo, c.nombre
    assert cuerpo.rfind("ORDER BY") > cuerpo.rfind("}"), (
        f"{c.nombre}: ORDER BY no es de la consulta principal"
    )
    assert not re.search(r"\b(LIMIT|OFFSET)\b", cuerpo), f"{c.nombre}: el catálogo no recorta filas"


@pytest.mark.parametrize("c", CATALOGO, ids=NOMBRES)
def test_columnas_agregadas_declaradas_en_lista(c: Consulta) -> None:
    """Las columnas de GROUP_CONCAT (orden interno no definido) están en ``# Lista:``, y solo ellas."""
    proyectadas = _proyeccion(c)
    agregadas = {v for v in proyectadas if v in _agregadas(c)}
    assert agregadas <= set(c.listas), f"{c.nombre}: faltan en '# Lista:' {sorted(agregadas - set(c.listas))}"
    assert set(c.listas) <= set(proyectadas), f"{c.nombre}: '# Lista:' nombra columnas que no proyecta"


def test_deteccion_de_agregadas() -> None:
    """La comprobación anterior ve los GROUP_CONCAT pasados por BIND y no los que solo pasan por BOUND."""
    c = cargar_consulta("foro_vs_norma")
    assert {"norma_igual", "norma_otra", "norma"} <= _agregadas(c)
    assert "coincide" not in _agregadas(c)
    sin_lista = consulta_de_texto(
        'SELECT ?a ?l WHERE { { SELECT ?a (GROUP_CONCAT(?x; separator="; ") AS ?l) WHERE { ?a ?p ?x } '
        "GROUP BY ?a } } ORDER BY ?a"
    )
    assert "l" in _agregadas(sin_lista) and not sin_lista.listas


@pytest.mark.parametrize("c", CATALOGO, ids=NOMBRES)
def test_parametros_con_marca_y_sin_proyectar(c: Consulta) -> None:
    proyectadas = _proyeccion(c)
    assert proyectadas, f"{c.nombre}: SELECT * proyectaría las variables ?param_"
    assert not [v for v in proyectadas if v.startswith("param_")], f"{c.nombre} proyecta ?param_"
    if c.parametros:
        assert any(linea.strip() == MARCA_VALORES for linea in c.texto.split("\n")), (
            f"{c.nombre}: tiene '# Parámetro:' y ninguna línea '{MARCA_VALORES}'"
        )
    for p in c.parametros:
        assert f"?{p.variable}" in _cuerpo(c), f"{c.nombre}: el parámetro {p.nombre} no se usa"


def _termino_de_prueba(p: Parametro) -> ox.NamedNode | ox.Literal:
    if p.tipo == "texto":
        return ox.Literal("x")
    if p.tipo == "entero":
        return ox.Literal("1", datatype=ox.NamedNode(XSD.iri("integer")))
    if p.tipo == "fecha":
        return ox.Literal("2013-09-20T00:00:00-05:00", datatype=ox.NamedNode(XSD.iri("dateTime")))
    return ox.NamedNode(f"{BASE}prueba/{p.nombre}")


@pytest.mark.parametrize("c", [c for c in CATALOGO if c.parametros], ids=lambda c: c.nombre)
def test_valores_en_la_marca_se_analizan_en_ambos_motores(c: Consulta) -> None:
    """Con todos sus parámetros, el texto con ``VALUES`` es SPARQL válido para rdflib y Oxigraph."""
    valores = {p.variable: _termino_de_prueba(p) for p in c.parametros}
    texto = aplicar_valores(c, valores)
    marcas = sum(linea.strip() == MARCA_VALORES for linea in c.texto.split("\n"))
    assert texto.count("VALUES (") == marcas + c.texto.count("VALUES (")
    assert MARCA_VALORES not in texto
    segura = asegurar(texto, c.nombre)
    assert segura.forma == "SELECT"
    prepareQuery(segura.texto)
    assert list(ox.Store().query(segura.texto)) == []  # type: ignore[arg-type]


def test_consulta_inexistente_lista_las_disponibles() -> None:
    with pytest.raises(ConsultaInvalidaError, match="no existe la consulta 'no_existe'") as e:
        cargar_consulta("no_existe")
    for nombre in NOMBRES:
        assert nombre in str(e.value)


def test_cabecera_completa() -> None:
    c = consulta_de_texto(
        "# Titulo: Prueba\n"
        "# Responde: algo útil.\n"
        "# Parámetro: concepto (concepto, obligatorio) Sigla o nombre.\n"
        "# Parámetro: n (entero) Un número.\n"
        "# Lista: a, b\n"
        "# Lista: c\n"
        "# Ejemplo: grafo consulta prueba --param concepto=ZEE\n"
        "SELECT ?a ?b ?c WHERE { ?a ?b ?c }\n"
        "# Parámetro: tarde (texto) ya no es cabecera\n",
        "prueba",
    )
    assert (c.nombre, c.titulo, c.descripcion) == ("prueba", "Prueba", "algo útil.")
    assert c.parametros == (
        Parametro("concepto", "concepto", "Sigla o nombre.", True),
        Parametro("n", "entero", "Un número.", False),
    )
    assert c.parametros[0].variable == "param_concepto"
    assert c.listas == ("a", "b", "c")
    assert c.ejemplo == "grafo consulta prueba --param concepto=ZEE"


@pytest.mark.parametrize(
    "linea",
    [
        "# Parámetro: x (color) tipo inexistente",
        "# Parámetro: x texto sin paréntesis",
        "# Parámetro: X (texto) nombre en mayúsculas",
        "# Parámetro: x (texto, opcional) marca desconocida",
    ],
)
def test_cabecera_mal_declarada(linea: str) -> None:
    with pytest.raises(ConsultaInvalidaError, match="mal declarado") as e:
        consulta_de_texto(f"{linea}\nSELECT * WHERE {{ ?s ?p ?o }}", "mala")
    assert "consulta 'mala'" in str(e.value) and "texto" in str(e.value)
