"""Zona segura: solo lectura, sin red ni archivos, prefijos del proyecto y errores en el texto del usuario."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

import pytest

from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError, ConsultaProhibidaError
from grafo.base.espacios import PREFIJOS, prologo
from grafo.consultas.catalogo import consulta_de_texto
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.formato_filas import formatear
from grafo.consultas.motores import Motor
from grafo.consultas.politica import asegurar, posicion_original

MOTORES: list[Motor] = ["oxigraph", "rdflib"]


class _AlmacenEspia(Almacen):
    """Un almacén que falla si algún motor llega a evaluar: lo rechazado se rechaza antes."""

    def __init__(self) -> None:  # sin abrir nada
        pass

    @property
    def store(self) -> NoReturn:  # type: ignore[override]
        raise AssertionError("oxigraph llegó a evaluar la consulta")

    def cuadruplos_nquads(self) -> NoReturn:
        raise AssertionError("rdflib llegó a evaluar la consulta")

    def seleccionar(self, consulta: str) -> NoReturn:
        raise AssertionError("se consultó el almacén")

    @property
    def grafos(self) -> frozenset[str]:
        return frozenset({"http://example.org/g"})


ACTUALIZACIONES = {
    "insert-data": ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    "delete-data": ("DELETE DATA { <http://a> <http://b> <http://c> }", "DELETE"),
    "delete-where": ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    "insert-where": ("INSERT { ?s a <http://x> } WHERE { ?s ?p ?o }", "INSERT"),
    "delete-insert-where": ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE"),
    "with": ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    "load": ("LOAD <file:///etc/passwd>", "LOAD"),
    "load-into": ("LOAD SILENT <http://example.org/x.ttl> INTO GRAPH <http://g>", "LOAD"),
    "clear": ("CLEAR ALL", "CLEAR"),
    "drop": ("DROP GRAPH <http://g>", "DROP"),
    "create": ("CREATE SILENT GRAPH <http://g>", "CREATE"),
    "add": ("ADD <http://a> TO <http://b>", "ADD"),
    "move": ("MOVE DEFAULT TO <http://b>", "MOVE"),
    "copy": ("COPY <http://a> TO DEFAULT", "COPY"),
    "con-prefix": ("PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }", "INSERT"),
    "con-base": ("BASE <http://example.org/> DROP ALL", "DROP"),
    "minusculas": ("insert data { <http://a> <http://b> <http://c> }", "INSERT"),
    "tras-comentario": ("# SELECT en un comentario\n\nclear default", "CLEAR"),
}

SERVICIOS = {
    "directo": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "minusculas": "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "silent-variable": "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT ?u { ?s ?p ?o } }",
    "sin-espacios": "SELECT*WHERE{SERVICE<http://example.org/sparql>{?s ?p ?o}}",
    "anidado": (
        "SELECT * WHERE {\n  ?s ?p ?o .\n  { OPTIONAL { FILTER EXISTS {\n"
        "    Service <http://example.org/sparql> { ?s ?p ?o } } } }\n}"
    ),
    "en-subconsulta": (
        "SELECT ?s WHERE { { SELECT ?s WHERE { MINUS { SERVICE <http://e.org/q> { ?s ?p ?o } } } } }"
    ),
    "en-ask": "ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "en-construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
}

DESDE = {
    "from": "SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <http://example.org/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-archivo": "CONSTRUCT { ?s ?p ?o } from <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "ask-from": "ASK FROM <http://example.org/x> { ?s ?p ?o }",
    "describe-from-named": "DESCRIBE <http://a> FROM NAMED <http://example.org/x>",
}


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize(("texto", "palabra"), ACTUALIZACIONES.values(), ids=ACTUALIZACIONES.keys())
def test_rechaza_actualizaciones(motor: Motor, texto: str, palabra: str) -> None:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(_AlmacenEspia(), consulta_de_texto(texto, "prueba"), motor=motor)
    assert str(e.value) == (
        f"consulta 'prueba': es una actualización ({palabra}). "
        "El grafo es de solo lectura: use SELECT, ASK, CONSTRUCT o DESCRIBE."
    )


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize("texto", SERVICIOS.values(), ids=SERVICIOS.keys())
def test_rechaza_service(motor: Motor, texto: str) -> None:
    with pytest.raises(ConsultaInvalidaError, match=r"^consulta 'prueba': SERVICE no está permitido"):
        ejecutar(_AlmacenEspia(), consulta_de_texto(texto, "prueba"), motor=motor)


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize("texto", DESDE.values(), ids=DESDE.keys())
def test_rechaza_from_y_from_named(motor: Motor, texto: str) -> None:
    patron = r"^consulta 'prueba': FROM <[^>]+> no está permitido"
    with pytest.raises(ConsultaProhibidaError, match=patron) as e:
        ejecutar(_AlmacenEspia(), consulta_de_texto(texto, "prueba"), motor=motor)
    assert "FROM NAMED solo pueden nombrar grafos del almacén" in str(e.value)
    assert "El almacén tiene 1 grafos" in str(e.value)


def test_from_sobre_un_grafo_del_almacen_fija_el_conjunto_de_datos(almacen: Almacen) -> None:
    """FROM <grafo del almacén> se acepta y se respeta (sin unión); FROM NAMED igual con GRAPH."""
    grafo = sorted(almacen.grafos)[0]
    todo = ejecutar(almacen, consulta_de_texto("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    solo = ejecutar(
        almacen, consulta_de_texto(f"SELECT (COUNT(*) AS ?n) FROM <{grafo}> WHERE {{ ?s ?p ?o }}")
    )
    en_grafo = ejecutar(
        almacen, consulta_de_texto(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{grafo}> {{ ?s ?p ?o }} }}")
    )
    assert solo.filas == en_grafo.filas
    assert int(solo.filas[0][0]) < int(todo.filas[0][0])
    con_nombre = ejecutar(
        almacen,
        consulta_de_texto(f"SELECT DISTINCT ?g FROM NAMED <{grafo}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    )
    assert con_nombre.filas == [[grafo]]


def test_from_con_un_endpoint_remoto_no_se_admite() -> None:
    from grafo.consultas.remoto import Endpoint

    with pytest.raises(ConsultaProhibidaError, match="Con un endpoint remoto no se admite FROM"):
        ejecutar(Endpoint("http://127.0.0.1:9/q"), consulta_de_texto("ASK FROM <http://e.org/g> { }"))


def test_rechaza_antes_de_resolver_parametros() -> None:
    """Una consulta del usuario con parámetros se rechaza sin buscar sus valores en el almacén."""
    q = consulta_de_texto(
        "# Parámetro: x (concepto) c\nSELECT * WHERE {\n#@valores\nSERVICE <http://e.org/q> {}}"
    )
    with pytest.raises(ConsultaInvalidaError, match="SERVICE no está permitido"):
        ejecutar(_AlmacenEspia(), q, {"x": "ZEE"})


NO_SON_PALABRAS_CLAVE = {
    "cadena-y-comentario": 'SELECT * WHERE { ?s ?p "SERVICE FROM" } # LOAD',
    "cadenas": (
        'SELECT ?s WHERE { ?s ?p ?o . FILTER(?o = \'INSERT DATA { }\' || ?o = """DROP ALL\n'
        "CLEAR\"\"\" || ?o = '''WITH <x> COPY''') }"
    ),
    "comentarios": "# DELETE WHERE { ?s ?p ?o }\nASK { # SERVICE <http://x> { }\n ?s ?p ?o } # FROM <http://x>",
    "iris": "SELECT * WHERE { ?s <http://example.org/SERVICE#FROM> <http://e.org/LOAD/DROP> }",
    "nombres-con-prefijo": "SELECT * WHERE { ?s gt:FROM ?o ; gt:service ?x }",
    "variables": "SELECT ?from WHERE { ?from gt:service ?load }",
}


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize("texto", NO_SON_PALABRAS_CLAVE.values(), ids=NO_SON_PALABRAS_CLAVE.keys())
def test_palabras_clave_en_cadenas_comentarios_e_iris_no_cuentan(
    almacen: Almacen, motor: Motor, texto: str
) -> None:
    res = ejecutar(almacen, consulta_de_texto(texto, "prueba"), motor=motor)
    assert res.filas == [] or res.booleano is not None


