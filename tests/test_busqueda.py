"""Etapa búsqueda: texto del usuario -> IRI, sobre el almacén construido y sobre un almacén mínimo."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from grafo.almacen.almacen import Almacen
from grafo.base.errores import TerminoDesconocidoError
from grafo.base.espacios import DCTERMS, GRAFOS, GT, GTA, GTC, GTFORO, GTV, RDF, RDFS, SKOS, prologo
from grafo.base.texto import normalizar
from grafo.busqueda.resolucion import TIPOS_ENTIDAD, entidades, resolver, resolver_entidad, resolver_foro

GRUPO = (GT.iri("GrupoDeTrabajo"),)
CAJAMARCA = GTFORO.iri("foro-cajamarca-2013")


def test_normalizar() -> None:
    assert normalizar("  Demarcación   Territorial ") == "demarcacion territorial"
    assert normalizar("la ZEE") == "zee"
    assert normalizar("De Los Andes") == "andes"


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("ZEE", "zee"),
        ("zee", "zee"),
        ("la ZEE", "zee"),
        ("zonificacion ecologica y economica", "zee"),
        ("acondicionamiento territorial", "acondicionamiento-territorial"),
        ("DEMARCACIÓN TERRITORIAL", "demarcacion-territorial"),
        ("demarcacion", "demarcacion-territorial"),
        ("OT", "ot"),
        ("POT", "pot"),
    ],
)
def test_resolver_terminos(almacen: Almacen, texto: str, esperado: str) -> None:
    assert resolver(almacen, texto) == GTC.iri(esperado)


def test_resolver_niveles_actores_y_tipos(almacen: Almacen) -> None:
    assert resolver(almacen, "regional", (GT.iri("NivelDeGobierno"),)) == GTV.iri("regional")
    assert resolver(almacen, "MINAM", (GT.iri("Actor"),)) == GTA.iri("minam")
    assert resolver(almacen, "MINAM", GT.iri("Actor")) == GTA.iri("minam")  # una clase sola, sin tupla
    assert resolver(almacen, "entidad publica", None) == GT.iri("EntidadPublica")
    entidad = (GT.iri("ConceptoTerritorial"), GT.iri("Actor"), GT.iri("NivelDeGobierno"))
    assert resolver(almacen, "zee", entidad) == GTC.iri("zee")
    assert resolver(almacen, "minam", entidad) == GTA.iri("minam")


def test_termino_desconocido_sugiere(almacen: Almacen) -> None:
    with pytest.raises(TerminoDesconocidoError) as e:
        resolver(almacen, "zonificacion ecologica")
    assert any("Zonificación Ecológica y Económica" in s for s in e.value.sugerencias)
    assert "¿Quiso decir: " in str(e.value)
    with pytest.raises(TerminoDesconocidoError, match="no se encontró el término 'xyzzy'"):
        resolver(almacen, "xyzzy")
    with pytest.raises(TerminoDesconocidoError, match="no se encontró el actor"):
        resolver(almacen, "zee", (GT.iri("Actor"),))
    with pytest.raises(TerminoDesconocidoError, match="está vacío"):
        resolver(almacen, "  ")


def test_texto_del_usuario_no_entra_en_la_consulta(almacen: Almacen) -> None:
    with pytest.raises(TerminoDesconocidoError, match="no se encontró"):
        resolver(almacen, '"} UNION { ?c ?p ?v } #')


def test_dentro_de_un_foro(almacen: Almacen) -> None:
    assert resolver(almacen, "grupo 4", GRUPO) == GTFORO.iri("foro-cajamarca-2013/grupo/G4")
    assert resolver(almacen, "G4", GRUPO, dentro_de=CAJAMARCA) == GTFORO.iri("foro-cajamarca-2013/grupo/G4")
    with pytest.raises(TerminoDesconocidoError, match="no se encontró el grupo de trabajo"):
        resolver(almacen, "grupo 4", GRUPO, dentro_de=GTFORO.iri("otro-foro"))


def test_resolver_foro(almacen: Almacen) -> None:
    assert resolver_foro(almacen, "foro-cajamarca-2013") == CAJAMARCA
    assert resolver_foro(almacen, "FORO-CAJAMARCA-2013") == CAJAMARCA
    titulo = "Cajamarca: desafíos y alternativas para un nuevo modelo de desarrollo desde el ordenamiento territorial"
    assert resolver_foro(almacen, titulo) == CAJAMARCA
    with pytest.raises(TerminoDesconocidoError, match="no se encontró el foro") as e:
        resolver_foro(almacen, "foro cajamarca")
    assert e.value.sugerencias == ["foro-cajamarca-2013"]


# --- un almacén mínimo: empates, prioridades y dos foros ------------------------------------------


class _LectorOx:
    """Un ``Lector`` sobre un ``pyoxigraph.Store`` en memoria (como ``Almacen.seleccionar``)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        res = self.store.query(f"{prologo()} {consulta}", use_default_graph_as_union=True)
        assert isinstance(res, ox.QuerySolutions)
        nombres = [v.value for v in res.variables]
        return [{n: t.value for n in nombres if (t := sol[n]) is not None} for sol in res]


