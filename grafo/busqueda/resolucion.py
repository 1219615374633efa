"""Etapa *búsqueda*: texto del usuario -> IRI de un término, actor, nivel, foro... del grafo construido.

Entrada: un ``Lector`` (el almacén abierto) y el texto tal como lo escribió el usuario (sigla,
etiqueta o identificador, sin importar tildes, mayúsculas ni artículo inicial). Salida: el IRI como
texto, o ``TerminoDesconocidoError`` con sugerencias. Una sola consulta SPARQL por búsqueda: el
texto del usuario nunca entra en la consulta, se compara en Python. No importa rdflib.

Reglas, en orden; la primera que encuentra algo decide:

1. **Igualdad normalizada** (``normalizar``): «la ZEE» = «ZEE», «demarcacion» = «Demarcación».
   Si empatan varios, gana el nombre preferido (``skos:prefLabel``, ``rdfs:label``) sobre la sigla
   o el nombre alternativo, y el español (o sin idioma) sobre el inglés; si aun así empatan, es
   ambiguo y el error lo dice.

Con ``aproximado=True`` (lo usa ``grafo definir`` vía ``resolver_entidad``), además:

2. **Siglas con puntos**: los puntos de una sigla escrita con puntos no cuentan, ni en lo buscado
   ni en los nombres: «Z.E.E.» = «ZEE», «DS 087-2004-PCM» = «D.S. 087-2004-PCM». Solo las palabras
   hechas de letras sueltas con punto («Z.E.E.», «D.S.»): «art. 2.1» o «D.Leg.» no cambian.
3. **Prefijo único**: una sola palabra de al menos 3 letras con la que empieza (como palabra
   entera) un nombre de **una sola** entidad la nombra: «regalia» -> «Regalía minera». Los
   nombres cuentan con la prioridad de la regla 1: si la palabra empieza el nombre preferido de
   una sola entidad, es esa, aunque empiece también un nombre alternativo de otra
   («Zonificación» -> «Zonificación Ecológica y Económica», no «Esquema de Zonificación», cuyo
   nombre alternativo es «Zonificación urbana»). Si empieza nombres igual de preferidos de dos o
   más entidades («plan»), no se adivina: el error las sugiere. Varias palabras no se completan
   («zonificacion ecologica» da el error con sugerencias), para que un nombre mal recordado no
   se confunda con otro.

Si nada encuentra: ``TerminoDesconocidoError`` «no se encontró ... ¿Quiso decir: …?», con los
nombres que empiezan así, los parecidos (``difflib``) y los que contienen lo buscado.

``resolver_entidad`` y ``entidades`` buscan y listan lo que ``grafo definir`` y ``grafo terminos``
conocen: conceptos (``gt:ConceptoTerritorial``), actores (``gt:Actor``, salvo lo propio de un
foro, como sus grupos de trabajo), niveles de gobierno (``gt:NivelDeGobierno`` y
``gt:TipoDeMunicipalidad``; también como «nivel local», «nivel de gobierno regional» o
«regional level») y normas (``gt:Documento``: normas y otros documentos citados).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from grafo.base.errores import ConsultaInvalidaError, TerminoDesconocidoError
from grafo.base.espacios import DCTERMS, GT, RDFS, SKOS
from grafo.base.texto import es_sigla, normalizar, recortar

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = [
    "TIPOS_ENTIDAD",
    "Entidad",
    "TipoEntidad",
    "entidades",
    "etiqueta_preferida",
    "iri_sparql",
    "normalizar",
    "recortar",
    "resolver",
    "resolver_entidad",
    "resolver_foro",
    "ultimo_segmento",
]

_IRI_VALIDO = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')

_PREF_LABEL = SKOS.iri("prefLabel")
_LABEL = RDFS.iri("label")
_ALT_LABEL = SKOS.iri("altLabel")
_IDENTIFIER = DCTERMS.iri("identifier")
#: Prioridad de cada propiedad de nombre (0 = nombre preferido; +2 si no está en español).
_PRIORIDAD = {_PREF_LABEL: 0, _LABEL: 0, _ALT_LABEL: 1, _IDENTIFIER: 1}

_CONCEPTO = GT.iri("ConceptoTerritorial")
_FORO = GT.iri("Foro")
_QUE = {
    _CONCEPTO: "término",
    GT.iri("NivelDeGobierno"): "nivel de gobierno",
    GT.iri("Actor"): "actor",
    GT.iri("Sector"): "sector",
    GT.iri("Sesion"): "sesión",
    GT.iri("GrupoDeTrabajo"): "grupo de trabajo",
    GT.iri("TipoDeEnunciado"): "tipo de enunciado",
    _FORO: "foro",
}


def iri_sparql(iri: str) -> str:
    """``<iri>`` para escribir en el texto de una consulta (solo IRIs del proyecto o del almacén)."""
    if not _IRI_VALIDO.match(iri):
        raise ConsultaInvalidaError(f"IRI no válido para una consulta: {iri!r}.")
    return f"<{iri}>"


def ultimo_segmento(iri: str) -> str:
    """La última parte de un IRI, tras '/' y luego '#' ('.../foro/foro-x' -> 'foro-x')."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def etiqueta_preferida(nombres: Sequence[tuple[str, str, str]], iri: str, lang: str = "es") -> str:
    """El nombre de ``iri`` para mostrar, de sus ``(propiedad, valor, idioma)``.

    ``skos:prefLabel`` antes que ``rdfs:label``; en cada una, el del idioma ``lang`` y si no el sin
    idioma (el menor, si hay varios); si no hay ninguno, la última parte del IRI.
    """
    for prop in (_PREF_LABEL, _LABEL):
        for idioma in (lang, ""):
            valores = [v for p, v, i in nombres if p == prop and i == idioma]
            if valores:
                return min(valores)
    return ultimo_segmento(iri)


