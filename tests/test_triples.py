"""Etapa triples: construir el Dataset y errores de Turtle con archivo y línea."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from grafo.base.errores import FuenteInvalidaError
from grafo.base.espacios import GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, GT, GTA, GTC, RDF
from grafo.construccion.tripletas import construir_base, grafo_union
from grafo.fuentes.ontologia import leer_turtle


def test_grafos_con_nombre(ds: Dataset) -> None:
    assert (GT.Competencia, None, None) in ds.graph(GRAFO_ONTOLOGIA)
    assert len(ds.graph(GRAFO_GLOSARIO)) > 1000
    assert (GT.Competencia, None, None) not in ds.graph(GRAFO_GLOSARIO)


def test_relaciones_materializadas(union: Graph) -> None:
    assert (GTC.ot, GT.relacionadoCon, None) in union or (None, GT.relacionadoCon, GTC.ot) in union


def test_turtle_mal_formado_cita_archivo_y_linea(tmp_path: Path) -> None:
    malo = tmp_path / "malo.ttl"
    malo.write_text(
        '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "sin cerrar .\n', encoding="utf-8"
    )
    with pytest.raises(FuenteInvalidaError) as e:
        leer_turtle(Graph(), malo)
    assert "malo.ttl:3" in str(e.value)


def test_prefijo_no_declarado(tmp_path: Path) -> None:
    malo = tmp_path / "prefijo.ttl"
    malo.write_text("nada:a nada:b nada:c .\n", encoding="utf-8")
    with pytest.raises(FuenteInvalidaError, match=r"prefijo\.ttl"):
        leer_turtle(Graph(), malo)


def test_extras_se_anaden_al_glosario(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://ex/a> <http://ex/b> <http://ex/c> .\n", encoding="utf-8")
    ds = construir_base([extra])
    a, b, c = (URIRef(f"http://ex/{x}") for x in "abc")
    assert (a, b, c) in ds.graph(GRAFO_GLOSARIO)
    assert (a, b, c) in grafo_union(ds)


def test_foro_en_su_grafo_y_afirmaciones_en_grafos_propios(ds: Dataset) -> None:
    from grafo.base.espacios import GTFORO, PROV, grafo_de_foro

    foro = ds.graph(grafo_de_foro("foro-cajamarca-2013"))
    enunciados = set(foro.subjects(RDF.type, GT.Enunciado))
    assert len(enunciados) == 214
    afirmaciones = set(foro.subjects(RDF.type, GT.Afirmacion))
    assert len(afirmaciones) >= 25
    for a in afirmaciones:
        tripletas = list(ds.graph(a))
        assert len(tripletas) == 1, a
        enunciado = foro.value(a, PROV.wasDerivedFrom)
        assert (enunciado, GT.afirma, a) in foro
    rector = GTFORO["foro-cajamarca-2013/afirmacion/E073-1"]
    assert (GTA.minam, GT.esRectorDe, GTC.pot) in ds.graph(rector)
    # lo afirmado en el foro no entra en el grafo del glosario
    assert (GTA.minam, GT.esRectorDe, GTC.pot) not in ds.graph(GRAFO_GLOSARIO)


def test_enunciado_completo(ds: Dataset) -> None:
    from grafo.base.espacios import DCTERMS, GTFORO, GTTE, PROV, grafo_de_foro

    g = ds.graph(grafo_de_foro("foro-cajamarca-2013"))
    e = next(g.subjects(DCTERMS.identifier, Literal("E077")))
    assert str(g.value(e, GT.texto)) == "El MINAM no reconoce la ZEE como un instrumento vinculante."
    assert g.value(e, PROV.wasAttributedTo) == GTA["efrain-arana"]
    assert g.value(e, GT.enSesion) == GTFORO["foro-cajamarca-2013/sesion/S5"]
    assert g.value(e, GT.tipoDeEnunciado) == GTTE.respuesta
    assert int(g.value(e, GT.pagina)) == 4  # type: ignore[arg-type]
    assert {GTA.minam, GTC.zee} <= set(g.objects(e, GT.menciona))
    pregunta = g.value(e, GT.respondeA)
    assert "POT" in str(g.value(pregunta, GT.texto))
