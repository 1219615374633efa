"""Etapa *glosario*: grafo construido -> fichas de términos, actores, niveles de gobierno y normas.

Entrada: un ``Lector`` (el almacén abierto) y el término tal como lo escribe el usuario (sigla o
etiqueta, sin importar tildes ni mayúsculas; con las reglas de ``grafo.busqueda``: «Z.E.E.» es
la ZEE, «regalia» la Regalía minera). Salida: la ficha y su texto. Lee con unas pocas consultas
SPARQL; no importa rdflib. Nunca muestra lo que el grafo no tiene: un dato que falta dice
«(no registrado)».

- ``Ficha`` (``ficha``, ``ficha_de_iri``): un concepto del glosario. Etiquetas, siglas,
  definición con su fuente (y su derogación), notas para enseñar e historia, vacíos,
  jerarquía, competencias por nivel e instrumentos relacionados.
- ``FichaActor`` (``ficha_actor``): nombre, siglas, tipo, nivel, sector, a qué pertenece y sus
  unidades, descripción con su fuente, sus competencias (``gt:titular``) por instrumento con
  función, base legal y vigencia; lo que el foro dijo de él (enunciados que lo mencionan o lo
  afirman, con esas afirmaciones) y, si habló en el foro, lo que dijo.
- ``FichaNivel`` (``ficha_nivel``): un nivel de gobierno o tipo de municipalidad: sus entidades
  (``gt:nivel``, ``gt:tipoDeMunicipalidad``), sus competencias por instrumento y el foro.
- ``FichaNorma`` (``ficha_norma``): una norma o documento citado: identificador, título, tipo,
  publicación, vigencia, derogación (``gt:derogadaPor``; la de sus artículos, ``gt:derogadoPor``
  y ``gt:vigenteHasta``), quién la emitió, qué deroga, y cada artículo suyo que está en el grafo
  con lo que lo cita: definiciones (``gt:fuenteDefinicion``), carácter (``gt:fuenteCaracter``),
  competencias (``gt:baseLegal``), relaciones y descripciones (``dct:source``).

``definir`` resuelve el término y arma la ficha que corresponda; ``texto_ficha`` la escribe en
español o inglés (``idioma``), como texto o Markdown (``formato``), en líneas de a lo sumo 80
columnas (``textwrap``, conservando la sangría; no se parte «Ley 27795» ni «art. 2.1»). En
inglés, lo que el grafo no tiene en inglés se muestra en español marcado «[es]», y el pie de la
ficha lo explica: nunca en silencio.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .busqueda import (
    Entidad,
    es_sigla,
    etiqueta_preferida,
    iri_sparql,
    normalizar,
    resolver,
    resolver_entidad,
    ultimo_segmento,
)
from .espacios import DCTERMS, FOAF, GT, GTMOD, GTV, ORG, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from .almacen import Lector

__all__ = [
    "ANCHO",
    "ArticuloCitado",
    "Cita",
    "CompetenciaFicha",
    "Definicion",
    "EnunciadoCitado",
    "Ficha",
    "FichaActor",
    "FichaDeEntidad",
    "FichaNivel",
    "FichaNorma",
    "FilaCompetencia",
    "Formato",
    "FuenteCitada",
    "Idioma",
    "RelacionFicha",
    "Texto",
    "definir",
    "derogadas",
    "ficha",
    "ficha_actor",
    "ficha_de_entidad",
    "ficha_de_iri",
    "ficha_nivel",
    "ficha_norma",
    "ficha_texto",
    "normalizar",
    "texto_ficha",
    "texto_terminos",
]

Idioma = Literal["es", "en"]
Formato = Literal["texto", "md"]
#: Ancho de las líneas de las fichas, en columnas.
ANCHO = 80
#: Cómo empieza el «desde» de una competencia que solo se sabe que ya regía en un año.
_YA_REGIA = "ya regía en "

_ORDEN_NIVEL = {
    GTV.iri("nacional"): 0,
    GTV.iri("regional"): 1,
    GTV.iri("local"): 2,
    GTV.iri("local-provincial"): 3,
    GTV.iri("local-distrital"): 4,
}


@dataclass(frozen=True)
class Texto:
    """Un texto en español y en inglés. ``en`` es '' si el grafo no lo tiene en inglés (y ``es``, si
    no lo tiene en español); un texto sin idioma (sigla, identificador de norma, etiqueta de
    artículo) vale igual en los dos."""

    es: str
    en: str = ""


@dataclass(frozen=True)
class CompetenciaFicha:
    """Una competencia tal como se muestra en la ficha (los campos ``_en``: '' si no hay inglés)."""

    nivel: str
    titular: str
    funcion: str
    base_legal: str
    desde: str
    hasta: str
    tipo: str
    orden: int = 0
    nivel_en: str = ""
    titular_en: str = ""
    funcion_en: str = ""
    tipo_en: str = ""
    base_legal_en: str = ""


@dataclass(frozen=True)
class RelacionFicha:
    """Una relación con otro instrumento, desde el punto de vista del término."""

    texto: str
    fuente: str
    texto_en: str = ""
    fuente_en: str = ""


@dataclass
class Ficha:
    """Todo lo que el glosario sabe de un término."""

    iri: str
    termino: str
    termino_en: str
    clase: str
    siglas: list[str] = field(default_factory=list)
    otros_nombres: list[str] = field(default_factory=list)
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
    # En inglés ('' si el grafo no lo tiene; las listas, en el orden de su par en español).
    otros_nombres_en: list[str] = field(default_factory=list)
    clase_en: str = ""
    categoria_en: str = ""
    caracter_en: str = ""
    fuente_en: str = ""
    confianza_en: str = ""
    nota_alcance_en: str = ""
    nota_historica_en: str = ""
    rector_en: list[str] = field(default_factory=list)
    aprobacion_en: list[str] = field(default_factory=list)
    mas_amplio_en: list[str] = field(default_factory=list)
    mas_especificos_en: list[str] = field(default_factory=list)
    # Notas y vacíos por idioma (``notas`` y ``vacios`` traen los de todos los idiomas, juntos).
    notas_bilingues: list[Texto] = field(default_factory=list)
    vacios_bilingues: list[Texto] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class _Termino:
    """Un objeto leído del almacén: su valor léxico, si es literal y su idioma ('' si no tiene)."""

    valor: str
    literal: bool
    idioma: str


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
    GT.iri("nivel"),
    GT.iri("tipoDeMunicipalidad"),
    GT.iri("titular"),
    GT.iri("funcion"),
    GT.iri("baseLegal"),
    GT.iri("vigenteDesde"),
    GT.iri("anioInicio"),
    GT.iri("yaRegiaEn"),
    GT.iri("vigenteHasta"),
    GT.iri("anioFin"),
    GT.iri("tipoDeCompetencia"),
    GT.iri("origen"),
    GT.iri("destino"),
    GT.iri("tipoDeRelacion"),
    DCTERMS.iri("source"),
)
#: ``?o`` con su tipo (``?ol``: literal o no; ``?oi``: idioma) y sus nombres (``?pe ?e ?ei``).
_OBJETO_Y_NOMBRES = (
    "BIND(isLiteral(?o) AS ?ol) BIND(lang(?o) AS ?oi) "
    "OPTIONAL { ?o ?pe ?e . VALUES ?pe { skos:prefLabel rdfs:label } "
    "FILTER(isLiteral(?e)) BIND(lang(?e) AS ?ei) }"
)


class _Nodos:
    """Lo leído del almacén: propiedades de cada sujeto y nombres de cada nodo."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, set[_Termino]]] = {}
        self.nombres: dict[str, set[tuple[str, str, str]]] = {}

    def leer(self, filas: Iterable[dict[str, str]]) -> None:
        """Incorpora filas con ``?s`` y, opcionalmente, ``?p ?o ?ol ?oi ?pe ?e ?ei``."""
        for fila in filas:
            props = self.props.setdefault(fila["s"], {})
            if "p" not in fila:
                continue
            literal = fila.get("ol") == "true"
            props.setdefault(fila["p"], set()).add(_Termino(fila["o"], literal, fila.get("oi", "")))
            if literal and fila["p"] in _NOMBRES:
                self.nombres.setdefault(fila["s"], set()).add((fila["p"], fila["o"], fila.get("oi", "")))
            if "e" in fila:
                self.nombres.setdefault(fila["o"], set()).add((fila["pe"], fila["e"], fila.get("ei", "")))

    def objetos(self, sujeto: str, prop: str) -> list[_Termino]:
        """Los objetos de ``sujeto prop``, en orden."""
        return sorted(self.props.get(sujeto, {}).get(prop, ()))

    def valor(self, sujeto: str, prop: str) -> _Termino | None:
        """Un objeto de ``sujeto prop`` (el menor, si hay varios), o ``None``."""
        objetos = self.objetos(sujeto, prop)
        return objetos[0] if objetos else None

    def etiqueta(self, nodo: _Termino | str | None, lang: str = "es") -> str:
        """El nombre de ``nodo`` para mostrar ('' si no hay nodo)."""
        if nodo is None:
            return ""
        if isinstance(nodo, _Termino):
            if nodo.literal:
                return ultimo_segmento(nodo.valor)
            nodo = nodo.valor
        return etiqueta_preferida(sorted(self.nombres.get(nodo, ())), nodo, lang)

    def etiquetas(self, sujeto: str, prop: str) -> list[str]:
        """Los nombres de los objetos de ``sujeto prop``, ordenados."""
        return sorted(self.etiqueta(o) for o in self.objetos(sujeto, prop))

    def texto(self, nodo: _Termino | str | None) -> Texto:
        """El nombre de ``nodo`` en español y en inglés (``Texto('')`` si no hay nodo)."""
        if nodo is None:
            return Texto("")
        if isinstance(nodo, _Termino):
            if nodo.literal:
                return _texto_literal(nodo.valor, nodo.idioma)
            nodo = nodo.valor
        nombres = sorted(self.nombres.get(nodo, ()))
        return Texto(etiqueta_preferida(nombres, nodo), _nombre_en(nombres))

    def textos(self, sujeto: str, prop: str) -> list[Texto]:
        """Los nombres (es/en) de los objetos de ``sujeto prop``, ordenados por el español."""
        return sorted({self.texto(o) for o in self.objetos(sujeto, prop)}, key=lambda t: (t.es, t.en))

    def literal_texto(self, sujeto: str, prop: str) -> Texto:
        """El literal de ``sujeto prop`` en español y en inglés (el sin idioma vale para los dos)."""
        sin_idioma = self.literal(sujeto, prop, "")
        return Texto(self.literal(sujeto, prop) or sin_idioma, self.literal(sujeto, prop, "en") or sin_idioma)

    def literales_de(self, sujeto: str, prop: str, lang: str) -> list[str]:
        """Los literales de ``sujeto prop`` en el idioma ``lang``, ordenados."""
        return sorted(o.valor for o in self.objetos(sujeto, prop) if o.literal and o.idioma == lang)

    def literal(self, sujeto: str, prop: str, lang: str | None = "es") -> str:
        """Un literal de ``sujeto prop`` en el idioma ``lang`` (cualquiera con ``None``), o ''."""
        valores = [o.valor for o in self.objetos(sujeto, prop) if o.literal and lang in (None, o.idioma)]
        return min(valores) if valores else ""

    def literales(self, sujeto: str, prop: str) -> list[str]:
        """Todos los literales de ``sujeto prop``, ordenados."""
        return sorted(o.valor for o in self.objetos(sujeto, prop) if o.literal)

    def fecha(self, sujeto: str, prop: str) -> str:
        """La fecha (AAAA-MM-DD) de ``sujeto prop``, o ''."""
        v = self.valor(sujeto, prop)
        return v.valor[:10] if v is not None else ""

    def anio(self, sujeto: str, prop: str, prefijo: str = "") -> str:
        """El año de ``sujeto prop`` con ``prefijo``, o ''."""
        v = self.valor(sujeto, prop)
        return f"{prefijo}{v.valor}" if v is not None else ""

    def fuentes(self, sujeto: str, prop: str, derogadas: dict[str, str] | None = None) -> str:
        """Los nombres de los objetos de ``sujeto prop``, ordenados y separados por '; '; a los que
        están en ``derogadas`` (artículo o norma -> «derogado el ... por ...») se les añade eso."""
        derogadas = derogadas or {}
        nombres = sorted(
            self.etiqueta(o) + (f" ({derogadas[o.valor]})" if o.valor in derogadas else "")
            for o in self.objetos(sujeto, prop)
        )
        return "; ".join(nombres)