def _iri(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _es(texto: str, idioma: str | None = "es") -> ox.Literal:
    return ox.Literal(texto, language=idioma) if idioma else ox.Literal(texto)


def _grupo(foro: str, ident: str, nombre: str) -> list[ox.Quad]:
    g, f = _iri(GTFORO.iri(f"{foro}/grupo/{ident}")), _iri(GTFORO.iri(foro))
    grafo = _iri(GRAFOS.iri(f"foro/{foro}"))
    return [
        ox.Quad(g, _iri(RDF.iri("type")), _iri(GT.iri("GrupoDeTrabajo")), grafo),
        ox.Quad(g, _iri(RDFS.iri("label")), _es(nombre), grafo),
        ox.Quad(g, _iri(DCTERMS.iri("identifier")), _es(ident, None), grafo),
        ox.Quad(g, _iri(DCTERMS.iri("isPartOf")), f, grafo),
        ox.Quad(f, _iri(RDF.iri("type")), _iri(GT.iri("Foro")), grafo),
        ox.Quad(f, _iri(RDFS.iri("label")), _es(f"Foro {foro}"), grafo),
    ]


def _concepto(ident: str, *nombres: tuple[str, str, str | None]) -> list[ox.Quad]:
    c, grafo = _iri(GTC.iri(ident)), _iri(GRAFOS.iri("glosario"))
    quads = [ox.Quad(c, _iri(RDF.iri("type")), _iri(GT.iri("Instrumento")), grafo)]
    return quads + [ox.Quad(c, _iri(p), _es(v, i), grafo) for p, v, i in nombres]


@pytest.fixture(scope="module")
def minimo() -> _LectorOx:
    store = ox.Store()
    ontologia = _iri(GRAFOS.iri("ontologia"))
    pref, alt = SKOS.iri("prefLabel"), SKOS.iri("altLabel")
    store.extend(
        [
            ox.Quad(
                _iri(GT.iri("Instrumento")),
                _iri(RDFS.iri("subClassOf")),
                _iri(GT.iri("ConceptoTerritorial")),
                ontologia,
            ),
            *_concepto("plan-a", (pref, "Plan de Acondicionamiento", "es"), (alt, "PA", None)),
            *_concepto("plan-b", (pref, "Plan Ambiental", "es"), (alt, "PA", "es")),
            *_concepto("zona", (pref, "Zona", "es"), (pref, "Zone", "en")),
            *_concepto("zonas", (pref, "Zonas", "es"), (alt, "Zone", "es"), (alt, "Zona", None)),
            *_grupo("foro-a", "G1", "Grupo 1"),
            *_grupo("foro-b", "G1", "Grupo 1"),
            *_grupo("foro-b", "G2", "Grupo 2"),
            *_grupo("foro-b", "G2bis", "Grupo 2"),
        ]
    )
    return _LectorOx(store)


def test_empate_es_ambiguo(minimo: _LectorOx) -> None:
    with pytest.raises(TerminoDesconocidoError, match="'pa' es ambiguo: puede ser") as e:
        resolver(minimo, "pa")
    assert e.value.sugerencias == ["Plan de Acondicionamiento", "Plan Ambiental"]
    assert "Use la etiqueta completa" in str(e.value)


def test_prioridad_de_nombres(minimo: _LectorOx) -> None:
    # la etiqueta preferida gana a la sigla; la sigla en español gana a la etiqueta en inglés
    assert resolver(minimo, "zona") == GTC.iri("zona")
    assert resolver(minimo, "zone") == GTC.iri("zonas")


def test_mismo_valor_en_varios_foros(minimo: _LectorOx) -> None:
    with pytest.raises(TerminoDesconocidoError, match="existe en varios foros: foro-a, foro-b") as e:
        resolver(minimo, "Grupo 1", GRUPO)
    assert "--param foro=ID" in str(e.value)
    assert e.value.sugerencias == ["foro-a", "foro-b"]
    assert resolver(minimo, "Grupo 1", GRUPO, dentro_de=GTFORO.iri("foro-b")) == GTFORO.iri("foro-b/grupo/G1")
    assert resolver(minimo, "g1", GRUPO, dentro_de=GTFORO.iri("foro-a")) == GTFORO.iri("foro-a/grupo/G1")


def test_empate_dentro_de_un_foro(minimo: _LectorOx) -> None:
    with pytest.raises(TerminoDesconocidoError, match="'Grupo 2' es ambiguo"):
        resolver(minimo, "Grupo 2", GRUPO)


def test_resolver_foro_minimo(minimo: _LectorOx) -> None:
    assert resolver_foro(minimo, "foro-b") == GTFORO.iri("foro-b")
    assert resolver_foro(minimo, "Foro foro-a") == GTFORO.iri("foro-a")
    with pytest.raises(TerminoDesconocidoError, match=r"¿Quiso decir: foro-.*\?"):
        resolver_foro(minimo, "foro-c")


def test_no_importa_rdflib() -> None:
    codigo = (
        "import sys, grafo.busqueda.resolucion, grafo.fichas.definir; "
        "assert 'rdflib' not in sys.modules, sorted(m for m in sys.modules if 'rdflib' in m)"
    )
    subprocess.run([sys.executable, "-c", codigo], check=True)


# --- reglas aproximadas (grafo definir): siglas con puntos y prefijo único ---------------------------


@pytest.fixture(scope="module")
def aproximado() -> _LectorOx:
    """Conceptos cuyos nombres empiezan igual, con distinta prioridad."""
    store = ox.Store()
    ontologia = _iri(GRAFOS.iri("ontologia"))
    pref, alt = SKOS.iri("prefLabel"), SKOS.iri("altLabel")
    store.extend(
        [
            ox.Quad(
                _iri(GT.iri("Instrumento")),
                _iri(RDFS.iri("subClassOf")),
                _iri(GT.iri("ConceptoTerritorial")),
                ontologia,
            ),
            *_concepto("regalia", (pref, "Regalía minera", "es"), (pref, "Mining royalty", "en")),
            *_concepto("zee", (pref, "Zonificación Ecológica", "es"), (alt, "ZEE", None)),
            *_concepto("ez", (pref, "Esquema de Zonificación", "es"), (alt, "Zonificación urbana", "es")),
            *_concepto("plan-a", (pref, "Plan Anual", "es")),
            *_concepto("plan-b", (pref, "Plan Bienal", "es")),
            *_concepto("ds", (pref, "D.S. 087-2004-PCM", None)),
            *_concepto("ot", (pref, "Ordenamiento", "es"), (alt, "OT", None)),
        ]
    )
    return _LectorOx(store)


def test_siglas_con_puntos(aproximado: _LectorOx) -> None:
    assert resolver(aproximado, "Z.E.E.", aproximado=True) == GTC.iri("zee")
    assert resolver(aproximado, "z.e.e", aproximado=True) == GTC.iri("zee")
    assert resolver(aproximado, "DS 087-2004-PCM", aproximado=True) == GTC.iri("ds")
    assert resolver(aproximado, "O.T.", aproximado=True) == GTC.iri("ot")
    with pytest.raises(TerminoDesconocidoError):
        resolver(aproximado, "Z.E.E.")  # sin aproximado, solo la igualdad


def test_prefijo_unico(aproximado: _LectorOx) -> None:
    assert resolver(aproximado, "regalia", aproximado=True) == GTC.iri("regalia")
    assert resolver(aproximado, "MINING", aproximado=True) == GTC.iri("regalia")
    # «zonificación» empieza el nombre preferido de uno y un nombre alternativo de otro: gana el preferido
    assert resolver(aproximado, "Zonificación", aproximado=True) == GTC.iri("zee")
    # la palabra entera, no un trozo
    with pytest.raises(TerminoDesconocidoError, match=r"¿Quiso decir: .*Regalía minera"):
        resolver(aproximado, "regal", aproximado=True)
    # menos de 3 letras, no
    with pytest.raises(TerminoDesconocidoError):
        resolver(aproximado, "pl", aproximado=True)


def test_prefijo_ambiguo_sugiere(aproximado: _LectorOx) -> None:
    with pytest.raises(
        TerminoDesconocidoError, match=r"no se encontró el término 'plan'\. ¿Quiso decir: "
    ) as e:
        resolver(aproximado, "plan", aproximado=True)
    assert e.value.sugerencias[:2] == ["Plan Anual", "Plan Bienal"]
    # varias palabras no se completan
    with pytest.raises(TerminoDesconocidoError, match="¿Quiso decir: Zonificación Ecológica"):
        resolver(aproximado, "zonificacion eco", aproximado=True)


def test_entidades_y_resolver_entidad(almacen: Almacen) -> None:
    todas = entidades(almacen)
    assert {e.tipo for e in todas} == set(TIPOS_ENTIDAD)
    assert len({e.iri for e in todas}) == len(todas)
    # nada propio de un foro (grupos de trabajo, sesiones)
    assert not any("/foro/" in e.iri for e in todas)
    assert entidades(almacen, "nivel") == [e for e in todas if e.tipo == "nivel"]
    zee = resolver_entidad(almacen, "zee")
    assert (zee.tipo, zee.etiqueta, zee.siglas) == (
        "concepto",
        "Zonificación Ecológica y Económica",
        ("ZEE",),
    )
    assert resolver_entidad(almacen, "nivel de gobierno regional").iri == GTV.iri("regional")
    assert resolver_entidad(almacen, "Ley 27795").tipo == "norma"
