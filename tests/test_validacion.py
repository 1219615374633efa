"""Etapa validacion: el grafo empaquetado cumple las formas; los defectos se informan en español."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from grafo.almacen.almacen import Almacen
from grafo.base.espacios import GT, RDF, grafo_de_foro
from grafo.construccion.tripletas import construir_base
from grafo.construccion.validacion import validar, validar_almacen, validar_foro

PREFIJOS = """
@prefix gt:   <https://w3id.org/grafo-territorial/ontologia#> .
@prefix gtc:  <https://w3id.org/grafo-territorial/concepto/> .
@prefix gta:  <https://w3id.org/grafo-territorial/actor/> .
@prefix gtk:  <https://w3id.org/grafo-territorial/competencia/> .
@prefix gtv:  <https://w3id.org/grafo-territorial/nivel/> .
@prefix gtf:  <https://w3id.org/grafo-territorial/funcion/> .
@prefix gtesq: <https://w3id.org/grafo-territorial/esquema/> .
@prefix gtcat: <https://w3id.org/grafo-territorial/categoria/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def test_grafo_empaquetado_sin_violaciones(ds: Dataset) -> None:
    informe = validar(ds)
    assert informe.conforme, "\n".join(v.texto() for v in informe.violaciones)
    assert informe.tripletas > 1000


#: Defectos, cada uno con un sujeto propio: se validan juntos, una sola vez (validar el vocabulario
#: entero tarda segundos), y cada prueba mira las violaciones de su sujeto.
DEFECTOS = {
    "competencia_incompleta": 'gtk:mala a gt:Competencia ; rdfs:label "Mala"@es , "Bad"@en ; '
    "gt:instrumento gtc:zee ; gt:nivel gtv:regional ; gt:funcion gtf:aprobar .",
    "nivel_distinto": 'gtk:cruzada a gt:Competencia ; rdfs:label "x"@es , "x"@en ; gt:instrumento gtc:zee ; '
    "gt:titular gta:minam ; gt:nivel gtv:regional ; gt:funcion gtf:aprobar .",
    "concepto_incompleto": 'gtc:nuevo a gt:Instrumento ; skos:inScheme gtesq:glosario ; skos:prefLabel "Nuevo"@es ; '
    'skos:scopeNote "n"@es ; gt:categoria gtcat:planificacion ; '
    "gt:fuenteDefinicion <https://w3id.org/grafo-territorial/articulo/ley-27795--art-2-1> .",
    "cuarto_nivel": 'gtv:comunal a gt:NivelDeGobierno ; skos:prefLabel "Comunal"@es .',
    "clase_sin_definicion": 'gt:NuevaClase a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label "Nueva"@es .',
}


@pytest.fixture(scope="module")
def informe_de_defectos(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    extra = tmp_path_factory.mktemp("defectos") / "extra.ttl"
    extra.write_text(PREFIJOS + "\n".join(DEFECTOS.values()), encoding="utf-8")
    return [v.texto() for v in validar(construir_base([extra])).violaciones]


def _de(textos: list[str], sujeto: str) -> list[str]:
    return [t for t in textos if t.startswith(sujeto)]


def test_competencia_incompleta(informe_de_defectos: list[str]) -> None:
    mala = _de(informe_de_defectos, "gtk:mala")
    assert any("titular" in t for t in mala)
    assert any("base legal" in t for t in mala)
    assert any("gt:vigenteDesde" in t for t in mala)


def test_nivel_de_competencia_distinto_del_titular(informe_de_defectos: list[str]) -> None:
    assert any("no coincide con el nivel de su titular" in t for t in _de(informe_de_defectos, "gtk:cruzada"))
    assert not any("no coincide con el nivel" in t for t in _de(informe_de_defectos, "gtk:mala"))


def test_concepto_sin_etiqueta_inglesa_ni_definicion(informe_de_defectos: list[str]) -> None:
    nuevo = _de(informe_de_defectos, "gtc:nuevo")
    assert any("prefLabel" in t for t in nuevo)
    assert any("definición" in t for t in nuevo)
    assert any("vinculante u orientador" in t for t in nuevo)


def test_cuarto_nivel_de_gobierno(informe_de_defectos: list[str]) -> None:
    assert any("tres niveles" in t for t in _de(informe_de_defectos, "gtv:comunal"))


def test_termino_de_ontologia_sin_definicion(informe_de_defectos: list[str]) -> None:
    nueva = _de(informe_de_defectos, "gt:NuevaClase")
    assert any("rdfs:label en inglés" in t for t in nueva)
    assert any("skos:definition en español" in t for t in nueva)


def test_cada_defecto_solo_se_informa_en_su_sujeto(informe_de_defectos: list[str]) -> None:
    """Juntos, cada defecto da violaciones solo de su sujeto: nada del vocabulario ni de otro defecto."""
    sujetos = ("gtk:mala", "gtk:cruzada", "gtc:nuevo", "gtv:comunal", "gt:NuevaClase")
    assert all(any(t.startswith(x) for x in sujetos) for t in informe_de_defectos), informe_de_defectos


# --- un foro a la vez (lo que hace 'grafo construir') ------------------------------------------


def _foro_minimo() -> tuple[Graph, Dataset]:
    from grafo.construccion.menciones import crear_enlazador
    from grafo.construccion.tripletas import anadir_foro, grafo_union, resolutor
    from grafo.fuentes.foro import leer_foro

    base = grafo_union(construir_base())
    ruta = Path(__file__).parent / "datos" / "foro-minimo.yaml"
    foro = leer_foro(ruta, resolutor(base), str(ruta))
    ds = Dataset()
    enlazador = crear_enlazador(base)
    anadir_foro(ds, foro, {e.id: enlazador.menciones(e.texto) for e in foro.enunciados}, base)
    return base, ds


def test_validar_foro_detecta_y_deja_la_base_como_estaba() -> None:
    base, ds = _foro_minimo()
    antes = len(base)
    assert validar_foro(base, ds).conforme
    g = ds.graph(grafo_de_foro("foro-prueba"))
    enunciado = next(iter(g.subjects(RDF.type, GT.Enunciado)))
    g.remove((enunciado, GT.texto, None))
    persona = URIRef("https://w3id.org/grafo-territorial/actor/sin-etiqueta")
    g.add((persona, RDF.type, GT.Persona))
    textos = [v.texto() for v in validar_foro(base, ds).violaciones]
    assert any("necesita exactamente un texto en español" in t for t in textos), textos
    assert any("sin-etiqueta" in t and "rdfs:label" in t for t in textos), textos
    assert len(base) == antes


def test_validar_almacen_y_un_foro_suelto(almacen: Almacen) -> None:
    informe = validar_almacen(almacen)
    assert informe.conforme and informe.tripletas > 9000
    foro = Path(__file__).parent / "datos" / "foro-minimo.yaml"
    informe = validar_almacen(almacen, [foro])
    assert informe.conforme and 0 < informe.tripletas < 1000