_NOMBRES = {SKOS.iri("prefLabel"), RDFS.iri("label")}


def _nombre_en(nombres: Sequence[tuple[str, str, str]]) -> str:
    """El nombre en inglés de ``(propiedad, valor, idioma)`` (o el sin idioma); '' si no hay."""
    for prop in (SKOS.iri("prefLabel"), RDFS.iri("label")):
        for idioma in ("en", ""):
            valores = [v for p, v, i in nombres if p == prop and i == idioma]
            if valores:
                return min(valores)
    return ""


def _texto_literal(valor: str, idioma: str) -> Texto:
    """Un literal como ``Texto``: el de un idioma vale solo en ese; el sin idioma, en los dos."""
    if idioma == "en":
        return Texto("", valor)
    return Texto(valor, valor if not idioma else "")


def _valores(props: Iterable[str]) -> str:
    return " ".join(iri_sparql(p) for p in props)


def _leer(lector: Lector, c: str) -> tuple[_Nodos, list[str], list[str]]:
    """El término ``c``, sus competencias y sus relaciones (con los nombres de sus objetos)."""
    nodos = _Nodos()
    t = iri_sparql(c)
    nodos.leer(
        lector.seleccionar(
            "SELECT DISTINCT ?s ?p ?o ?ol ?oi ?pe ?e ?ei WHERE { "
            f"VALUES ?s {{ {t} }} ?s ?p ?o . VALUES ?p {{ {_valores(_PROPS_TERMINO)} }} "
            f"{_OBJETO_Y_NOMBRES} }}"
        )
    )
    vecinos = lector.seleccionar(
        "SELECT DISTINCT ?s ?que ?p ?o ?ol ?oi ?pe ?e ?ei WHERE { "
        f'{{ ?s gt:instrumento {t} BIND("competencia" AS ?que) }} UNION '
        f"{{ ?s a gt:RelacionEntreInstrumentos ; gt:origen|gt:destino {t} "
        'BIND("relacion" AS ?que) } '
        f"OPTIONAL {{ ?s ?p ?o . VALUES ?p {{ {_valores(_PROPS_VECINOS)} }} {_OBJETO_Y_NOMBRES} }} }}"
    )
    nodos.leer(vecinos)
    competencias = sorted({f["s"] for f in vecinos if f["que"] == "competencia"})
    relaciones = sorted({f["s"] for f in vecinos if f["que"] == "relacion"})
    return nodos, competencias, relaciones


_Q_DEROGADAS = """
SELECT ?a ?hasta ?por WHERE {
  VALUES ?a { %s }
  { ?a gt:vigenteHasta ?hasta . OPTIONAL { ?a gt:derogadoPor|gt:derogadaPor ?d . ?d rdfs:label ?por } }
  UNION
  { ?a gt:articuloDe ?n . ?n gt:vigenteHasta ?hasta . OPTIONAL { ?n gt:derogadaPor ?d . ?d rdfs:label ?por } }
}
"""