@dataclass
class _Candidato:
    nombres: set[tuple[str, str, str]] = field(default_factory=set)  # (propiedad, valor, idioma)
    foros: set[str] = field(default_factory=set)


def _consulta_candidatos(clases: Sequence[str] | None) -> str:
    props = " ".join(iri_sparql(p) for p in _PRIORIDAD)
    if clases is None:
        seleccion = f"?c rdfs:subClassOf* {iri_sparql(GT.iri('Actor'))} ."
    else:
        valores = " ".join(iri_sparql(c) for c in clases)
        seleccion = f"VALUES ?clase {{ {valores} }} ?c rdf:type/rdfs:subClassOf* ?clase ."
    return (
        "SELECT DISTINCT ?c ?p ?v ?idioma ?foro WHERE { "
        f"{seleccion} FILTER(isIRI(?c)) "
        f"{{ ?c ?p ?v . VALUES ?p {{ {props} }} FILTER(isLiteral(?v)) BIND(lang(?v) AS ?idioma) }} "
        "UNION { ?c dct:isPartOf|schema:superEvent ?foro } "
        "}"
    )


def _candidatos(filas: Iterable[dict[str, str]]) -> dict[str, _Candidato]:
    res: dict[str, _Candidato] = {}
    for fila in filas:
        cand = res.setdefault(fila["c"], _Candidato())
        if "foro" in fila:
            cand.foros.add(fila["foro"])
        elif "v" in fila:
            cand.nombres.add((fila["p"], fila["v"], fila.get("idioma", "")))
    return res


#: Una palabra que es una sigla escrita con puntos: letras sueltas, cada una con su punto («z.e.e.»,
#: «d.s.»; el último punto puede faltar: «z.e.e»). «art.» o «d.leg.» no lo son.
_SIGLA_CON_PUNTOS = re.compile(r"^(?:[^\W\d_]\.){2,}$|^(?:[^\W\d_]\.)+[^\W\d_]$")
#: Largo mínimo de una palabra para completarla por prefijo (regla 3).
_PREFIJO_MINIMO = 3
#: Cuántos nombres que empiezan con lo buscado muestra como mucho el mensaje de error.
_SUGERENCIAS_MAXIMAS = 12


def _sin_puntos(normalizado: str) -> str:
    """``normalizado`` sin los puntos de sus siglas con puntos («z.e.e.» -> «zee»; regla 2)."""
    return " ".join(p.replace(".", "") if _SIGLA_CON_PUNTOS.match(p) else p for p in normalizado.split(" "))


def _empieza(nombre: str, palabra: str) -> bool:
    """``True`` si ``nombre`` (normalizado) empieza con la palabra entera ``palabra`` (regla 3)."""
    return _sin_puntos(nombre).startswith(palabra + " ")


