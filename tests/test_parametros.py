"""Parámetros: texto del usuario -> término RDF -> bloque VALUES; valores hostiles, errores y foros."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError
from grafo.base.espacios import GTFORO, XSD
from grafo.consultas.catalogo import Consulta, cargar_consulta, consulta_de_texto, consultas_disponibles
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.motores import Motor, Resultado
from grafo.consultas.parametros import aplicar_valores, resolver_parametros

MOTORES: list[Motor] = ["oxigraph", "rdflib"]
FORO = "foro-cajamarca-2013"
TITULO_FORO = (
    "Cajamarca: desafíos y alternativas para un nuevo modelo de desarrollo desde el ordenamiento territorial"
)

#: Valor hostil -> cómo debe quedar escrito en la consulta (literal de N-Triples).
HOSTILES = {
    '"> } ; DROP ALL #': '"\\"> } ; DROP ALL #"',
    "he said \"hi\" y 'yo'": '"he said \\"hi\\" y \'yo\'"',
    "<http://x>": '"<http://x>"',
    "barra \\ y\nsalto": '"barra \\\\ y\\nsalto"',
    '"} . ?s ?p ?o . FILTER(true) } #': '"\\"} . ?s ?p ?o . FILTER(true) } #"',
}

ECO = consulta_de_texto(
    "# Parámetro: x (texto) cualquier texto\n"
    "SELECT ?v ?tipo WHERE {\n"
    "  #@valores\n"
    "  BIND(STR(?param_x) AS ?v)\n"
    "  BIND(DATATYPE(?param_x) AS ?tipo)\n"
    "}",
    "eco",
)
BUSCA = consulta_de_texto(
    "# Parámetro: x (texto) cualquier texto\n"
    "SELECT ?s ?param_x WHERE {\n"
    "  #@valores\n"
    "  ?s ?p ?param_x .\n"
    "} ORDER BY STR(?s)",
    "busca",
)


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize("valor", HOSTILES, ids=range(len(HOSTILES)))
def test_valor_hostil_es_un_literal_que_no_coincide(almacen: Almacen, motor: Motor, valor: str) -> None:
    eco = ejecutar(almacen, ECO, {"x": valor}, motor)
    assert eco.columnas == ["v", "tipo"]
    assert eco.filas == [[valor, XSD.iri("string")]]
    busca = ejecutar(almacen, BUSCA, {"x": valor}, motor)
    assert busca.columnas == ["s"] and busca.filas == []


@pytest.mark.parametrize("valor", HOSTILES, ids=range(len(HOSTILES)))
def test_aplicar_valores_solo_cambia_la_linea_de_marca(almacen: Almacen, valor: str) -> None:
    valores = resolver_parametros(almacen, BUSCA, {"x": valor})
    assert valores == {"param_x": ox.Literal(valor)}
    texto = aplicar_valores(BUSCA, valores)
    escrito = HOSTILES[valor]
    assert texto == BUSCA.texto.replace("  #@valores\n", f"  VALUES (?param_x) {{ ({escrito}) }}\n")
    assert texto.count(escrito) == 1
    sin_literal = texto.replace(escrito, "")
    for trozo in ("DROP", "FILTER(true)", "http://x", "said", "salto"):
        assert trozo not in sin_literal


@pytest.mark.parametrize(
    ("consulta", "params"),
    [
        ("competencias", {"nivel": '"> } ; DROP ALL #'}),
        ("competencias", {"instrumento": "<http://x>"}),
        ("competencias", {"instrumento": 'ZEE" } UNION { ?k ?p ?o'}),
        ("sesiones", {"foro": "<https://w3id.org/grafo-territorial/foro/foro-cajamarca-2013>"}),
        ("limitaciones_por_grupo", {"grupo": "4 } #"}),
    ],
)
def test_valor_hostil_en_parametro_resuelto_no_se_encuentra(
    almacen: Almacen, consulta: str, params: dict[str, str]
) -> None:
    ((nombre, valor),) = params.items()
    with pytest.raises(ConsultaInvalidaError, match=r"no se encontró el [a-zé ]+ '") as e:
        ejecutar(almacen, cargar_consulta(consulta), params)
    assert str(e.value).startswith(f"consulta '{consulta}', parámetro '{nombre}': no se encontró")
    assert valor in str(e.value)


def test_aplicar_valores_varias_marcas_y_variables_en_orden() -> None:
    c = consulta_de_texto(
        "# Parámetro: b (texto) b\n# Parámetro: a (concepto) a\n"
        "SELECT ?s WHERE {\n"
        "#@valores\n"
        "  { SELECT ?s WHERE {\n"
        "      #@valores   \n"
        "      ?s ?p ?param_a } }\n"
        "  ?s ?q ?param_b\n"
        "}",
        "dos",
    )
    valores: dict[str, ox.NamedNode | ox.Literal] = {
        "param_b": ox.Literal("ñ"),
        "param_a": ox.NamedNode("https://w3id.org/grafo-territorial/concepto/zee"),
    }
    bloque = 'VALUES (?param_a ?param_b) { (<https://w3id.org/grafo-territorial/concepto/zee> "ñ") }'
    assert aplicar_valores(c, valores).split("\n")[3:6] == [
        bloque,
        "  { SELECT ?s WHERE {",
        f"      {bloque}",
    ]
    assert aplicar_valores(c, {}) == c.texto


@pytest.mark.parametrize(
    "texto",
    [
        "SELECT ?s WHERE { ?s ?p ?param_x }",
        "# la marca #@valores va en su propia línea\nSELECT ?s WHERE { ?s ?p ?param_x }",
        "SELECT ?s WHERE { ?s ?p ?param_x } #@valores",
    ],
)
def test_sin_linea_de_marca(texto: str) -> None:
    c = consulta_de_texto(f"# Parámetro: x (texto) t\n{texto}", "sin_marca")
    with pytest.raises(ConsultaInvalidaError, match="no tiene la línea de marca '#@valores'"):
        aplicar_valores(c, {"param_x": ox.Literal("hola")})


def test_parametro_desconocido(almacen: Almacen) -> None:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, cargar_consulta("competencias"), {"nivl": "Regional"})
    assert str(e.value) == (
        "consulta 'competencias': parámetro desconocido 'nivl'. Parámetros admitidos: nivel, instrumento, fecha."
    )
    with pytest.raises(
        ConsultaInvalidaError, match=r"parámetro desconocido 'foro'\. Parámetros admitidos: ninguno"
    ):
        ejecutar(almacen, cargar_consulta("glosario"), {"foro": FORO})


def test_parametro_obligatorio(almacen: Almacen) -> None:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, cargar_consulta("enunciados_por_concepto"), {"foro": FORO})
    assert str(e.value) == (
        "consulta 'enunciados_por_concepto': falta el parámetro obligatorio 'concepto'. "
        "Uso: --param concepto=VALOR"
    )


def test_termino_desconocido_con_sugerencias(almacen: Almacen) -> None:
    with pytest.raises(ConsultaInvalidaError, match="no se encontró el nivel de gobierno 'Comunal'"):
        ejecutar(almacen, cargar_consulta("competencias"), {"nivel": "Comunal"})
    with pytest.raises(
        ConsultaInvalidaError, match=r"no se encontró el grupo de trabajo 'Grupo 99'.*Grupo 4"
    ):
        ejecutar(almacen, cargar_consulta("limitaciones_por_grupo"), {"grupo": "99"})


@pytest.mark.parametrize("fecha", ["20/09/2013", "2013-02-30", "ayer", ""])
def test_fecha_invalida(almacen: Almacen, fecha: str) -> None:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, cargar_consulta("competencias"), {"fecha": fecha})
    assert str(e.value) == (
        f"consulta 'competencias', parámetro 'fecha': debe ser una fecha AAAA-MM-DD, no '{fecha}'."
    )


def test_fecha_valida_es_datetime_de_lima(almacen: Almacen) -> None:
    valores = resolver_parametros(almacen, cargar_consulta("competencias"), {"fecha": "2013-09-20"})
    assert valores == {
        "param_fecha": ox.Literal("2013-09-20T00:00:00-05:00", datatype=ox.NamedNode(XSD.iri("dateTime")))
    }


@pytest.mark.parametrize("motor", MOTORES)
def test_fecha_se_muestra_como_aaaa_mm_dd(almacen: Almacen, motor: Motor) -> None:
    q = consulta_de_texto(
        "# Parámetro: f (fecha) una fecha\n"
        "SELECT ?f ?texto ?tipo WHERE {\n  #@valores\n"
        "  BIND(?param_f AS ?f) BIND(STR(?param_f) AS ?texto) BIND(DATATYPE(?param_f) AS ?tipo)\n}",
        "fecha",
    )
    assert ejecutar(almacen, q, {"f": "2013-09-20"}, motor).filas == [
        ["2013-09-20", "2013-09-20T00:00:00-05:00", XSD.iri("dateTime")]
    ]


ENTERO = consulta_de_texto(
    "# Parámetro: n (entero) un número\n"
    "SELECT ?v ?tipo WHERE {\n  #@valores\n  BIND(STR(?param_n) AS ?v)\n  BIND(DATATYPE(?param_n) AS ?tipo)\n}",
    "entero",
)


@pytest.mark.parametrize("valor", ["x", "1.5", "", "7 ovejas"])
def test_entero_invalido(almacen: Almacen, valor: str) -> None:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, ENTERO, {"n": valor})
    assert str(e.value) == f"consulta 'entero', parámetro 'n': debe ser un entero, no '{valor}'."


@pytest.mark.parametrize("motor", MOTORES)
def test_entero_valido(almacen: Almacen, motor: Motor) -> None:
    assert ejecutar(almacen, ENTERO, {"n": "-7"}, motor).filas == [["-7", XSD.iri("integer")]]


def test_grupo_por_numero_es_grupo_n(almacen: Almacen) -> None:
    c = cargar_consulta("limitaciones_por_grupo")
    assert resolver_parametros(almacen, c, {"grupo": "4"}) == {
        "param_grupo": ox.NamedNode(GTFORO.iri(f"{FORO}/grupo/G4"))
    }
    por_numero = ejecutar(almacen, c, {"grupo": "4"})
    por_nombre = ejecutar(almacen, c, {"grupo": "grupo 4"})
    todos = ejecutar(almacen, c)
    assert por_numero.filas and por_numero.filas == por_nombre.filas
    assert {f[0] for f in por_numero.filas} == {"Grupo 4"}
    assert len(todos.filas) > len(por_numero.filas)
    assert {f[0] for f in todos.filas} >= {"Grupo 1", "Grupo 4"}


def test_etiquetas_sin_tildes_ni_mayusculas(almacen: Almacen) -> None:
    c = cargar_consulta("enunciados")
    con_tilde = ejecutar(almacen, c, {"tipo": "Limitación"})
    assert con_tilde.filas
    assert ejecutar(almacen, c, {"tipo": "limitacion"}).filas == con_tilde.filas
    assert {f[con_tilde.columnas.index("tipo")] for f in con_tilde.filas} == {"limitación"}


def _con_foro() -> list[Consulta]:
    return [c for c in consultas_disponibles() if any(p.tipo == "foro" for p in c.parametros)]


def test_consultas_del_foro_tienen_parametro_foro() -> None:
    assert {c.nombre for c in _con_foro()} == {
        "afirmaciones_del_foro",
        "enunciados",
        "enunciados_por_concepto",
        "foro_vs_norma",
        "limitaciones_por_grupo",
        "menciones_por_concepto",
        "preguntas_y_respuestas",
        "propuestas_por_grupo",
        "roles_por_sector",
        "sesiones",
    }


@pytest.mark.parametrize("c", _con_foro(), ids=lambda c: c.nombre)
def test_foro_unico_da_las_mismas_filas(almacen: Almacen, c: Consulta) -> None:
    """Con un solo foro en el almacén, acotar a ese foro (por id o por título) no cambia nada."""
    base = {"concepto": "ZEE"} if c.nombre == "enunciados_por_concepto" else {}
    sin_foro: Resultado = ejecutar(almacen, c, base)
    assert sin_foro.filas, c.nombre
    assert ejecutar(almacen, c, base | {"foro": FORO}).filas == sin_foro.filas
    assert ejecutar(almacen, c, base | {"foro": TITULO_FORO}).filas == sin_foro.filas
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, c, base | {"foro": "foro-inexistente"})
    assert (
        str(e.value) == f"consulta '{c.nombre}', parámetro 'foro': no se encontró el foro 'foro-inexistente'."
    )