def _derogaciones(lector: Lector, fuentes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """De ``fuentes`` (artículos o normas), las que ya no rigen: IRI -> (AAAA-MM-DD, norma que derogó
    o ''); si hay varias, la que se escribe primero («derogado el ...» menor)."""
    iris = sorted(set(fuentes))
    if not iris:
        return {}
    res: dict[str, tuple[str, str]] = {}
    for f in lector.seleccionar(_Q_DEROGADAS % " ".join(iri_sparql(i) for i in iris)):
        nueva = (f["hasta"][:10], f.get("por", ""))
        vieja = res.get(f["a"])
        if vieja is None or _derogado(*nueva, "es") < _derogado(*vieja, "es"):
            res[f["a"]] = nueva
    return res


def _derogado(fecha: str, por: str, idioma: Idioma) -> str:
    """«derogado el AAAA-MM-DD por X» (o en inglés)."""
    if idioma == "en":
        return f"repealed on {fecha}" + (f" by {por}" if por else "")
    return f"derogado el {fecha}" + (f" por {por}" if por else "")


def derogadas(lector: Lector, fuentes: Iterable[str], idioma: Idioma = "es") -> dict[str, str]:
    """De ``fuentes`` (artículos o normas), las que ya no rigen: IRI -> «derogado el AAAA-MM-DD por X»
    (en inglés con ``idioma="en"``).

    Un artículo deja de regir si él (gt:vigenteHasta) o su norma entera dejaron de regir."""
    return {a: _derogado(fecha, por, idioma) for a, (fecha, por) in _derogaciones(lector, fuentes).items()}


def ficha(lector: Lector, termino: str) -> Ficha:
    """La ficha del término ``termino`` (sigla o etiqueta, sin importar tildes ni mayúsculas)."""
    return ficha_de_iri(lector, resolver(lector, termino))


def ficha_de_iri(lector: Lector, c: str) -> Ficha:
    """La ficha del concepto cuyo IRI es ``c``."""
    n, competencias, relaciones = _leer(lector, c)
    caracter = n.valor(c, GT.iri("caracter"))
    confianza = n.valor(c, GT.iri("confianza"))
    alternativos = {o.valor for o in n.objetos(c, SKOS.iri("altLabel")) if o.literal and o.idioma != "en"}
    citadas = [o.valor for o in n.objetos(c, GT.iri("fuenteDefinicion"))]
    citadas += [o.valor for k in competencias for o in n.objetos(k, GT.iri("baseLegal"))]
    citadas += [o.valor for r in relaciones for o in n.objetos(r, DCTERMS.iri("source"))]
    deroga = _derogaciones(lector, citadas)
    fuera = {a: _derogado(*d, "es") for a, d in deroga.items()}
    fuera_en = {a: _derogado(*d, "en") for a, d in deroga.items()}
    rector = n.textos(c, GT.iri("rector"))
    aprobacion = n.textos(c, GT.iri("seApruebaMediante"))
    mas_amplio = n.textos(c, SKOS.iri("broader"))
    mas_especificos = n.textos(c, SKOS.iri("narrower"))
    categorias = n.textos(c, GT.iri("categoria"))
    clase = _clase(n, c)
    f = Ficha(
        iri=c,
        termino=n.etiqueta(c),
        termino_en=n.etiqueta(c, "en"),
        clase=clase.es,
        siglas=sorted(a for a in alternativos if es_sigla(a)),
        otros_nombres=sorted(a for a in alternativos if not es_sigla(a)),
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
        otros_nombres_en=n.literales_de(c, SKOS.iri("altLabel"), "en"),
        clase_en=clase.en,
        categoria_en=_unir_en(categorias, ", "),
        caracter_en=n.texto(caracter).en if caracter else "",
        fuente_en=n.fuentes(c, GT.iri("fuenteDefinicion"), fuera_en),
        confianza_en=n.texto(confianza).en if confianza else "",
        nota_alcance_en=n.literal(c, SKOS.iri("scopeNote"), "en"),
        nota_historica_en=n.literal(c, SKOS.iri("historyNote"), "en"),
        rector_en=[t.en for t in rector],
        aprobacion_en=[t.en for t in aprobacion],
        mas_amplio_en=[t.en for t in mas_amplio],
        mas_especificos_en=[t.en for t in mas_especificos],
        notas_bilingues=_por_idioma(n, c, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios_bilingues=_por_idioma(n, c, GT.iri("datoNoHallado")),
    )
    comps = []
    for k in competencias:
        nivel = n.valor(k, GT.iri("nivel"))
        sub = n.valor(k, GT.iri("tipoDeMunicipalidad"))
        de_nivel = sub if sub is not None else nivel
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
                desde=n.fecha(k, GT.iri("vigenteDesde"))
                or n.anio(k, GT.iri("anioInicio"))
                or n.anio(k, GT.iri("yaRegiaEn"), _YA_REGIA),
                hasta=n.fecha(k, GT.iri("vigenteHasta")) or n.anio(k, GT.iri("anioFin")),
                tipo=n.etiqueta(n.valor(k, GT.iri("tipoDeCompetencia"))),
                orden=_ORDEN_NIVEL.get(de_nivel.valor, 9) if de_nivel is not None else 9,
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


def _por_idioma(n: _Nodos, sujeto: str, *props: str) -> list[Texto]:
    """Los literales de ``sujeto`` en ``props`` como ``Texto``: si una propiedad tiene uno en español
    (o sin idioma) y uno en inglés, son el mismo texto en dos idiomas; si no, cada uno va solo."""
    res = []
    for prop in props:
        es = n.literales_de(sujeto, prop, "es") + n.literales_de(sujeto, prop, "")
        en = n.literales_de(sujeto, prop, "en")
        if len(es) == 1 and len(en) == 1:
            res.append(Texto(es[0], en[0]))
        else:
            res += [Texto(x) for x in es] + [Texto("", x) for x in en]
    return res


def _unir_en(textos: Sequence[Texto], separador: str) -> str:
    """Los ``en`` de ``textos`` unidos, o '' si a alguno le falta el inglés."""
    return separador.join(t.en for t in textos) if all(t.en for t in textos) else ""


# --- fichas de actores, niveles y normas ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class FuenteCitada:
    """Un artículo o una norma citados y, si ya no rigen, desde cuándo (AAAA-MM-DD) y por qué norma."""

    etiqueta: str
    derogado_el: str = ""
    derogado_por: str = ""


@dataclass(frozen=True)
class FilaCompetencia:
    """Una competencia (``gt:Competencia``) tal como la muestran las fichas de actores, niveles y normas."""

    iri: str
    instrumento: Texto
    titular: Texto
    nivel: Texto  # el tipo de municipalidad si lo tiene; si no, el nivel
    funcion: Texto
    tipo: Texto
    base_legal: tuple[FuenteCitada, ...]
    desde: str  # AAAA-MM-DD, AAAA, «ya regía en AAAA» o ''
    hasta: str  # AAAA-MM-DD, AAAA o ''
    orden: int = 9  # orden del nivel (nacional, regional, local...)


@dataclass(frozen=True)
class EnunciadoCitado:
    """Un enunciado de un foro: sus palabras exactas, quién lo dijo, dónde y lo que afirma (de la
    entidad de la ficha: las afirmaciones en que ella es sujeto u objeto)."""

    iri: str
    ident: str
    foro: str
    autor: Texto
    pagina: str
    texto: str
    afirmaciones: tuple[Texto, ...] = ()


@dataclass
class FichaActor:
    """Todo lo que el grafo sabe de un actor (entidad pública, organización, sector, persona)."""

    iri: str
    nombre: Texto
    clase: Texto
    siglas: list[str] = field(default_factory=list)
    otros_nombres: list[str] = field(default_factory=list)
    otros_nombres_en: list[str] = field(default_factory=list)
    nivel: Texto = Texto("")
    sector: list[Texto] = field(default_factory=list)
    pertenece_a: list[Texto] = field(default_factory=list)
    unidades: list[Texto] = field(default_factory=list)
    cargos: list[Texto] = field(default_factory=list)
    descripcion: Texto = Texto("")
    fuente: tuple[FuenteCitada, ...] = ()
    notas: list[Texto] = field(default_factory=list)
    vacios: list[Texto] = field(default_factory=list)
    competencias: list[FilaCompetencia] = field(default_factory=list)
    en_el_foro: list[EnunciadoCitado] = field(default_factory=list)
    dichos: list[EnunciadoCitado] = field(default_factory=list)


@dataclass
class FichaNivel:
    """Un nivel de gobierno (o tipo de municipalidad): sus entidades y sus competencias."""

    iri: str
    nombre: Texto
    clase: Texto
    definicion: Texto = Texto("")
    subdivision_de: list[Texto] = field(default_factory=list)
    subdivisiones: list[Texto] = field(default_factory=list)
    entidades: list[Texto] = field(default_factory=list)
    competencias: list[FilaCompetencia] = field(default_factory=list)
    en_el_foro: list[EnunciadoCitado] = field(default_factory=list)


QueCita = Literal["definicion", "caracter", "fuente", "descripcion", "competencia", "relacion", "otro"]


@dataclass(frozen=True)
class Cita:
    """Algo del grafo que cita un artículo o una norma: la definición o el carácter de un concepto, la
    descripción de un actor, una competencia, una relación entre instrumentos..."""

    que: QueCita
    nombre: Texto  # el concepto, actor o relación que cita; de una competencia, su instrumento
    competencia: FilaCompetencia | None = None
    desde: str = ""  # vigencia de una relación
    hasta: str = ""


@dataclass(frozen=True)
class ArticuloCitado:
    """Un artículo de una norma que está en el grafo, y lo que lo cita."""

    iri: str
    etiqueta: str
    texto_literal: str = ""
    derogado_el: str = ""
    derogado_por: str = ""
    citado_por: tuple[Cita, ...] = ()


@dataclass
class FichaNorma:
    """Una norma (o un documento citado): sus datos, su vigencia y sus artículos citados en el grafo."""

    iri: str
    nombre: str
    clase: Texto
    identificador: str = ""
    titulo: Texto = Texto("")
    tipo: Texto = Texto("")
    fecha_publicacion: str = ""
    vigente_desde: str = ""
    vigente_hasta: str = ""
    derogada_por: list[str] = field(default_factory=list)
    emitida_por: list[Texto] = field(default_factory=list)
    confianza: Texto = Texto("")
    paginas: list[str] = field(default_factory=list)
    notas: list[Texto] = field(default_factory=list)
    vacios: list[Texto] = field(default_factory=list)
    deroga: list[FuenteCitada] = field(default_factory=list)
    articulos: list[ArticuloCitado] = field(default_factory=list)
    citada_sin_articulo: list[Cita] = field(default_factory=list)


#: Cualquier ficha que ``grafo definir`` puede mostrar.
FichaDeEntidad = Ficha | FichaActor | FichaNivel | FichaNorma


@dataclass(frozen=True)
class Definicion:
    """Lo que responde ``grafo definir``: qué se encontró, su ficha y su texto."""

    entidad: Entidad
    ficha: FichaDeEntidad
    texto: str


# --- lectura -------------------------------------------------------------------------------------------

_PROPS_COMPETENCIA = (
    GT.iri("instrumento"),
    GT.iri("nivel"),
    GT.iri("tipoDeMunicipalidad"),
    GT.iri("titular"),
    GT.iri("funcion"),
    GT.iri("baseLegal"),
    GT.iri("vigenteDesde"),
    GT.iri("anioInicio"),
    GT.iri("yaRegiaEn"),
    GT.iri("vigenteHasta"),
    GT.iri("anioFin"),
    GT.iri("tipoDeCompetencia"),
)
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
_PROPS_NORMA = (
    RDF.iri("type"),
    RDFS.iri("label"),
    SKOS.iri("prefLabel"),
    DCTERMS.iri("identifier"),
    DCTERMS.iri("title"),
    GT.iri("tipoDeNorma"),
    GT.iri("fechaPublicacion"),
    GT.iri("vigenteDesde"),
    GT.iri("vigenteHasta"),
    GT.iri("derogadaPor"),
    GT.iri("emitidaPor"),
    GT.iri("confianza"),
    SKOS.iri("note"),
    SKOS.iri("editorialNote"),
    GT.iri("datoNoHallado"),
    FOAF.iri("page"),
)
_PROPS_ARTICULO = (
    RDFS.iri("label"),
    GT.iri("numero"),
    GT.iri("textoLiteral"),
    GT.iri("vigenteHasta"),
    GT.iri("derogadoPor"),
)
_PROPS_RELACION = (
    GT.iri("origen"),
    GT.iri("destino"),
    GT.iri("tipoDeRelacion"),
    GT.iri("vigenteDesde"),
    GT.iri("vigenteHasta"),
)


def _leer_nodos(lector: Lector, seleccion: str, props: Iterable[str]) -> _Nodos:
    """Las propiedades ``props`` de los ``?s`` que liga el patrón ``seleccion``, con los nombres de sus
    objetos (y los de cada ``?s``, si ``props`` incluye sus etiquetas)."""
    nodos = _Nodos()
    nodos.leer(
        lector.seleccionar(
            "SELECT DISTINCT ?s ?p ?o ?ol ?oi ?pe ?e ?ei WHERE { "
            f"{seleccion} ?s ?p ?o . VALUES ?p {{ {_valores(props)} }} {_OBJETO_Y_NOMBRES} }}"
        )
    )
    return nodos


def _nombres(lector: Lector, iris: Iterable[str]) -> dict[str, Texto]:
    """El nombre (es/en) de cada IRI de ``iris``, en una consulta."""
    lista = sorted(set(iris))
    if not lista:
        return {}
    nombres: dict[str, set[tuple[str, str, str]]] = {i: set() for i in lista}
    for f in lector.seleccionar(
        "SELECT ?s ?p ?v ?i WHERE { "
        f"VALUES ?s {{ {' '.join(iri_sparql(i) for i in lista)} }} "
        "?s ?p ?v . VALUES ?p { skos:prefLabel rdfs:label } FILTER(isLiteral(?v)) BIND(lang(?v) AS ?i) }"
    ):
        nombres[f["s"]].add((f["p"], f["v"], f.get("i", "")))
    return {i: Texto(etiqueta_preferida(sorted(n), i), _nombre_en(sorted(n))) for i, n in nombres.items()}


def _desde(n: _Nodos, sujeto: str) -> str:
    return (
        n.fecha(sujeto, GT.iri("vigenteDesde"))
        or n.anio(sujeto, GT.iri("anioInicio"))
        or n.anio(sujeto, GT.iri("yaRegiaEn"), _YA_REGIA)
    )


def _hasta(n: _Nodos, sujeto: str) -> str:
    return n.fecha(sujeto, GT.iri("vigenteHasta")) or n.anio(sujeto, GT.iri("anioFin"))


def _citadas(
    n: _Nodos, sujeto: str, prop: str, deroga: dict[str, tuple[str, str]]
) -> tuple[FuenteCitada, ...]:
    """Los artículos o normas de ``sujeto prop``, con su derogación si la hay, ordenados."""
    return tuple(
        sorted(FuenteCitada(n.etiqueta(o), *deroga.get(o.valor, ("", ""))) for o in n.objetos(sujeto, prop))
    )


def _filas_competencia(lector: Lector, seleccion: str) -> list[FilaCompetencia]:
    """Las competencias ``?s`` que liga el patrón ``seleccion``, ordenadas por nivel, instrumento,
    titular, fecha y función."""
    n = _leer_nodos(lector, f"{seleccion} ?s a gt:Competencia .", _PROPS_COMPETENCIA)
    ks = sorted(n.props)
    deroga = _derogaciones(lector, [o.valor for k in ks for o in n.objetos(k, GT.iri("baseLegal"))])
    filas = []
    for k in ks:
        nivel = n.valor(k, GT.iri("nivel"))
        sub = n.valor(k, GT.iri("tipoDeMunicipalidad"))
        de_nivel = sub if sub is not None else nivel
        filas.append(
            FilaCompetencia(
                iri=k,
                instrumento=n.texto(n.valor(k, GT.iri("instrumento"))),
                titular=n.texto(n.valor(k, GT.iri("titular"))),
                nivel=n.texto(de_nivel),
                funcion=n.texto(n.valor(k, GT.iri("funcion"))),
                tipo=n.texto(n.valor(k, GT.iri("tipoDeCompetencia"))),
                base_legal=_citadas(n, k, GT.iri("baseLegal"), deroga),
                desde=_desde(n, k),
                hasta=_hasta(n, k),
                orden=_ORDEN_NIVEL.get(de_nivel.valor, 9) if de_nivel is not None else 9,
            )
        )
    return sorted(
        filas,
        key=lambda c: (
            normalizar(c.instrumento.es),
            c.orden,
            normalizar(c.titular.es),
            c.desde,
            c.funcion.es,
            c.hasta,
            c.iri,
        ),
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
    nombres = _nombres(lector, iris - {""})
    por_enunciado: dict[str, set[Texto]] = {}
    for f in afirmadas:
        if f["o"] == x or f["s"] == x:
            objeto = Texto(f["o"], "") if f.get("ol") == "true" else nombres[f["o"]]
            modo = nombres[f["mod"]] if f.get("mod") and f["mod"] != GTMOD.iri("hecho") else None
            por_enunciado.setdefault(f["e"], set()).add(
                _afirmacion(nombres[f["s"]], nombres[f["p"]], objeto, modo)
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


def _afirmacion(sujeto: Texto, prop: Texto, objeto: Texto, modo: Texto | None) -> Texto:
    """«sujeto propiedad objeto (modalidad)» en cada idioma ('' en el que falte alguna parte)."""
    partes = [sujeto, prop, objeto] + ([modo] if modo else [])

    def en(idioma: str) -> str:
        valores = [getattr(p, idioma) for p in partes]
        if not all(valores):
            return ""
        base = " ".join(valores[:3])
        return f"{base} ({valores[3]})" if modo else base

    return Texto(en("es"), en("en"))


def _otros_nombres(n: _Nodos, x: str) -> tuple[list[str], list[str], list[str]]:
    """Siglas, otros nombres en español (o sin idioma) y otros nombres en inglés de ``x``."""
    alternativos = {o.valor for o in n.objetos(x, SKOS.iri("altLabel")) if o.literal and o.idioma != "en"}
    return (
        sorted(a for a in alternativos if es_sigla(a)),
        sorted(a for a in alternativos if not es_sigla(a)),
        n.literales_de(x, SKOS.iri("altLabel"), "en"),
    )


#: Clases que no dicen qué es algo (todo concepto, nivel o tipo es un ``skos:Concept``).
_CLASES_GENERICAS = {SKOS.iri("Concept")}


def _clase(n: _Nodos, x: str) -> Texto:
    """El nombre de las clases de ``x`` (sin ``skos:Concept``), ordenadas y unidas con ', '."""
    clases = sorted(
        {
            n.texto(t)
            for t in n.objetos(x, RDF.iri("type"))
            if not t.literal and t.valor not in _CLASES_GENERICAS
        },
        key=lambda t: (t.es, t.en),
    )
    return Texto(", ".join(t.es for t in clases), _unir_en(clases, ", "))


def ficha_actor(lector: Lector, x: str) -> FichaActor:
    """La ficha del actor cuyo IRI es ``x``: nombres, tipo, nivel, a qué pertenece, sus competencias
    por instrumento y lo que el foro dijo de él (y, si habló en el foro, lo que dijo)."""
    t = iri_sparql(x)
    n = _leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_ACTOR)
    inversos = lector.seleccionar(
        f"SELECT DISTINCT ?u WHERE {{ {{ ?u org:subOrganizationOf {t} }} UNION {{ ?u org:memberOf {t} }} }}"
    )
    unidades = _nombres(lector, [f["u"] for f in inversos])
    fuentes = [o.valor for o in n.objetos(x, DCTERMS.iri("source"))]
    siglas, otros, otros_en = _otros_nombres(n, x)
    # un tipo de municipalidad («Local provincial») ya dice su nivel
    sub = n.valor(x, GT.iri("tipoDeMunicipalidad"))
    nivel = n.texto(sub if sub is not None else n.valor(x, GT.iri("nivel")))
    return FichaActor(
        iri=x,
        nombre=n.texto(x),
        clase=_clase(n, x),
        siglas=siglas,
        otros_nombres=otros,
        otros_nombres_en=otros_en,
        nivel=nivel,
        sector=n.textos(x, GT.iri("sector")),
        pertenece_a=sorted(
            set(n.textos(x, ORG.iri("subOrganizationOf")) + n.textos(x, ORG.iri("memberOf"))),
            key=lambda v: (v.es, v.en),
        ),
        unidades=sorted(set(unidades.values()), key=lambda v: (normalizar(v.es), v.en)),
        cargos=n.textos(x, ORG.iri("holds")),
        descripcion=n.literal_texto(x, SKOS.iri("definition")),
        fuente=_citadas(n, x, DCTERMS.iri("source"), _derogaciones(lector, fuentes)),
        notas=_por_idioma(n, x, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios=_por_idioma(n, x, GT.iri("datoNoHallado")),
        competencias=_filas_competencia(lector, f"?s gt:titular {t} ."),
        en_el_foro=_enunciados(lector, x),
        dichos=_enunciados(lector, x, autor=True),
    )


def ficha_nivel(lector: Lector, x: str) -> FichaNivel:
    """La ficha del nivel de gobierno (o tipo de municipalidad) ``x``: sus entidades (``gt:nivel``,
    ``gt:tipoDeMunicipalidad``), sus competencias por instrumento y lo que el foro dijo de él."""
    t = iri_sparql(x)
    n = _leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_NIVEL)
    subdivisiones = lector.seleccionar(f"SELECT DISTINCT ?s WHERE {{ ?s gt:subdivisionDe {t} }}")
    actores = _leer_nodos(
        lector,
        f"{{ ?s gt:nivel {t} }} UNION {{ ?s gt:tipoDeMunicipalidad {t} }} "
        "?s rdf:type/rdfs:subClassOf* gt:Actor .",
        (SKOS.iri("prefLabel"), RDFS.iri("label"), SKOS.iri("altLabel")),
    )
    entidades = []
    for a in sorted(actores.props):
        nombre = actores.texto(a)
        siglas, _otros, _en = _otros_nombres(actores, a)
        extra = f" ({', '.join(siglas)})" if siglas else ""
        entidades.append(Texto(nombre.es + extra, nombre.en + extra if nombre.en else ""))
    return FichaNivel(
        iri=x,
        nombre=n.texto(x),
        clase=_clase(n, x),
        definicion=n.literal_texto(x, SKOS.iri("definition")),
        subdivision_de=n.textos(x, GT.iri("subdivisionDe")),
        subdivisiones=sorted(
            _nombres(lector, [f["s"] for f in subdivisiones]).values(), key=lambda v: (v.es, v.en)
        ),
        entidades=sorted(entidades, key=lambda v: (normalizar(v.es), v.en)),
        competencias=_filas_competencia(
            lector, f"{{ ?s gt:nivel {t} }} UNION {{ ?s gt:tipoDeMunicipalidad {t} }}"
        ),
        en_el_foro=_enunciados(lector, x),
    )


_Q_CITAS = """
SELECT DISTINCT ?x ?prop ?a ?clase WHERE {
  { ?a gt:articuloDe %(x)s } UNION { BIND(%(x)s AS ?a) }
  ?x ?prop ?a . VALUES ?prop { gt:fuenteDefinicion gt:fuenteCaracter gt:baseLegal dct:source }
  BIND(IF(EXISTS { ?x a gt:Competencia }, "competencia",
       IF(EXISTS { ?x a gt:RelacionEntreInstrumentos }, "relacion",
       IF(EXISTS { ?x rdf:type/rdfs:subClassOf* gt:ConceptoTerritorial }, "concepto",
       IF(EXISTS { ?x rdf:type/rdfs:subClassOf* gt:Actor }, "actor", "otro")))) AS ?clase)
}
"""
_Q_DEROGA = """
SELECT DISTINCT ?s ?hasta WHERE {
  ?s gt:derogadaPor|gt:derogadoPor %s . OPTIONAL { ?s gt:vigenteHasta ?hasta }
}
"""
#: Orden de las citas en la ficha de una norma.
_ORDEN_CITA: dict[QueCita, int] = {
    "definicion": 0,
    "caracter": 1,
    "fuente": 2,
    "descripcion": 3,
    "competencia": 4,
    "relacion": 5,
    "otro": 6,
}


def _citas(lector: Lector, x: str) -> dict[str, list[Cita]]:
    """Lo que cita la norma ``x`` o cada uno de sus artículos: artículo (o ``x``) -> citas."""
    t = iri_sparql(x)
    filas = lector.seleccionar(_Q_CITAS % {"x": t})
    competencias = {
        k.iri: k for k in _filas_competencia(lector, f"VALUES ?s {{ {_iris(filas, 'competencia')} }}")
    }
    relaciones = _leer_nodos(lector, f"VALUES ?s {{ {_iris(filas, 'relacion')} }}", _PROPS_RELACION)
    nombres = _nombres(lector, [f["x"] for f in filas if f["clase"] in ("concepto", "actor", "otro")])
    especificas = {(f["x"], f["a"]) for f in filas if f["prop"] != DCTERMS.iri("source")}
    res: dict[str, set[Cita]] = {}
    for f in filas:
        cita: Cita | None = None
        if f["clase"] == "competencia" and f["x"] in competencias:
            k = competencias[f["x"]]
            cita = Cita("competencia", k.instrumento, k)
        elif f["clase"] == "relacion":
            r = f["x"]
            tipo = relaciones.texto(relaciones.valor(r, GT.iri("tipoDeRelacion")))
            origen = relaciones.texto(relaciones.valor(r, GT.iri("origen")))
            destino = relaciones.texto(relaciones.valor(r, GT.iri("destino")))
            nombre = _afirmacion(origen, tipo, destino, None)
            cita = Cita("relacion", nombre, None, _desde(relaciones, r), _hasta(relaciones, r))
        elif f["clase"] == "concepto":
            if f["prop"] == GT.iri("fuenteDefinicion"):
                cita = Cita("definicion", nombres[f["x"]])
            elif f["prop"] == GT.iri("fuenteCaracter"):
                cita = Cita("caracter", nombres[f["x"]])
            elif (f["x"], f["a"]) not in especificas:
                cita = Cita("fuente", nombres[f["x"]])
        elif f["clase"] == "actor":
            cita = Cita("descripcion", nombres[f["x"]])
        elif f["prop"] == DCTERMS.iri("source") and (f["x"], f["a"]) not in especificas:
            cita = Cita("otro", nombres[f["x"]])
        if cita is not None:
            res.setdefault(f["a"], set()).add(cita)
    return {a: sorted(c, key=_clave_cita) for a, c in res.items()}


def _iris(filas: list[dict[str, str]], clase: str) -> str:
    return " ".join(iri_sparql(i) for i in sorted({f["x"] for f in filas if f["clase"] == clase}))


def _clave_cita(c: Cita) -> tuple[int, str, str, str, str]:
    k = c.competencia
    detalle = f"{k.orden} {normalizar(k.titular.es)} {k.desde} {k.funcion.es} {k.iri}" if k else ""
    return (_ORDEN_CITA[c.que], normalizar(c.nombre.es), detalle, c.desde, c.nombre.en)


def _clave_articulo(etiqueta: str) -> tuple[tuple[int, str], ...]:
    """Orden natural: «art. 2.1» antes que «art. 10»; las letras después de los números."""
    return tuple(
        (int(p), "") if p.isdigit() else (1 << 30, p.casefold())
        for p in re.findall(r"\d+|[^\W\d_]+", etiqueta)
    )


def ficha_norma(lector: Lector, x: str) -> FichaNorma:
    """La ficha de la norma (o documento) ``x``: identificador, título, tipo, fechas, vigencia y
    derogación, quién la emitió, qué deroga, y sus artículos citados con lo que los cita
    (definiciones, competencias, relaciones, descripciones de actores)."""
    t = iri_sparql(x)
    n = _leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_NORMA)
    arts = _leer_nodos(lector, f"?s gt:articuloDe {t} .", _PROPS_ARTICULO)
    citas = _citas(lector, x)
    deroga_filas = lector.seleccionar(_Q_DEROGA % t)
    nombres = _nombres(lector, [f["s"] for f in deroga_filas])
    deroga = sorted(
        {FuenteCitada(nombres[f["s"]].es, f.get("hasta", "")[:10], n.etiqueta(x)) for f in deroga_filas},
        key=lambda d: (_clave_articulo(d.etiqueta), d.etiqueta, d.derogado_el),
    )
    articulos = []
    for a in arts.props:
        por = arts.valor(a, GT.iri("derogadoPor"))
        articulos.append(
            ArticuloCitado(
                iri=a,
                etiqueta=arts.etiqueta(a),
                texto_literal=arts.literal(a, GT.iri("textoLiteral"), None),
                derogado_el=arts.fecha(a, GT.iri("vigenteHasta")),
                derogado_por=arts.etiqueta(por) if por is not None else "",
                citado_por=tuple(citas.get(a, ())),
            )
        )
    tipo = n.valor(x, GT.iri("tipoDeNorma"))
    confianza = n.valor(x, GT.iri("confianza"))
    return FichaNorma(
        iri=x,
        nombre=n.etiqueta(x),
        clase=_clase(n, x),
        identificador=n.literal(x, DCTERMS.iri("identifier"), None),
        titulo=n.literal_texto(x, DCTERMS.iri("title")),
        tipo=n.texto(tipo),
        fecha_publicacion=n.fecha(x, GT.iri("fechaPublicacion")),
        vigente_desde=n.fecha(x, GT.iri("vigenteDesde")),
        vigente_hasta=n.fecha(x, GT.iri("vigenteHasta")),
        derogada_por=n.etiquetas(x, GT.iri("derogadaPor")),
        emitida_por=n.textos(x, GT.iri("emitidaPor")),
        confianza=n.texto(confianza),
        paginas=sorted(o.valor for o in n.objetos(x, FOAF.iri("page"))),
        notas=_por_idioma(n, x, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios=_por_idioma(n, x, GT.iri("datoNoHallado")),
        deroga=deroga,
        articulos=sorted(articulos, key=lambda r: (_clave_articulo(r.etiqueta), r.etiqueta, r.iri)),
        citada_sin_articulo=citas.get(x, []),
    )


def ficha_de_entidad(lector: Lector, entidad: Entidad) -> FichaDeEntidad:
    """La ficha de ``entidad`` (de ``busqueda.resolver_entidad`` o ``busqueda.entidades``)."""
    if entidad.tipo == "actor":
        return ficha_actor(lector, entidad.iri)
    if entidad.tipo == "nivel":
        return ficha_nivel(lector, entidad.iri)
    if entidad.tipo == "norma":
        return ficha_norma(lector, entidad.iri)
    return ficha_de_iri(lector, entidad.iri)


def definir(
    lector: Lector, termino: str, *, idioma: Idioma = "es", formato: Formato = "texto", ancho: int = ANCHO
) -> Definicion:
    """Lo que responde ``grafo definir TERMINO``: el concepto, actor, nivel o norma que nombra
    ``termino`` (reglas de ``grafo.busqueda``), su ficha y su texto en ``idioma`` y ``formato``."""
    entidad = resolver_entidad(lector, termino)
    f = ficha_de_entidad(lector, entidad)
    return Definicion(entidad, f, texto_ficha(f, idioma=idioma, formato=formato, ancho=ancho))


def texto_terminos(lista: Iterable[Entidad]) -> str:
    """Una línea por entidad: su tipo, su nombre y sus siglas (para ``grafo terminos``)."""
    return "\n".join(
        f"{e.tipo:<9}{e.etiqueta}" + (f" ({', '.join(e.siglas)})" if e.siglas else "") for e in lista
    )


# --- texto de las fichas: idiomas, formatos y líneas de 80 columnas --------------------------------------

#: Rótulos fijos de las fichas: clave -> (español, inglés).
_ROTULOS: dict[str, tuple[str, str]] = {
    "tambien": ("también", "also"),
    "otro_idioma": ("en inglés", "in Spanish"),
    "tipo": ("tipo", "type"),
    "categoria": ("categoría", "category"),
    "caracter": ("carácter", "binding force"),
    "rector": ("ente rector hoy", "governing body today"),
    "aprobacion": ("se aprueba mediante", "approved by"),
    "definicion": ("Definición", "Definition"),
    "sin_definicion": (
        "(sin definición normativa en las fuentes consultadas)",
        "(no normative definition in the sources consulted)",
    ),
    "fuente": ("Fuente", "Source"),
    "confianza": ("confianza", "confidence"),
    "def_otro_idioma": ("EN", "ES"),
    "ensenar": ("Para enseñar", "For teaching"),
    "historia": ("Historia", "History"),
    "notas": ("Notas y vacíos", "Notes and gaps"),
    "vacio": ("Vacío", "Gap"),
    "jerarquia": ("Jerarquía", "Hierarchy"),
    "mas_amplio": ("más amplio", "broader"),
    "mas_especificos": ("más específicos", "narrower"),
    "competencias_nivel": ("Competencias por nivel", "Competencies by level"),
    "competencias_instrumento": ("Competencias por instrumento", "Competencies by instrument"),
    "ninguna": ("(ninguna registrada)", "(none recorded)"),
    "relacionados": ("Instrumentos relacionados", "Related instruments"),
    "ninguno": ("(ninguno registrado)", "(none recorded)"),
    "base_legal": ("base legal", "legal basis"),
    "sin_fecha": ("vigencia: fecha no hallada", "validity: date not found"),
    "desde": ("desde", "from"),
    "hasta": ("hasta", "until"),
    "vigente": ("(vigente)", "(in force)"),
    "ya_regia": (_YA_REGIA, "already in force in "),
    "no_registrado": ("(no registrado)", "(not recorded)"),
    "nivel": ("nivel de gobierno", "level of government"),
    "sector": ("sector", "sector"),
    "pertenece": ("pertenece a", "part of"),
    "unidades": ("unidades y miembros", "units and members"),
    "cargo": ("cargo", "post"),
    "descripcion": ("Descripción", "Description"),
    "foro": ("Menciones en el foro", "Mentions at the forum"),
    "dichos": ("Lo que dijo en el foro", "What they said at the forum"),
    "ninguno_foro": ("(ningún enunciado lo menciona)", "(no statement mentions it)"),
    "afirma": ("afirma", "claims"),
    "subdivision_de": ("subdivisión de", "subdivision of"),
    "subdivisiones": ("subdivisiones", "subdivisions"),
    "entidades": ("Entidades de este nivel", "Bodies at this level"),
    "titulo": ("título", "title"),
    "publicacion": ("fecha de publicación", "publication date"),
    "vigente_desde": ("vigente desde", "in force from"),
    "vigente_hasta": ("vigente hasta", "in force until"),
    "derogada_por": ("derogada por", "repealed by"),
    "emitida_por": ("emitida por", "issued by"),
    "en_la_web": ("en la web", "on the web"),
    "identificador": ("identificador", "identifier"),
    "deroga": ("Deroga", "Repeals"),
    "articulos": ("Artículos citados en el grafo", "Articles cited in the graph"),
    "sin_articulo": ("Citada sin artículo", "Cited without an article"),
    "texto": ("texto", "text"),
    "sin_citas": (
        "Otros artículos suyos en el grafo, que nada cita",
        "Other articles of it in the graph, cited by nothing",
    ),
    "cita_definicion": ("definición de", "definition of"),
    "cita_caracter": ("carácter de", "binding force of"),
    "cita_fuente": ("fuente de", "source of"),
    "cita_descripcion": ("descripción de", "description of"),
    "cita_competencia": ("competencia", "competency"),
    "cita_relacion": ("relación", "relation"),
    "cita_otro": ("citado por", "cited by"),
    "marca_es": (
        "[en] = el grafo no tiene este texto en español; se muestra en inglés.",
        "[en] = the graph has no Spanish text here; shown in English.",
    ),
    "marca_en": (
        "[es] = el grafo no tiene este texto en inglés; se muestra en español.",
        "[es] = the graph has no English text here; shown in Spanish.",
    ),
}


class _Escritor:
    """Elige el idioma de cada texto y recuerda si tuvo que mostrar alguno en el otro idioma."""

    def __init__(self, idioma: Idioma) -> None:
        self.idioma: Idioma = idioma
        self.marcas: set[str] = set()

    def r(self, clave: str) -> str:
        """Un rótulo fijo en el idioma de la ficha."""
        es, en = _ROTULOS[clave]
        return en if self.idioma == "en" else es

    def t(self, texto: Texto) -> str:
        """``texto`` en el idioma de la ficha; si falta, en el otro, marcado «[es]» o «[en]»."""
        propio, otro, marca = (
            (texto.en, texto.es, "es") if self.idioma == "en" else (texto.es, texto.en, "en")
        )
        if propio or not otro:
            return propio
        self.marcas.add(marca)
        return f"[{marca}] {otro}"

    def lista(self, textos: Iterable[Texto], separador: str = ", ") -> str:
        """Los ``textos`` en el idioma de la ficha, unidos."""
        return separador.join(self.t(t) for t in textos)

    def o_nada(self, valor: str) -> str:
        """``valor``, o «(no registrado)» si está vacío."""
        return valor or self.r("no_registrado")

    def pie(self) -> list[str]:
        """La explicación de las marcas usadas."""
        return [self.r(f"marca_{'en' if m == 'es' else 'es'}") for m in sorted(self.marcas)]

    def fuentes(self, fuentes: Iterable[FuenteCitada]) -> str:
        """Artículos o normas separados por '; ', cada uno con su derogación si la hay."""
        return "; ".join(
            f.etiqueta
            + (f" ({_derogado(f.derogado_el, f.derogado_por, self.idioma)})" if f.derogado_el else "")
            for f in fuentes
        )

    def periodo(self, desde: str, hasta: str) -> str:
        """«desde X hasta Y», «desde X (vigente)» o «vigencia: fecha no hallada»."""
        if not desde and not hasta:
            return self.r("sin_fecha")
        if desde.startswith(_YA_REGIA):
            desde = self.r("ya_regia") + desde[len(_YA_REGIA) :]
        return f"{self.r('desde')} {desde or '¿?'}" + (
            f" {self.r('hasta')} {hasta}" if hasta else f" {self.r('vigente')}"
        )

    def competencia(
        self, k: FilaCompetencia, *, titular: bool = True, base: bool = True, base_texto: str | None = None
    ) -> str:
        """Una competencia en una línea: titular, función, tipo, base legal (``base_texto`` si se da)
        y vigencia."""
        texto = f"{self.t(k.funcion)} ({self.t(k.tipo)})" if k.tipo.es or k.tipo.en else self.t(k.funcion)
        if titular:
            texto = f"{self.t(k.titular)}: {texto}"
        if base:
            fuentes = self.fuentes(k.base_legal) if base_texto is None else base_texto
            texto += f"; {self.r('base_legal')}: {self.o_nada(fuentes)}"
        return f"{texto}; {self.periodo(k.desde, k.hasta)}"

    def enunciado(self, e: EnunciadoCitado, *, autor: bool = True) -> str:
        """«E073 (Efraín Arana, p. 4): «texto»» (las palabras exactas, que están en español)."""
        donde = [self.t(e.autor)] if autor and (e.autor.es or e.autor.en) else []
        donde += [f"p. {e.pagina}"] if e.pagina else []
        foro = f"{e.foro}, " if e.foro else ""
        return f"{foro}{e.ident} ({', '.join(donde)}): «{self.t(Texto(e.texto))}»"


@dataclass
class _Linea:
    """Una línea lógica de una sección: párrafo, encabezado de grupo o viñeta, con su sangría."""

    tipo: Literal["parrafo", "grupo", "vineta"]
    texto: str
    nivel: int = 0


@dataclass
class _Doc:
    """Una ficha ya en su idioma, antes de darle formato."""

    titulo: str
    cabecera: list[tuple[str, str]] = field(default_factory=list)
    secciones: list[tuple[str, list[_Linea]]] = field(default_factory=list)
    pie: list[str] = field(default_factory=list)

    def seccion(self, titulo: str, lineas: list[_Linea] | None = None) -> list[_Linea]:
        """Añade una sección y devuelve su lista de líneas."""
        self.secciones.append((titulo, lineas if lineas is not None else []))
        return self.secciones[-1][1]


def _con_siglas(nombre: str, siglas: Sequence[str]) -> str:
    return nombre + (f" ({', '.join(siglas)})" if siglas else "")


def _doc_concepto(f: Ficha, e: _Escritor) -> _Doc:
    en = e.idioma == "en"
    d = _Doc(_con_siglas(e.t(Texto(f.termino, f.termino_en)), f.siglas))
    otros = f.otros_nombres_en if en else f.otros_nombres
    if otros:
        d.cabecera.append((e.r("tambien"), "; ".join(otros)))
    d.cabecera.append((e.r("otro_idioma"), (f.termino if en else f.termino_en) or e.r("no_registrado")))
    tipo = e.t(Texto(f.clase, f.clase_en))
    if f.categoria:
        tipo += f" · {e.r('categoria')}: {e.t(Texto(f.categoria, f.categoria_en))}"
    if f.caracter:
        tipo += f" · {e.r('caracter')}: {e.t(Texto(f.caracter, f.caracter_en))}"
    d.cabecera.append((e.r("tipo"), tipo))
    if f.rector:
        d.cabecera.append((e.r("rector"), e.lista(map(Texto, f.rector, f.rector_en))))
    if f.aprobacion:
        d.cabecera.append((e.r("aprobacion"), e.lista(map(Texto, f.aprobacion, f.aprobacion_en))))
    definicion = d.seccion(e.r("definicion"))
    if f.definicion or f.definicion_en:
        definicion.append(_Linea("parrafo", e.t(Texto(f.definicion, f.definicion_en))))
        fuente = f.fuente_en if en and f.fuente_en else f.fuente
        confianza = f" ({e.r('confianza')}: {e.t(Texto(f.confianza, f.confianza_en))})" if f.confianza else ""
        definicion.append(_Linea("parrafo", f"{e.r('fuente')}: {e.o_nada(fuente)}{confianza}"))
        otra = f.definicion if en else f.definicion_en
        if otra:
            definicion.append(_Linea("parrafo", f"{e.r('def_otro_idioma')}: {otra}"))
    else:
        definicion.append(_Linea("parrafo", e.r("sin_definicion")))
    for clave, texto in (
        ("ensenar", Texto(f.nota_alcance, f.nota_alcance_en)),
        ("historia", Texto(f.nota_historica, f.nota_historica_en)),
    ):
        if texto.es or texto.en:
            d.seccion(e.r(clave), [_Linea("parrafo", e.t(texto))])
    _notas(d, e, f.notas_bilingues, f.vacios_bilingues)
    if f.mas_amplio or f.mas_especificos:
        jerarquia = d.seccion(e.r("jerarquia"))
        if f.mas_amplio:
            amplio = e.lista(map(Texto, f.mas_amplio, f.mas_amplio_en))
            jerarquia.append(_Linea("parrafo", f"{e.r('mas_amplio')}: {amplio}"))
        if f.mas_especificos:
            especificos = e.lista(map(Texto, f.mas_especificos, f.mas_especificos_en))
            jerarquia.append(_Linea("parrafo", f"{e.r('mas_especificos')}: {especificos}"))
    competencias = d.seccion(e.r("competencias_nivel"))
    if not f.competencias:
        competencias.append(_Linea("parrafo", e.r("ninguna")))
    nivel_actual = None
    for c in f.competencias:
        if c.nivel != nivel_actual:
            competencias.append(_Linea("grupo", e.t(Texto(c.nivel, c.nivel_en))))
            nivel_actual = c.nivel
        fila = FilaCompetencia(
            "",
            Texto(""),
            Texto(c.titular, c.titular_en),
            Texto(c.nivel, c.nivel_en),
            Texto(c.funcion, c.funcion_en),
            Texto(c.tipo, c.tipo_en),
            (),
            c.desde,
            c.hasta,
        )
        base = c.base_legal_en if en and c.base_legal_en else c.base_legal
        competencias.append(_Linea("vineta", e.competencia(fila, base_texto=base), 1))
    relaciones = d.seccion(e.r("relacionados"))
    if not f.relaciones:
        relaciones.append(_Linea("parrafo", e.r("ninguno")))
    for r in f.relaciones:
        fuente = r.fuente_en if en and r.fuente_en else r.fuente
        relaciones.append(_Linea("vineta", f"{e.t(Texto(r.texto, r.texto_en))} [{fuente}]"))
    return d


def _competencias_por_instrumento(
    d: _Doc, e: _Escritor, competencias: Sequence[FilaCompetencia], *, nivel: Texto | None = None
) -> None:
    """Las competencias agrupadas por instrumento; con ``nivel`` (ficha de un nivel), con su titular
    y, si es de un tipo de municipalidad, cuál."""
    lineas = d.seccion(e.r("competencias_instrumento"))
    if not competencias:
        lineas.append(_Linea("parrafo", e.r("ninguna")))
    actual: Texto | None = None
    for k in competencias:
        if k.instrumento != actual:
            lineas.append(_Linea("grupo", e.t(k.instrumento)))
            actual = k.instrumento
        texto = e.competencia(k, titular=nivel is not None)
        if nivel is not None and k.nivel != nivel:
            titular = e.t(k.titular)
            texto = f"{titular} ({e.t(k.nivel)}){texto[len(titular) :]}"
        lineas.append(_Linea("vineta", texto, 1))


def _foro(d: _Doc, e: _Escritor, enunciados: Sequence[EnunciadoCitado]) -> None:
    lineas = d.seccion(e.r("foro"))
    if not enunciados:
        lineas.append(_Linea("parrafo", e.r("ninguno_foro")))
    for en in enunciados:
        lineas.append(_Linea("vineta", e.enunciado(en)))
        lineas += [_Linea("vineta", f"{e.r('afirma')}: {e.t(a)}", 1) for a in en.afirmaciones]


def _notas(d: _Doc, e: _Escritor, notas: Sequence[Texto], vacios: Sequence[Texto]) -> None:
    if notas or vacios:
        lineas = d.seccion(e.r("notas"))
        lineas += [_Linea("vineta", f"{e.r('vacio')}: {e.t(v)}") for v in vacios]
        lineas += [_Linea("vineta", e.t(n)) for n in notas]


def _doc_actor(f: FichaActor, e: _Escritor) -> _Doc:
    en = e.idioma == "en"
    d = _Doc(_con_siglas(e.t(f.nombre), f.siglas))
    otros = f.otros_nombres_en if en else f.otros_nombres
    if otros:
        d.cabecera.append((e.r("tambien"), "; ".join(otros)))
    d.cabecera.append((e.r("otro_idioma"), e.o_nada(f.nombre.es if en else f.nombre.en)))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.clase))))
    d.cabecera.append((e.r("nivel"), e.o_nada(e.t(f.nivel))))
    d.cabecera.append((e.r("sector"), e.o_nada(e.lista(f.sector))))
    d.cabecera.append((e.r("pertenece"), e.o_nada(e.lista(f.pertenece_a))))
    if f.cargos:
        d.cabecera.append((e.r("cargo"), e.lista(f.cargos)))
    if f.unidades:
        d.cabecera.append((e.r("unidades"), e.lista(f.unidades, "; ")))
    descripcion = d.seccion(e.r("descripcion"))
    descripcion.append(_Linea("parrafo", e.o_nada(e.t(f.descripcion))))
    if f.fuente:
        descripcion.append(_Linea("parrafo", f"{e.r('fuente')}: {e.fuentes(f.fuente)}"))
    _notas(d, e, f.notas, f.vacios)
    _competencias_por_instrumento(d, e, f.competencias)
    _foro(d, e, f.en_el_foro)
    if f.dichos:
        dichos = d.seccion(e.r("dichos"))
        dichos += [_Linea("vineta", e.enunciado(x, autor=False)) for x in f.dichos]
    return d


