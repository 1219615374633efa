"""Etapa *glosario*: grafo construido -> fichas de términos.

Entrada: un ``Lector`` (el almacén abierto) y el término tal como lo escribe el usuario (sigla o
etiqueta, sin importar tildes ni mayúsculas; ver ``grafo.busqueda``). Salida: ``Ficha`` del término
(etiquetas, siglas, definición con su fuente, notas, competencias por nivel, instrumentos
relacionados) y su texto para la terminal. Lee con unas pocas consultas SPARQL; no importa rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .busqueda import es_sigla, etiqueta_preferida, iri_sparql, normalizar, resolver, ultimo_segmento
from .espacios import DCTERMS, GT, GTV, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from .almacen import Lector

__all__ = [
    "CompetenciaFicha",
    "Ficha",
    "RelacionFicha",
    "ficha",
    "ficha_de_iri",
    "ficha_texto",
    "normalizar",
]

_ORDEN_NIVEL = {
    GTV.iri("nacional"): 0,
    GTV.iri("regional"): 1,
    GTV.iri("local"): 2,
    GTV.iri("local-provincial"): 3,
    GTV.iri("local-distrital"): 4,
}


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


def derogadas(lector: Lector, fuentes: Iterable[str]) -> dict[str, str]:
    """De ``fuentes`` (artículos o normas), las que ya no rigen: IRI -> «derogado el AAAA-MM-DD por X».

    Un artículo deja de regir si él (gt:vigenteHasta) o su norma entera dejaron de regir."""
    iris = sorted(set(fuentes))
    if not iris:
        return {}
    res: dict[str, str] = {}
    for f in lector.seleccionar(_Q_DEROGADAS % " ".join(iri_sparql(i) for i in iris)):
        texto = f"derogado el {f['hasta'][:10]}" + (f" por {f['por']}" if f.get("por") else "")
        res[f["a"]] = min(res.get(f["a"], texto), texto)
    return res


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
    fuera = derogadas(lector, citadas)
    f = Ficha(
        iri=c,
        termino=n.etiqueta(c),
        termino_en=n.etiqueta(c, "en"),
        clase=", ".join(sorted(n.etiqueta(t) for t in n.objetos(c, RDF.iri("type")) if not t.literal)),
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
    )
    comps = []
    for k in competencias:
        nivel = n.valor(k, GT.iri("nivel"))
        sub = n.valor(k, GT.iri("tipoDeMunicipalidad"))
        de_nivel = sub if sub is not None else nivel
        comps.append(
            CompetenciaFicha(
                nivel=n.etiqueta(de_nivel),
                titular=n.etiqueta(n.valor(k, GT.iri("titular"))),
                funcion=n.etiqueta(n.valor(k, GT.iri("funcion"))),
                base_legal=n.fuentes(k, GT.iri("baseLegal"), fuera),
                desde=n.fecha(k, GT.iri("vigenteDesde"))
                or n.anio(k, GT.iri("anioInicio"))
                or n.anio(k, GT.iri("yaRegiaEn"), "ya regía en "),
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
        rels.append(RelacionFicha(texto, n.fuentes(r, DCTERMS.iri("source"), fuera)))
    f.relaciones = sorted(rels, key=lambda r: (r.texto, r.fuente))
    return f


def _periodo(c: CompetenciaFicha) -> str:
    if not c.desde and not c.hasta:
        return "vigencia: fecha no hallada"
    return f"desde {c.desde or '¿?'}" + (f" hasta {c.hasta}" if c.hasta else " (vigente)")


def ficha_texto(f: Ficha) -> str:
    """La ficha como texto para la terminal."""
    lineas = [f"{f.termino}" + (f" ({', '.join(f.siglas)})" if f.siglas else "")]
    if f.otros_nombres:
        lineas.append(f"  también: {'; '.join(f.otros_nombres)}")
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
