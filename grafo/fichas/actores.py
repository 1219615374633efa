"""Fichas de un actor (``FichaActor``) y de un nivel de gobierno o tipo de municipalidad
(``FichaNivel``), con lo que el foro dijo de ellos.

- Actor: nombre, siglas, tipo, nivel, sector, a qué pertenece y sus unidades, descripción con su
  fuente, sus competencias (``gt:titular``) por instrumento con función, base legal y vigencia; lo
  que el foro dijo de él (enunciados que lo mencionan o lo afirman, con esas afirmaciones) y, si
  habló en el foro, lo que dijo.
- Nivel: sus entidades (``gt:nivel``, ``gt:tipoDeMunicipalidad``), sus competencias por instrumento
  y el foro.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grafo.base.espacios import DCTERMS, GT, GTMOD, ORG, RDF, RDFS, SKOS
from grafo.base.texto import normalizar
from grafo.busqueda.resolucion import iri_sparql, ultimo_segmento
from grafo.fichas.lectura import (
    afirmacion,
    clase_de,
    filas_competencia,
    fuentes_citadas,
    leer_derogaciones,
    leer_nodos,
    leer_nombres,
    nivel_de,
    otros_nombres,
    por_idioma,
)
from grafo.fichas.modelo import EnunciadoCitado, FichaActor, FichaNivel, Texto

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = ["ficha_actor", "ficha_nivel"]

_PROPS_ACTOR = (
    RDF.iri("type"),
    SKOS.iri("prefLabel"),
    RDFS.iri("label"),
    SKOS.iri("altLabel"),
    SKOS.iri("definition"),
    SKOS.iri("note"),
    SKOS.iri("editorialNote"),
    GT.iri("datoNoHallado"),
    GT.iri("nivel"),
    GT.iri("tipoDeMunicipalidad"),
    GT.iri("sector"),
    ORG.iri("subOrganizationOf"),
    ORG.iri("memberOf"),
    ORG.iri("holds"),
    DCTERMS.iri("source"),
)


_PROPS_NIVEL = (
    RDF.iri("type"),
    SKOS.iri("prefLabel"),
    RDFS.iri("label"),
    SKOS.iri("definition"),
    GT.iri("subdivisionDe"),
)


_Q_FORO = """
SELECT DISTINCT ?e ?id ?texto ?pagina ?orden ?autor ?foro WHERE {
  %s
  ?e a gt:Enunciado ; gt:texto ?texto .
  OPTIONAL { ?e dct:identifier ?id } OPTIONAL { ?e gt:pagina ?pagina } OPTIONAL { ?e gt:orden ?orden }
  OPTIONAL { ?e prov:wasAttributedTo ?autor } OPTIONAL { ?e dct:isPartOf ?foro }
}
"""


_Q_AFIRMACIONES = """
SELECT DISTINCT ?e ?s ?p ?o ?ol ?oi ?mod WHERE {
  ?e gt:afirma ?a . GRAPH ?a { ?s ?p ?o } FILTER(?s = %(x)s || ?o = %(x)s)
  BIND(isLiteral(?o) AS ?ol) BIND(lang(?o) AS ?oi) OPTIONAL { ?a gt:modalidad ?mod }
}
"""


def _enunciados(lector: Lector, x: str, autor: bool = False) -> list[EnunciadoCitado]:
    """Los enunciados que mencionan a ``x`` o afirman algo de él (con ``autor``: los que dijo ``x``),
    con las afirmaciones en que ``x`` es sujeto u objeto, en el orden del foro."""
    t = iri_sparql(x)
    if autor:
        seleccion = f"?e prov:wasAttributedTo {t} ."
    else:
        seleccion = (
            f"{{ ?e gt:menciona {t} }} UNION {{ ?e gt:afirma ?a . GRAPH ?a {{ {t} ?p0 ?o0 }} }} "
            f"UNION {{ ?e gt:afirma ?a . GRAPH ?a {{ ?s0 ?p0 {t} }} }}"
        )
    filas = lector.seleccionar(_Q_FORO % seleccion)
    if not filas:
        return []
    afirmadas = [] if autor else lector.seleccionar(_Q_AFIRMACIONES % {"x": t})
    iris = {f.get("autor", "") for f in filas}
    for f in afirmadas:
        iris |= {f["s"], f["p"], f.get("mod", "")} | ({f["o"]} if f.get("ol") != "true" else set())
    nombres = leer_nombres(lector, iris - {""})
    por_enunciado: dict[str, set[Texto]] = {}
    for f in afirmadas:
        if f["o"] == x or f["s"] == x:
            objeto = Texto(f["o"], "") if f.get("ol") == "true" else nombres[f["o"]]
            modo = nombres[f["mod"]] if f.get("mod") and f["mod"] != GTMOD.iri("hecho") else None
            por_enunciado.setdefault(f["e"], set()).add(
                afirmacion(nombres[f["s"]], nombres[f["p"]], objeto, modo)
            )
    res = []
    for f in filas:
        res.append(
            (
                ultimo_segmento(f.get("foro", "")),
                int(f["orden"]) if f.get("orden", "").isdigit() else 0,
                EnunciadoCitado(
                    iri=f["e"],
                    ident=f.get("id", ultimo_segmento(f["e"])),
                    foro=ultimo_segmento(f.get("foro", "")),
                    autor=nombres.get(f.get("autor", ""), Texto("")),
                    pagina=f.get("pagina", ""),
                    texto=f["texto"],
                    afirmaciones=tuple(sorted(por_enunciado.get(f["e"], ()), key=lambda a: (a.es, a.en))),
                ),
            )
        )
    return [e for _foro, _orden, e in sorted(res, key=lambda r: (r[0], r[1], r[2].ident, r[2].iri))]


def ficha_actor(lector: Lector, x: str) -> FichaActor:
    """La ficha del actor cuyo IRI es ``x``: nombres, tipo, nivel, a qué pertenece, sus competencias
    por instrumento y lo que el foro dijo de él (y, si habló en el foro, lo que dijo)."""
    t = iri_sparql(x)
    n = leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_ACTOR)
    inversos = lector.seleccionar(
        f"SELECT DISTINCT ?u WHERE {{ {{ ?u org:subOrganizationOf {t} }} UNION {{ ?u org:memberOf {t} }} }}"
    )
    unidades = leer_nombres(lector, [f["u"] for f in inversos])
    fuentes = [o.valor for o in n.objetos(x, DCTERMS.iri("source"))]
    siglas, otros, otros_en = otros_nombres(n, x)
    return FichaActor(
        iri=x,
        nombre=n.texto(x),
        clase=clase_de(n, x),
        siglas=siglas,
        otros_nombres=otros,
        otros_nombres_en=otros_en,
        nivel=n.texto(nivel_de(n, x)),
        sector=n.textos(x, GT.iri("sector")),
        pertenece_a=sorted(
            set(n.textos(x, ORG.iri("subOrganizationOf")) + n.textos(x, ORG.iri("memberOf"))),
            key=lambda v: (v.es, v.en),
        ),
        unidades=sorted(set(unidades.values()), key=lambda v: (normalizar(v.es), v.en)),
        cargos=n.textos(x, ORG.iri("holds")),
        descripcion=n.literal_texto(x, SKOS.iri("definition")),
        fuente=fuentes_citadas(n, x, DCTERMS.iri("source"), leer_derogaciones(lector, fuentes)),
        notas=por_idioma(n, x, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios=por_idioma(n, x, GT.iri("datoNoHallado")),
        competencias=filas_competencia(lector, f"?s gt:titular {t} ."),
        en_el_foro=_enunciados(lector, x),
        dichos=_enunciados(lector, x, autor=True),
    )


def ficha_nivel(lector: Lector, x: str) -> FichaNivel:
    """La ficha del nivel de gobierno (o tipo de municipalidad) ``x``: sus entidades (``gt:nivel``,
    ``gt:tipoDeMunicipalidad``), sus competencias por instrumento y lo que el foro dijo de él."""
    t = iri_sparql(x)
    n = leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_NIVEL)
    subdivisiones = lector.seleccionar(f"SELECT DISTINCT ?s WHERE {{ ?s gt:subdivisionDe {t} }}")
    actores = leer_nodos(
        lector,
        f"{{ ?s gt:nivel {t} }} UNION {{ ?s gt:tipoDeMunicipalidad {t} }} "
        "?s rdf:type/rdfs:subClassOf* gt:Actor .",
        (SKOS.iri("prefLabel"), RDFS.iri("label"), SKOS.iri("altLabel")),
    )
    entidades = []
    for a in sorted(actores.props):
        nombre = actores.texto(a)
        siglas, _otros, _en = otros_nombres(actores, a)
        extra = f" ({', '.join(siglas)})" if siglas else ""
        entidades.append(Texto(nombre.es + extra, nombre.en + extra if nombre.en else ""))
    return FichaNivel(
        iri=x,
        nombre=n.texto(x),
        clase=clase_de(n, x),
        definicion=n.literal_texto(x, SKOS.iri("definition")),
        subdivision_de=n.textos(x, GT.iri("subdivisionDe")),
        subdivisiones=sorted(
            leer_nombres(lector, [f["s"] for f in subdivisiones]).values(), key=lambda v: (v.es, v.en)
        ),
        entidades=sorted(entidades, key=lambda v: (normalizar(v.es), v.en)),
        competencias=filas_competencia(
            lector, f"{{ ?s gt:nivel {t} }} UNION {{ ?s gt:tipoDeMunicipalidad {t} }}"
        ),
        en_el_foro=_enunciados(lector, x),
    )