def _doc_nivel(f: FichaNivel, e: _Escritor) -> _Doc:
    en = e.idioma == "en"
    d = _Doc(e.t(f.nombre))
    d.cabecera.append((e.r("otro_idioma"), e.o_nada(f.nombre.es if en else f.nombre.en)))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.clase))))
    if f.subdivision_de:
        d.cabecera.append((e.r("subdivision_de"), e.lista(f.subdivision_de)))
    if f.subdivisiones:
        d.cabecera.append((e.r("subdivisiones"), e.lista(f.subdivisiones)))
    d.seccion(e.r("definicion"), [_Linea("parrafo", e.o_nada(e.t(f.definicion)))])
    entidades = d.seccion(e.r("entidades"))
    entidades += [_Linea("vineta", e.t(x)) for x in f.entidades] or [_Linea("parrafo", e.r("ninguna"))]
    _competencias_por_instrumento(d, e, f.competencias, nivel=f.nombre)
    _foro(d, e, f.en_el_foro)
    return d


def _cita(e: _Escritor, c: Cita) -> str:
    rotulo = e.r(f"cita_{c.que}")
    if c.competencia is not None:
        k = c.competencia
        return f"{rotulo}: {e.t(k.instrumento)} — {e.competencia(k, base=False)}"
    if c.que == "relacion" and (c.desde or c.hasta):
        return f"{rotulo}: {e.t(c.nombre)}; {e.periodo(c.desde, c.hasta)}"
    return f"{rotulo}: {e.t(c.nombre)}"


