"""Ficha de un concepto del glosario (``Ficha``): etiquetas, siglas, definición con su fuente (y su
derogación), notas para enseñar e historia, vacíos, jerarquía, competencias por nivel e
instrumentos relacionados, en español y en inglés. Lee con pocas consultas SPARQL (el término, sus
competencias y relaciones, la derogación de lo que cita)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grafo.base.espacios import DCTERMS, GT, RDF, RDFS, SKOS
from grafo.busqueda.resolucion import iri_sparql, resolver
from grafo.fichas.etiquetas import etiqueta
from grafo.fichas.lectura import (
    OBJETO_Y_NOMBRES,
    PROPS_DE_COMPETENCIA,
    Nodos,
    Objeto,
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
from grafo.fichas.modelo import CompetenciaFicha, Ficha, RelacionFicha, Texto, texto_derogado

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = ["ficha", "ficha_de_concepto"]


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
    return ficha_de_concepto(lector, resolver(lector, termino))


def _texto_de(n: Nodos, nodo: Objeto | None) -> Texto:
    """El nombre de ``nodo`` en los dos idiomas (``Texto('')`` si no hay nodo)."""
    if nodo is None:
        return Texto("")
    return Texto(n.etiqueta(nodo), n.texto(nodo).en, "" if nodo.literal else nodo.valor)


def _ya_no_rige(fuentes: list[str], fuera: dict[str, str], fuera_en: dict[str, str]) -> Texto:
    """«Esta definición ya no rige (derogado el … por …)», si toda fuente de la definición dejó de regir."""
    if not fuentes or not all(a in fuera for a in fuentes):
        return Texto("")
    es = "; ".join(sorted({fuera[a] for a in fuentes}))
    en = "; ".join(sorted({fuera_en[a] for a in fuentes}))
    return Texto(f"{etiqueta('ya_no_rige', 'es')} ({es}).", f"{etiqueta('ya_no_rige', 'en')} ({en}).")


def ficha_de_concepto(lector: Lector, c: str) -> Ficha:
    """La ficha del concepto cuyo IRI es ``c``."""
    n, competencias, relaciones = _leer(lector, c)
    siglas, otros, otros_en = otros_nombres(n, c)
    citadas = [o.valor for o in n.objetos(c, GT.iri("fuenteDefinicion"))]
    citadas += [o.valor for k in competencias for o in n.objetos(k, GT.iri("baseLegal"))]
    citadas += [o.valor for r in relaciones for o in n.objetos(r, DCTERMS.iri("source"))]
    deroga = leer_derogaciones(lector, citadas)
    fuera = {a: texto_derogado(d[0], d[1], "es", d[2]) for a, d in deroga.items()}
    fuera_en = {a: texto_derogado(d[0], d[1], "en", d[2]) for a, d in deroga.items()}

    def fuentes(sujeto: str, prop: str) -> Texto:
        return Texto(n.fuentes(sujeto, prop, fuera), n.fuentes(sujeto, prop, fuera_en))

    def nombres(prop: str) -> list[Texto]:
        """Los nombres de los objetos de ``c prop``, con su IRI, ordenados por el español."""
        return sorted(
            {Texto(n.etiqueta(o), n.texto(o).en, o.valor) for o in n.objetos(c, prop)},
            key=lambda t: (t.es, t.en, t.iri),
        )

    def literal(prop: str) -> Texto:
        return Texto(n.literal(c, prop), n.literal(c, prop, "en"))

    f = Ficha(
        iri=c,
        termino=Texto(n.etiqueta(c), n.etiqueta(c, "en")),
        clase=clase_de(n, c),
        siglas=siglas,
        otros_nombres=otros,
        otros_nombres_en=otros_en,
        categoria=Texto(
            ", ".join(n.etiquetas(c, GT.iri("categoria"))), unir_en(n.textos(c, GT.iri("categoria")), ", ")
        ),
        caracter=_texto_de(n, n.valor(c, GT.iri("caracter"))),
        definicion=literal(SKOS.iri("definition")),
        fuente=fuentes(c, GT.iri("fuenteDefinicion")),
        confianza=_texto_de(n, n.valor(c, GT.iri("confianza"))),
        ya_no_rige=_ya_no_rige([o.valor for o in n.objetos(c, GT.iri("fuenteDefinicion"))], fuera, fuera_en),
        nota_alcance=literal(SKOS.iri("scopeNote")),
        nota_historica=literal(SKOS.iri("historyNote")),
        notas=por_idioma(n, c, SKOS.iri("note")),
        notas_editoriales=por_idioma(n, c, SKOS.iri("editorialNote")),
        vacios=por_idioma(n, c, GT.iri("datoNoHallado")),
        aprobacion=nombres(GT.iri("seApruebaMediante")),
        rector=nombres(GT.iri("rector")),
        mas_amplio=nombres(SKOS.iri("broader")),
        mas_especificos=nombres(SKOS.iri("narrower")),
    )
    comps = []
    for k in competencias:
        de_nivel = nivel_de(n, k)
        comps.append(
            CompetenciaFicha(
                nivel=Texto(n.etiqueta(de_nivel), n.texto(de_nivel).en),
                titular=_texto_de(n, n.valor(k, GT.iri("titular"))),
                funcion=_texto_de(n, n.valor(k, GT.iri("funcion"))),
                base_legal=fuentes(k, GT.iri("baseLegal")),
                desde=vigencia_desde(n, k),
                hasta=vigencia_hasta(n, k),
                tipo=_texto_de(n, n.valor(k, GT.iri("tipoDeCompetencia"))),
                orden=orden_nivel(de_nivel),
            )
        )
    f.competencias = sorted(
        comps,
        key=lambda x: (
            x.orden,
            x.nivel.es,
            x.desde,
            x.funcion.es,
            x.titular.es,
            x.hasta,
            x.tipo.es,
            x.base_legal.es,
        ),
    )
    rels = []
    for r in relaciones:
        tipo = n.valor(r, GT.iri("tipoDeRelacion"))
        origen, destino = n.valor(r, GT.iri("origen")), n.valor(r, GT.iri("destino"))
        texto = f"{n.etiqueta(origen)} {n.etiqueta(tipo)} {n.etiqueta(destino)}"
        partes_en = [n.texto(origen).en, n.texto(tipo).en, n.texto(destino).en]
        rels.append(
            RelacionFicha(
                Texto(texto, " ".join(partes_en) if all(partes_en) else ""),
                fuentes(r, DCTERMS.iri("source")),
                tuple(_texto_de(n, x) for x in (origen, destino) if x is not None),
            )
        )
    f.relaciones = sorted(rels, key=lambda r: (r.texto.es, r.fuente.es))
    return f