def _nombres_normalizados(
    candidatos: dict[str, _Candidato], extra: Callable[[str], list[tuple[int, str]]]
) -> dict[str, list[tuple[int, str]]]:
    """Cada candidato con sus nombres normalizados y su prioridad (0 = el mejor)."""
    res: dict[str, list[tuple[int, str]]] = {}
    for c in sorted(candidatos):
        nombres = [
            (_PRIORIDAD[p] + (0 if idioma in ("", "es") else 2), v) for p, v, idioma in candidatos[c].nombres
        ]
        res[c] = sorted({(prio, normalizar(et)) for prio, et in nombres + extra(c)})
    return res


def _elegir(
    candidatos: dict[str, _Candidato],
    mejores: dict[str, int],
    texto: str,
    mostrar: Callable[[str, _Candidato], str],
) -> str:
    """De los que coinciden (IRI -> prioridad), el de mejor prioridad; si empatan, el error."""
    tope = min(mejores.values())
    elegidos = sorted(c for c, p in mejores.items() if p == tope)
    if len(elegidos) == 1:
        return elegidos[0]
    foros = sorted({ultimo_segmento(f) for c in elegidos for f in candidatos[c].foros})
    if len(foros) > 1:
        raise TerminoDesconocidoError(
            f"'{texto}' existe en varios foros: {', '.join(foros)}. "
            f"Elija uno con --param foro=ID (p. ej. --param foro={foros[0]}).",
            foros,
        )
    etiquetas = [mostrar(c, candidatos[c]) for c in elegidos]
    raise TerminoDesconocidoError(
        f"'{texto}' es ambiguo: puede ser {'; '.join(etiquetas)}. Use la etiqueta completa.",
        etiquetas,
    )


def _resolver_en(
    candidatos: dict[str, _Candidato],
    texto: str,
    que: str,
    mostrar: Callable[[str, _Candidato], str],
    extra: Callable[[str], list[tuple[int, str]]] = lambda _iri: [],
    *,
    aproximado: bool = False,
) -> str:
    """El candidato que nombra ``texto`` según las reglas del docstring del módulo."""
    return _resolver_detalle(candidatos, texto, que, mostrar, extra, aproximado=aproximado)[0]


def _resolver_detalle(
    candidatos: dict[str, _Candidato],
    texto: str,
    que: str,
    mostrar: Callable[[str, _Candidato], str],
    extra: Callable[[str], list[tuple[int, str]]] = lambda _iri: [],
    *,
    aproximado: bool = False,
) -> tuple[str, list[str]]:
    """Como ``_resolver_en``, y además los otros candidatos con un nombre menos preferido que también
    empieza con lo buscado, si decidió la regla 3 (para decírselo al usuario: nunca en silencio)."""
    buscado = normalizar(texto)
    if not buscado:
        raise TerminoDesconocidoError(f"el {que} buscado está vacío.")
    nombres = _nombres_normalizados(candidatos, extra)
    indice: dict[str, str] = {}
    for c, lista in nombres.items():
        for _prio, n in lista:
            indice.setdefault(n, c)
    reglas: list[Callable[[str], bool]] = [lambda n: n == buscado]
    if aproximado:
        plano = _sin_puntos(buscado)
        reglas.append(lambda n: _sin_puntos(n) == plano)
    for regla in reglas:
        mejores: dict[str, int] = {}
        for c, lista in nombres.items():
            for prio, n in lista:
                if regla(n) and prio < mejores.get(c, 99):
                    mejores[c] = prio
        if mejores:
            return _elegir(candidatos, mejores, texto, mostrar), []
    empiezan: list[str] = []
    if aproximado:
        plano = _sin_puntos(buscado)
        if " " not in plano and len(plano) >= _PREFIJO_MINIMO:
            por_prefijo: dict[str, int] = {}
            for c, lista in nombres.items():
                for prio, n in lista:
                    if _empieza(n, plano) and prio < por_prefijo.get(c, 99):
                        por_prefijo[c] = prio
            if por_prefijo:
                tope = min(por_prefijo.values())
                elegidos = [c for c, p in por_prefijo.items() if p == tope]
                if len(elegidos) == 1:
                    return elegidos[0], sorted(c for c in por_prefijo if c != elegidos[0])
                empiezan = sorted(por_prefijo, key=lambda c: (por_prefijo[c], c))
    cercanos = difflib.get_close_matches(buscado, list(indice), n=5, cutoff=0.6)
    contienen = [n for n in indice if buscado in n and n not in cercanos]
    todas = list(
        dict.fromkeys(
            [mostrar(c, candidatos[c]) for c in empiezan]
            + [mostrar(indice[n], candidatos[indice[n]]) for n in cercanos + sorted(contienen)]
        )
    )
    # Todos los que empiezan así van en ``sugerencias``; el mensaje muestra a lo sumo 12.
    sugerencias = todas[: max(6, len(empiezan))]
    mostradas = sugerencias[:_SUGERENCIAS_MAXIMAS] if empiezan else sugerencias
    resto = len(sugerencias) - len(mostradas)
    mas = f" (y {resto} más; 'grafo terminos' los lista)" if resto else ""
    pista = f" ¿Quiso decir: {', '.join(mostradas)}{mas}?" if sugerencias else ""
    raise TerminoDesconocidoError(f"no se encontró el {que} '{texto}'.{pista}", sugerencias)