def _doc_norma(f: FichaNorma, e: _Escritor) -> _Doc:
    d = _Doc(f.nombre)
    if f.identificador and f.identificador != f.nombre:
        d.cabecera.append((e.r("identificador"), f.identificador))
    d.cabecera.append((e.r("titulo"), e.o_nada(e.t(f.titulo))))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.tipo) or e.t(f.clase))))
    d.cabecera.append((e.r("publicacion"), e.o_nada(f.fecha_publicacion)))
    d.cabecera.append((e.r("vigente_desde"), e.o_nada(f.vigente_desde)))
    d.cabecera.append((e.r("vigente_hasta"), e.o_nada(f.vigente_hasta)))
    d.cabecera.append((e.r("derogada_por"), e.o_nada(", ".join(f.derogada_por))))
    d.cabecera.append((e.r("emitida_por"), e.o_nada(e.lista(f.emitida_por))))
    if f.confianza.es or f.confianza.en:
        d.cabecera.append((e.r("confianza"), e.t(f.confianza)))
    for pagina in f.paginas:
        d.cabecera.append((e.r("en_la_web"), pagina))
    _notas(d, e, f.notas, f.vacios)
    if f.deroga:
        deroga = d.seccion(e.r("deroga"))
        deroga += [
            _Linea(
                "vineta", x.etiqueta + (f" ({_derogado(x.derogado_el, '', e.idioma)})" * bool(x.derogado_el))
            )
            for x in f.deroga
        ]
    articulos = d.seccion(e.r("articulos"))
    citados = [a for a in f.articulos if a.citado_por]
    if not citados:
        articulos.append(_Linea("parrafo", e.r("ninguno")))
    for a in citados:
        derogado = f" ({_derogado(a.derogado_el, a.derogado_por, e.idioma)})" if a.derogado_el else ""
        articulos.append(_Linea("vineta", f"{a.etiqueta}{derogado}"))
        if a.texto_literal:
            articulos.append(_Linea("vineta", f"{e.r('texto')}: «{e.t(Texto(a.texto_literal))}»", 1))
        articulos += [_Linea("vineta", _cita(e, c), 1) for c in a.citado_por]
    sin_citas = [a.etiqueta.removeprefix(f"{f.nombre}, ") for a in f.articulos if not a.citado_por]
    if sin_citas:
        articulos.append(_Linea("parrafo", f"{e.r('sin_citas')}: {'; '.join(sin_citas)}"))
    if f.citada_sin_articulo:
        sin = d.seccion(e.r("sin_articulo"))
        sin += [_Linea("vineta", _cita(e, c)) for c in f.citada_sin_articulo]
    return d


