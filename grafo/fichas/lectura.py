"""Lectura del almacén para las fichas: lo común a las de conceptos, actores, niveles y normas.

``Nodos`` guarda lo leído (propiedades de cada sujeto y nombres de cada nodo, en español e inglés);
``leer_nodos`` lo llena con una consulta SPARQL. Aquí están también la derogación de las fuentes
citadas (``derogadas``), las competencias tal como las muestran las fichas de actores, niveles y
normas (``filas_competencia``) y los pequeños pasos que comparten las fichas (clase, otros nombres,
nivel, vigencia, notas por idioma). No importa rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grafo.base.espacios import GT, GTV, RDF, RDFS, SKOS
from grafo.base.texto import es_sigla, normalizar
from grafo.busqueda.resolucion import etiqueta_preferida, iri_sparql, ultimo_segmento
from grafo.fichas.modelo import YA_REGIA, FilaCompetencia, FuenteCitada, Idioma, Texto, texto_derogado

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = [
    "OBJETO_Y_NOMBRES",
    "PROPS_DE_COMPETENCIA",
    "Nodos",
    "Objeto",
    "afirmacion",
    "clase_de",
    "derogadas",
    "filas_competencia",
    "fuentes_citadas",
    "leer_derogaciones",
    "leer_nodos",
    "leer_nombres",
    "nivel_de",
    "orden_nivel",
    "otros_nombres",
    "por_idioma",
    "unir_en",
    "valores_sparql",
    "vigencia_desde",
    "vigencia_hasta",
]


@dataclass(frozen=True, order=True)
class Objeto:
    """Un objeto leído del almacén: su valor léxico, si es literal y su idioma ('' si no tiene)."""

    valor: str
    literal: bool
    idioma: str


#: ``?o`` con su tipo (``?ol``: literal o no; ``?oi``: idioma) y sus nombres (``?pe ?e ?ei``).
OBJETO_Y_NOMBRES = (
    "BIND(isLiteral(?o) AS ?ol) BIND(lang(?o) AS ?oi) "
    "OPTIONAL { ?o ?pe ?e . VALUES ?pe { skos:prefLabel rdfs:label } "
    "FILTER(isLiteral(?e)) BIND(lang(?e) AS ?ei) }"
)


class Nodos:
    """Lo leído del almacén: propiedades de cada sujeto y nombres de cada nodo."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, set[Objeto]]] = {}
        self.nombres: dict[str, set[tuple[str, str, str]]] = {}

    def leer(self, filas: Iterable[dict[str, str]]) -> None:
        """Incorpora filas con ``?s`` y, opcionalmente, ``?p ?o ?ol ?oi ?pe ?e ?ei``."""
        for fila in filas:
            props = self.props.setdefault(fila["s"], {})
            if "p" not in fila:
                continue
            literal = fila.get("ol") == "true"
            props.setdefault(fila["p"], set()).add(Objeto(fila["o"], literal, fila.get("oi", "")))
            if literal and fila["p"] in _NOMBRES:
                self.nombres.setdefault(fila["s"], set()).add((fila["p"], fila["o"], fila.get("oi", "")))
            if "e" in fila:
                self.nombres.setdefault(fila["o"], set()).add((fila["pe"], fila["e"], fila.get("ei", "")))

    def objetos(self, sujeto: str, prop: str) -> list[Objeto]:
        """Los objetos de ``sujeto prop``, en orden."""
        return sorted(self.props.get(sujeto, {}).get(prop, ()))

    def valor(self, sujeto: str, prop: str) -> Objeto | None:
        """Un objeto de ``sujeto prop`` (el menor, si hay varios), o ``None``."""
        objetos = self.objetos(sujeto, prop)
        return objetos[0] if objetos else None

    def etiqueta(self, nodo: Objeto | str | None, lang: str = "es") -> str:
        """El nombre de ``nodo`` para mostrar ('' si no hay nodo)."""
        if nodo is None:
            return ""
        if isinstance(nodo, Objeto):
            if nodo.literal:
                return ultimo_segmento(nodo.valor)
            nodo = nodo.valor
        return etiqueta_preferida(sorted(self.nombres.get(nodo, ())), nodo, lang)

    def etiquetas(self, sujeto: str, prop: str) -> list[str]:
        """Los nombres de los objetos de ``sujeto prop``, ordenados."""
        return sorted(self.etiqueta(o) for o in self.objetos(sujeto, prop))

    def texto(self, nodo: Objeto | str | None) -> Texto:
        """El nombre de ``nodo`` en español y en inglés (``Texto('')`` si no hay nodo)."""
        if nodo is None:
            return Texto("")
        if isinstance(nodo, Objeto):
            if nodo.literal:
                return _texto_literal(nodo.valor, nodo.idioma)
            nodo = nodo.valor
        return _texto_de_nombres(self.nombres.get(nodo, ()), nodo)

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


