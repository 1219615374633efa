"""Los datos del glosario: completos, sin referencias colgantes y fieles a las normas."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from rdflib import Graph, Literal, URIRef

from grafo.base.espacios import BASE, DCTERMS, GT, GTA, GTC, GTF, RDF, RDFS, SKOS
from grafo.fichas.definir import normalizar

REQUERIDOS = [
    "zee",
    "zee-macro",
    "zee-meso",
    "zee-micro",
    "ee",
    "dit",
    "ot",
    "pot",
    "demarcacion-territorial",
    "edz",
    "sot",
    "acondicionamiento-territorial",
    "pat",
    "pdu",
    "gestion-territorial",
    "pdc",
    "pdrc",
    "pdlc",
    "pp",
    "snip",
    "eia",
    "eae",
    "canon",
    "regalia-minera",
    "pedn",
    "politica-34",
]


def _fecha(texto: str) -> datetime:
    return datetime.fromisoformat(texto)


def test_conceptos_requeridos(union: Graph) -> None:
    for nombre in REQUERIDOS:
        c = GTC[nombre]
        assert (c, RDF.type, None) in union, nombre
        langs = {o.language for o in union.objects(c, SKOS.prefLabel) if isinstance(o, Literal)}
        assert {"es", "en"} <= langs, nombre


def test_escalas_de_la_zee(union: Graph) -> None:
    escalas = set(union.objects(GTC.zee, SKOS.narrower))
    assert {GTC["zee-macro"], GTC["zee-meso"], GTC["zee-micro"]} <= escalas
    for e in escalas:
        assert union.value(e, GT.escala) is not None


def test_sin_referencias_colgantes(union: Graph) -> None:
    """Todo IRI del proyecto usado como objeto está definido (tiene tipo)."""
    colgantes = set()
    for _s, p, o in union:
        if (
            isinstance(o, URIRef)
            and str(o).startswith(BASE)
            and p != RDF.type
            and (o, RDF.type, None) not in union
        ):
            colgantes.add(str(o))
    assert not colgantes, sorted(colgantes)


def test_una_etiqueta_por_idioma(union: Graph) -> None:
    for prop in (SKOS.prefLabel, RDFS.label):
        cuenta = Counter(
            (s, o.language)
            for s, o in union.subject_objects(prop)
            if isinstance(o, Literal) and str(s).startswith(BASE)
        )
        repetidas = [k for k, n in cuenta.items() if n > 1]
        assert not repetidas, repetidas[:5]


def test_siglas_no_ambiguas(union: Graph) -> None:
    conceptos = set(union.subjects(SKOS.inScheme, URIRef(BASE + "esquema/glosario")))
    dueños: dict[str, set[URIRef]] = {}
    for c in conceptos:
        for et in [*union.objects(c, SKOS.prefLabel), *union.objects(c, SKOS.altLabel)]:
            dueños.setdefault(normalizar(str(et)), set()).add(c)  # type: ignore[arg-type]
    ambiguas = {k: v for k, v in dueños.items() if len(v) > 1}
    assert not ambiguas, ambiguas


def test_definiciones_citan_articulo_de_una_norma(union: Graph) -> None:
    con_definicion = [
        c for c in union.subjects(SKOS.definition, None) if str(c).startswith(BASE + "concepto/")
    ]
    assert len(set(con_definicion)) >= 25
    for c in set(con_definicion):
        fuentes = list(union.objects(c, GT.fuenteDefinicion))
        assert fuentes, c
        for f in fuentes:
            assert (f, DCTERMS.source, None) not in union  # la fuente es un artículo o documento
            assert (c, DCTERMS.source, f) in union
            doc = union.value(f, GT.articuloDe) or f
            assert (doc, RDF.type, None) in union


@pytest.mark.parametrize(
    ("concepto", "cita", "fuente"),
    [
        (
            "zee",
            "proceso dinámico y flexible para la identificación de diferentes alternativas de uso sostenible",
            "D.S. 087-2004-PCM, art. 1",
        ),
        (
            "demarcacion-territorial",
            "proceso técnico-geográfico mediante el cual se organiza el territorio",
            "Ley 27795, art. 2",
        ),
        (
            "eae",
            "internalizar la variable ambiental en las propuestas de políticas, planes y programas",
            "D.S. 019-2009-MINAM, art. 61",
        ),
        (
            "pp",
            "mecanismo de asignación equitativa, racional, eficiente, eficaz y transparente",
            "Ley 28056, art. 1",
        ),
    ],
)
def test_definiciones_fieles_a_la_norma(union: Graph, concepto: str, cita: str, fuente: str) -> None:
    definicion = str(union.value(GTC[concepto], SKOS.definition) or "")
    defs_es = [str(d) for d in union.objects(GTC[concepto], SKOS.definition) if d.language == "es"]  # type: ignore[union-attr]
    assert any(cita.lower() in d.lower() for d in defs_es), (concepto, definicion)
    etiquetas = [str(union.value(f, RDFS.label)) for f in union.objects(GTC[concepto], GT.fuenteDefinicion)]
    assert any(e.startswith(fuente) for e in etiquetas), etiquetas


def _competencias(union: Graph, instrumento: URIRef, funcion: URIRef, fecha: str) -> set[URIRef]:
    dia = _fecha(fecha + "T00:00:00-05:00")
    titulares = set()
    for k in union.subjects(GT.instrumento, instrumento):
        if union.value(k, GT.funcion) != funcion:
            continue
        desde, hasta = union.value(k, GT.vigenteDesde), union.value(k, GT.vigenteHasta)
        anio_ini, anio_fin = union.value(k, GT.anioInicio), union.value(k, GT.anioFin)
        if desde is not None:
            if _fecha(str(desde)) > dia:
                continue
        elif anio_ini is None or int(anio_ini) >= dia.year:
            continue
        if hasta is not None:
            if _fecha(str(hasta)) <= dia:
                continue
        elif anio_fin is not None and int(anio_fin) <= dia.year:
            continue
        titulares.add(union.value(k, GT.titular))
    return titulares  # type: ignore[return-value]


def test_quien_era_rector_en_2013_y_quien_hoy(union: Graph) -> None:
    assert GTA.minam in _competencias(union, GTC.zee, GTF.rectoria, "2013-09-20")
    assert GTA.minam in _competencias(union, GTC.ot, GTF.rectoria, "2013-09-20")
    assert GTA.pcm in _competencias(union, GTC.ot, GTF.rectoria, "2026-01-01")
    assert GTA.minam not in _competencias(union, GTC.ot, GTF.rectoria, "2026-01-01")
    assert GTA["pcm-dntdt"] in _competencias(
        union, GTC["demarcacion-territorial"], GTF.rectoria, "2013-09-20"
    )
    assert GTA["pcm-sdot"] in _competencias(union, GTC["demarcacion-territorial"], GTF.rectoria, "2026-01-01")


def test_matriz_de_competencias_cubre_los_tres_niveles(union: Graph) -> None:
    comps = list(union.subjects(RDF.type, GT.Competencia))
    assert len(comps) >= 40
    niveles = Counter(str(union.value(k, GT.nivel)).rsplit("/", 1)[-1] for k in comps)
    assert niveles["nacional"] and niveles["regional"] and niveles["local"]
    instrumentos = {union.value(k, GT.instrumento) for k in comps}
    # cada fila de la matriz (§ 12) tiene al menos una competencia: el instrumento o uno más específico
    filas = {
        "ZEE": {"zee"},
        "EE": {"ee"},
        "DIT": {"dit"},
        "OT": {"ot"},
        "POT": {"pot"},
        "demarcación": {"demarcacion-territorial", "edz", "sot"},
        "acondicionamiento": {"acondicionamiento-territorial", "pat"},
        "EIA": {"eia"},
        "EAE": {"eae"},
        "PDC": {"pdc", "pdrc", "pdlc", "pedn"},
        "PP": {"pp"},
        "SNIP": {"snip"},
        "canon y regalía": {"canon", "canon-minero", "regalia-minera"},
    }
    for fila, conceptos in filas.items():
        assert instrumentos & {GTC[c] for c in conceptos}, fila


def test_exactamente_tres_niveles(union: Graph) -> None:
    assert len(set(union.subjects(RDF.type, GT.NivelDeGobierno))) == 3


def test_vacios_marcados_no_inventados(union: Graph) -> None:
    """Lo que la ficha marca n/f aparece como vacío, no como dato."""
    vacios_p34 = " ".join(str(v) for v in union.objects(GTC["politica-34"], GT.datoNoHallado))
    norma_p34 = URIRef(BASE + "norma/acuerdo-nacional-politica-34")
    vacios_p34 += " ".join(str(v) for v in union.objects(norma_p34, GT.datoNoHallado))
    assert "fecha" in vacios_p34.lower()
    assert union.value(norma_p34, GT.fechaPublicacion) is None
    # "Gestión territorial engloba ZEE, OT, demarcación, acondicionamiento" no tiene fuente normativa
    for r in union.subjects(GT.origen, GTC["gestion-territorial"]):
        conf = union.value(r, GT.confianza)
        assert conf is not None and str(conf).endswith("/baja"), r
