"""Etapa *búsqueda*: texto del usuario -> IRI de un término, actor, nivel, foro... del grafo construido.

Entrada: un ``Lector`` (el almacén abierto) y el texto tal como lo escribió el usuario (sigla,
etiqueta o identificador, sin importar tildes, mayúsculas ni artículo inicial). Salida: el IRI como
texto, o ``TerminoDesconocidoError`` con sugerencias. Una sola consulta SPARQL por búsqueda: el
texto del usuario nunca entra en la consulta, se compara en Python. No importa rdflib.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errores import ConsultaInvalidaError, TerminoDesconocidoError
from .espacios import DCTERMS, GT, RDFS, SKOS

if TYPE_CHECKING:
    from .almacen import Lector

__all__ = [
    "etiqueta_preferida",
    "iri_sparql",
    "normalizar",
    "recortar",
    "resolver",
    "resolver_foro",
    "ultimo_segmento",
]

_ARTICULOS = re.compile(r"^(?:la|el|los|las|del|de la|de los|de las)\s+")
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


def normalizar(texto: str) -> str:
    """Minúsculas, sin tildes, espacios simples, sin artículo inicial ('la ZEE' -> 'zee')."""
    sin_tildes = "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")
    plano = re.sub(r"\s+", " ", sin_tildes.casefold()).strip()
    return _ARTICULOS.sub("", plano)


#: Una sigla: mayúsculas (con tildes), cifras, puntos o guiones, sin espacios, de 2 a 10 caracteres.
#: El mismo patrón usan las consultas glosario.rq e instrumentos.rq para su columna «sigla».
_SIGLA = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9.\-]{1,9}$")


def es_sigla(texto: str) -> bool:
    """``True`` si ``texto`` es una sigla («ZEE», «PDLC»), no un nombre alternativo («Demarcación»)."""
    return bool(_SIGLA.match(texto))


def recortar(texto: str, largo: int = 60) -> str:
    """``texto`` de a lo sumo ``largo`` caracteres, con «…» si se cortó (para etiquetas)."""
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


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


def _candidatos(lector: Lector, consulta: str) -> dict[str, _Candidato]:
    res: dict[str, _Candidato] = {}
    for fila in lector.seleccionar(consulta):
        cand = res.setdefault(fila["c"], _Candidato())
        if "foro" in fila:
            cand.foros.add(fila["foro"])
        elif "v" in fila:
            cand.nombres.add((fila["p"], fila["v"], fila.get("idioma", "")))
    return res


def _resolver_en(
    candidatos: dict[str, _Candidato],
    texto: str,
    que: str,
    mostrar: Callable[[str, _Candidato], str],
    extra: Callable[[str], list[tuple[int, str]]] = lambda _iri: [],
) -> str:
    buscado = normalizar(texto)
    if not buscado:
        raise TerminoDesconocidoError(f"el {que} buscado está vacío.")
    mejores: dict[str, int] = {}
    indice: dict[str, str] = {}
    for c in sorted(candidatos):
        nombres = [
            (_PRIORIDAD[p] + (0 if idioma in ("", "es") else 2), v) for p, v, idioma in candidatos[c].nombres
        ]
        for prio, et in nombres + extra(c):
            n = normalizar(et)
            indice.setdefault(n, c)
            if n == buscado and prio < mejores.get(c, 99):
                mejores[c] = prio
    if mejores:
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
    cercanos = difflib.get_close_matches(buscado, list(indice), n=5, cutoff=0.6)
    contienen = [n for n in indice if buscado in n and n not in cercanos]
    sugerencias = list(
        dict.fromkeys(mostrar(indice[n], candidatos[indice[n]]) for n in cercanos + sorted(contienen))
    )[:6]
    pista = f" ¿Quiso decir: {', '.join(sugerencias)}?" if sugerencias else ""
    raise TerminoDesconocidoError(f"no se encontró el {que} '{texto}'.{pista}", sugerencias)


def _etiqueta_candidato(iri: str, cand: _Candidato) -> str:
    return etiqueta_preferida(sorted(cand.nombres), iri)


def resolver(
    lector: Lector,
    texto: str,
    clases: Sequence[str] | None = (_CONCEPTO,),
    *,
    dentro_de: str | None = None,
) -> str:
    """El IRI cuyo nombre, sigla o identificador es ``texto`` entre las instancias de ``clases``.

    ``clases`` son IRIs completos (``GT.iri("Actor")``); con ``None`` busca entre las subclases de
    ``gt:Actor`` (tipos de actor). Con ``dentro_de`` (IRI de un foro) solo cuentan las instancias
    que son parte de ese foro (``dct:isPartOf``; las sesiones, ``schema:superEvent``). Si varias
    empatan y son de foros distintos, el error pide elegir el foro con ``--param foro=ID``.
    """
    if isinstance(clases, str):
        clases = (clases,)
    candidatos = _candidatos(lector, _consulta_candidatos(clases))
    if dentro_de is not None:
        candidatos = {c: d for c, d in candidatos.items() if dentro_de in d.foros}
    if clases is None:
        que = "tipo de actor"
    elif len(clases) == 1:
        que = _QUE.get(clases[0], "recurso")
    else:
        que = "término, actor o nivel"
    return _resolver_en(candidatos, texto, que, _etiqueta_candidato)


def resolver_foro(lector: Lector, texto: str) -> str:
    """El IRI del foro cuyo id (``dct:identifier`` o última parte del IRI) o título es ``texto``."""
    candidatos = _candidatos(lector, _consulta_candidatos((_FORO,)))
    for cand in candidatos.values():
        cand.foros.clear()  # un foro no es parte de otro foro a efectos de esta búsqueda
    return _resolver_en(
        candidatos,
        texto,
        _QUE[_FORO],
        lambda iri, _c: ultimo_segmento(iri),
        lambda iri: [(0, ultimo_segmento(iri))],
    )