def _texto_de_nombres(nombres: Iterable[tuple[str, str, str]], iri: str) -> Texto:
    """El nombre de ``iri`` en español y en inglés, de sus ``(propiedad, valor, idioma)``."""
    ordenados = sorted(nombres)
    return Texto(etiqueta_preferida(ordenados, iri), _nombre_en(ordenados))


def _texto_literal(valor: str, idioma: str) -> Texto:
    """Un literal como ``Texto``: el de un idioma vale solo en ese; el sin idioma, en los dos."""
    if idioma == "en":
        return Texto("", valor)
    return Texto(valor, valor if not idioma else "")


def valores_sparql(props: Iterable[str]) -> str:
    """Las propiedades ``props`` para un ``VALUES`` de SPARQL."""
    return " ".join(iri_sparql(p) for p in props)


def leer_nodos(lector: Lector, seleccion: str, props: Iterable[str]) -> Nodos:
    """Las propiedades ``props`` de los ``?s`` que liga el patrón ``seleccion``, con los nombres de sus
    objetos (y los de cada ``?s``, si ``props`` incluye sus etiquetas)."""
    nodos = Nodos()
    nodos.leer(
        lector.seleccionar(
            "SELECT DISTINCT ?s ?p ?o ?ol ?oi ?pe ?e ?ei WHERE { "
            f"{seleccion} ?s ?p ?o . VALUES ?p {{ {valores_sparql(props)} }} {OBJETO_Y_NOMBRES} }}"
        )
    )
    return nodos


def leer_nombres(lector: Lector, iris: Iterable[str]) -> dict[str, Texto]:
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
    return {i: _texto_de_nombres(n, i) for i, n in nombres.items()}


_Q_DEROGADAS = """
SELECT ?a ?hasta ?por ?sustituye WHERE {
  VALUES ?a { %s }
  { ?a gt:vigenteHasta ?hasta . OPTIONAL { ?a gt:derogadoPor|gt:derogadaPor ?d . ?d rdfs:label ?por }
    OPTIONAL { ?a gt:sustituidoPor ?x . ?x rdfs:label ?sustituye } }
}
"""


def leer_derogaciones(lector: Lector, fuentes: Iterable[str]) -> dict[str, tuple[str, str, bool]]:
    """De ``fuentes`` (artículos o normas), las que ya no rigen: IRI -> (AAAA-MM-DD, norma que derogó
    o sustituyó su texto, o ''; si fue una sustitución); si hay varias, la primera en el tiempo."""
    iris = sorted(set(fuentes))
    if not iris:
        return {}
    res: dict[str, tuple[str, str, bool]] = {}
    for f in lector.seleccionar(_Q_DEROGADAS % " ".join(iri_sparql(i) for i in iris)):
        sustituido = "sustituye" in f
        nueva = (f["hasta"][:10], f.get("sustituye", "") if sustituido else f.get("por", ""), sustituido)
        vieja = res.get(f["a"])
        if vieja is None or (nueva[0], nueva[2], nueva[1]) < (vieja[0], vieja[2], vieja[1]):
            res[f["a"]] = nueva
    return res


def derogadas(lector: Lector, fuentes: Iterable[str], idioma: Idioma = "es") -> dict[str, str]:
    """De ``fuentes`` (artículos o normas), las que ya no rigen: IRI -> «derogado el AAAA-MM-DD por X»
    (en inglés con ``idioma="en"``).

    La vigencia de un artículo la deriva la construcción (de él, de lo que lo contiene o de su norma)."""
    return {
        a: texto_derogado(fecha, por, idioma, sustituido)
        for a, (fecha, por, sustituido) in leer_derogaciones(lector, fuentes).items()
    }


def por_idioma(n: Nodos, sujeto: str, *props: str) -> list[Texto]:
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


def unir_en(textos: Sequence[Texto], separador: str) -> str:
    """Los ``en`` de ``textos`` unidos, o '' si a alguno le falta el inglés."""
    return separador.join(t.en for t in textos) if all(t.en for t in textos) else ""


