"""Etapa *menciones*: textos de enunciados -> menciones de conceptos, actores y niveles de gobierno.

Entrada: el grafo base (ontología + glosario) y los textos. Salida: por texto, el conjunto de IRIs
que menciona. Reglas:

- Se buscan las etiquetas (``skos:prefLabel``, ``rdfs:label``, ``skos:altLabel``,
  ``skos:hiddenLabel`` en español o sin idioma) de los conceptos del glosario y de los actores.
- Palabras completas, sin importar tildes ni mayúsculas, con plurales («Planes de Desarrollo
  Concertados» = «Plan de Desarrollo Concertado»). Las etiquetas escritas todo en mayúsculas
  (siglas: «OT», «SER», «GOBIERNO») se buscan respetando mayúsculas: «OT» no es «otro» ni «ot».
- Gana la coincidencia más larga («Plan de Ordenamiento Territorial» es POT, no OT) y, a igual
  tramo, la forma exacta sobre la forma en plural o singular, y esta sobre la forma sin palabras
  vacías («Plan Nacional Demarcación Territorial»). La sigla de un actor cuenta aunque esté dentro
  de un nombre más largo («Sistema de Gestión del CEPLAR»).
- «estado» tras «ha», «han»... es un verbo; «el gobierno» a secas es el Estado como sector.
- Los niveles de gobierno se reconocen por expresiones de nivel («a nivel regional», «gobiernos
  locales», «los tres niveles de gobierno», «sub nacional»), no por la palabra suelta «regional».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from grafo.base.espacios import GT, GTA, GTV, RDF, RDFS, SKOS

__all__ = ["Enlazador", "crear_enlazador", "precision_exhaustividad"]

_VOCALES = set("aeiou")

# Expresiones de nivel de gobierno sobre texto normalizado (minúsculas, sin tildes).
_REGLAS_NIVEL: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(r"\b(?:tres|sus|los|distintos|diferentes)?\s*niveles de gobierno\b"),
        ("nacional", "regional", "local"),
    ),
    (re.compile(r"\bniveles regional y local\b"), ("regional", "local")),
    (re.compile(r"\bsub ?-?nacional(?:es)?\b"), ("regional", "local")),
    (re.compile(r"\bnivel(?:es)? (?:de gobierno )?(nacional|regional|local)\b"), ()),
    (re.compile(r"\bgobiernos? (regional|local|nacional)(?:es)?\b"), ()),
    (re.compile(r"\bgobiernos regionales y locales\b"), ("regional", "local")),
    (re.compile(r"\bgobierno central\b"), ("nacional",)),
]
# Expresiones que nombran actores sin su etiqueta: coordinaciones con un solo sustantivo y
# «el gobierno» a secas, que en el foro designa al Estado como sector.
_REGLAS_ACTOR: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"\bgobiernos regionales y locales\b"), ("gobiernos-regionales", "gobiernos-locales")),
    (
        re.compile(r"\bel gobierno\b(?! (?:regional|local|central|municipal|nacional|de turno)\b)"),
        ("estado",),
    ),
]
# Palabras vacías que el foro omite en los nombres («Plan Lucha contra la Pobreza»).
_VACIAS = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "por", "a"})
# Etiquetas que, tras ciertas palabras, son otra cosa: «ha estado» es un verbo, no el Estado.
_EXCLUSIONES = {
    "estado": frozenset({"ha", "han", "he", "has", "hemos", "habia", "habian", "haber", "habria"})
}


def _sin_tildes(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")


def _raiz(palabra: str) -> str:
    """Singular aproximado de una palabra española ya normalizada."""
    if len(palabra) > 4 and palabra.endswith("es") and palabra[-3] not in _VOCALES:
        return palabra[:-2]
    if len(palabra) > 3 and palabra.endswith("s") and palabra[-2] in _VOCALES:
        return palabra[:-1]
    return palabra


def _fichas(texto: str) -> list[tuple[str, str]]:
    """(forma original, forma normalizada) de cada palabra."""
    res = []
    for m in re.finditer(r"[\w]+", texto, re.UNICODE):
        original = m.group(0)
        res.append((original, _sin_tildes(original).casefold()))
    return res


def _es_sigla(etiqueta: str) -> bool:
    letras = [c for c in etiqueta if c.isalpha()]
    return bool(letras) and all(c.isupper() for c in letras)


@dataclass(frozen=True)
class _Patron:
    iri: str
    palabras: tuple[str, ...]  # exactas (normalizadas) o en mayúsculas si es sigla
    sigla: bool
    anidable: bool = False  # sigla de un actor: cuenta aunque esté dentro de un nombre más largo


def _sin_vacias(palabras: Iterable[str]) -> tuple[str, ...]:
    return tuple(_raiz(w) for w in palabras if w not in _VACIAS)


class Enlazador:
    """Encuentra menciones en textos a partir de las etiquetas del grafo."""

    def __init__(self, patrones: Iterable[_Patron]) -> None:
        self._exactos: dict[tuple[str, ...], set[str]] = {}
        self._raices: dict[tuple[str, ...], set[str]] = {}
        self._compactos: dict[tuple[str, ...], set[str]] = {}
        self._siglas: dict[tuple[str, ...], set[str]] = {}
        self._anidables: set[str] = set()
        self._largo = 1
        for p in patrones:
            self._largo = max(self._largo, len(p.palabras))
            if p.sigla:
                self._siglas.setdefault(p.palabras, set()).add(p.iri)
                if p.anidable:
                    self._anidables.add(p.iri)
            else:
                self._exactos.setdefault(p.palabras, set()).add(p.iri)
                self._raices.setdefault(tuple(_raiz(w) for w in p.palabras), set()).add(p.iri)
                compacto = _sin_vacias(p.palabras)
                if len(compacto) >= 2:
                    self._compactos.setdefault(compacto, set()).add(p.iri)
        # primeras palabras posibles de cada tipo de patrón: si la palabra i no es ninguna, ningún
        # tramo que empiece en i puede coincidir (evita probar todos los largos en cada palabra)
        self._inicios_sigla = {k[0] for k in self._siglas}
        self._inicios = {k[0] for k in self._exactos}
        self._inicios_raiz = {k[0] for k in self._raices}
        self._inicios_compacto = {k[0] for k in self._compactos}

    def menciones(self, texto: str) -> set[str]:
        """Los IRIs que ``texto`` menciona."""
        fichas = _fichas(texto)
        originales = [f[0] for f in fichas]
        normales = [f[1] for f in fichas]
        raices = [_raiz(w) for w in normales]
        candidatos: list[tuple[int, int, int, set[str]]] = []  # (inicio, fin, prioridad, iris)
        anidadas: set[str] = set()
        n = len(fichas)
        for i in range(n):
            if normales[i] in _EXCLUSIONES and i > 0 and normales[i - 1] in _EXCLUSIONES[normales[i]]:
                continue
            if (
                originales[i] not in self._inicios_sigla
                and normales[i] not in self._inicios
                and raices[i] not in self._inicios_raiz
                and (normales[i] in _VACIAS or raices[i] not in self._inicios_compacto)
            ):
                continue
            for largo in range(min(self._largo, n - i), 0, -1):
                tramo = slice(i, i + largo)
                clave_sigla = tuple(originales[tramo])
                if clave_sigla in self._siglas:
                    candidatos.append((i, i + largo, 0, self._siglas[clave_sigla]))
                    anidadas |= self._siglas[clave_sigla] & self._anidables
                exacto = self._exactos.get(tuple(normales[tramo]))
                if exacto:
                    candidatos.append((i, i + largo, 0, exacto))
                raiz = self._raices.get(tuple(raices[tramo]))
                if raiz:
                    candidatos.append((i, i + largo, 1, raiz))
                if normales[i] not in _VACIAS and normales[i + largo - 1] not in _VACIAS:
                    compacto = self._compactos.get(_sin_vacias(normales[tramo]))
                    if compacto:
                        candidatos.append((i, i + largo, 2, compacto))
        # la más larga primero; a igual tramo, la exacta (prioridad 0) antes que la de plural
        candidatos.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
        ocupado = [False] * n
        elegidos: set[str] = set()
        tomado: dict[tuple[int, int], int] = {}
        for ini, fin, prio, iris in candidatos:
            if (ini, fin) in tomado:
                if tomado[(ini, fin)] == prio:
                    elegidos |= iris
                continue
            if any(ocupado[ini:fin]):
                continue
            for k in range(ini, fin):
                ocupado[k] = True
            tomado[(ini, fin)] = prio
            elegidos |= iris
        elegidos |= anidadas
        plano = " ".join(normales)
        for patron, niveles in _REGLAS_NIVEL:
            for m in patron.finditer(plano):
                nombres = niveles or (m.group(1),)
                elegidos |= {str(GTV[x]) for x in nombres}
        for patron, actores in _REGLAS_ACTOR:
            if patron.search(plano):
                elegidos |= {str(GTA[x]) for x in actores}
        return elegidos


def _etiquetas_de(g: Graph, nodo: URIRef) -> set[str]:
    res = set()
    for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
        for v in g.objects(nodo, prop):
            if isinstance(v, Literal) and v.language in (None, "es"):
                res.add(str(v))
    return res


def crear_enlazador(g: Graph) -> Enlazador:
    """Un ``Enlazador`` con las etiquetas de los conceptos del glosario y de los actores de ``g``."""
    clases_actor = set(g.transitive_subjects(RDFS.subClassOf, GT.Actor))
    clases_concepto = set(g.transitive_subjects(RDFS.subClassOf, GT.ConceptoTerritorial))
    actores = {s for c in clases_actor for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}
    nodos = actores | {s for c in clases_concepto for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}
    patrones = []
    for nodo in nodos:
        for et in _etiquetas_de(g, nodo):
            palabras = [f[0] for f in _fichas(et)]
            if not palabras:
                continue
            if _es_sigla(et):
                patrones.append(
                    _Patron(str(nodo), tuple(palabras), True, nodo in actores and len(palabras) == 1)
                )
            else:
                patrones.append(_Patron(str(nodo), tuple(_sin_tildes(w).casefold() for w in palabras), False))
    return Enlazador(patrones)


def precision_exhaustividad(
    predichas: dict[str, set[str]], oro: dict[str, set[str]]
) -> tuple[float, float, int, int, int]:
    """Precisión, exhaustividad, verdaderos positivos, falsos positivos y falsos negativos (micro)."""
    vp = fp = fn = 0
    for clave, esperadas in oro.items():
        obtenidas = predichas.get(clave, set())
        vp += len(obtenidas & esperadas)
        fp += len(obtenidas - esperadas)
        fn += len(esperadas - obtenidas)
    precision = vp / (vp + fp) if vp + fp else 1.0
    exhaustividad = vp / (vp + fn) if vp + fn else 1.0
    return precision, exhaustividad, vp, fp, fn
