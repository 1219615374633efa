"""El glosario como SKOS, en los archivos exportados: cada concepto es explícitamente ``skos:Concept`` de
su ``skos:ConceptScheme``, con los conceptos de primer nivel declarados; las comprobaciones de skosify y
un subconjunto de los criterios de qSKOS no encuentran errores."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

GLOSARIO = URIRef("https://w3id.org/grafo-territorial/esquema/glosario")


@pytest.fixture(scope="module")
def exportado(salida: Path) -> Graph:
    """El Turtle que escribe ``grafo construir`` (lo que abriría una herramienta SKOS)."""
    g = Graph()
    g.parse(salida / "grafo.ttl")
    return g


def test_cada_concepto_del_glosario_es_skos_concept(exportado: Graph) -> None:
    miembros = set(exportado.subjects(SKOS.inScheme, GLOSARIO))
    assert len(miembros) >= 58
    assert miembros == set(exportado.subjects(RDF.type, SKOS.Concept)) & miembros
    assert (GLOSARIO, RDF.type, SKOS.ConceptScheme) in exportado
    # ?c a skos:Concept encuentra el glosario (antes solo por subclases: nada)
    filas = exportado.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme ?e . ?e a skos:ConceptScheme }",
        initNs={"skos": SKOS},
    )
    assert int(next(iter(filas))[0]) >= len(miembros)  # type: ignore[index]


def test_conceptos_de_primer_nivel(exportado: Graph) -> None:
    for esquema in set(exportado.subjects(RDF.type, SKOS.ConceptScheme)):
        miembros = set(exportado.subjects(SKOS.inScheme, esquema))
        if not miembros:
            continue
        primeros = set(exportado.objects(esquema, SKOS.hasTopConcept))
        assert primeros, esquema
        assert primeros == set(exportado.subjects(SKOS.topConceptOf, esquema)), esquema
        for c in miembros:
            amplios_aqui = [
                b for b in exportado.objects(c, SKOS.broader) if (b, SKOS.inScheme, esquema) in exportado
            ]
            # qSKOS «Top concept having broader concepts» y «Omitted top concepts»
            assert (c in primeros) == (not amplios_aqui), (esquema, c)


def test_criterios_qskos(exportado: Graph) -> None:
    conceptos = set(exportado.subjects(RDF.type, SKOS.Concept))
    for c in conceptos:
        for lang in ("es", "en"):
            etiquetas = [
                o for o in exportado.objects(c, SKOS.prefLabel) if getattr(o, "language", None) == lang
            ]
            assert len(etiquetas) == 1, (
                c,
                lang,
                etiquetas,
            )  # «Inconsistent preferred labels», «Missing labels»
        alt = {str(o) for o in exportado.objects(c, SKOS.altLabel)}
        pref = {str(o) for o in exportado.objects(c, SKOS.prefLabel)}
        assert not (alt & pref), c  # «Disjoint labels violation»
    # «Overlapping labels»: dos conceptos del mismo esquema con la misma etiqueta preferida
    vistos: dict[tuple[str, str, str], URIRef] = {}
    for c, esquema in exportado.subject_objects(SKOS.inScheme):
        for et in exportado.objects(c, SKOS.prefLabel):
            clave = (str(esquema), str(et).casefold(), getattr(et, "language", "") or "")
            assert vistos.setdefault(clave, c) == c, (clave, c, vistos[clave])  # type: ignore[arg-type]


def test_comprobaciones_de_skosify(exportado: Graph, caplog: pytest.LogCaptureFixture) -> None:
    from skosify import check

    with caplog.at_level(logging.INFO):
        check.hierarchy_cycles(exportado)
        check.disjoint_relations(exportado)
        check.hierarchical_redundancy(exportado)
        check.label_overlap(exportado)
        check.preflabel_uniqueness(exportado, policy="shortest")
    problemas = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problemas == []
