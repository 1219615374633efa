"""Lectura del glosario: el almacén -> un ``Glosario`` (una ``Entrada`` por concepto del esquema
``gtesq:glosario``, en orden alfabético, con su ancla, categoría, clases, relacionados y citas) y la
tabla comparativa de los instrumentos. Pocas consultas SPARQL más una ficha por término
(``grafo.fichas.conceptos.ficha_de_concepto``); no importa rdflib."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from grafo.busqueda.resolucion import ultimo_segmento
from grafo.paginas.glosario.comun import _clave
from grafo.paginas.glosario.modelo import COMPARACION, Categoria, Cita, Entrada, Glosario, Relacionado

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = ["leer_comparacion", "leer_glosario"]

_Q_CONCEPTOS = """
SELECT ?c ?cat ?cat_es ?cat_en WHERE {
  ?c skos:inScheme gtesq:glosario .
  OPTIONAL {
    ?c gt:categoria ?cat . ?cat skos:prefLabel ?cat_es . FILTER(LANG(?cat_es) = "es")
    OPTIONAL { ?cat skos:prefLabel ?cat_en . FILTER(LANG(?cat_en) = "en") }
  }
}
"""
#: Rótulos cerrados que la ficha da en español: niveles, funciones, tipos, categorías, carácter y
#: confianza.
_Q_TRADUCCIONES = """
SELECT ?es ?en WHERE {
  VALUES ?s { gtesq:niveles gtesq:tipos-de-municipalidad gtesq:funciones gtesq:tipos-de-competencia
              gtesq:categorias gtesq:caracter gtesq:confianza }
  ?x skos:inScheme ?s ; skos:prefLabel|rdfs:label ?es, ?en . FILTER(LANG(?es) = "es" && LANG(?en) = "en")
}
"""
_Q_CLASES = """
SELECT ?c ?es ?en WHERE {
  ?c skos:inScheme gtesq:glosario ; a ?t . FILTER(STRSTARTS(STR(?t), STR(gt:)))
  ?t rdfs:label ?es . FILTER(LANG(?es) = "es")
  OPTIONAL { ?t rdfs:label ?en . FILTER(LANG(?en) = "en") }
}
"""
_Q_RELACIONES = """
SELECT ?r ?o ?d ?tipo_es ?tipo_en ?et_es ?et_en ?fuente ?desde ?hasta WHERE {
  ?r a gt:RelacionEntreInstrumentos ; gt:origen ?o ; gt:destino ?d .
  OPTIONAL { ?r gt:tipoDeRelacion/skos:prefLabel ?tipo_es . FILTER(LANG(?tipo_es) = "es") }
  OPTIONAL { ?r gt:tipoDeRelacion/skos:prefLabel ?tipo_en . FILTER(LANG(?tipo_en) = "en") }
  OPTIONAL { ?r rdfs:label ?et_es . FILTER(LANG(?et_es) = "es") }
  OPTIONAL { ?r rdfs:label ?et_en . FILTER(LANG(?et_en) = "en") }
  OPTIONAL {
    ?r dct:source ?s . ?s skos:prefLabel|rdfs:label ?fuente . FILTER(LANG(?fuente) IN ("es", ""))
  }
  OPTIONAL { ?r gt:vigenteDesde ?d0 } OPTIONAL { ?r gt:anioInicio ?d1 }
  OPTIONAL { ?r gt:vigenteHasta ?h0 } OPTIONAL { ?r gt:anioFin ?h1 }
  BIND(COALESCE(SUBSTR(STR(?d0), 1, 10), STR(?d1), "") AS ?desde)
  BIND(COALESCE(SUBSTR(STR(?h0), 1, 10), STR(?h1), "") AS ?hasta)
}
"""
_Q_JERARQUIA = """
SELECT ?a ?b WHERE {
  { ?a skos:broader ?b } UNION { ?b skos:narrower ?a }
  ?a skos:inScheme gtesq:glosario . ?b skos:inScheme gtesq:glosario .
}
"""
_Q_CITAS = """
SELECT ?c ?e ?id ?texto ?autor ?foro ?fecha ?orden WHERE {
  ?c skos:inScheme gtesq:glosario .
  ?e a gt:Enunciado ; gt:menciona ?c ; dct:identifier ?id ; gt:texto ?texto ; prov:wasAttributedTo ?a .
  ?a rdfs:label ?autor . FILTER(LANG(?autor) IN ("es", ""))
  OPTIONAL { ?e gt:orden ?orden }
  OPTIONAL {
    ?e dct:isPartOf ?f . ?f a gt:Foro ; dct:identifier ?foro . OPTIONAL { ?f schema:startDate ?fecha }
  }
}
"""

_ANCLA_INVALIDA = re.compile(r"[^A-Za-z0-9_-]")


def _ancla(iri: str, usadas: set[str]) -> str:
    """El id de la ficha: la última parte del IRI, saneada y única (ver el docstring del módulo)."""
    base = _ANCLA_INVALIDA.sub("-", ultimo_segmento(iri)) or "termino"
    if not base[0].isalnum():
        base = f"t{base}"
    ancla, n = base, 1
    while ancla in usadas:
        n += 1
        ancla = f"{base}-{n}"
    usadas.add(ancla)
    return ancla


def _entero(texto: str | None) -> int:
    try:
        return int(texto or "")
    except ValueError:
        return 0


def _vigencia(desde: str, hasta: str) -> str:
    if not desde and not hasta:
        return ""
    return (f"desde {desde}" if desde else "") + (f" hasta {hasta}" if hasta else "")


_COLUMNASCOMPARACION = (*(c for c, _es, _en in COMPARACION), "sigla", "matiz_caracter")


def leer_comparacion(lector: Lector) -> list[dict[str, str]]:
    """Las filas de la consulta con nombre ``instrumentos`` (la tabla comparativa), con las celdas de
    lista ordenadas como las da ``grafo consulta``."""
    from grafo.consultas.catalogo import cargar_consulta

    consulta = cargar_consulta("instrumentos")
    filas = []
    for f in lector.seleccionar(consulta.texto):
        fila = {c: f.get(c, "") or "" for c in (*_COLUMNASCOMPARACION, "instrumento")}
        for c in consulta.listas:
            if fila.get(c):
                fila[c] = "; ".join(sorted(set(fila[c].split("; "))))
        filas.append(fila)
    return filas


def leer_glosario(lector: Lector) -> Glosario:
    """Todos los términos del glosario de ``lector``, con lo que muestra su ficha."""
    from grafo.fichas.conceptos import ficha_de_concepto

    terminos: set[str] = set()
    cat_de: dict[str, set[str]] = defaultdict(set)
    nombres_cat: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for f in lector.seleccionar(_Q_CONCEPTOS):
        c = f["c"]
        terminos.add(c)
        if f.get("cat"):
            cat_de[c].add(f["cat"])
            nombres_cat[f["cat"]]["es"].add(f["cat_es"])
            nombres_cat[f["cat"]]["en"].add(f.get("cat_en", "") or f["cat_es"])
    categorias = {
        k: Categoria(f"_cat-{_ANCLA_INVALIDA.sub('-', ultimo_segmento(k))}", min(n["es"]), min(n["en"]))
        for k, n in nombres_cat.items()
    }
    clases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for f in lector.seleccionar(_Q_CLASES):
        clases[f["c"]].add((f["es"], f.get("en", "") or f["es"]))
    traducciones: dict[str, str] = {}
    for f in sorted(lector.seleccionar(_Q_TRADUCCIONES), key=lambda f: (f["es"], f["en"])):
        traducciones.setdefault(f["es"], f["en"])

    fichas = sorted(
        (ficha_de_concepto(lector, c) for c in terminos), key=lambda fi: (_clave(fi.termino.es), fi.iri)
    )
    usadas: set[str] = set()
    entradas = [
        Entrada(
            ancla=_ancla(fi.iri, usadas),
            ficha=fi,
            categoria=categorias[min(cat_de[fi.iri])] if cat_de[fi.iri] else None,
            clases=sorted(clases[fi.iri]),
        )
        for fi in fichas
    ]
    por_iri = {e.ficha.iri: e for e in entradas}
    _leer_relacionados(lector, por_iri)
    _leer_citas(lector, por_iri)
    return Glosario(
        entradas=entradas,
        categorias=sorted(categorias.values(), key=lambda k: _clave(k.es)),
        traducciones=traducciones,
        grafo=str(getattr(lector, "descripcion", "")),
        comparacion=leer_comparacion(lector),
    )


def _leer_relacionados(lector: Lector, por_iri: dict[str, Entrada]) -> None:
    """Las relaciones citadas y la jerarquía, vistas desde cada uno de sus dos extremos."""
    relaciones: dict[str, dict[str, str]] = {}
    fuentes: dict[str, set[str]] = defaultdict(set)
    for f in sorted(lector.seleccionar(_Q_RELACIONES), key=lambda f: sorted(f.items())):
        relaciones.setdefault(f["r"], f)
        if f.get("fuente"):
            fuentes[f["r"]].add(f["fuente"])
    vistos: dict[str, set[Relacionado]] = defaultdict(set)
    for r, f in relaciones.items():
        o, d = f["o"], f["d"]
        if o not in por_iri or d not in por_iri:
            continue
        origen, destino = por_iri[o].ficha.termino, por_iri[d].ficha.termino
        texto_es = f.get("et_es") or f"{origen.es} {f.get('tipo_es', 'se relaciona con')} {destino.es}"
        texto_en = f.get("et_en") or (
            f"{por_iri[o].ficha.termino.en_idioma('en')} "
            f"{f.get('tipo_en', 'is related to')} {por_iri[d].ficha.termino.en_idioma('en')}"
        )
        vigencia = _vigencia(f.get("desde", ""), f.get("hasta", ""))
        # la fuente como la da la ficha (que marca los artículos derogados); si no, la leída aquí
        en_ficha = f"{por_iri[o].ficha.termino.es} {f.get('tipo_es', '')} {por_iri[d].ficha.termino.es}"
        fuente = next(
            (x.fuente.es for x in por_iri[o].ficha.relaciones if x.texto.es == en_ficha),
            "; ".join(sorted(fuentes[r])),
        )
        for propio, otro in ((o, d), (d, o)):
            if propio != otro:
                vistos[propio].add(Relacionado(otro, texto_es, texto_en, fuente, vigencia))
    for f in lector.seleccionar(_Q_JERARQUIA):
        a, b = f["a"], f["b"]
        if a in por_iri and b in por_iri and a != b:
            vistos[a].add(Relacionado(b, "término más amplio", "broader term", jerarquia="amplio"))
            vistos[b].add(Relacionado(a, "término más específico", "narrower term", jerarquia="especifico"))
    for iri, entrada in por_iri.items():
        entrada.relacionados = sorted(
            vistos[iri], key=lambda x: (_clave(por_iri[x.destino].ficha.termino.es), x.texto_es, x.fuente)
        )


def _leer_citas(lector: Lector, por_iri: dict[str, Entrada]) -> None:
    """Los enunciados que mencionan cada término, en el orden del foro (fecha, foro, orden)."""
    citas: dict[str, dict[str, tuple[tuple[str, str, int, str], Cita]]] = defaultdict(dict)
    for f in lector.seleccionar(_Q_CITAS):
        c, e = f["c"], f["e"]
        if c not in por_iri:
            continue
        clave = (f.get("fecha", ""), f.get("foro", ""), _entero(f.get("orden")), e)
        cita = Cita(e, f["id"], f["texto"], f["autor"], f.get("foro", ""))
        anterior = citas[c].get(e)
        # si un autor tiene varias etiquetas en español, la menor (determinista)
        if anterior is None or cita.autor < anterior[1].autor:
            citas[c][e] = (clave, cita)
    for c, porenunciado in citas.items():
        por_iri[c].citas = [cita for _, cita in sorted(porenunciado.values(), key=lambda x: x[0])]
