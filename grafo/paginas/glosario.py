"""Etapa *pagina_glosario*: grafo construido -> el glosario entero, como página HTML o como Markdown.

Entrada: un ``Lector`` (el almacén abierto). Salida: un ``Glosario`` (una ``Entrada`` por concepto del
esquema ``gtesq:glosario``) y su texto: una página HTML autocontenida (plantilla
``grafo/web/glosario.html``) o Markdown con el mismo contenido. Lee con unas pocas consultas SPARQL
más una ficha por término (``glosario.ficha_de_iri``); no importa rdflib.

- **Términos**: los conceptos con ``skos:inScheme gtesq:glosario``, todos, en orden alfabético de su
  etiqueta española sin tildes ni mayúsculas («Índice de Desarrollo Humano» va con la I).
- **Anclas**: la última parte del IRI (``…/concepto/zee`` -> ``id="zee"``, ``glosario.html#zee``);
  un carácter fuera de ``[A-Za-z0-9_-]`` pasa a «-», y si dos términos dan la misma, el segundo lleva
  ``-2``. Los ids propios de la página empiezan por «_» (``_indice``), así que nunca chocan.
- **Ficha**: etiquetas; siglas aparte de los otros nombres; la definición con su fuente y confianza
  (si no hay: «(sin definición en las fuentes consultadas)», nunca se inventa); la explicación para
  enseñar (``skos:scopeNote``); lo que cambió después de 2013 (``skos:historyNote``); notas y vacíos;
  las competencias por nivel con base legal y fechas; los instrumentos relacionados (relaciones
  citadas y ``skos:broader``/``narrower``) como enlaces dentro de la página; y lo que dijo el foro:
  cada enunciado con ``gt:menciona`` al término, con su autor (orador o grupo) y, si se da ``red``,
  un enlace al enunciado en la red (``grafo.html#nodo=<IRI codificado>``).
- **Idiomas**: etiquetas, definición, explicación, categoría, carácter, funciones y niveles van en
  español y en inglés; la página muestra uno u otro (clases ``l-es``/``l-en`` y atributos ``lang``)
  con un interruptor que es un guion en línea, sin servidor. Lo que solo existe en español (notas,
  historia, citas, titulares) se marca ``lang="es"`` y, en la vista inglesa, «(in Spanish)».
- **Seguridad**: todo texto del grafo pasa por ``html.escape`` (también en atributos); en Markdown,
  además, se anteponen barras a los caracteres de marcado. Una política CSP en la página prohíbe todo
  recurso remoto; no hay fuentes web.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from grafo.base import recursos
from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_texto_atomico
from grafo.busqueda.resolucion import ultimo_segmento

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector
    from grafo.fichas.modelo import CompetenciaFicha, Ficha, Texto

__all__ = [
    "FORMATOS",
    "SIN_DEFINICION",
    "Categoria",
    "Cita",
    "Entrada",
    "Glosario",
    "Relacionado",
    "guardar_glosario",
    "html_de_glosario",
    "leer_glosario",
    "markdown_de_glosario",
    "texto_glosario",
]

FORMATOS = ("html", "md")
#: Lo que dice la ficha de un término sin definición (en cada idioma).
SIN_DEFINICION = {
    "es": "(sin definición en las fuentes consultadas)",
    "en": "(no definition in the sources consulted)",
}
#: Cuántas citas del foro muestra la ficha en pantalla; las demás, al desplegar «Ver N enunciados más».
CITAS_EN_PANTALLA = 6
#: Cuántas citas del foro se imprimen enteras; de las demás, solo el identificador (así ninguna ficha
#: pasa de una página impresa aunque el foro crezca; lo comprueba tests/test_pagina_glosario_navegador.py).
CITAS_IMPRESAS = 2

# --- modelo ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Categoria:
    """Una categoría del glosario (``gt:categoria``), con su nombre en cada idioma."""

    ancla: str
    es: str
    en: str


@dataclass(frozen=True)
class Cita:
    """Un enunciado del foro que menciona el término."""

    enunciado: str  # IRI
    ident: str
    texto: str
    autor: str
    foro: str


@dataclass(frozen=True)
class Relacionado:
    """Otro término unido a este: una relación citada entre instrumentos o la jerarquía SKOS."""

    destino: str  # IRI del otro término
    texto_es: str
    texto_en: str
    fuente: str = ""
    vigencia: str = ""
    jerarquia: str = ""  # "amplio" o "especifico" para skos:broader/narrower; "" para una relación


@dataclass
class Entrada:
    """La ficha de un término en el glosario, con lo que la página necesita además."""

    ancla: str
    ficha: Ficha
    categoria: Categoria | None = None
    #: las clases de la ontología del término («Instrumento», «Índice»), sin skos:Concept
    clases: list[tuple[str, str]] = field(default_factory=list)  # (es, en)
    relacionados: list[Relacionado] = field(default_factory=list)
    citas: list[Cita] = field(default_factory=list)


@dataclass
class Glosario:
    """Todas las entradas, sus categorías y las traducciones (es -> en) de los rótulos cerrados."""

    entradas: list[Entrada]
    categorias: list[Categoria]
    traducciones: dict[str, str] = field(default_factory=dict)
    grafo: str = ""
    #: la tabla comparativa de los instrumentos: las filas de la consulta con nombre «instrumentos»
    comparacion: list[dict[str, str]] = field(default_factory=list)

    def por_iri(self) -> dict[str, Entrada]:
        """Cada entrada por el IRI de su término."""
        return {e.ficha.iri: e for e in self.entradas}

    def en(self, texto: str) -> str:
        """El rótulo inglés de ``texto`` (función, nivel, categoría…), o ``texto`` si no lo hay."""
        return self.traducciones.get(texto, texto)


# --- lectura ---------------------------------------------------------------------------------------

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


def _clave(texto: str) -> str:
    """Clave de orden alfabético: sin tildes ni mayúsculas."""
    plano = unicodedata.normalize("NFD", texto)
    return "".join(c for c in plano if unicodedata.category(c) != "Mn").casefold()


def _entero(texto: str | None) -> int:
    try:
        return int(texto or "")
    except ValueError:
        return 0


def _vigencia(desde: str, hasta: str) -> str:
    if not desde and not hasta:
        return ""
    return (f"desde {desde}" if desde else "") + (f" hasta {hasta}" if hasta else "")


#: columnas de la tabla comparativa (de la consulta «instrumentos»): (columna, rótulo es, rótulo en)
_COMPARACION = (
    ("instrumento", "Instrumento", "Instrument"),
    ("que_es", "Qué es", "What it is"),
    ("escala", "Escala", "Scale"),
    ("formula", "Quién lo formula (hoy)", "Who drafts it (today)"),
    ("aprueba", "Quién lo aprueba (hoy)", "Who approves it (today)"),
    ("acto_de_aprobacion", "Con qué acto", "By which act"),
    ("vinculante", "Vinculante u orientador", "Binding or guiding"),
    ("base_legal", "Base legal (definición)", "Legal basis (definition)"),
)
_COLUMNAS_COMPARACION = (*(c for c, _es, _en in _COMPARACION), "sigla", "matiz_caracter")


def leer_comparacion(lector: Lector) -> list[dict[str, str]]:
    """Las filas de la consulta con nombre ``instrumentos`` (la tabla comparativa), con las celdas de
    lista ordenadas como las da ``grafo consulta``."""
    from grafo.consultas.catalogo import cargar_consulta

    consulta = cargar_consulta("instrumentos")
    filas = []
    for f in lector.seleccionar(consulta.texto):
        fila = {c: f.get(c, "") or "" for c in (*_COLUMNAS_COMPARACION, "instrumento")}
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


# --- texto común --------------------------------------------------------------------------------------

#: Rótulos de la página en los dos idiomas.
_ROTULOS: dict[str, tuple[str, str]] = {
    "titulo": ("Glosario territorial", "Territorial planning glossary"),
    "terminos": ("términos", "terms"),
    "indice_az": ("Índice A–Z", "A–Z index"),
    "indice_cat": ("Por categoría", "By category"),
    "sin_categoria": ("sin categoría", "no category"),
    "siglas": ("Siglas", "Acronyms"),
    "tambien": ("También llamado", "Also called"),
    "en_ingles": ("En inglés", "In Spanish"),
    "categoria": ("categoría", "category"),
    "caracter": ("carácter", "binding force"),
    "definicion": ("Definición", "Definition"),
    "fuente": ("Fuente", "Source"),
    "confianza": ("confianza", "confidence"),
    "ensenar": ("Para enseñar", "For teaching"),
    "historia": ("Qué cambió después de 2013", "What changed after 2013"),
    "notas": ("Notas y vacíos", "Notes and gaps"),
    "vacio": ("Vacío", "Gap"),
    "competencias": ("Competencias por nivel de gobierno", "Competencies by level of government"),
    "sin_competencias": ("(ninguna registrada)", "(none recorded)"),
    "nivel": ("Nivel", "Level"),
    "titular": ("Titular", "Holder"),
    "funcion": ("Función", "Function"),
    "base_legal": ("Base legal", "Legal basis"),
    "vigencia": ("Vigencia", "In force"),
    "relacionados": ("Instrumentos relacionados", "Related instruments"),
    "sin_relacionados": ("(ninguno registrado)", "(none recorded)"),
    "amplio": ("Término más amplio", "Broader term"),
    "especifico": ("Términos más específicos", "Narrower terms"),
    "foro": ("Lo que dijo el foro", "What the forum said"),
    "sin_foro": ("(ningún enunciado del foro lo menciona)", "(no forum statement mentions it)"),
    "mas_citas": ("Ver {n} enunciados más", "Show {n} more statements"),
    "otros_enunciados": ("Otros enunciados que lo mencionan", "Other statements that mention it"),
    "en_espanol": ("", "(in Spanish)"),
    "ver_red": ("ver en la red", "see in the network"),
}


def _r(clave: str, idioma: str = "es") -> str:
    es, en = _ROTULOS[clave]
    return es if idioma == "es" else en


def _vigencia_competencia(c: CompetenciaFicha, idioma: str) -> str:
    """«2004-12-23 – vigente», «2004-12-23 – 2008», «ya regía en 2013 – vigente» (o en inglés)."""
    if not c.desde and not c.hasta:
        return "fecha no hallada" if idioma == "es" else "date not found"
    desde = c.desde or "¿?"
    if idioma == "en" and desde.startswith("ya regía en "):
        desde = f"already in force in {desde.removeprefix('ya regía en ')}"
    hasta = c.hasta or ("vigente" if idioma == "es" else "in force")
    return f"{desde} – {hasta}"


def _vigencia_relacion(texto: str, idioma: str) -> str:
    if idioma == "es" or not texto:
        return texto
    return texto.replace("desde ", "from ").replace("hasta ", "to ")


def _titulo(f: Ficha, idioma: str) -> str:
    nombre = f.termino.en_idioma("en" if idioma == "en" else "es")
    return f"{nombre} ({', '.join(f.siglas)})" if f.siglas else nombre


def _corto(f: Ficha) -> str:
    """El nombre corto de un término para referirse a su ficha: su sigla, o su etiqueta."""
    return f.siglas[0] if f.siglas else f.termino.es


def _nombre_en_relacion(f: Ficha, texto: str, idioma: str) -> str:
    """Cómo se nombra el otro término junto al texto de la relación: por su nombre corto (sigla, o
    etiqueta) si el texto ya lo nombra (sin repetir «Microzonificación: Microzonificación contribuye…»);
    si no, por su título entero."""
    corto = f.siglas[0] if f.siglas else f.termino.en_idioma("en" if idioma == "en" else "es")
    if f.siglas:
        nombrado = re.search(rf"\b{re.escape(corto)}\b", texto) is not None
    else:
        nombrado = _clave(corto) in _clave(texto)
    return corto if nombrado else _titulo(f, idioma)


def _en_ambos(textos: list[Texto]) -> list[str]:
    """Los textos en todos sus idiomas, ordenados: la página los muestra juntos, como están en el grafo."""
    return sorted(x for t in textos for x in (t.es, t.en) if x)


def _enlace_red(red: str, iri: str) -> str:
    return f"{red}#nodo={quote(iri, safe='')}"


def _traducir_lista(g: Glosario, texto: str) -> str:
    return ", ".join(g.en(t.strip()) for t in texto.split(",")) if texto else ""


# --- HTML ------------------------------------------------------------------------------------------


def _e(texto: str) -> str:
    return html.escape(texto, quote=True)


def _bi(es: str, en: str, etiqueta: str = "span", clase: str = "") -> str:
    """El mismo contenido en los dos idiomas: dos elementos, uno visible según el interruptor."""
    extra = f" {clase}" if clase else ""
    return (
        f'<{etiqueta} class="l-es{extra}" lang="es">{es}</{etiqueta}>'
        f'<{etiqueta} class="l-en{extra}" lang="en">{en}</{etiqueta}>'
    )


def _rot(clave: str, etiqueta: str = "span") -> str:
    return _bi(_e(_r(clave)), _e(_r(clave, "en")), etiqueta)


def _solo_es(texto: str, etiqueta: str = "p") -> str:
    """Contenido que solo existe en español: ``lang="es"`` y un aviso en la vista inglesa."""
    return (
        f'<{etiqueta} lang="es">{texto} <span class="l-en aviso-idioma" lang="en">'
        f"{_e(_r('en_espanol', 'en'))}</span></{etiqueta}>"
    )


def _h3(clave: str) -> str:
    return f"<h3>{_rot(clave)}</h3>"


def _seccion(clase: str, cuerpo: str) -> str:
    """Una sección de la ficha: su título (el rótulo ``clase``) y su cuerpo."""
    return f'<section class="{clase}">{_h3(clase)}{cuerpo}</section>'


def _enlace_interno(destino: Entrada, es: str, en: str) -> str:
    """Un enlace a otra ficha; al imprimir lleva «(§ nombre)» si su texto no lo nombra ya."""
    corto = _corto(destino.ficha)
    seccion = "" if corto in es or corto in en else f' data-seccion="{_e(corto)}"'
    return f'<a class="interno" href="#{_e(destino.ancla)}"{seccion}>{_bi(_e(es), _e(en))}</a>'


def _html_cabecera(g: Glosario, e: Entrada, red: str | None) -> str:
    f = e.ficha
    partes = [
        f"<h2>{_bi(_e(_titulo(f, 'es')), _e(_titulo(f, 'en')))}</h2>",
    ]
    meta_es = [", ".join(es for es, _ in e.clases)] if e.clases else []
    meta_en = [", ".join(en for _, en in e.clases)] if e.clases else []
    if f.categoria.es:
        meta_es.append(f"{_r('categoria')}: {f.categoria.es}")
        meta_en.append(f"{_r('categoria', 'en')}: {_traducir_lista(g, f.categoria.es)}")
    if f.caracter.es:
        meta_es.append(f"{_r('caracter')}: {f.caracter.es}")
        meta_en.append(f"{_r('caracter', 'en')}: {g.en(f.caracter.es)}")
    if meta_es:
        partes.append(f'<p class="meta">{_bi(_e(" · ".join(meta_es)), _e(" · ".join(meta_en)))}</p>')
    nombres = []
    if f.siglas:
        nombres.append(f"<dt>{_rot('siglas')}</dt><dd>{_e(', '.join(f.siglas))}</dd>")
    if f.otros_nombres:
        nombres.append(f'<dt>{_rot("tambien")}</dt><dd lang="es">{_e("; ".join(f.otros_nombres))}</dd>')
    # la etiqueta del otro idioma: la inglesa en la vista española y la española en la inglesa
    if f.termino.en:
        nombres.append(
            f"<dt>{_rot('en_ingles')}</dt><dd>"
            f'<span class="l-es" lang="en">{_e(f.termino.en)}</span>'
            f'<span class="l-en" lang="es">{_e(f.termino.es)}</span></dd>'
        )
    if nombres:
        partes.append(f'<dl class="nombres">{"".join(nombres)}</dl>')
    if red:
        enlace = f'<a href="{_e(_enlace_red(red, f.iri))}">{_rot("ver_red")}</a>'
        partes.append(f'<p class="ver-red solo-pantalla">{enlace}</p>')
    return f"<header>{''.join(partes)}</header>"


def _html_definicion(g: Glosario, f: Ficha) -> str:
    cuerpo = []
    for idioma, texto in (("es", f.definicion.es), ("en", f.definicion.en)):
        if texto:
            fuente = ""
            if f.fuente.es:
                conf = f.confianza.es if idioma == "es" else g.en(f.confianza.es)
                fuente = (
                    f'<p class="fuente">{_e(_r("fuente", idioma))}: {_e(f.fuente.es)}'
                    + (f" ({_e(_r('confianza', idioma))}: {_e(conf)})" if conf else "")
                    + "</p>"
                )
            cuerpo.append(
                f'<div class="l-{idioma}" lang="{idioma}"><blockquote>{_e(texto)}</blockquote>{fuente}</div>'
            )
        else:
            cuerpo.append(f'<p class="l-{idioma} sin-dato" lang="{idioma}">{_e(SIN_DEFINICION[idioma])}</p>')
    return _seccion("definicion", "".join(cuerpo))


def _html_ensenar(e: Entrada) -> str:
    f = e.ficha
    if not f.nota_alcance:
        return ""
    if f.nota_alcance.en:
        cuerpo = _bi(_e(f.nota_alcance.es), _e(f.nota_alcance.en), "p")
    else:
        cuerpo = _solo_es(_e(f.nota_alcance.es))
    return _seccion("ensenar", cuerpo)


def _html_historia(e: Entrada) -> str:
    f = e.ficha
    if not f.nota_historica:
        return ""
    if f.nota_historica.es and f.nota_historica.en:
        cuerpo = _bi(_e(f.nota_historica.es), _e(f.nota_historica.en), "p")
    else:
        cuerpo = _solo_es(_e(f.nota_historica.es or f.nota_historica.en))
    return _seccion("historia", cuerpo)


def _html_notas(f: Ficha) -> str:
    if not f.notas and not f.notas_editoriales and not f.vacios:
        return ""
    items = [f"<li>{_rot('vacio', 'strong')}: {_e(v)}</li>" for v in _en_ambos(f.vacios)]
    items += [f"<li>{_e(n)}</li>" for n in _en_ambos(f.notas) + _en_ambos(f.notas_editoriales)]
    aviso = f'<p class="l-en aviso-idioma" lang="en">{_e(_r("en_espanol", "en"))}</p>'
    return _seccion("notas", f'<ul lang="es">{"".join(items)}</ul>{aviso}')


def _html_competencias(g: Glosario, f: Ficha) -> str:
    """Una tabla con un grupo de filas (``tbody``) por nivel de gobierno."""
    if not f.competencias:
        return _seccion("competencias", f"<p>{_rot('sin_competencias')}</p>")
    por_nivel: dict[str, list[CompetenciaFicha]] = {}
    for c in f.competencias:
        por_nivel.setdefault(c.nivel.es, []).append(c)
    grupos = []
    for nivel, lista in por_nivel.items():
        filas = []
        for i, c in enumerate(lista):
            celda = (
                f'<th scope="rowgroup" rowspan="{len(lista)}">{_bi(_e(nivel), _e(g.en(nivel)))}</th>'
                if i == 0
                else ""
            )
            tipo = f" ({_bi(_e(c.tipo.es), _e(g.en(c.tipo.es)))})" if c.tipo.es else ""
            vigencia = _bi(_e(_vigencia_competencia(c, "es")), _e(_vigencia_competencia(c, "en")))
            filas.append(
                f'<tr>{celda}<td lang="es">{_e(c.titular.es)}</td>'
                f'<td class="funcion">{_bi(_e(c.funcion.es), _e(g.en(c.funcion.es)))}{tipo}</td>'
                f'<td lang="es">{_e(c.base_legal.es)}</td><td class="vigencia">{vigencia}</td></tr>'
            )
        grupos.append(f"<tbody>{''.join(filas)}</tbody>")
    columnas = ("nivel", "titular", "funcion", "base_legal", "vigencia")
    cabecera = "".join(f'<th scope="col">{_rot(k)}</th>' for k in columnas)
    return _seccion("competencias", f"<table><thead><tr>{cabecera}</tr></thead>{''.join(grupos)}</table>")


def _html_relacionados(e: Entrada, por_iri: dict[str, Entrada]) -> str:
    """Las relaciones citadas, una por línea con su fuente; la jerarquía, en una línea por sentido."""
    if not e.relacionados:
        return _seccion("relacionados", f"<p>{_rot('sin_relacionados')}</p>")
    items = []
    for r in e.relacionados:
        if r.jerarquia:
            continue
        f = por_iri[r.destino].ficha
        nombre_es, nombre_en = (
            _nombre_en_relacion(f, r.texto_es, "es"),
            _nombre_en_relacion(f, r.texto_en, "en"),
        )
        enlace = _enlace_interno(por_iri[r.destino], nombre_es, nombre_en)
        extra = []
        if r.fuente:
            extra.append(f'<span class="fuente" lang="es">{_e(r.fuente)}</span>')
        if r.vigencia:
            es, en = (_e(_vigencia_relacion(r.vigencia, i)) for i in ("es", "en"))
            extra.append(_bi(es, en))
        cola = f" [{'; '.join(extra)}]" if extra else ""
        items.append(f"<li>{enlace}: {_bi(_e(r.texto_es), _e(r.texto_en))}{cola}</li>")
    for sentido in ("amplio", "especifico"):
        destinos = [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido]
        if destinos:
            enlaces = ", ".join(
                _enlace_interno(d, _titulo(d.ficha, "es"), _titulo(d.ficha, "en")) for d in destinos
            )
            items.append(f"<li>{_rot(sentido, 'strong')}: {enlaces}</li>")
    return _seccion("relacionados", f"<ul>{''.join(items)}</ul>")


def _html_cita(c: Cita, red: str | None, varios_foros: bool, impresa: bool) -> str:
    donde = f"{c.foro}, {c.ident}" if varios_foros and c.foro else c.ident
    if red:
        ident = (
            f'<a class="enunciado" href="{_e(_enlace_red(red, c.enunciado))}" '
            f'data-imprimir="{_e(red)}">{_e(donde)}</a>'
        )
    else:
        ident = _e(donde)
    cita = f'<blockquote lang="es">«{_e(c.texto)}»</blockquote>'
    clase = "" if impresa else ' class="solo-pantalla"'
    return f'<li{clase}>{cita}<p class="quien">— {_e(c.autor)}, {ident}</p></li>'


def _html_foro(e: Entrada, red: str | None, varios_foros: bool) -> str:
    """Las citas: en pantalla, las primeras y un desplegable con las demás; impresas, las primeras
    ``CITAS_IMPRESAS`` enteras y los identificadores de las demás."""
    if not e.citas:
        return _seccion("foro", f"<p>{_rot('sin_foro')}</p>")
    items = [_html_cita(c, red, varios_foros, i < CITAS_IMPRESAS) for i, c in enumerate(e.citas)]
    cuerpo = f'<ul class="citas">{"".join(items[:CITAS_EN_PANTALLA])}</ul>'
    if len(items) > CITAS_EN_PANTALLA:
        n = str(len(items) - CITAS_EN_PANTALLA)
        cuerpo += (
            f'<details class="mas-citas"><summary>'
            f"{_bi(_e(_r('mas_citas').format(n=n)), _e(_r('mas_citas', 'en').format(n=n)))}</summary>"
            f'<ul class="citas">{"".join(items[CITAS_EN_PANTALLA:])}</ul></details>'
        )
    if len(items) > CITAS_IMPRESAS:
        cuerpo += (
            f'<p class="solo-impresion">{_rot("otros_enunciados")}: '
            f"{_e(', '.join(c.ident for c in e.citas[CITAS_IMPRESAS:]))}</p>"
        )
    return _seccion("foro", cuerpo)


def _html_ficha(g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool) -> str:
    partes = [
        _html_cabecera(g, e, red),
        _html_definicion(g, e.ficha),
        _html_ensenar(e),
        _html_historia(e),
        _html_notas(e.ficha),
        _html_competencias(g, e.ficha),
        _html_relacionados(e, por_iri),
        _html_foro(e, red, varios),
    ]
    return f'<article class="ficha" id="{_e(e.ancla)}">{"".join(p for p in partes if p)}</article>'


def _letra(texto: str) -> str:
    primera = _clave(texto)[:1].upper()
    return primera if "A" <= primera <= "Z" else "#"


def _html_indice_az(g: Glosario) -> str:
    bloques = []
    for idioma in ("es", "en"):
        grupos: dict[str, list[tuple[str, Entrada]]] = defaultdict(list)
        for e in g.entradas:
            nombre = _titulo(e.ficha, idioma)
            grupos[_letra(nombre)].append((nombre, e))
        letras = sorted(grupos, key=lambda x: (x == "#", x))
        salto = " ".join(f'<a href="#_az-{idioma}-{"otros" if x == "#" else x}">{_e(x)}</a>' for x in letras)
        secciones = []
        for x in letras:
            items = "".join(
                f'<li><a href="#{_e(e.ancla)}">{_e(nombre)}</a></li>'
                for nombre, e in sorted(grupos[x], key=lambda p: (_clave(p[0]), p[1].ancla))
            )
            ancla = f"_az-{idioma}-{'otros' if x == '#' else x}"
            secciones.append(f'<section id="{ancla}"><h3>{_e(x)}</h3><ul>{items}</ul></section>')
        bloques.append(
            f'<div class="l-{idioma}" lang="{idioma}"><p class="letras">{salto}</p>'
            f'<div class="columnas">{"".join(secciones)}</div></div>'
        )
    return f'<nav id="_indice" aria-label="Índice A–Z"><h2>{_rot("indice_az")}</h2>{"".join(bloques)}</nav>'


def _html_indice_categorias(g: Glosario) -> str:
    grupos: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        grupos[e.categoria.ancla if e.categoria else ""].append(e)
    secciones = []
    cats = [(k.ancla, k.es, k.en) for k in g.categorias]
    if grupos.get(""):
        cats.append(("_cat-sin-categoria", _r("sin_categoria"), _r("sin_categoria", "en")))
    for ancla, es, en in cats:
        clave = "" if ancla == "_cat-sin-categoria" else ancla
        entradas = sorted(grupos.get(clave, []), key=lambda e: (_clave(e.ficha.termino.es), e.ancla))
        if not entradas:
            continue
        items = "".join(
            f'<li><a href="#{_e(e.ancla)}">{_bi(*(_e(_titulo(e.ficha, i)) for i in ("es", "en")))}</a></li>'
            for e in entradas
        )
        secciones.append(
            f'<section id="{_e(ancla)}"><h3>{_bi(_e(es), _e(en))} '
            f'<span class="cuenta">({len(entradas)})</span></h3><ul>{items}</ul></section>'
        )
    return (
        f'<nav id="_categorias" aria-label="Por categoría"><h2>{_rot("indice_cat")}</h2>'
        f'<div class="columnas">{"".join(secciones)}</div></nav>'
    )


def _html_comparacion(g: Glosario) -> str:
    """La tabla comparativa de los instrumentos: la hoja que un formador imprimiría."""
    if not g.comparacion:
        return ""
    anclas = {e.ficha.termino.es: e.ancla for e in g.entradas}
    cab = "".join(f"<th>{_bi(_e(es), _e(en))}</th>" for _c, es, en in _COMPARACION)
    filas = []
    for f in g.comparacion:
        celdas = []
        for c, _es, _en in _COMPARACION:
            valor = f.get(c, "")
            if c == "instrumento":
                nombre = valor + (f" ({f['sigla']})" if f.get("sigla") else "")
                ancla = anclas.get(valor)
                texto = f'<a class="interno" href="#{_e(ancla)}">{_e(nombre)}</a>' if ancla else _e(nombre)
            elif c == "vinculante" and f.get("matiz_caracter"):
                texto = f"{_e(valor)}<br><small>{_e(f['matiz_caracter'])}</small>"
            else:
                texto = _e(valor) if valor else "—"
            celdas.append(f"<td>{texto}</td>")
        filas.append("<tr>" + "".join(celdas) + "</tr>")
    titulo = _bi("Tabla comparativa de los instrumentos", "Comparison table of the instruments")
    nota = _bi(
        _e("«Hoy»: competencias sin fin de vigencia registrado. Textos del grafo (consulta «instrumentos»)."),
        _e("“Today”: competencies with no recorded end. Spanish texts, from query “instrumentos”."),
    )
    return (
        f'<section id="_comparacion"><h2>{titulo}</h2><p class="intro">{nota}</p>'
        f'<div class="tabla-comparacion"><table><thead><tr>{cab}</tr></thead>'
        f"<tbody>{''.join(filas)}</tbody></table></div></section>"
    )


def html_de_glosario(g: Glosario, red: str | None = "grafo.html") -> str:
    """La página HTML autocontenida del glosario. Con ``red`` (la URL relativa de la red interactiva),
    cada cita del foro enlaza a su enunciado en ella; con ``None``, las citas no llevan enlace."""
    from string import Template

    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    n = len(g.entradas)
    resumen_es = f"{n} {_r('terminos')}" + (f" · grafo: {g.grafo}" if g.grafo else "")
    resumen_en = f"{n} {_r('terminos', 'en')}" + (f" · graph: {g.grafo}" if g.grafo else "")
    plantilla = Template(recursos.archivo_web("glosario.html").read_text(encoding="utf-8"))
    return plantilla.substitute(
        titulo=_e(_r("titulo")),
        titulo_bi=_bi(_e(_r("titulo")), _e(_r("titulo", "en"))),
        resumen=_bi(_e(resumen_es), _e(resumen_en)),
        indice_az=_html_indice_az(g),
        indice_categorias=_html_indice_categorias(g),
        comparacion=_html_comparacion(g),
        fichas="\n".join(_html_ficha(g, e, por_iri, red, varios) for e in g.entradas),
    )


# --- Markdown ----------------------------------------------------------------------------------------

_MARCADO_MD = re.compile(r"([\\`*_\[\]|#])")


def _md(texto: str) -> str:
    """Texto plano para Markdown: sin HTML activo ni marcado, en una línea."""
    plano = " ".join(texto.split())
    return _MARCADO_MD.sub(r"\\\1", html.escape(plano, quote=False))


def _md_enlace(texto: str, destino: str) -> str:
    return f"[{_md(texto)}]({destino.replace(' ', '%20').replace(')', '%29')})"


def _md_ficha(g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool) -> str:
    f = e.ficha
    lineas = [f'<a id="{_e(e.ancla)}"></a>', "", f"### {_md(_titulo(f, 'es'))}", ""]
    meta = [f"*{_md(f.termino.en)}*"] if f.termino.en else []
    meta += [_md(", ".join(es for es, _ in e.clases))] if e.clases else []
    meta += [f"{_r('categoria')}: {_md(f.categoria.es)}"] if f.categoria.es else []
    meta += [f"{_r('caracter')}: {_md(f.caracter.es)}"] if f.caracter.es else []
    if meta:
        lineas += [" · ".join(meta), ""]
    if f.siglas:
        lineas.append(f"- **{_r('siglas')}:** {_md(', '.join(f.siglas))}")
    if f.otros_nombres:
        lineas.append(f"- **{_r('tambien')}:** {_md('; '.join(f.otros_nombres))}")
    if f.siglas or f.otros_nombres:
        lineas.append("")
    for idioma, texto in (("es", f.definicion.es), ("en", f.definicion.en)):
        rotulo = f"**{_r('definicion', idioma)}**" + (" (en)" if idioma == "en" else "")
        if texto:
            lineas += [f"{rotulo}: {_md(texto)}", ""]
            if f.fuente.es:
                conf = f.confianza.es if idioma == "es" else g.en(f.confianza.es)
                lineas.append(
                    f"{_r('fuente', idioma)}: {_md(f.fuente.es)}"
                    + (f" ({_r('confianza', idioma)}: {_md(conf)})" if conf else "")
                )
        else:
            lineas.append(f"{rotulo}: {_md(SIN_DEFINICION[idioma])}")
        lineas.append("")
    if f.nota_alcance.es:
        lineas += [f"**{_r('ensenar')}**: {_md(f.nota_alcance.es)}", ""]
    if f.nota_alcance.en:
        lineas += [f"**{_r('ensenar', 'en')}** (en): {_md(f.nota_alcance.en)}", ""]
    if f.nota_historica:
        lineas += [f"**{_r('historia')}**: {_md(f.nota_historica.es or f.nota_historica.en)}", ""]
    if f.vacios or f.notas or f.notas_editoriales:
        lineas += [f"**{_r('notas')}**", ""]
        lineas += [f"- {_r('vacio')}: {_md(v)}" for v in _en_ambos(f.vacios)]
        lineas += [f"- {_md(n)}" for n in _en_ambos(f.notas) + _en_ambos(f.notas_editoriales)]
        lineas.append("")
    lineas += [f"**{_r('competencias')}**", ""]
    if f.competencias:
        lineas.append("| nivel | titular | función | base legal | vigencia |")
        lineas.append("|---|---|---|---|---|")
        for c in f.competencias:
            funcion = f"{c.funcion.es} ({c.tipo.es})" if c.tipo.es else c.funcion.es
            lineas.append(
                f"| {_md(c.nivel.es)} | {_md(c.titular.es)} | {_md(funcion)} | {_md(c.base_legal.es)} "
                f"| {_md(_vigencia_competencia(c, 'es'))} |"
            )
    else:
        lineas.append(_r("sin_competencias"))
    lineas += ["", f"**{_r('relacionados')}**", ""]
    if e.relacionados:
        for r in e.relacionados:
            if r.jerarquia:
                continue
            destino = por_iri[r.destino]
            nombre = _nombre_en_relacion(destino.ficha, r.texto_es, "es")
            extra = "; ".join(x for x in (r.fuente, r.vigencia) if x)
            lineas.append(
                f"- {_md_enlace(nombre, '#' + destino.ancla)}: {_md(r.texto_es)}"
                + (f" \\[{_md(extra)}\\]" if extra else "")
            )
        for sentido in ("amplio", "especifico"):
            destinos = [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido]
            if destinos:
                enlaces = ", ".join(_md_enlace(_titulo(d.ficha, "es"), "#" + d.ancla) for d in destinos)
                lineas.append(f"- {_r(sentido)}: {enlaces}")
    else:
        lineas.append(_r("sin_relacionados"))
    lineas += ["", f"**{_r('foro')}**", ""]
    if e.citas:
        for cita in e.citas:
            donde = f"{cita.foro}, {cita.ident}" if varios and cita.foro else cita.ident
            ident = _md_enlace(donde, _enlace_red(red, cita.enunciado)) if red else _md(donde)
            lineas.append(f"- «{_md(cita.texto)}» — {_md(cita.autor)}, {ident}")
    else:
        lineas.append(_r("sin_foro"))
    lineas.append("")
    return "\n".join(lineas)


def markdown_de_glosario(g: Glosario, red: str | None = "grafo.html") -> str:
    """El glosario en Markdown: el mismo contenido que la página (con la definición y la explicación
    también en inglés), con anclas ``<a id>`` para los enlaces entre fichas."""
    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    lineas = [f"# {_r('titulo')}", ""]
    lineas += [f"{len(g.entradas)} {_r('terminos')}" + (f" · grafo: {_md(g.grafo)}" if g.grafo else ""), ""]
    lineas += [f"## {_r('indice_az')}", ""]
    grupos: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        grupos[_letra(e.ficha.termino.es)].append(e)
    for x in sorted(grupos, key=lambda x: (x == "#", x)):
        enlaces = " · ".join(_md_enlace(_titulo(e.ficha, "es"), "#" + e.ancla) for e in grupos[x])
        lineas += [f"**{_md(x)}** {enlaces}", ""]
    lineas += [f"## {_r('indice_cat')}", ""]
    por_cat: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        por_cat[e.categoria.es if e.categoria else ""].append(e)
    nombres = [(k.es, f"{k.es} ({k.en})") for k in g.categorias] + [("", _r("sin_categoria"))]
    for clave, nombre in nombres:
        if por_cat.get(clave):
            enlaces = " · ".join(_md_enlace(_titulo(e.ficha, "es"), "#" + e.ancla) for e in por_cat[clave])
            lineas += [f"### {_md(nombre)}", "", enlaces, ""]
    if g.comparacion:
        lineas += ["## Tabla comparativa de los instrumentos", ""]
        lineas += ["| " + " | ".join(es for _c, es, _en in _COMPARACION) + " |"]
        lineas += ["|" + "---|" * len(_COMPARACION)]
        for f in g.comparacion:
            celdas = []
            for c, _es, _en in _COMPARACION:
                valor = f.get(c, "")
                if c == "instrumento" and f.get("sigla"):
                    valor += f" ({f['sigla']})"
                if c == "vinculante" and f.get("matiz_caracter"):
                    valor += f" — {f['matiz_caracter']}"
                celdas.append(_md(valor).replace("\n", " ") or "—")
            lineas += ["| " + " | ".join(celdas) + " |"]
        lineas += [""]
    lineas += ["## Términos", ""]
    lineas += [_md_ficha(g, e, por_iri, red, varios) for e in g.entradas]
    return "\n".join(lineas).rstrip("\n") + "\n"


# --- salida -------------------------------------------------------------------------------------------


def texto_glosario(g: Glosario, formato: str = "html", red: str | None = "grafo.html") -> str:
    """El glosario en ``formato`` (``html`` o ``md``)."""
    if formato == "html":
        return html_de_glosario(g, red)
    if formato == "md":
        return markdown_de_glosario(g, red)
    raise GrafoError(f"formato de glosario desconocido '{formato}'. Formatos: {', '.join(FORMATOS)}.")


def guardar_glosario(g: Glosario, ruta: Path, formato: str = "html") -> None:
    """Escribe el glosario en ``ruta`` de forma atómica. Las citas enlazan a ``grafo.html`` solo si
    esa página está junto a ``ruta`` (como en un directorio de ``grafo construir``)."""
    ruta = Path(ruta)
    red = "grafo.html" if (ruta.parent / "grafo.html").is_file() else None
    escribir_texto_atomico(ruta, texto_glosario(g, formato, red))