#: Espacios que no se parten al cortar líneas: antes de una cifra («Ley 27795», «art. 2.1») salvo tras
#: coma o punto y coma; tras las abreviaturas de una cita y antes de ellas tras coma
#: («D.S. 087-2004-PCM, art. 22», «num. IV»); y antes del literal de un artículo («art. 53 a)»).
_NO_PARTIR = re.compile(
    r"(?<=[^\s,;])\ (?=\d)"  # «Ley 27795», «art. 2.1», «desde 2008»
    r"|(?<=,)\ (?=(?:arts?|num|inc)\.)"  # «PCM, art. 22»
    r"|(?:(?<=\bart\.)|(?<=\barts\.)|(?<=\bnum\.)|(?<=\binc\.))\ "  # «art. 7 c)», «num. IV»
    r"|(?<=\d)\ (?=[a-z]{1,2}\))"  # «art. 53 a)»
)
_DURO = "\u00a0"
#: Comienzos de línea que Markdown leería como lista, título o cita.
_MD_INICIO = re.compile(r"^(?:[-+#=]|\d{1,9}[.)](?=\s|$))")
_MD_ESPECIALES = re.compile(r"([\\`*_\[\]<>|])")


def _envolver(texto: str, ancho: int, primera: str, resto: str) -> list[str]:
    """``texto`` en líneas de a lo sumo ``ancho`` columnas, con sangría ``primera`` y ``resto``."""
    lineas = textwrap.wrap(
        _NO_PARTIR.sub(_DURO, texto),
        width=ancho,
        initial_indent=primera,
        subsequent_indent=resto,
        break_on_hyphens=False,
    )
    return [x.replace(_DURO, " ") for x in lineas] or [primera.rstrip()]


