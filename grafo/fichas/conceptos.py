"""Ficha de un concepto del glosario (``Ficha``): etiquetas, siglas, definición con su fuente (y su
derogación), notas para enseñar e historia, vacíos, jerarquía, competencias por nivel e
instrumentos relacionados, en español y en inglés. Lee con pocas consultas SPARQL (el término, sus
competencias y relaciones, la derogación de lo que cita)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grafo.base.espacios import DCTERMS, GT, RDF, RDFS, SKOS
from grafo.busqueda.resolucion import iri_sparql, resolver
from grafo.fichas.lectura import (
    OBJETO_Y_NOMBRES,
    PROPS_DE_COMPETENCIA,
    Nodos,
    clase_de,
    leer_derogaciones,
    leer_nodos,
    nivel_de,
    orden_nivel,
    otros_nombres,
    por_idioma,
    unir_en,
    valores_sparql,
    vigencia_desde,
    vigencia_hasta,
)
from grafo.fichas.modelo import CompetenciaFicha, Ficha, RelacionFicha, texto_derogado

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = ["ficha", "ficha_de_iri"]


#: Propiedades del término que lee la ficha.
_PROPS_TERMINO = (
    RDF.iri("type"),
    SKOS.iri("prefLabel"),
    RDFS.iri("label"),
    SKOS.iri("altLabel"),
    SKOS.iri("definition"),
    SKOS.iri("scopeNote"),
    SKOS.iri("historyNote"),
    SKOS.iri("note"),
    SKOS.iri("editorialNote"),
    SKOS.iri("broader"),
    SKOS.iri("narrower"),
    GT.iri("categoria"),
    GT.iri("caracter"),
    GT.iri("fuenteDefinicion"),
    GT.iri("confianza"),
    GT.iri("datoNoHallado"),
    GT.iri("seApruebaMediante"),
    GT.iri("rector"),
)
#: Propiedades de las competencias y de las relaciones entre instrumentos que lee la ficha.
_PROPS_VECINOS = (
    *PROPS_DE_COMPETENCIA,
    GT.iri("origen"),
    GT.iri("destino"),
    GT.iri("tipoDeRelacion"),
    DCTERMS.iri("source"),
)


def _leer(lector: Lector, c: str) -> tuple[Nodos, list[str], list[str]]:
    """El término ``c``, sus competencias y sus relaciones (con los nombres de sus objetos)."""
    t = iri_sparql(c)
    nodos = leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_TERMINO)
    vecinos = lector.seleccionar(
        "SELECT DISTINCT ?s ?que ?p ?o ?ol ?oi ?pe ?e ?ei WHERE { "
        f'{{ ?s gt:instrumento {t} BIND("competencia" AS ?que) }} UNION '
        f"{{ ?s a gt:RelacionEntreInstrumentos ; gt:origen|gt:destino {t} "
        'BIND("relacion" AS ?que) } '
        f"OPTIONAL {{ ?s ?p ?o . VALUES ?p {{ {valores_sparql(_PROPS_VECINOS)} }} {OBJETO_Y_NOMBRES} }} }}"
    )
    nodos.leer(vecinos)
    competencias = sorted({f["s"] for f in vecinos if f["que"] == "competencia"})
    relaciones = sorted({f["s"] for f in vecinos if f["que"] == "relacion"})
    return nodos, competencias, relaciones


def ficha(lector: Lector, termino: str) -> Ficha:
    """La ficha del término ``termino`` (sigla o etiqueta, sin importar tildes ni mayúsculas)."""
    return ficha_de_iri(lector, resolver(lector, termino))


def ficha_de_iri(lector: Lector, c: str) -> Ficha:
    """La ficha del concepto cuyo IRI es ``c``."""
    n, competencias, relaciones = _leer(lector, c)
    caracter = n.valor(c, GT.iri("caracter"))
    confianza = n.valor(c, GT.iri("confianza"))
    siglas, otros, otros_en = otros_nombres(n, c)
    citadas = [o.valor for o in n.objetos(c, GT.iri("fuenteDefinicion"))]
    citadas += [o.valor for k in competencias for o in n.objetos(k, GT.iri("baseLegal"))]
    citadas += [o.valor for r in relaciones for o in n.objetos(r, DCTERMS.iri("source"))]
    deroga = leer_derogaciones(lector, citadas)
    fuera = {a: texto_derogado(*d, "es") for a, d in deroga.items()}
    fuera_en = {a: texto_derogado(*d, "en") for a, d in deroga.items()}
    rector = n.textos(c, GT.iri("rector"))
    aprobacion = n.textos(c, GT.iri("seApruebaMediante"))
    mas_amplio = n.textos(c, SKOS.iri("broader"))
    mas_especificos = n.textos(c, SKOS.iri("narrower"))
    categorias = n.textos(c, GT.iri("categoria"))
    clase = clase_de(n, c)
    f = Ficha(
        iri=c,
        termino=n.etiqueta(c),
        termino_en=n.etiqueta(c, "en"),
        clase=clase.es,
        siglas=siglas,
        otros_nombres=otros,
        categoria=", ".join(n.etiquetas(c, GT.iri("categoria"))),
        caracter=n.etiqueta(caracter) if caracter else "",
        definicion=n.literal(c, SKOS.iri("definition")),
        fuente=n.fuentes(c, GT.iri("fuenteDefinicion"), fuera),
        confianza=n.etiqueta(confianza) if confianza else "",
        definicion_en=n.literal(c, SKOS.iri("definition"), "en"),
        nota_alcance=n.literal(c, SKOS.iri("scopeNote")),
        nota_historica=n.literal(c, SKOS.iri("historyNote")),
        notas=n.literales(c, SKOS.iri("note")) + n.literales(c, SKOS.iri("editorialNote")),
        vacios=n.literales(c, GT.iri("datoNoHallado")),
        aprobacion=n.etiquetas(c, GT.iri("seApruebaMediante")),
        rector=n.etiquetas(c, GT.iri("rector")),
        mas_amplio=n.etiquetas(c, SKOS.iri("broader")),
        mas_especificos=n.etiquetas(c, SKOS.iri("narrower")),
        otros_nombres_en=otros_en,
        clase_en=clase.en,
        categoria_en=unir_en(categorias, ", "),
        caracter_en=n.texto(caracter).en if caracter else "",
        fuente_en=n.fuentes(c, GT.iri("fuenteDefinicion"), fuera_en),
        confianza_en=n.texto(confianza).en if confianza else "",
        nota_alcance_en=n.literal(c, SKOS.iri("scopeNote"), "en"),
        nota_historica_en=n.literal(c, SKOS.iri("historyNote"), "en"),
        rector_en=[t.en for t in rector],
        aprobacion_en=[t.en for t in aprobacion],
        mas_amplio_en=[t.en for t in mas_amplio],
        mas_especificos_en=[t.en for t in mas_especificos],
        notas_bilingues=por_idioma(n, c, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios_bilingues=por_idioma(n, c, GT.iri("datoNoHallado")),
    )
    comps = []
    for k in competencias:
        de_nivel = nivel_de(n, k)
        comps.append(
            CompetenciaFicha(
                nivel_en=n.texto(de_nivel).en,
                titular_en=n.texto(n.valor(k, GT.iri("titular"))).en,
                funcion_en=n.texto(n.valor(k, GT.iri("funcion"))).en,
                tipo_en=n.texto(n.valor(k, GT.iri("tipoDeCompetencia"))).en,
                base_legal_en=n.fuentes(k, GT.iri("baseLegal"), fuera_en),
                nivel=n.etiqueta(de_nivel),
                titular=n.etiqueta(n.valor(k, GT.iri("titular"))),
                funcion=n.etiqueta(n.valor(k, GT.iri("funcion"))),
                base_legal=n.fuentes(k, GT.iri("baseLegal"), fuera),
                desde=vigencia_desde(n, k),
                hasta=vigencia_hasta(n, k),
                tipo=n.etiqueta(n.valor(k, GT.iri("tipoDeCompetencia"))),
                orden=orden_nivel(de_nivel),
            )
        )
    f.competencias = sorted(
        comps,
        key=lambda x: (x.orden, x.nivel, x.desde, x.funcion, x.titular, x.hasta, x.tipo, x.base_legal),
    )
    rels = []
    for r in relaciones:
        tipo = n.etiqueta(n.valor(r, GT.iri("tipoDeRelacion")))
        origen, destino = n.valor(r, GT.iri("origen")), n.valor(r, GT.iri("destino"))
        texto = f"{n.etiqueta(origen)} {tipo} {n.etiqueta(destino)}"
        partes_en = [
            n.texto(origen).en,
            n.texto(n.valor(r, GT.iri("tipoDeRelacion"))).en,
            n.texto(destino).en,
        ]
        rels.append(
            RelacionFicha(
                texto,
                n.fuentes(r, DCTERMS.iri("source"), fuera),
                " ".join(partes_en) if all(partes_en) else "",
                n.fuentes(r, DCTERMS.iri("source"), fuera_en),
            )
        )
    f.relaciones = sorted(rels, key=lambda r: (r.texto, r.fuente))
    return f