@pytest.mark.parametrize("motor", MOTORES)
@pytest.mark.parametrize("texto", ["", "   \n\t\n", "# solo un comentario", "# uno\n   # dos\n\n"])
def test_consulta_vacia(motor: Motor, texto: str) -> None:
    with pytest.raises(
        ConsultaInvalidaError, match=r"^consulta 'prueba': está vacía \(solo espacios o comentarios\)"
    ):
        ejecutar(_AlmacenEspia(), consulta_de_texto(texto, "prueba"), motor=motor)


@pytest.mark.parametrize("texto", ["PREFIX ex: <http://example.org/>", "BASE <http://e.org/> ?s ?p ?o"])
def test_sin_forma_de_consulta(texto: str) -> None:
    with pytest.raises(ConsultaInvalidaError, match="no es SELECT, ASK, CONSTRUCT ni DESCRIBE"):
        ejecutar(_AlmacenEspia(), consulta_de_texto(texto, "prueba"))


@pytest.mark.parametrize(
    ("texto", "forma"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("# ASK en un comentario\nPREFIX ex: <http://e.org/>\nconstruct WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("ask { ?s ?p ?o }", "ASK"),
        ("DESCRIBE gt:Competencia", "DESCRIBE"),
    ],
)
def test_forma_y_prefijos_en_la_primera_linea(texto: str, forma: str) -> None:
    segura = asegurar(texto, "prueba")
    assert segura.forma == forma
    assert segura.texto[segura.desplazamiento :] == texto
    anadido = segura.texto[: segura.desplazamiento]
    assert "\n" not in anadido and anadido.strip() == prologo()
    for p, iri in PREFIJOS.items():
        assert f"PREFIX {p}: <{iri}>" in anadido


# --- prefijos ---------------------------------------------------------------------------------


def test_consulta_sin_prefix_con_gt_y_skos_en_ambos_motores(almacen: Almacen) -> None:
    q = consulta_de_texto(
        "SELECT ?nivel ?etiqueta WHERE {\n"
        "  ?nivel a gt:NivelDeGobierno ; skos:prefLabel ?etiqueta ; skos:notation ?orden .\n"
        '  FILTER(LANG(?etiqueta) = "es")\n'
        "} ORDER BY ?orden",
        "mia",
    )
    assert "PREFIX" not in q.texto
    ox_res, rdf_res = (ejecutar(almacen, q, motor=m) for m in MOTORES)
    assert ox_res.columnas == rdf_res.columnas == ["nivel", "etiqueta"]
    assert [f[1] for f in ox_res.filas] == ["Nacional", "Regional", "Local"]
    assert ox_res.filas == rdf_res.filas


@pytest.mark.parametrize("motor", MOTORES)
def test_prefijo_sin_declarar(motor: Motor) -> None:
    q = consulta_de_texto("SELECT * WHERE {\n  ?s ex:propiedad ?o . ?s gt:nivel ?n\n}", "prueba")
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(_AlmacenEspia(), q, motor=motor)
    mensaje = str(e.value)
    assert mensaje.startswith("consulta 'prueba': el prefijo 'ex:' (en ex:propiedad) no está declarado.")
    assert "PREFIX ex: <...>" in mensaje and "gt:, " in mensaje
    assert len(mensaje) < 400 and "\n" not in mensaje


@pytest.mark.parametrize("motor", MOTORES)
def test_prefijo_propio_declarado_y_prefijo_del_proyecto_redefinido(almacen: Almacen, motor: Motor) -> None:
    propio = consulta_de_texto("PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ex:p ?o }")
    assert ejecutar(almacen, propio, motor=motor).filas == []
    original = consulta_de_texto("ASK { ?k a gt:Competencia }")
    redefinido = consulta_de_texto("PREFIX gt: <http://example.org/>\nASK { ?k a gt:Competencia }")
    assert ejecutar(almacen, original, motor=motor).booleano is True
    assert ejecutar(almacen, redefinido, motor=motor).booleano is False


# --- errores de sintaxis ------------------------------------------------------------------------

MOTORES_POSICION = [pytest.param("oxigraph"), pytest.param("rdflib")]


def _posicion(almacen: Almacen, motor: Motor, texto: str) -> tuple[int, int, str]:
    with pytest.raises(ConsultaInvalidaError) as e:
        ejecutar(almacen, consulta_de_texto(texto, "prueba"), motor=motor)
    mensaje = str(e.value)
    m = re.search(r"línea (\d+), columna (\d+)", mensaje)
    assert m, mensaje
    return int(m.group(1)), int(m.group(2)), mensaje


@pytest.mark.parametrize("motor", MOTORES_POSICION)
def test_error_de_sintaxis_en_la_posicion_del_usuario(almacen: Almacen, motor: Motor) -> None:
    """La misma línea mal formada da la misma columna en la línea 1 y en la 2: los prefijos no cuentan."""
    mala = "SELECT * WHERE { ?s ?p }"
    linea1, col1, mensaje = _posicion(almacen, motor, mala)
    linea2, col2, _ = _posicion(almacen, motor, "\n" + mala)
    linea3, col3, _ = _posicion(almacen, motor, "# comentario\n\n" + mala)
    assert (linea1, linea2, linea3) == (1, 2, 3)
    assert col1 == col2 == col3
    assert 1 <= col1 <= len(mala) + 1  # dentro de la línea del usuario (rdflib señala el inicio del patrón)
    assert mensaje.startswith("consulta 'prueba': SPARQL mal formado en la línea 1, columna ")
    assert len(mensaje) < 300


@pytest.mark.parametrize("motor", MOTORES_POSICION)
def test_error_de_sintaxis_varias_lineas_y_mensaje_corto(almacen: Almacen, motor: Motor) -> None:
    texto = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(\n}"
    linea, col, mensaje = _posicion(almacen, motor, texto)
    # oxigraph señala el '}' inesperado (línea 4); rdflib, el FILTER que no pudo cerrar (línea 3)
    assert (linea == 4 and col <= 2) if motor == "oxigraph" else linea == 3
    assert len(mensaje) < 300 and "\n" not in mensaje


def test_posicion_original() -> None:
    assert posicion_original(1, 1700, 1680) == (1, 20)
    assert posicion_original(1, 3, 1680) == (1, 1)
    assert posicion_original(2, 5, 1680) == (2, 5)


# --- secuencias \\u fuera de cadenas (rdflib las expande antes de analizar) -----------------------------


def test_from_escrito_con_escape_unicode_se_rechaza() -> None:
    with pytest.raises(ConsultaInvalidaError, match="FROM <file:///etc/hostname> no está permitido"):
        asegurar("SELECT ?o \\u0046ROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "prueba")


@pytest.mark.parametrize(
    "motor",
    [
        pytest.param("oxigraph"),
        pytest.param("rdflib"),
    ],
)
def test_escape_unicode_no_lee_archivos_locales(almacen: Almacen, motor: Motor, tmp_path: Path) -> None:
    secreto = tmp_path / "secreto.nt"
    secreto.write_text('<http://e.org/a> <http://e.org/b> "contenido secreto" .\n', encoding="utf-8")
    q = consulta_de_texto(f"SELECT ?o \\u0046ROM <{secreto.as_uri()}> WHERE {{ ?s ?p ?o }}", "prueba")
    try:
        res = ejecutar(almacen, q, motor=motor)
    except ConsultaInvalidaError:
        return
    assert "contenido secreto" not in formatear(res, "csv")


def test_los_grafos_del_almacen_solo_se_piden_si_hay_from() -> None:
    """Listar los grafos cuesta (~100 ms con 100 foros): una consulta sin FROM no los pide."""
    llamadas: list[int] = []

    def grafos() -> frozenset[str]:
        llamadas.append(1)
        return frozenset({"http://example.org/g"})

    asegurar("SELECT * WHERE { ?s ?p ?o }", "prueba", grafos)
    assert llamadas == []
    segura = asegurar(
        "SELECT * FROM <http://example.org/g> FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }",
        "prueba",
        grafos,
    )
    assert llamadas == [1]  # una vez aunque haya dos FROM
    assert segura.desde == segura.desde_con_nombre == ("http://example.org/g",)