def _texto_plano(d: _Doc, ancho: int) -> str:
    lineas = _envolver(d.titulo, ancho, "", "  ")
    for rotulo, valor in d.cabecera:
        lineas += _envolver(f"{rotulo}: {valor}", ancho, "  ", "    ")
    for titulo, contenido in d.secciones:
        lineas += ["", *_envolver(titulo, ancho, "", "")]
        for x in contenido:
            sangria = "  " * (x.nivel + 1)
            if x.tipo == "vineta":
                lineas += _envolver(x.texto, ancho, sangria + "- ", sangria + "  ")
            else:
                lineas += _envolver(x.texto, ancho, sangria, sangria)
    if d.pie:
        lineas.append("")
        for p in d.pie:
            lineas += _envolver(p, ancho, "", "")
    return "\n".join(lineas)


def _md(texto: str) -> str:
    return _MD_ESPECIALES.sub(r"\\\1", texto)


def _envolver_md(texto: str, ancho: int, primera: str, resto: str) -> list[str]:
    """Como ``_envolver``, pero ninguna línea empieza con algo que Markdown lea como marca (se
    escapa con «\\»: por eso se corta a ``ancho - 1``)."""
    res = []
    for i, linea in enumerate(_envolver(texto, ancho - 1, primera, resto)):
        sangria = primera if i == 0 else resto
        cuerpo = linea[len(sangria) :]
        m = _MD_INICIO.match(cuerpo)
        if m:
            corte = m.end() - 1 if cuerpo[0].isdigit() else 0
            cuerpo = cuerpo[:corte] + "\\" + cuerpo[corte:]
        res.append(sangria + cuerpo)
    return res


