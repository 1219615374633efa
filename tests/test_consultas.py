"""Etapa consultas: contrato de columnas, paridad rdflib/pyoxigraph, parámetros y seguridad."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, Variable

from grafo.construccion import construir
from grafo.consultas import (
    Resultado,
    cargar_consulta,
    consulta_de_texto,
    consultas_disponibles,
    ejecutar,
    ejecutar_oxigraph,
    ejecutar_rdflib,
    formatear,
    parametros_a_vinculos,
)
from grafo.errores import ConsultaInvalidaError

CONTRATO = {
    "glosario": ["termino", "sigla", "categoria", "definicion", "fuente"],
    "instrumentos": ["instrumento", "sigla", "categoria", "rector", "base_legal", "vinculante"],
    "niveles_de_gobierno": ["nivel", "entidades"],
    "actores": ["actor", "tipo", "nivel", "sector"],
    "competencias": [
        "instrumento",
        "titular",
        "nivel",
        "funcion",
        "base_legal",
        "vigente_desde",
        "vigente_hasta",
    ],
    "relaciones_entre_instrumentos": ["origen", "relacion", "destino", "fuente"],
    "sesiones": ["orden", "hora", "tipo", "titulo", "ponente", "organizacion"],
    "enunciados": ["id", "orden", "tipo", "autor", "sesion", "texto", "pagina"],
    "limitaciones_por_grupo": ["grupo", "texto"],
    "propuestas_por_grupo": ["grupo", "pregunta", "texto"],
    "roles_por_sector": ["sector", "grupo", "texto"],
    "preguntas_y_respuestas": ["pregunta", "ponente", "respuesta"],
    "menciones_por_concepto": ["concepto", "sigla", "menciones"],
    "afirmaciones_del_foro": ["enunciado", "autor", "sujeto", "relacion", "objeto"],
    "foro_vs_norma": ["afirmacion", "autor", "norma", "coincide"],
}
CON_PARAMETRO_OBLIGATORIO = {"enunciados_por_concepto": {"concepto": "ZEE"}}
PARAMETROS_CONTRATO = {
    "actores": {"tipo"},
    "competencias": {"nivel", "instrumento"},
    "enunciados": {"tipo", "sesion"},
    "enunciados_por_concepto": {"concepto"},
    "limitaciones_por_grupo": {"grupo"},
    "propuestas_por_grupo": {"grupo"},
    "roles_por_sector": {"sector"},
}


@pytest.fixture(scope="module")
def exportado(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, ox.Store]:
    """El grafo.trig exportado, leído por rdflib y por pyoxigraph."""
    salida = tmp_path_factory.mktemp("salida")
    construir(salida)
    trig = salida / "grafo.trig"
    ds = Dataset()
    ds.parse(trig, format="trig")
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return ds, store


def _normal(res: Resultado) -> list[tuple[str, ...]]:
    """Filas comparables: las celdas agregadas (GROUP_CONCAT) sin depender del orden interno."""

    def celda(c: str) -> str:
        for sep in ("; ", ", "):
            if sep in c:
                return sep.join(sorted(c.split(sep)))
        return c

    return sorted(tuple(celda(c) for c in f) for f in res.filas)


def test_contrato_de_columnas(ds: Dataset) -> None:
    assert {c.nombre for c in consultas_disponibles()} >= set(CONTRATO) | set(CON_PARAMETRO_OBLIGATORIO)
    for nombre, columnas in CONTRATO.items():
        res = ejecutar(ds, cargar_consulta(nombre))
        assert res.columnas == columnas, nombre
        assert res.filas, f"{nombre} no devuelve filas"
        declarados = {p.nombre for p in cargar_consulta(nombre).parametros}
        assert PARAMETROS_CONTRATO.get(nombre, set()) <= declarados


def test_misma_respuesta_en_rdflib_y_pyoxigraph(exportado: tuple[Dataset, ox.Store]) -> None:
    ds, store = exportado
    for c in consultas_disponibles():
        vinc = parametros_a_vinculos(ds, c, CON_PARAMETRO_OBLIGATORIO.get(c.nombre, {}))
        a = ejecutar_rdflib(ds, c, vinc)
        b = ejecutar_oxigraph(store, c, vinc)
        assert a.columnas == b.columnas, c.nombre
        assert _normal(a) == _normal(b), c.nombre
        assert a.filas, c.nombre


def test_misma_respuesta_con_parametros(exportado: tuple[Dataset, ox.Store]) -> None:
    ds, store = exportado
    casos = [
        ("competencias", {"nivel": "Regional"}),
        ("competencias", {"instrumento": "ZEE", "fecha": "2013-09-20"}),
        ("actores", {"tipo": "Entidad pública"}),
        ("enunciados", {"tipo": "limitación", "sesion": "S6"}),
        ("enunciados_por_concepto", {"concepto": "gobiernos regionales"}),
        ("limitaciones_por_grupo", {"grupo": "4"}),
        ("propuestas_por_grupo", {"grupo": "Grupo 2"}),
        ("roles_por_sector", {"sector": "sociedad civil"}),
    ]
    for nombre, params in casos:
        c = cargar_consulta(nombre)
        vinc = parametros_a_vinculos(ds, c, params)
        a, b = ejecutar_rdflib(ds, c, vinc), ejecutar_oxigraph(store, c, vinc)
        assert a.filas and _normal(a) == _normal(b), (nombre, params)


def test_filtro_por_nivel(ds: Dataset) -> None:
    res = ejecutar(ds, cargar_consulta("competencias"), {"nivel": "regional"})
    i = res.columnas.index("nivel")
    assert res.filas and {f[i] for f in res.filas} == {"Regional"}


def test_filtro_por_fecha_separa_2013_de_hoy(ds: Dataset) -> None:
    c = cargar_consulta("competencias")
    en_2013 = ejecutar(ds, c, {"instrumento": "OT", "fecha": "2013-09-20"})
    hoy = ejecutar(ds, c, {"instrumento": "OT", "fecha": "2026-01-01"})
    i_tit, i_fun = en_2013.columnas.index("titular"), en_2013.columnas.index("funcion")
    rectores_2013 = {f[i_tit] for f in en_2013.filas if f[i_fun] == "rectoría"}
    rectores_hoy = {f[i_tit] for f in hoy.filas if f[i_fun] == "rectoría"}
    assert any("Ambiente" in r for r in rectores_2013)
    assert any("Presidencia del Consejo de Ministros" in r for r in rectores_hoy)
    assert not any("Ambiente" in r for r in rectores_hoy)


def test_valor_hostil_no_inyecta(ds: Dataset) -> None:
    q = consulta_de_texto(
        "# Parámetro: x (texto) cualquier texto\nSELECT ?s ?param_x WHERE { ?s ?p ?param_x }"
    )
    hostil = '"} . ?s ?p ?o . FILTER(true) } #'
    assert ejecutar(ds, q, {"x": hostil}).filas == []
    assert parametros_a_vinculos(ds, q, {"x": hostil}) == {Variable("param_x"): Literal(hostil)}


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }", "FROM"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "solo lectura"),
        ("LOAD <file:///etc/passwd>", "solo lectura"),
        ("SELECT * WHERE { ?s ?p }", "mal formado"),
    ],
)
def test_rechaza_lo_que_no_es_lectura(ds: Dataset, texto: str, mensaje: str) -> None:
    with pytest.raises(ConsultaInvalidaError, match=mensaje):
        ejecutar(ds, consulta_de_texto(texto, "prueba"))


def test_consulta_inexistente_lista_las_disponibles() -> None:
    with pytest.raises(ConsultaInvalidaError, match="glosario"):
        cargar_consulta("no_existe")


def test_parametro_desconocido_y_termino_desconocido(ds: Dataset) -> None:
    c = cargar_consulta("competencias")
    with pytest.raises(ConsultaInvalidaError, match="Parámetros admitidos: nivel, instrumento"):
        ejecutar(ds, c, {"nivl": "Regional"})
    with pytest.raises(ConsultaInvalidaError, match="Comunal"):
        ejecutar(ds, c, {"nivel": "Comunal"})
    with pytest.raises(ConsultaInvalidaError, match="AAAA-MM-DD"):
        ejecutar(ds, c, {"fecha": "20/09/2013"})


def test_parametro_obligatorio() -> None:
    q = consulta_de_texto(
        "# Parámetro: concepto (concepto, obligatorio) sigla\nSELECT * WHERE { ?s ?p ?param_concepto }"
    )
    with pytest.raises(ConsultaInvalidaError, match="obligatorio 'concepto'"):
        ejecutar(Dataset(), q, {})


def test_cabecera_mal_declarada() -> None:
    with pytest.raises(ConsultaInvalidaError, match="mal declarado"):
        consulta_de_texto("# Parámetro: x (color) algo\nSELECT * WHERE {?s ?p ?o}")


def test_ask_y_construct(ds: Dataset) -> None:
    ask = ejecutar(
        ds,
        consulta_de_texto("ASK { ?s a <https://w3id.org/grafo-territorial/ontologia#Competencia> }"),
    )
    assert ask.filas == [["true"]]
    cons = ejecutar(
        ds,
        consulta_de_texto(
            "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c . "
            "FILTER(?c = <https://w3id.org/grafo-territorial/ontologia#NivelDeGobierno>) }"
        ),
    )
    assert cons.columnas == ["sujeto", "predicado", "objeto"] and len(cons.filas) == 3


def test_formatos() -> None:
    res = Resultado(["a", "b"], [["x|y", "ñ"], ["1", ""]])
    assert formatear(res, "csv") == "a,b\nx|y,ñ\n1,"
    assert '"b": "ñ"' in formatear(res, "json")
    md = formatear(res, "md").splitlines()
    assert md[0] == "| a | b |" and md[2] == "| x\\|y | ñ |"
    assert formatear(res, "tabla").splitlines()[0].startswith("a  ")
    with pytest.raises(ConsultaInvalidaError, match="formato desconocido"):
        formatear(res, "xml")


def test_rq_legibles_en_cualquier_motor() -> None:
    """Cada .rq declara sus prefijos y su cabecera (título y descripción)."""
    for c in consultas_disponibles():
        assert c.titulo and c.descripcion, c.nombre
        assert "PREFIX" in c.texto, c.nombre


def test_archivo_rq_de_usuario(tmp_path: Path, ds: Dataset) -> None:
    rq = tmp_path / "mia.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    res = ejecutar(ds, consulta_de_texto(rq.read_text(encoding="utf-8"), rq.name))
    assert int(res.filas[0][0]) > 1000


def test_foro_vs_norma_coincide_difiere_y_sin_correspondencia() -> None:
    """Con el foro de prueba (2020): MINAM rector del OT coincide; MEF rector difiere; vigilar, sin norma."""
    from grafo.construccion import construir_dataset

    ds = construir_dataset([Path(__file__).parent / "datos" / "foro-minimo.yaml"], incluidos=False)
    for motor in ("oxigraph", "rdflib"):
        res = ejecutar(ds, cargar_consulta("foro_vs_norma"), motor=motor)  # type: ignore[arg-type]
        filas = {f[0]: f for f in res.filas}
        minam = filas["Ministerio del Ambiente es rector de Ordenamiento Territorial"]
        assert minam[3] == "coincide" and "D.Leg. 1013" in minam[2]
        mef = filas["Ministerio de Economía y Finanzas es rector de Ordenamiento Territorial"]
        assert mef[3] == "difiere" and "(Ministerio del Ambiente)" in mef[2]
        assert filas["Sociedad civil vigila Ordenamiento Territorial"][3] == "sin correspondencia"