def _etiqueta_candidato(iri: str, cand: _Candidato) -> str:
    return etiqueta_preferida(sorted(cand.nombres), iri)


def resolver(
    lector: Lector,
    texto: str,
    clases: Sequence[str] | None = (_CONCEPTO,),
    *,
    dentro_de: str | None = None,
    aproximado: bool = False,
) -> str:
    """El IRI cuyo nombre, sigla o identificador es ``texto`` entre las instancias de ``clases``.

    ``clases`` son IRIs completos (``GT.iri("Actor")``); con ``None`` busca entre las subclases de
    ``gt:Actor`` (tipos de actor). Con ``dentro_de`` (IRI de un foro) solo cuentan las instancias
    que son parte de ese foro (``dct:isPartOf``; las sesiones, ``schema:superEvent``). Si varias
    empatan y son de foros distintos, el error pide elegir el foro con ``--param foro=ID``. Con
    ``aproximado``, también las reglas 2 y 3 del docstring del módulo (siglas con puntos, prefijo
    único).
    """
    if isinstance(clases, str):
        clases = (clases,)
    candidatos = _candidatos(lector.seleccionar(_consulta_candidatos(clases)))
    if dentro_de is not None:
        candidatos = {c: d for c, d in candidatos.items() if dentro_de in d.foros}
    if clases is None:
        que = "tipo de actor"
    elif len(clases) == 1:
        que = _QUE.get(clases[0], "recurso")
    else:
        que = "término, actor o nivel"
    return _resolver_en(candidatos, texto, que, _etiqueta_candidato, aproximado=aproximado)


def resolver_foro(lector: Lector, texto: str) -> str:
    """El IRI del foro cuyo id (``dct:identifier`` o última parte del IRI) o título es ``texto``."""
    candidatos = _candidatos(lector.seleccionar(_consulta_candidatos((_FORO,))))
    for cand in candidatos.values():
        cand.foros.clear()  # un foro no es parte de otro foro a efectos de esta búsqueda
    return _resolver_en(
        candidatos,
        texto,
        _QUE[_FORO],
        lambda iri, _c: ultimo_segmento(iri),
        lambda iri: [(0, ultimo_segmento(iri))],
    )


# --- entidades que se pueden definir: conceptos, actores, niveles y normas ---------------------------

TipoEntidad = Literal["concepto", "actor", "nivel", "norma"]
#: Los tipos de entidad, en el orden en que se listan.
TIPOS_ENTIDAD: tuple[TipoEntidad, ...] = ("concepto", "actor", "nivel", "norma")
#: Clase de cada tipo (con sus subclases).
_CLASES_ENTIDAD: tuple[tuple[str, TipoEntidad], ...] = (
    (_CONCEPTO, "concepto"),
    (GT.iri("Actor"), "actor"),
    (GT.iri("NivelDeGobierno"), "nivel"),
    (GT.iri("TipoDeMunicipalidad"), "nivel"),
    (GT.iri("Documento"), "norma"),
)
_NIVELES = {GT.iri("NivelDeGobierno"), GT.iri("TipoDeMunicipalidad")}
_TIPO_POR_NOMBRE: dict[str, TipoEntidad] = {t: t for t in TIPOS_ENTIDAD}


@dataclass(frozen=True)
class Entidad:
    """Algo que ``grafo definir`` puede mostrar: su IRI, su tipo, su nombre y sus siglas.

    ``aviso`` (solo de ``resolver_entidad``) dice, si la regla 3 eligió entre varias entidades
    cuyos nombres empiezan con lo buscado, cuál eligió y cuáles otras hay: '' si no hubo que elegir.
    """

    iri: str
    tipo: TipoEntidad
    etiqueta: str
    siglas: tuple[str, ...] = ()
    aviso: str = ""