def _titulo_md(texto: str, ancho: int, subrayado: str) -> list[str]:
    """Un título setext (subrayado con '=' o '-'), que puede ocupar varias líneas."""
    lineas = _envolver_md(_md(texto), ancho, "", "")
    return [*lineas, subrayado * min(ancho, max(len(x) for x in lineas))]


def _texto_md(d: _Doc, ancho: int) -> str:
    lineas = _titulo_md(d.titulo, ancho, "=")
    if d.cabecera:
        lineas.append("")
    for rotulo, valor in d.cabecera:
        lineas += _envolver_md(f"**{_md(rotulo)}:** {_md(valor)}", ancho, "- ", "  ")
    for titulo, contenido in d.secciones:
        lineas += ["", *_titulo_md(titulo, ancho, "-")]
        base = 0
        anterior = "parrafo"
        for x in contenido:
            if x.tipo == "vineta":
                sangria = "  " * max(0, x.nivel - base)
                if anterior != "vineta":
                    lineas.append("")
                lineas += _envolver_md(_md(x.texto), ancho, sangria + "- ", sangria + "  ")
            else:
                base = x.nivel + 1 if x.tipo == "grupo" else x.nivel
                texto = f"**{_md(x.texto)}**" if x.tipo == "grupo" else _md(x.texto)
                lineas += ["", *_envolver_md(texto, ancho, "", "")]
            anterior = x.tipo
    for p in d.pie:
        lineas += ["", *_envolver_md(f"*{_md(p)}*", ancho, "", "")]
    return "\n".join(lineas)


def texto_ficha(
    f: FichaDeEntidad, *, idioma: Idioma = "es", formato: Formato = "texto", ancho: int = ANCHO
) -> str:
    """El texto de cualquier ficha, en ``idioma`` (es, en) y ``formato`` (texto, md), en líneas de a lo
    sumo ``ancho`` columnas. Lo que falta en el idioma pedido se muestra en el otro, marcado «[es]» o
    «[en]», y el pie lo explica; lo que el grafo no tiene dice «(no registrado)»."""
    e = _Escritor(idioma)
    if isinstance(f, FichaActor):
        d = _doc_actor(f, e)
    elif isinstance(f, FichaNivel):
        d = _doc_nivel(f, e)
    elif isinstance(f, FichaNorma):
        d = _doc_norma(f, e)
    else:
        d = _doc_concepto(f, e)
    d.pie = e.pie()
    return _texto_md(d, ancho) if formato == "md" else _texto_plano(d, ancho)


def ficha_texto(f: Ficha) -> str:
    """La ficha de un concepto como texto para la terminal (en español, líneas de 80 columnas)."""
    return texto_ficha(f)
