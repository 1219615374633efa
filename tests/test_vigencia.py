"""Etapa vigencia: la vigencia de cada artículo se deriva de la estructura de su norma."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from grafo.almacen.almacen import Almacen
from grafo.api import abrir
from grafo.base.errores import FuenteInvalidaError
from grafo.base.espacios import GT, GTART, GTN, XSD, enlazar_prefijos
from grafo.busqueda.resolucion import iri_sparql
from grafo.construccion.vigencia import derivar_vigencia

SINTETICA = Path(__file__).parent / "datos" / "norma-sintetica.ttl"


def _leida() -> Graph:
    g = Graph()
    enlazar_prefijos(g)
    g.parse(SINTETICA)
    return g


@pytest.fixture(scope="module")
def sintetica() -> Graph:
    g = _leida()
    derivar_vigencia(g)
    return g


def _fecha(g: Graph, art: str) -> str | None:
    v = g.value(GTART[art], GT.vigenteHasta)
    return str(v)[:10] if v is not None else None


def test_todo_articulo_de_una_division_derogada_queda_derogado(sintetica: Graph) -> None:
    for art in (
        "ley-prueba--art-1",
        "ley-prueba--art-2",
        "ley-prueba--art-2-1",
        "ley-prueba--titulo-i--capitulo-i",
    ):
        assert _fecha(sintetica, art) == "2020-01-01", art
        assert sintetica.value(GTART[art], GT.derogadoPor) == GTN["ley-derogante"], art
    assert _fecha(sintetica, "ley-prueba--art-5") == "2021-06-30"


def test_lo_exceptuado_sigue_vigente_con_lo_que_contiene(sintetica: Graph) -> None:
    for art in ("ley-prueba--art-3", "ley-prueba--art-3-1"):
        assert _fecha(sintetica, art) is None, art
        assert (GTART[art], GT.derogadoPor, None) not in sintetica


def test_una_sustitucion_anterior_a_la_derogacion_es_la_que_rige(sintetica: Graph) -> None:
    for art in ("ley-prueba--art-4", "ley-prueba--art-4-1"):
        assert _fecha(sintetica, art) == "2018-05-01", art
        assert sintetica.value(GTART[art], GT.sustituidoPor) == GTN["ley-modificatoria"]
        assert (GTART[art], GT.derogadoPor, None) not in sintetica


def test_la_derogacion_de_la_norma_entera_alcanza_a_sus_articulos(sintetica: Graph) -> None:
    assert sintetica.value(GTN["ley-vieja"], GT.derogadaPor) == GTN["ley-derogante"]
    assert str(sintetica.value(GTN["ley-vieja"], GT.vigenteHasta))[:10] == "2015-03-15"
    assert _fecha(sintetica, "ley-vieja--art-9") == "2015-03-15"
    assert sintetica.value(GTART["ley-vieja--art-9"], GT.derogadoPor) == GTN["ley-derogante"]
    # la norma misma solo se marca si la derogación es entera
    assert (GTN["ley-prueba"], GT.vigenteHasta, None) not in sintetica


def test_la_vigencia_escrita_a_mano_en_un_articulo_se_rechaza() -> None:
    g = _leida()
    g.add(
        (
            GTART["ley-prueba--art-5"],
            GT.vigenteHasta,
            Literal("2030-01-01T00:00:00-05:00", datatype=XSD.dateTime),
        )
    )
    with pytest.raises(FuenteInvalidaError, match=r"ley-prueba--art-5: gt:vigenteHasta está escrito a mano"):
        derivar_vigencia(g)


def test_el_fin_de_una_norma_escrito_a_mano_se_rechaza() -> None:
    g = _leida()
    g.add((GTN["ley-prueba"], GT.derogadaPor, GTN["ley-derogante"]))
    with pytest.raises(FuenteInvalidaError, match=r"ley-prueba: gt:derogadaPor está escrito a mano"):
        derivar_vigencia(g)


def test_una_estructura_con_ciclo_se_rechaza() -> None:
    g = _leida()
    g.add((GTART["ley-prueba--titulo-i"], GT.dentroDe, GTART["ley-prueba--art-1"]))
    g.remove((GTART["ley-prueba--titulo-i"], GT.divisionDe, None))
    with pytest.raises(FuenteInvalidaError, match="ciclo"):
        derivar_vigencia(g)


# --- sobre el grafo incluido ----------------------------------------------------------------------

_Q_ALCANZADAS = """
SELECT ?d ?fecha ?hasta WHERE {
  ?c a gt:Derogacion ; gt:cambia ?x ; gt:fechaDelCambio ?fecha .
  ?d (gt:dentroDe|gt:divisionDe|gt:articuloDe)+ ?x .
  FILTER NOT EXISTS { ?c gt:excepto ?e . ?d (gt:dentroDe)* ?e }
  OPTIONAL { ?d gt:vigenteHasta ?hasta }
}
"""


def test_cada_division_dentro_de_lo_derogado_dice_hasta_cuando_rigio(almacen: Almacen) -> None:
    """La regla, comprobada con un camino SPARQL independiente del código que la deriva: todo lo que
    está dentro de algo derogado dejó de regir a más tardar ese día."""
    filas = almacen.seleccionar(_Q_ALCANZADAS)
    assert len(filas) >= 15, "la prueba no probaría nada"
    for f in filas:
        assert f.get("hasta"), f"{f['d']}: está dentro de algo derogado el {f['fecha'][:10]} y figura vigente"
        assert f["hasta"] <= f["fecha"], f["d"]


def test_los_articulos_de_los_subcapitulos_y_titulos_derogados(almacen: Almacen) -> None:
    """Los que la lista escrita a mano no tenía: el 99.1 (Subcapítulo I del Título VI) y los arts. 12 y
    23 (Título III) del D.S. 022-2016-VIVIENDA."""
    iris = [GTART[f"ds-022-2016-vivienda--{a}"] for a in ("art-99-1", "art-12", "art-23")]
    filas = almacen.seleccionar(
        f"SELECT ?a ?h ?p WHERE {{ VALUES ?a {{ {' '.join(iri_sparql(i) for i in iris)} }} "
        "OPTIONAL { ?a gt:vigenteHasta ?h } OPTIONAL { ?a gt:derogadoPor ?p } }"
    )
    assert sorted((f["a"], f.get("h", "")[:10], f.get("p")) for f in filas) == sorted(
        (str(i), "2022-10-05", str(GTN["ds-012-2022-vivienda"])) for i in iris
    )


def test_ninguna_ficha_presenta_como_vigente_una_fuente_derogada(salida: Path) -> None:
    """Toda definición cuya fuente ya no rige lo dice en la ficha, en los dos idiomas."""
    with abrir(salida) as g:
        filas = g.sparql(
            "SELECT DISTINCT ?n ?l WHERE { ?c gt:fuenteDefinicion ?f . ?f gt:vigenteHasta ?h ; rdfs:label ?l . "
            '?c skos:prefLabel ?n FILTER(LANG(?n) = "es") }'
        )
        assert len(filas) >= 5, "la prueba no probaría nada"
        for fila in filas:
            c, etiqueta = fila["n"], fila["l"]
            ficha = g.ficha(c)
            for idioma, marcas in (
                ("es", ("derogado el", "texto sustituido el")),
                ("en", ("repealed on", "replaced on")),
            ):
                texto = " ".join(ficha.texto(idioma).split())  # sin los saltos de línea del ancho
                i = texto.find(etiqueta)
                assert i >= 0, f"{c} ({idioma}): no cita {etiqueta}"
                assert any(m in texto[i : i + len(etiqueta) + 80] for m in marcas), (
                    f"{c} ({idioma}): {etiqueta} sin su derogación"
                )


_Q_COMPETENCIAS_SIN_BASE = """
SELECT ?k (MAX(?hb) AS ?ultima) (SAMPLE(?hk) AS ?fin) WHERE {
  ?k a gt:Competencia ; gt:baseLegal ?b .
  FILTER NOT EXISTS { ?k gt:baseLegal ?vigente . FILTER NOT EXISTS { ?vigente gt:vigenteHasta ?x } }
  ?b gt:vigenteHasta ?hb .
  OPTIONAL { ?k gt:vigenteHasta ?hk }
} GROUP BY ?k
"""


def test_una_competencia_sin_base_legal_vigente_tiene_fin(almacen: Almacen) -> None:
    """Si todo lo que la funda dejó de regir, la competencia dice hasta cuándo rigió (a más tardar ese
    día): ninguna consulta ni ficha la presenta como vigente."""
    filas = almacen.seleccionar(_Q_COMPETENCIAS_SIN_BASE)
    assert len(filas) >= 5, "la prueba no probaría nada"
    for f in filas:
        assert f.get("fin"), f"{f['k']}: su base legal dejó de regir el {f['ultima'][:10]} y no tiene fin"
        assert f["fin"] <= f["ultima"], f["k"]


def test_un_termino_cuya_definicion_ya_no_rige_lo_dice_en_una_frase(salida: Path) -> None:
    with abrir(salida) as g:
        for termino in ("esquema de zonificación", "PAT", "PDU", "acondicionamiento territorial"):
            ficha = g.ficha(termino)
            es = " ".join(ficha.texto("es").split())
            en = " ".join(ficha.texto("en").split())
            assert "Esta definición ya no rige (derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA)." in es, (
                termino
            )
            assert (
                "This definition no longer applies (repealed on 2022-10-05 by D.S. 012-2022-VIVIENDA)." in en
            )
        # una definición vigente no lleva la frase
        assert "ya no rige" not in g.ficha("ZEE").texto("es")
    # las páginas leen la misma ficha: el panel de la red y el glosario
    for pagina in ("grafo.html", "glosario.html"):
        html = (salida / pagina).read_text(encoding="utf-8")
        assert html.count("ya no rige (derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA)") >= 4, pagina