def _consulta_entidades() -> str:
    props = " ".join(iri_sparql(p) for p in _PRIORIDAD)
    valores = " ".join(f'({iri_sparql(c)} "{t}")' for c, t in _CLASES_ENTIDAD)
    return (
        "SELECT DISTINCT ?c ?tipo ?clase ?p ?v ?idioma ?foro WHERE { "
        f"VALUES (?clase ?tipo) {{ {valores} }} ?c rdf:type/rdfs:subClassOf* ?clase . FILTER(isIRI(?c)) "
        f"{{ ?c ?p ?v . VALUES ?p {{ {props} }} FILTER(isLiteral(?v)) BIND(lang(?v) AS ?idioma) }} "
        "UNION { ?c dct:isPartOf|schema:superEvent ?foro } "
        "}"
    )


def _leer_entidades(lector: Lector) -> tuple[dict[str, _Candidato], dict[str, TipoEntidad], set[str]]:
    """Candidatos (sin lo propio de un foro), el tipo de cada uno y cuáles son niveles."""
    filas = lector.seleccionar(_consulta_entidades())
    candidatos = _candidatos(filas)
    orden = {t: i for i, t in enumerate(TIPOS_ENTIDAD)}
    tipos: dict[str, TipoEntidad] = {}
    niveles: set[str] = set()
    for f in filas:
        t = _TIPO_POR_NOMBRE[f["tipo"]]
        if f["c"] not in tipos or orden[t] < orden[tipos[f["c"]]]:
            tipos[f["c"]] = t
        if f["clase"] in _NIVELES:
            niveles.add(f["c"])
    propios = {c for c, d in candidatos.items() if d.foros}
    return {c: d for c, d in candidatos.items() if c not in propios}, tipos, niveles


def _siglas(cand: _Candidato) -> tuple[str, ...]:
    return tuple(sorted({v for p, v, i in cand.nombres if p == _ALT_LABEL and i != "en" and es_sigla(v)}))


def entidades(lector: Lector, tipo: TipoEntidad | None = None) -> list[Entidad]:
    """Todo lo que ``grafo definir`` conoce (o solo las de ``tipo``), por tipo y por nombre."""
    candidatos, tipos, _niveles = _leer_entidades(lector)
    res = [
        Entidad(c, tipos[c], _etiqueta_candidato(c, d), _siglas(d))
        for c, d in candidatos.items()
        if tipo is None or tipos[c] == tipo
    ]
    orden = {t: i for i, t in enumerate(TIPOS_ENTIDAD)}
    return sorted(res, key=lambda e: (orden[e.tipo], normalizar(e.etiqueta), e.etiqueta, e.iri))


def resolver_entidad(lector: Lector, texto: str) -> Entidad:
    """La entidad (concepto, actor, nivel o norma) que nombra ``texto``, con las reglas 1 a 3."""
    candidatos, tipos, niveles = _leer_entidades(lector)

    def extra(iri: str) -> list[tuple[int, str]]:
        if iri not in niveles:
            return []
        res = []
        for _p, v, idioma in candidatos[iri].nombres:
            if idioma == "en":
                res.append((3, f"{v} level"))
            else:
                res += [(1, f"nivel {v}"), (1, f"nivel de gobierno {v}")]
        return res

    iri, otras = _resolver_detalle(
        candidatos, texto, "término, actor, nivel o norma", _etiqueta_candidato, extra, aproximado=True
    )
    etiqueta = _etiqueta_candidato(iri, candidatos[iri])
    aviso = ""
    if otras:
        plano = _sin_puntos(normalizar(texto))
        tambien = [
            f"{_etiqueta_candidato(c, candidatos[c])} («{n}»)"
            for c in otras
            for n in sorted({v for _p, v, _i in candidatos[c].nombres if _empieza(normalizar(v), plano)})[:1]
        ]
        aviso = (
            f"Nota: '{texto}' se entendió como «{etiqueta}»; también empieza así un nombre menos "
            f"preferido de: {'; '.join(tambien)}. Para verlos, escriba su nombre completo."
        )
    return Entidad(iri, tipos[iri], etiqueta, _siglas(candidatos[iri]), aviso)
