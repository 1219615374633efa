"""Etapa *glosario*: vocabulario -> fichas de términos (y búsqueda de términos).

Entrada: el ``Dataset`` construido. Salida: ``Ficha`` de un término (etiquetas, sigla,
definición con su fuente, notas, competencias por nivel, instrumentos relacionados) y su
texto para la terminal. La búsqueda acepta siglas o etiquetas sin importar tildes ni mayúsculas.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .errores import TerminoDesconocidoError
from .espacios import DCTERMS, GT, GTV, RDF, RDFS, SKOS
from .triples import grafo_union

__all__ = [
    "CompetenciaFicha",
    "Ficha",
    "RelacionFicha",
    "ficha",
    "ficha_texto",
    "normalizar",
    "resolver",
]

_ARTICULOS = re.compile(r"^(?:la|el|los|las|del|de la|de los|de las)\s+")
_ORDEN_NIVEL = {
    GTV.nacional: 0,
    GTV.regional: 1,
    GTV.local: 2,
    GTV["local-provincial"]: 3,
    GTV["local-distrital"]: 4,
}


def normalizar(texto: str) -> str:
    """Minúsculas, sin tildes, espacios simples, sin artículo inicial ('la ZEE' -> 'zee')."""
    sin_tildes = "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")
    plano = re.sub(r"\s+", " ", sin_tildes.casefold()).strip()
    return _ARTICULOS.sub("", plano)


def _instancias(g: Graph, clase: URIRef) -> set[URIRef]:
    clases = set(g.transitive_subjects(RDFS.subClassOf, clase))
    return {s for c in clases for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}


def _subclases(g: Graph, clase: URIRef) -> set[URIRef]:
    return {c for c in g.transitive_subjects(RDFS.subClassOf, clase) if isinstance(c, URIRef)}


def _etiquetas(g: Graph, nodo: URIRef) -> list[tuple[int, str]]:
    """Etiquetas del nodo con su prioridad (0 = preferida en español)."""
    res: list[tuple[int, str]] = []
    for prop, prio in ((SKOS.prefLabel, 0), (RDFS.label, 0), (SKOS.altLabel, 1), (DCTERMS.identifier, 1)):
        for v in g.objects(nodo, prop):
            if isinstance(v, Literal):
                res.append((prio if v.language in (None, "es") else prio + 2, str(v)))
    return res


def _etiqueta(g: Graph, nodo: Node | None, lang: str = "es") -> str:
    if nodo is None:
        return ""
    for prop in (SKOS.prefLabel, RDFS.label):
        for v in g.objects(nodo, prop):
            if isinstance(v, Literal) and v.language == lang:
                return str(v)
        for v in g.objects(nodo, prop):
            if isinstance(v, Literal) and v.language is None:
                return str(v)
    return str(nodo).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _resolver_en(g: Graph, texto: str, candidatos: set[URIRef], que: str) -> URIRef:
    buscado = normalizar(texto)
    if not buscado:
        raise TerminoDesconocidoError(f"el {que} buscado está vacío.")
    mejores: dict[URIRef, int] = {}
    indice: dict[str, URIRef] = {}
    for c in sorted(candidatos):
        for prio, et in _etiquetas(g, c):
            n = normalizar(et)
            indice.setdefault(n, c)
            if n == buscado and prio < mejores.get(c, 99):
                mejores[c] = prio
    if mejores:
        tope = min(mejores.values())
        elegidos = sorted(c for c, p in mejores.items() if p == tope)
        if len(elegidos) == 1:
            return elegidos[0]
        opciones = "; ".join(_etiqueta(g, c) for c in elegidos)
        raise TerminoDesconocidoError(
            f"'{texto}' es ambiguo: puede ser {opciones}. Use la etiqueta completa.",
            [_etiqueta(g, c) for c in elegidos],
        )
    cercanos = difflib.get_close_matches(buscado, list(indice), n=5, cutoff=0.6)
    contienen = [n for n in indice if buscado in n and n not in cercanos]
    sugerencias = list(dict.fromkeys(_etiqueta(g, indice[n]) for n in cercanos + sorted(contienen)))[:6]
    pista = f" ¿Quiso decir: {', '.join(sugerencias)}?" if sugerencias else ""
    raise TerminoDesconocidoError(f"no se encontró el {que} '{texto}'.{pista}", sugerencias)


_QUE = {
    GT.ConceptoTerritorial: "término",
    GT.NivelDeGobierno: "nivel de gobierno",
    GT.Actor: "actor",
    GT.Sector: "sector",
    GT.Sesion: "sesión",
    GT.GrupoDeTrabajo: "grupo de trabajo",
    GT.TipoDeEnunciado: "tipo de enunciado",
}


def resolver(
    ds: Dataset | Graph,
    texto: str,
    clase: URIRef | tuple[URIRef, ...] | None = GT.ConceptoTerritorial,
) -> URIRef:
    """El IRI cuyo nombre, sigla o identificador es ``texto`` entre las instancias de ``clase``
    (o de cualquiera de las clases de una tupla).

    Con ``clase=None`` busca entre las subclases de ``gt:Actor`` (tipos de actor).
    """
    g = grafo_union(ds) if isinstance(ds, Dataset) else ds
    if clase is None:
        return _resolver_en(g, texto, _subclases(g, GT.Actor), "tipo de actor")
    clases = clase if isinstance(clase, tuple) else (clase,)
    candidatos = set().union(*(_instancias(g, c) for c in clases))
    que = _QUE.get(clases[0], "recurso") if len(clases) == 1 else "término, actor o nivel"
    return _resolver_en(g, texto, candidatos, que)


# --- fichas ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompetenciaFicha:
    """Una competencia tal como se muestra en la ficha."""

    nivel: str
    titular: str
    funcion: str
    base_legal: str
    desde: str
    hasta: str
    tipo: str
    orden: int = 0


@dataclass(frozen=True)
class RelacionFicha:
    """Una relación con otro instrumento, desde el punto de vista del término."""

    texto: str
    fuente: str


@dataclass
class Ficha:
    """Todo lo que el glosario sabe de un término."""

    iri: str
    termino: str
    termino_en: str
    clase: str
    siglas: list[str] = field(default_factory=list)
    categoria: str = ""
    caracter: str = ""
    definicion: str = ""
    fuente: str = ""
    confianza: str = ""
    definicion_en: str = ""
    nota_alcance: str = ""
    nota_historica: str = ""
    notas: list[str] = field(default_factory=list)
    vacios: list[str] = field(default_factory=list)
    aprobacion: list[str] = field(default_factory=list)
    rector: list[str] = field(default_factory=list)
    mas_amplio: list[str] = field(default_factory=list)
    mas_especificos: list[str] = field(default_factory=list)
    competencias: list[CompetenciaFicha] = field(default_factory=list)
    relaciones: list[RelacionFicha] = field(default_factory=list)


def _literal(g: Graph, nodo: URIRef, prop: URIRef, lang: str | None = "es") -> str:
    for v in g.objects(nodo, prop):
        if isinstance(v, Literal) and (lang is None or v.language == lang):
            return str(v)
    return ""


def _literales(g: Graph, nodo: Node, prop: URIRef) -> list[str]:
    return sorted(str(v) for v in g.objects(nodo, prop) if isinstance(v, Literal))


def _fecha(g: Graph, nodo: Node, prop: URIRef) -> str:
    v = g.value(nodo, prop)
    return str(v)[:10] if v is not None else ""


def _anio(g: Graph, nodo: Node, prop: URIRef, prefijo: str = "") -> str:
    v = g.value(nodo, prop)
    return f"{prefijo}{v}" if v is not None else ""


def _fuentes(g: Graph, nodos: list[Node]) -> str:
    return "; ".join(sorted(_etiqueta(g, n) for n in nodos))


def ficha(ds: Dataset | Graph, termino: str) -> Ficha:
    """La ficha del término ``termino`` (sigla o etiqueta, sin importar tildes ni mayúsculas)."""
    g = grafo_union(ds) if isinstance(ds, Dataset) else ds
    c = resolver(g, termino)
    tipos = [t for t in g.objects(c, RDF.type) if isinstance(t, URIRef)]
    f = Ficha(
        iri=str(c),
        termino=_etiqueta(g, c),
        termino_en=_etiqueta(g, c, "en"),
        clase=", ".join(sorted(_etiqueta(g, t) for t in tipos)),
        siglas=sorted(
            {str(v) for v in g.objects(c, SKOS.altLabel) if isinstance(v, Literal) and v.language != "en"}
        ),
        categoria=", ".join(sorted(_etiqueta(g, x) for x in g.objects(c, GT.categoria))),
        caracter=_etiqueta(g, g.value(c, GT.caracter)) if g.value(c, GT.caracter) else "",
        definicion=_literal(g, c, SKOS.definition),
        fuente=_fuentes(g, list(g.objects(c, GT.fuenteDefinicion))),
        confianza=_etiqueta(g, g.value(c, GT.confianza)) if g.value(c, GT.confianza) else "",
        definicion_en=_literal(g, c, SKOS.definition, "en"),
        nota_alcance=_literal(g, c, SKOS.scopeNote),
        nota_historica=_literal(g, c, SKOS.historyNote),
        notas=_literales(g, c, SKOS.note) + _literales(g, c, SKOS.editorialNote),
        vacios=_literales(g, c, GT.datoNoHallado),
        aprobacion=sorted(_etiqueta(g, x) for x in g.objects(c, GT.seApruebaMediante)),
        rector=sorted(_etiqueta(g, x) for x in g.objects(c, GT.rector)),
        mas_amplio=sorted(_etiqueta(g, x) for x in g.objects(c, SKOS.broader)),
        mas_especificos=sorted(_etiqueta(g, x) for x in g.objects(c, SKOS.narrower)),
    )
    comps = []
    for k in g.subjects(GT.instrumento, c):
        nivel = g.value(k, GT.nivel)
        sub = g.value(k, GT.tipoDeMunicipalidad)
        comps.append(
            CompetenciaFicha(
                nivel=_etiqueta(g, sub) if sub is not None else _etiqueta(g, nivel),
                titular=_etiqueta(g, g.value(k, GT.titular)),
                funcion=_etiqueta(g, g.value(k, GT.funcion)),
                base_legal=_fuentes(g, list(g.objects(k, GT.baseLegal))),
                desde=_fecha(g, k, GT.vigenteDesde)
                or _anio(g, k, GT.anioInicio)
                or _anio(g, k, GT.yaRegiaEn, "ya regía en "),
                hasta=_fecha(g, k, GT.vigenteHasta) or _anio(g, k, GT.anioFin),
                tipo=_etiqueta(g, g.value(k, GT.tipoDeCompetencia)),
                orden=_ORDEN_NIVEL.get(sub if sub is not None else nivel, 9),  # type: ignore[call-overload]
            )
        )
    f.competencias = sorted(comps, key=lambda x: (x.orden, x.nivel, x.desde, x.funcion, x.titular))
    rels = []
    for r in g.subjects(RDF.type, GT.RelacionEntreInstrumentos):
        origen, destino = g.value(r, GT.origen), g.value(r, GT.destino)
        if c not in (origen, destino):
            continue
        tipo = _etiqueta(g, g.value(r, GT.tipoDeRelacion))
        texto = f"{_etiqueta(g, origen)} {tipo} {_etiqueta(g, destino)}"
        rels.append(RelacionFicha(texto, _fuentes(g, list(g.objects(r, DCTERMS.source)))))
    f.relaciones = sorted(rels, key=lambda r: r.texto)
    return f


def _periodo(c: CompetenciaFicha) -> str:
    if not c.desde and not c.hasta:
        return "vigencia: fecha no hallada"
    return f"desde {c.desde or '¿?'}" + (f" hasta {c.hasta}" if c.hasta else " (vigente)")


def ficha_texto(f: Ficha) -> str:
    """La ficha como texto para la terminal."""
    lineas = [f"{f.termino}" + (f" ({', '.join(f.siglas)})" if f.siglas else "")]
    lineas.append(f"  en inglés: {f.termino_en}")
    lineas.append(
        f"  tipo: {f.clase}"
        + (f" · categoría: {f.categoria}" if f.categoria else "")
        + (f" · carácter: {f.caracter}" if f.caracter else "")
    )
    if f.rector:
        lineas.append(f"  ente rector hoy: {', '.join(f.rector)}")
    if f.aprobacion:
        lineas.append(f"  se aprueba mediante: {', '.join(f.aprobacion)}")
    lineas.append("")
    lineas.append("Definición")
    if f.definicion:
        lineas.append(f"  {f.definicion}")
        lineas.append(f"  Fuente: {f.fuente}" + (f" (confianza: {f.confianza})" if f.confianza else ""))
        if f.definicion_en:
            lineas.append(f"  EN: {f.definicion_en}")
    else:
        lineas.append("  (sin definición normativa en las fuentes consultadas)")
    for titulo, texto in (("Para enseñar", f.nota_alcance), ("Historia", f.nota_historica)):
        if texto:
            lineas += ["", titulo, f"  {texto}"]
    if f.vacios or f.notas:
        lineas += ["", "Notas y vacíos"]
        lineas += [f"  - Vacío: {v}" for v in f.vacios] + [f"  - {n}" for n in f.notas]
    if f.mas_amplio or f.mas_especificos:
        lineas += ["", "Jerarquía"]
        if f.mas_amplio:
            lineas.append(f"  más amplio: {', '.join(f.mas_amplio)}")
        if f.mas_especificos:
            lineas.append(f"  más específicos: {', '.join(f.mas_especificos)}")
    lineas += ["", "Competencias por nivel"]
    if not f.competencias:
        lineas.append("  (ninguna registrada)")
    nivel_actual = None
    for c in f.competencias:
        if c.nivel != nivel_actual:
            lineas.append(f"  {c.nivel}")
            nivel_actual = c.nivel
        lineas.append(f"    - {c.titular}: {c.funcion} ({c.tipo}); base legal: {c.base_legal}; {_periodo(c)}")
    lineas += ["", "Instrumentos relacionados"]
    if not f.relaciones:
        lineas.append("  (ninguno registrado)")
    lineas += [f"  - {r.texto} [{r.fuente}]" for r in f.relaciones]
    return "\n".join(lineas)