#: Propiedades de una competencia que leen las fichas (además de su instrumento).
PROPS_DE_COMPETENCIA = (
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
_PROPS_COMPETENCIA = (GT.iri("instrumento"), *PROPS_DE_COMPETENCIA)


#: Orden de los niveles de gobierno en las fichas (otro cualquiera, o ninguno: 9).
_ORDEN_NIVEL = {
    GTV.iri("nacional"): 0,
    GTV.iri("regional"): 1,
    GTV.iri("local"): 2,
    GTV.iri("local-provincial"): 3,
    GTV.iri("local-distrital"): 4,
}


def nivel_de(n: Nodos, sujeto: str) -> Objeto | None:
    """El nivel de gobierno de ``sujeto`` (una competencia o un actor): su tipo de municipalidad si lo
    tiene («Local provincial» ya dice su nivel); si no, su nivel."""
    sub = n.valor(sujeto, GT.iri("tipoDeMunicipalidad"))
    return sub if sub is not None else n.valor(sujeto, GT.iri("nivel"))


def orden_nivel(nivel: Objeto | None) -> int:
    """El orden de ``nivel`` en las fichas: nacional, regional, local...; otro o ninguno, al final."""
    return _ORDEN_NIVEL.get(nivel.valor, 9) if nivel is not None else 9


def vigencia_desde(n: Nodos, sujeto: str) -> str:
    """Desde cuándo rige ``sujeto``: AAAA-MM-DD, AAAA, «ya regía en AAAA» o ''."""
    return (
        n.fecha(sujeto, GT.iri("vigenteDesde"))
        or n.anio(sujeto, GT.iri("anioInicio"))
        or n.anio(sujeto, GT.iri("yaRegiaEn"), YA_REGIA)
    )


def vigencia_hasta(n: Nodos, sujeto: str) -> str:
    """Hasta cuándo rige ``sujeto``: AAAA-MM-DD, AAAA o ''."""
    return n.fecha(sujeto, GT.iri("vigenteHasta")) or n.anio(sujeto, GT.iri("anioFin"))


def fuentes_citadas(
    n: Nodos, sujeto: str, prop: str, deroga: dict[str, tuple[str, str, bool]]
) -> tuple[FuenteCitada, ...]:
    """Los artículos o normas de ``sujeto prop``, con su derogación si la hay, ordenados."""
    return tuple(
        sorted(
            FuenteCitada(n.etiqueta(o), *deroga.get(o.valor, ("", "", False)))
            for o in n.objetos(sujeto, prop)
        )
    )


def filas_competencia(lector: Lector, seleccion: str) -> list[FilaCompetencia]:
    """Las competencias ``?s`` que liga el patrón ``seleccion``, ordenadas por nivel, instrumento,
    titular, fecha y función."""
    n = leer_nodos(lector, f"{seleccion} ?s a gt:Competencia .", _PROPS_COMPETENCIA)
    ks = sorted(n.props)
    deroga = leer_derogaciones(lector, [o.valor for k in ks for o in n.objetos(k, GT.iri("baseLegal"))])
    filas = []
    for k in ks:
        de_nivel = nivel_de(n, k)
        filas.append(
            FilaCompetencia(
                iri=k,
                instrumento=n.texto(n.valor(k, GT.iri("instrumento"))),
                titular=n.texto(n.valor(k, GT.iri("titular"))),
                nivel=n.texto(de_nivel),
                funcion=n.texto(n.valor(k, GT.iri("funcion"))),
                tipo=n.texto(n.valor(k, GT.iri("tipoDeCompetencia"))),
                base_legal=fuentes_citadas(n, k, GT.iri("baseLegal"), deroga),
                desde=vigencia_desde(n, k),
                hasta=vigencia_hasta(n, k),
                orden=orden_nivel(de_nivel),
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


def afirmacion(sujeto: Texto, prop: Texto, objeto: Texto, modo: Texto | None) -> Texto:
    """«sujeto propiedad objeto (modalidad)» en cada idioma ('' en el que falte alguna parte)."""
    partes = [sujeto, prop, objeto] + ([modo] if modo else [])

    def en(idioma: str) -> str:
        valores = [getattr(p, idioma) for p in partes]
        if not all(valores):
            return ""
        base = " ".join(valores[:3])
        return f"{base} ({valores[3]})" if modo else base

    return Texto(en("es"), en("en"))


def otros_nombres(n: Nodos, x: str) -> tuple[list[str], list[str], list[str]]:
    """Siglas, otros nombres en español (o sin idioma) y otros nombres en inglés de ``x``."""
    alternativos = {o.valor for o in n.objetos(x, SKOS.iri("altLabel")) if o.literal and o.idioma != "en"}
    return (
        sorted(a for a in alternativos if es_sigla(a)),
        sorted(a for a in alternativos if not es_sigla(a)),
        n.literales_de(x, SKOS.iri("altLabel"), "en"),
    )


#: Clases que no dicen qué es algo (todo concepto, nivel o tipo es un ``skos:Concept``).
_CLASES_GENERICAS = {SKOS.iri("Concept")}


def clase_de(n: Nodos, x: str) -> Texto:
    """El nombre de las clases de ``x`` (sin ``skos:Concept``), ordenadas y unidas con ', '."""
    clases = sorted(
        {
            n.texto(t)
            for t in n.objetos(x, RDF.iri("type"))
            if not t.literal and t.valor not in _CLASES_GENERICAS
        },
        key=lambda t: (t.es, t.en),
    )
    return Texto(", ".join(t.es for t in clases), unir_en(clases, ", "))
