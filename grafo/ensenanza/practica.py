"""Etapa *práctica*: grafo construido -> una prueba de opción múltiple con su clave de respuestas.

Entrada: un ``Lector`` (el almacén abierto), el número de preguntas, una semilla y, si se quiere,
un tema (una categoría del glosario: «planificación», «fiscal»…, sin importar tildes ni
mayúsculas). Salida: una ``Practica``: preguntas con tres o cuatro opciones (A-D), la correcta, una
explicación corta y su fuente (norma y artículo), y los textos para la terminal o para imprimir.
Lee el grafo con unas pocas consultas SPARQL; no importa rdflib. Nada de lo que se pregunta está
escrito aquí: todo sale del grafo.

Tipos de pregunta (``TIPOS``):

- ``termino``: qué término tiene esta definición (``skos:definition`` con ``gt:fuenteDefinicion``).
  En el texto citado, los nombres y siglas del propio término se tapan con «[…]».
- ``definicion``: cuál es la definición de este término (las opciones, tapadas igual).
- ``aprueba``: quién aprueba hoy este instrumento (competencias con función ``gtf:aprobar``).
- ``acto``: mediante qué tipo de norma se aprueba (``gt:seApruebaMediante``).
- ``nivel_2013`` y ``nivel_hoy``: qué nivel de gobierno ejercía en 2013 (en la fecha del foro,
  2013-09-20) o ejerce hoy una función sobre un instrumento.
- ``relacion``: qué instrumento completa una relación citada («POT se sustenta en …»); si ya no
  rige (deja de regir cuando su fuente deja de regir), lo dice: «(rigió hasta 2019-02-25)».

Una sola respuesta correcta, según el grafo:

- Un distractor es de la misma clase que la respuesta (otro término del glosario, de su misma
  categoría cuando hay bastantes; otro actor con competencias; otro nivel; otro tipo de norma; otro
  concepto de la misma clase, p. ej. otro instrumento o sistema). Si no hay al menos dos, la pregunta
  no se hace.
- No es distractor nada que también sea respuesta: otro actor que aprueba el mismo instrumento (en
  cualquier fecha), otro tipo de norma con que se aprueba, otro destino de la misma relación.
- Tampoco lo que haría dudar con razón: un término más amplio o más estrecho que la respuesta
  (``skos:broader``, p. ej. PDC y PDLC); un actor del que el que aprueba es parte, o que es parte de
  él (``org:subOrganizationOf``, ``org:memberOf``), o del mismo nivel de gobierno (el concejo es
  órgano de la municipalidad aunque el grafo no los una); un concepto a uno o dos pasos del origen de
  la relación por otras relaciones.
- Una definición cuyo texto tapado encaja también en la de otro término (o que la comparte), o que
  tapada dice poco (menos de 40 letras: «Según el foro de Cajamarca (2013): «[…].»»), no se usa, ni
  como respuesta ni como distractor.
- Nivel de gobierno: solo si en esa fecha la función la ejerce un único nivel y ninguna competencia
  de otro nivel tiene vigencia indeterminada en esa fecha.

Vigencia en una fecha: la misma regla que ``queries/competencias.rq`` (``--param fecha``): con día,
se compara la fecha; con solo el año (``gt:anioInicio``, ``gt:anioFin``, ``gt:yaRegiaEn``), cuenta
si el año es estrictamente anterior (inicio) o posterior (fin); el mismo año queda indeterminado.
Una fuente que ya no rige lo dice: «D.S. 022-2016-VIVIENDA, art. 4.1 (derogado el 2022-10-05 por
D.S. 012-2022-VIVIENDA)».

Determinismo: la misma semilla y el mismo grafo dan la misma prueba (``random.Random(semilla)``
sobre entradas ordenadas; toda consulta lleva ``ORDER BY``). Los tipos se reparten por turnos, así
que con N preguntas y siete tipos cada tipo sale al menos ⌊N/7⌋ veces si el grafo da bastantes. Una
prueba no pregunta dos veces por lo mismo: un término del glosario, la aprobación de un instrumento
(quién o con qué norma), una función sobre un instrumento, el origen o el destino de una relación.
"""

from __future__ import annotations

import random
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from grafo.almacen.lector import Lector
from grafo.base.errores import PracticaInvalidaError
from grafo.base.espacios import DCTERMS, GT, GTF, SKOS
from grafo.base.texto import es_sigla, normalizar, recortar
from grafo.busqueda.resolucion import etiqueta_preferida

__all__ = [
    "FECHA_2013",
    "LETRAS",
    "TIPOS",
    "Opcion",
    "Practica",
    "Pregunta",
    "generar_practica",
    "temas",
    "texto_correccion",
    "texto_encabezado",
    "texto_practica",
    "texto_pregunta",
    "texto_resultado",
]

#: La fecha de «en 2013»: la del foro de Cajamarca (la misma que usan las consultas de ejemplo).
FECHA_2013 = date(2013, 9, 20)
LETRAS = "ABCD"
#: Tipo de pregunta -> qué pregunta, en el orden en que se reparten.
TIPOS: dict[str, str] = {
    "termino": "término a partir de su definición",
    "definicion": "definición de un término",
    "aprueba": "quién aprueba un instrumento",
    "acto": "mediante qué tipo de norma se aprueba un instrumento",
    "nivel_2013": "qué nivel de gobierno ejercía una función en 2013",
    "nivel_hoy": "qué nivel de gobierno ejerce una función hoy",
    "relacion": "qué instrumento completa una relación",
}
_OPCIONES = 4
_TAPADO = "[…]"
_LETRAS_MINIMAS = 40
_ANCHO = 80

# --- consultas --------------------------------------------------------------------------------------

_Q_CONCEPTOS = """
SELECT ?c ?definicion ?para_ensenar WHERE {
  ?c skos:inScheme gtesq:glosario .
  OPTIONAL { ?c skos:definition ?definicion . FILTER(LANG(?definicion) = "es") }
  OPTIONAL { ?c skos:scopeNote ?para_ensenar . FILTER(LANG(?para_ensenar) = "es") }
} ORDER BY STR(?c) STR(?definicion) STR(?para_ensenar)
"""

#: Nombres de todo lo que puede salir en una pregunta: (IRI, propiedad, valor, idioma).
_Q_NOMBRES = """
SELECT ?x ?p ?valor ?idioma WHERE {
  { SELECT DISTINCT ?x WHERE {
    { ?x skos:inScheme gtesq:glosario } UNION { ?k a gt:Competencia ; gt:titular|gt:nivel|gt:funcion ?x }
    UNION { ?x a gt:NivelDeGobierno } UNION { ?x a gt:TipoDeNorma } UNION { ?x a gt:Categoria }
    UNION { ?r a gt:RelacionEntreInstrumentos ; gt:tipoDeRelacion ?x }
    UNION { ?c skos:inScheme gtesq:glosario ; a ?x }
  } }
  VALUES ?p { skos:prefLabel rdfs:label skos:altLabel skos:hiddenLabel }
  ?x ?p ?valor . BIND(LANG(?valor) AS ?idioma) FILTER(?idioma IN ("es", ""))
} ORDER BY STR(?x) STR(?p) STR(?valor) ?idioma
"""

_Q_CATEGORIAS = """
SELECT ?c ?categoria WHERE {
  ?c skos:inScheme gtesq:glosario ; gt:categoria ?categoria .
} ORDER BY STR(?c) STR(?categoria)
"""

_Q_CLASES = """
SELECT ?c ?clase WHERE {
  ?c skos:inScheme gtesq:glosario ; a ?clase . FILTER(STRSTARTS(STR(?clase), STR(gt:)))
} ORDER BY STR(?c) STR(?clase)
"""

_Q_JERARQUIA = """
SELECT ?estrecho ?amplio WHERE {
  { ?estrecho skos:broader ?amplio } UNION { ?amplio skos:narrower ?estrecho }
} ORDER BY STR(?estrecho) STR(?amplio)
"""

#: Quién cita qué: (sujeto, propiedad, fuente citada); las fuentes de la definición, la base legal
#: de las competencias, las fuentes de las relaciones y las normas y artículos de cada concepto.
_Q_CITAS = """
SELECT ?s ?p ?x WHERE {
  VALUES ?p { gt:fuenteDefinicion gt:baseLegal dct:source gt:fuente }
  ?s ?p ?x .
  FILTER(?p != dct:source || EXISTS { ?s a gt:RelacionEntreInstrumentos }
         || EXISTS { ?x a gt:Articulo } || EXISTS { ?x a gt:Norma })
  FILTER(EXISTS { ?s skos:inScheme gtesq:glosario } || EXISTS { ?s a gt:Competencia }
         || EXISTS { ?s a gt:RelacionEntreInstrumentos })
} ORDER BY STR(?s) STR(?p) STR(?x)
"""

#: Cada fuente citada, con su etiqueta y, si ya no rige, desde cuándo y por qué norma (el artículo
#: mismo o su norma entera), como en la columna base_legal de competencias.rq.
_Q_FUENTES = """
SELECT ?x ?etiqueta ?hasta ?derogada_por WHERE {
  { SELECT DISTINCT ?x WHERE { ?s gt:fuenteDefinicion|gt:baseLegal|dct:source|gt:fuente ?x } }
  ?x rdfs:label ?etiqueta . FILTER(LANG(?etiqueta) IN ("es", ""))
  OPTIONAL { ?x gt:vigenteHasta ?h1 .
             OPTIONAL { ?x gt:derogadoPor|gt:derogadaPor ?d1 . ?d1 rdfs:label ?dl1 } }
  OPTIONAL { ?x gt:articuloDe ?n . ?n gt:vigenteHasta ?h2 .
             OPTIONAL { ?n gt:derogadaPor ?d2 . ?d2 rdfs:label ?dl2 } }
  BIND(COALESCE(?h1, ?h2) AS ?hasta) BIND(COALESCE(?dl1, ?dl2) AS ?derogada_por)
} ORDER BY STR(?x) STR(?etiqueta) STR(?hasta) STR(?derogada_por)
"""

_Q_COMPETENCIAS = """
SELECT ?k ?instrumento ?titular ?nivel ?funcion ?desde ?hasta ?anio_inicio ?anio_fin ?ya_regia WHERE {
  ?k a gt:Competencia ; gt:instrumento ?instrumento ; gt:titular ?titular ; gt:nivel ?nivel ;
     gt:funcion ?funcion .
  OPTIONAL { ?k gt:vigenteDesde ?desde }
  OPTIONAL { ?k gt:vigenteHasta ?hasta }
  OPTIONAL { ?k gt:anioInicio ?anio_inicio }
  OPTIONAL { ?k gt:anioFin ?anio_fin }
  OPTIONAL { ?k gt:yaRegiaEn ?ya_regia }
} ORDER BY STR(?k)
"""

_Q_ORGANIZACION = """
SELECT ?parte ?todo WHERE { ?parte org:subOrganizationOf|org:memberOf ?todo } ORDER BY STR(?parte) STR(?todo)
"""

_Q_NIVELES = """
SELECT ?n WHERE { ?n a gt:NivelDeGobierno ; skos:notation ?orden } ORDER BY STR(?orden) STR(?n)
"""

_Q_SE_APRUEBA_MEDIANTE = """
SELECT ?c ?tipo WHERE { ?c gt:seApruebaMediante ?tipo } ORDER BY STR(?c) STR(?tipo)
"""

#: Los tipos de norma en uso (de alguna norma del grafo, o con los que se aprueba algo).
_Q_TIPOS_DE_NORMA = """
SELECT DISTINCT ?tipo WHERE {
  { ?n gt:tipoDeNorma ?tipo } UNION { ?c gt:seApruebaMediante ?tipo }
  ?tipo a gt:TipoDeNorma .
} ORDER BY STR(?tipo)
"""

_Q_RELACIONES = """
SELECT ?r ?origen ?tipo ?destino ?etiqueta ?hasta WHERE {
  ?r a gt:RelacionEntreInstrumentos ; gt:origen ?origen ; gt:tipoDeRelacion ?tipo ; gt:destino ?destino .
  OPTIONAL { ?r rdfs:label ?etiqueta . FILTER(LANG(?etiqueta) = "es") }
  OPTIONAL { ?r gt:vigenteHasta ?hasta }
} ORDER BY STR(?r) STR(?etiqueta)
"""

# --- resultado --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opcion:
    """Una opción: el texto que se muestra y el IRI de lo que nombra (término, actor, nivel…)."""

    texto: str
    iri: str


@dataclass(frozen=True)
class Pregunta:
    """Una pregunta de opción múltiple con su respuesta, explicación y fuente."""

    tipo: str
    enunciado: str
    opciones: tuple[Opcion, ...]
    correcta: int
    explicacion: str
    fuente: str
    #: IRI de aquello por lo que se pregunta: el término (``termino``, ``definicion``), el instrumento
    #: (``aprueba``, ``acto``, ``nivel_*``) o el origen de la relación (``relacion``).
    sujeto: str
    #: IRI de la función (``nivel_*``) o del tipo de relación (``relacion``); si no, vacío.
    detalle: str = ""
    #: AAAA-MM-DD de la fecha en que se juzga la vigencia (``aprueba``, ``nivel_*``); si no, vacío.
    fecha: str = ""

    @property
    def letra(self) -> str:
        """La letra de la opción correcta."""
        return LETRAS[self.correcta]


@dataclass(frozen=True)
class Practica:
    """Una prueba: sus preguntas, la semilla que la repite y el tema, si se filtró."""

    preguntas: tuple[Pregunta, ...]
    semilla: int
    tema: str = ""
    #: Por qué hay menos preguntas que las pedidas (vacío si no las hay).
    aviso: str = ""

    def por_tipo(self) -> dict[str, int]:
        """Cuántas preguntas hay de cada tipo (todos los tipos, también los que no salieron)."""
        cuenta = dict.fromkeys(TIPOS, 0)
        for p in self.preguntas:
            cuenta[p.tipo] += 1
        return cuenta


# --- lectura del grafo ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vigencia:
    desde: date | None = None
    hasta: date | None = None
    anio_inicio: int | None = None
    anio_fin: int | None = None
    ya_regia: int | None = None

    def rige(self, fecha: date) -> bool | None:
        """``True`` si rige en ``fecha``, ``False`` si no, ``None`` si no se puede decir (la regla de
        competencias.rq, que omite lo indeterminado)."""
        if self.desde is not None:
            empezo: bool | None = self.desde <= fecha
        else:
            anio = self.anio_inicio if self.anio_inicio is not None else self.ya_regia
            empezo = None if anio is None or anio == fecha.year else anio < fecha.year
        if self.hasta is not None:
            sigue: bool | None = self.hasta > fecha
        elif self.anio_fin is not None:
            sigue = None if self.anio_fin == fecha.year else self.anio_fin > fecha.year
        else:
            sigue = True
        if empezo is False or sigue is False:
            return False
        if empezo is None or sigue is None:
            return None
        return True

    def texto(self) -> str:
        """«desde 2004-12-23», «desde 2008 hasta 2025-04-02», «ya regía en 2005»…"""
        partes = []
        if self.desde is not None or self.anio_inicio is not None:
            partes.append(f"desde {self.desde or self.anio_inicio}")
        elif self.ya_regia is not None:
            partes.append(f"ya regía en {self.ya_regia}")
        if self.hasta is not None or self.anio_fin is not None:
            partes.append(f"hasta {self.hasta or self.anio_fin}")
        return " ".join(partes)


def _fecha(fila: dict[str, str], clave: str) -> date | None:
    valor = fila.get(clave)
    return date.fromisoformat(valor[:10]) if valor else None


def _entero(fila: dict[str, str], clave: str) -> int | None:
    valor = fila.get(clave)
    return int(valor) if valor else None


def _vigencia(fila: dict[str, str]) -> _Vigencia:
    return _Vigencia(
        _fecha(fila, "desde"),
        _fecha(fila, "hasta"),
        _entero(fila, "anio_inicio"),
        _entero(fila, "anio_fin"),
        _entero(fila, "ya_regia"),
    )


@dataclass(frozen=True)
class _Competencia:
    iri: str
    instrumento: str
    titular: str
    nivel: str
    funcion: str
    vigencia: _Vigencia


@dataclass(frozen=True)
class _Relacion:
    iri: str
    origen: str
    tipo: str
    destino: str
    etiqueta: str
    hasta: date | None


@dataclass
class _Grafo:
    """Lo que la práctica lee del grafo, en diccionarios ordenados."""

    terminos: list[str] = field(default_factory=list)
    nombres: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    definicion: dict[str, str] = field(default_factory=dict)
    para_ensenar: dict[str, str] = field(default_factory=dict)
    categorias: dict[str, set[str]] = field(default_factory=dict)
    clases: dict[str, set[str]] = field(default_factory=dict)
    amplios: dict[str, set[str]] = field(default_factory=dict)
    citas: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    fuentes: dict[str, str] = field(default_factory=dict)
    #: fuente que ya no rige -> desde cuándo (el artículo o su norma entera)
    derogadas: dict[str, date] = field(default_factory=dict)
    competencias: list[_Competencia] = field(default_factory=list)
    contenido_en: dict[str, set[str]] = field(default_factory=dict)
    niveles: list[str] = field(default_factory=list)
    se_aprueba_mediante: dict[str, set[str]] = field(default_factory=dict)
    tipos_de_norma: list[str] = field(default_factory=list)
    relaciones: list[_Relacion] = field(default_factory=list)

    def etiqueta(self, iri: str) -> str:
        """El nombre preferido en español (``skos:prefLabel``, si no ``rdfs:label``)."""
        return etiqueta_preferida(self.nombres.get(iri, []), iri)

    def siglas(self, iri: str) -> list[str]:
        """Las siglas del término (etiquetas alternativas que son siglas), ordenadas."""
        return sorted({v for p, v, _i in self.nombres.get(iri, []) if p == _ALT and es_sigla(v)})

    def nombres_del_termino(self, iri: str) -> list[str]:
        """Todos sus nombres en español (preferido, alternativos, ocultos), los largos primero."""
        todos = {v for _p, v, _i in self.nombres.get(iri, []) if len(v) > 1}
        return sorted(todos, key=lambda v: (-len(v), v))

    def fuente(self, sujetos: Iterable[str], propiedad: str) -> str:
        """Las fuentes que ``sujetos`` citan con ``propiedad``, sin repetir, separadas por «; »."""
        iris = sorted({x for s in sujetos for x in self.citas.get((s, propiedad), [])})
        return "; ".join(sorted({self.fuentes[x] for x in iris if x in self.fuentes}))

    def emparentados(self, iri: str) -> set[str]:
        """Los términos más amplios o más estrechos que ``iri`` (``skos:broader``, transitivo)."""
        return _cierre(iri, self.amplios) | _cierre(iri, _inverso(self.amplios))


_ALT = SKOS.iri("altLabel")
_BASE_LEGAL = GT.iri("baseLegal")
_FUENTE_DEFINICION = GT.iri("fuenteDefinicion")
_FUENTE = DCTERMS.iri("source")
_FUENTES_RELACION = (GT.iri("fuente"), _FUENTE)
_APROBAR = GTF.iri("aprobar")
_CONCEPTO = GT.iri("ConceptoTerritorial")


def _inverso(grafo: dict[str, set[str]]) -> dict[str, set[str]]:
    res: dict[str, set[str]] = {}
    for a, bs in grafo.items():
        for b in bs:
            res.setdefault(b, set()).add(a)
    return res


def _cierre(inicio: str, grafo: dict[str, set[str]]) -> set[str]:
    """Lo alcanzable desde ``inicio`` (sin ``inicio``)."""
    vistos: set[str] = set()
    pendientes = [inicio]
    while pendientes:
        for b in grafo.get(pendientes.pop(), ()):
            if b not in vistos and b != inicio:
                vistos.add(b)
                pendientes.append(b)
    return vistos


def _texto_fuente(fila: dict[str, str]) -> str:
    if not fila.get("hasta"):
        return fila["etiqueta"]
    por = f" por {fila['derogada_por']}" if fila.get("derogada_por") else ""
    return f"{fila['etiqueta']} (derogado el {fila['hasta'][:10]}{por})"


def _leer(lector: Lector) -> _Grafo:
    g = _Grafo()
    for f in lector.seleccionar(_Q_NOMBRES):
        g.nombres.setdefault(f["x"], []).append((f["p"], f["valor"], f.get("idioma", "")))
    for f in lector.seleccionar(_Q_CONCEPTOS):
        if f["c"] not in g.terminos:
            g.terminos.append(f["c"])
        if f.get("definicion"):
            g.definicion.setdefault(f["c"], f["definicion"])
        if f.get("para_ensenar"):
            g.para_ensenar.setdefault(f["c"], f["para_ensenar"])
    for f in lector.seleccionar(_Q_CATEGORIAS):
        g.categorias.setdefault(f["c"], set()).add(f["categoria"])
    for f in lector.seleccionar(_Q_CLASES):
        if f["clase"] != _CONCEPTO:
            g.clases.setdefault(f["c"], set()).add(f["clase"])
    for f in lector.seleccionar(_Q_JERARQUIA):
        g.amplios.setdefault(f["estrecho"], set()).add(f["amplio"])
    for f in lector.seleccionar(_Q_CITAS):
        g.citas.setdefault((f["s"], f["p"]), []).append(f["x"])
    for f in lector.seleccionar(_Q_FUENTES):
        g.fuentes.setdefault(f["x"], _texto_fuente(f))
        if f.get("hasta"):
            g.derogadas.setdefault(f["x"], date.fromisoformat(f["hasta"][:10]))
    competencias = {
        f["k"]: _Competencia(f["k"], f["instrumento"], f["titular"], f["nivel"], f["funcion"], _vigencia(f))
        for f in reversed(lector.seleccionar(_Q_COMPETENCIAS))  # la primera fila de cada una gana
    }
    g.competencias = [competencias[k] for k in sorted(competencias)]
    for f in lector.seleccionar(_Q_ORGANIZACION):
        g.contenido_en.setdefault(f["parte"], set()).add(f["todo"])
    g.niveles = [f["n"] for f in lector.seleccionar(_Q_NIVELES)]
    for f in lector.seleccionar(_Q_SE_APRUEBA_MEDIANTE):
        g.se_aprueba_mediante.setdefault(f["c"], set()).add(f["tipo"])
    g.tipos_de_norma = [f["tipo"] for f in lector.seleccionar(_Q_TIPOS_DE_NORMA)]
    relaciones = {
        f["r"]: _Relacion(
            f["r"], f["origen"], f["tipo"], f["destino"], f.get("etiqueta", ""), _fecha(f, "hasta")
        )
        for f in reversed(lector.seleccionar(_Q_RELACIONES))
    }
    g.relaciones = [relaciones[r] for r in sorted(relaciones)]
    return g


# --- tapar el término en su definición ----------------------------------------------------------------


def _plegar(texto: str) -> str:
    """Minúsculas y sin tildes, letra por letra: el texto plegado mide lo mismo que el original."""
    res = []
    for c in texto:
        base = unicodedata.normalize("NFD", c)[0].lower()
        res.append(base if len(base) == 1 else c)
    return "".join(res)


def _tapar(texto: str, nombres: Iterable[str]) -> str:
    """``texto`` con cada aparición de ``nombres`` (palabras completas) cambiada por «[…]».

    Los nombres se buscan sin importar tildes ni mayúsculas; las siglas, tal cual («OT» no es «ot»).
    """
    plegado = _plegar(texto)
    tapa = [False] * len(texto)
    for nombre in nombres:
        donde, buscado = (texto, nombre) if es_sigla(nombre) else (plegado, _plegar(nombre))
        for m in re.finditer(rf"(?<!\w){re.escape(buscado)}(?!\w)", donde):
            tapa[m.start() : m.end()] = [True] * (m.end() - m.start())
    partes = []
    i = 0
    while i < len(texto):
        if tapa[i]:
            while i < len(texto) and tapa[i]:
                i += 1
            partes.append(_TAPADO)
        else:
            partes.append(texto[i])
            i += 1
    return "".join(partes)


def _patron_tapado(tapado: str) -> re.Pattern[str]:
    """Una expresión que reconoce los textos que, tapados, darían ``tapado``."""
    return re.compile(".+?".join(re.escape(p) for p in tapado.split(_TAPADO)), re.DOTALL)


def _definicion_util(g: _Grafo, c: str, tapada: str) -> bool:
    """``True`` si la definición de ``c``, tapada, dice algo (al menos ``_LETRAS_MINIMAS`` letras fuera
    de lo tapado: «Según el foro: «[…].»» no) y no encaja en la de otro término."""
    if sum(ch.isalpha() for ch in tapada.replace(_TAPADO, "")) < _LETRAS_MINIMAS:
        return False
    patron = _patron_tapado(tapada)
    return not any(patron.fullmatch(d) for o, d in g.definicion.items() if o != c)


# --- candidatos -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidato:
    """Una pregunta posible: todo salvo qué distractores salen y en qué orden (eso lo da la semilla).

    Los distractores salen de ``preferidos`` si hay bastantes; si no, se completan con ``otros``.
    """

    tipo: str
    temas: frozenset[str]  # categorías (IRIs) de los términos de los que trata
    #: de qué trata, para no preguntar dos veces lo mismo en una prueba: el término del glosario,
    #: el instrumento y la función, el origen o el destino de una relación…
    claves: frozenset[str]
    enunciado: str
    correcta: Opcion
    preferidos: tuple[Opcion, ...]
    otros: tuple[Opcion, ...]
    explicacion: str
    fuente: str
    sujeto: str
    detalle: str = ""
    fecha: str = ""

    def construir(self, rng: random.Random) -> Pregunta:
        """La pregunta, con los distractores y el orden de las opciones que da ``rng``."""
        cuantos = _OPCIONES - 1
        if len(self.preferidos) >= cuantos:
            distractores = rng.sample(self.preferidos, cuantos)
        else:
            resto = [o for o in self.otros if o not in self.preferidos]
            faltan = min(cuantos - len(self.preferidos), len(resto))
            distractores = [*self.preferidos, *rng.sample(resto, faltan)]
        opciones = [self.correcta, *distractores]
        rng.shuffle(opciones)
        return Pregunta(
            tipo=self.tipo,
            enunciado=self.enunciado,
            opciones=tuple(opciones),
            correcta=opciones.index(self.correcta),
            explicacion=self.explicacion,
            fuente=self.fuente,
            sujeto=self.sujeto,
            detalle=self.detalle,
            fecha=self.fecha,
        )


def _lista(nombres: Iterable[str], o: bool = False) -> str:
    """«a», «a y b», «a, b y c» (con ``o``: «a, b o c»; «e» ante «i», «u» ante «o»)."""
    lista = list(nombres)
    if len(lista) == 1:
        return lista[0]
    inicio = normalizar(lista[-1])
    if o:
        conjuncion = "u" if inicio.startswith(("o", "ho")) else "o"
    else:
        conjuncion = "e" if inicio.startswith(("i", "hi")) and not inicio.startswith("hie") else "y"
    return f"{', '.join(lista[:-1])} {conjuncion} {lista[-1]}"


def _nombre_con_sigla(g: _Grafo, c: str) -> str:
    """«Zonificación Ecológica y Económica» (ZEE)."""
    siglas = [s for s in g.siglas(c) if normalizar(s) != normalizar(g.etiqueta(c))]
    return f"«{g.etiqueta(c)}»" + (f" ({', '.join(siglas)})" if siglas else "")


def _candidato(
    g: _Grafo,
    tipo: str,
    *,
    sujeto: str,
    claves: Iterable[str],
    enunciado: str,
    correcta: str,
    preferidos: Iterable[str],
    otros: Iterable[str] = (),
    explicacion: str,
    fuente: str,
    detalle: str = "",
    fecha: str = "",
    temas_tambien_de: Iterable[str] = (),
    texto: Callable[[str], str] | None = None,
) -> _Candidato:
    """Un candidato cuyas opciones son los IRIs ``correcta``, ``preferidos`` y ``otros``, cada uno
    con el texto que da ``texto`` (por defecto, su etiqueta). Sus temas: las categorías de
    ``sujeto`` y de los términos ``temas_tambien_de``."""
    nombrar = texto or g.etiqueta

    def opciones(iris: Iterable[str]) -> tuple[Opcion, ...]:
        return tuple(Opcion(nombrar(x), x) for x in iris)

    return _Candidato(
        tipo=tipo,
        temas=frozenset().union(*(g.categorias.get(t, set()) for t in (sujeto, *temas_tambien_de))),
        claves=frozenset(claves),
        enunciado=enunciado,
        correcta=Opcion(nombrar(correcta), correcta),
        preferidos=opciones(preferidos),
        otros=opciones(otros),
        explicacion=explicacion,
        fuente=fuente,
        sujeto=sujeto,
        detalle=detalle,
        fecha=fecha,
    )


def _misma_categoria(g: _Grafo, terminos: Iterable[str], c: str) -> list[str]:
    """Los ``terminos`` que comparten con ``c`` alguna categoría del glosario."""
    return [t for t in terminos if g.categorias.get(t, set()) & g.categorias.get(c, set())]


def _explicacion_termino(g: _Grafo, c: str) -> str:
    categorias = (
        _lista(sorted(g.etiqueta(k) for k in g.categorias.get(c, set()))) if c in g.categorias else ""
    )
    texto = f"Es la definición de {_nombre_con_sigla(g, c)}"
    texto += f", de la categoría {categorias}." if categorias else "."
    if c in g.para_ensenar:
        texto += f" Para enseñar: {g.para_ensenar[c]}"
    return texto


def _candidatos_glosario(g: _Grafo) -> list[_Candidato]:
    """``termino`` y ``definicion``: términos con definición y fuente, que no comparten definición."""
    con_definicion = [c for c in g.terminos if c in g.definicion and g.fuente([c], _FUENTE_DEFINICION)]
    tapadas = {c: _tapar(g.definicion[c], g.nombres_del_termino(c)) for c in con_definicion}
    utiles = [c for c in con_definicion if _definicion_util(g, c, tapadas[c])]
    nombre = {c: normalizar(g.etiqueta(c)) for c in utiles}

    def citada(c: str) -> str:
        """La definición tapada de ``c``, entre comillas (las opciones de ``definicion``)."""
        return f"«{tapadas[c]}»"

    res = []
    for c in utiles:
        evitar = {c} | g.emparentados(c)
        # un distractor tiene otro nombre y su definición tapada no encaja en la de la respuesta
        otros = [
            o
            for o in utiles
            if o not in evitar
            and nombre[o] != nombre[c]
            and not _patron_tapado(tapadas[o]).fullmatch(g.definicion[c])
        ]
        if len(otros) < 2:
            continue
        misma_categoria = _misma_categoria(g, otros, c)
        explicacion = _explicacion_termino(g, c)
        fuente = g.fuente([c], _FUENTE_DEFINICION)
        # las mismas opciones, nombradas por el término (``termino``) o por su definición tapada
        # (``definicion``)
        for tipo, enunciado, texto in (
            ("termino", f"¿Qué término se define así?\n«{tapadas[c]}»", g.etiqueta),
            ("definicion", f"¿Cuál es la definición de {_nombre_con_sigla(g, c)}?", citada),
        ):
            res.append(
                _candidato(
                    g,
                    tipo,
                    sujeto=c,
                    claves={c},
                    enunciado=enunciado,
                    correcta=c,
                    preferidos=misma_categoria,
                    otros=otros,
                    explicacion=explicacion,
                    fuente=fuente,
                    texto=texto,
                )
            )
    return res


def _partes(g: _Grafo, actor: str) -> set[str]:
    """Los actores de los que ``actor`` es parte o que son parte de él (transitivo)."""
    return _cierre(actor, g.contenido_en) | _cierre(actor, _inverso(g.contenido_en))


def _titulares(g: _Grafo, competencias: list[_Competencia]) -> str:
    """«Gobiernos regionales (Regional, desde 2004-12-23); Ministerio del Ambiente (Nacional, desde 2008)»."""
    por_titular: dict[str, list[_Competencia]] = {}
    for k in competencias:
        por_titular.setdefault(k.titular, []).append(k)
    partes = []
    for t in sorted(por_titular, key=lambda t: (normalizar(g.etiqueta(t)), t)):
        vigencias = sorted({k.vigencia.texto() for k in por_titular[t] if k.vigencia.texto()})
        cuando = f", {'; '.join(vigencias)}" if vigencias else ""
        partes.append(f"{g.etiqueta(t)} ({g.etiqueta(por_titular[t][0].nivel)}{cuando})")
    return "; ".join(partes)


def _aprobaciones(g: _Grafo, i: str, hoy: date) -> tuple[list[_Competencia], list[_Competencia]]:
    """Las competencias de aprobar el instrumento ``i``: todas (en cualquier fecha) y las que rigen
    ``hoy``."""
    todas = [k for k in g.competencias if k.funcion == _APROBAR and k.instrumento == i]
    return todas, [k for k in todas if k.vigencia.rige(hoy)]


def _tipos_de_aprobacion(g: _Grafo, i: str) -> tuple[list[str], str]:
    """Los tipos de norma mediante los que se aprueba ``i`` (por su etiqueta) y su lista con «o»
    («Ordenanza Regional u Ordenanza Municipal»; vacía si no hay ninguno)."""
    tipos = sorted(g.se_aprueba_mediante.get(i, set()), key=g.etiqueta)
    return tipos, _lista((g.etiqueta(t) for t in tipos), o=True) if tipos else ""


def _candidatos_aprueba(g: _Grafo, hoy: date) -> list[_Candidato]:
    """``aprueba``: quién aprueba hoy un instrumento (una pregunta por cada actor que lo aprueba)."""
    niveles_de: dict[str, set[str]] = {}
    for k in g.competencias:
        niveles_de.setdefault(k.titular, set()).add(k.nivel)
    res = []
    for i in sorted({k.instrumento for k in g.competencias if k.funcion == _APROBAR}):
        todas, vigentes = _aprobaciones(g, i, hoy)
        aprueban = sorted({k.titular for k in todas})
        vetados = set(aprueban).union(*(_partes(g, a) for a in aprueban))
        explicacion = f"Hoy aprueban {_nombre_con_sigla(g, i)}: {_titulares(g, vigentes)}."
        _tipos, mediante = _tipos_de_aprobacion(g, i)
        if mediante:
            explicacion += f" Se aprueba mediante {mediante}."
        for correcto in sorted({k.titular for k in vigentes}):
            posibles = [
                a for a in sorted(niveles_de) if a not in vetados and not niveles_de[a] & niveles_de[correcto]
            ]
            fuente = g.fuente([k.iri for k in vigentes if k.titular == correcto], _BASE_LEGAL)
            if len(posibles) < 2 or not fuente:
                continue
            res.append(
                _candidato(
                    g,
                    "aprueba",
                    sujeto=i,
                    claves={f"aprobación de {i}"},
                    enunciado=f"Según las normas vigentes hoy, ¿quién aprueba {_nombre_con_sigla(g, i)}?",
                    correcta=correcto,
                    preferidos=posibles,
                    explicacion=explicacion,
                    fuente=fuente,
                    fecha=hoy.isoformat(),
                )
            )
    return res


def _candidatos_acto(g: _Grafo, hoy: date) -> list[_Candidato]:
    """``acto``: mediante qué tipo de norma se aprueba un instrumento (una por cada tipo)."""
    res = []
    for i in sorted(g.se_aprueba_mediante):
        tipos, mediante = _tipos_de_aprobacion(g, i)
        otros_tipos = [t for t in g.tipos_de_norma if t not in tipos]
        todas, vigentes = _aprobaciones(g, i, hoy)
        # la base legal de quien lo aprueba (hoy o, si no, alguna vez); si no, las normas y artículos
        # que cita el concepto
        fuente = (
            g.fuente([k.iri for k in vigentes], _BASE_LEGAL)
            or g.fuente([k.iri for k in todas], _BASE_LEGAL)
            or g.fuente([i], _FUENTE)
        )
        if len(otros_tipos) < 2 or not fuente:
            continue
        explicacion = f"{_nombre_con_sigla(g, i)} se aprueba mediante {mediante}."
        if vigentes:
            explicacion += f" Lo aprueban hoy: {_titulares(g, vigentes)}."
        for correcto in tipos:
            res.append(
                _candidato(
                    g,
                    "acto",
                    sujeto=i,
                    claves={f"aprobación de {i}"},
                    enunciado=f"¿Mediante qué tipo de norma se aprueba {_nombre_con_sigla(g, i)}?",
                    correcta=correcto,
                    preferidos=otros_tipos,
                    explicacion=explicacion,
                    fuente=fuente,
                )
            )
    return res


def _candidatos_nivel(g: _Grafo, fecha: date, hoy: date) -> list[_Candidato]:
    """``nivel_2013`` (``fecha`` = ``FECHA_2013``) o ``nivel_hoy``: una función sobre un instrumento
    que en ``fecha`` ejerce un único nivel de gobierno."""
    en_2013 = fecha == FECHA_2013
    otra_fecha, otra = (hoy, "Hoy") if en_2013 else (FECHA_2013, "En 2013")
    res = []
    for i, f in sorted({(k.instrumento, k.funcion) for k in g.competencias}):
        suyas = [k for k in g.competencias if (k.instrumento, k.funcion) == (i, f)]
        vigentes = [k for k in suyas if k.vigencia.rige(fecha)]
        dudosas = [k for k in suyas if k.vigencia.rige(fecha) is None]
        niveles = {k.nivel for k in vigentes}
        if len(niveles) != 1 or any(k.nivel not in niveles for k in dudosas):
            continue
        (nivel,) = niveles
        fuente = g.fuente([k.iri for k in vigentes], _BASE_LEGAL)
        otros = [n for n in g.niveles if n != nivel]
        if len(otros) < 2 or not fuente:
            continue
        en_la_otra = [k for k in suyas if k.vigencia.rige(otra_fecha)]
        explicacion = "En 2013 (a la fecha del foro)" if en_2013 else "Hoy"
        explicacion += f": {_titulares(g, vigentes)}. {otra}: "
        explicacion += f"{_titulares(g, en_la_otra)}." if en_la_otra else "ninguna competencia registrada."
        cuando = (
            "En 2013, ¿qué nivel de gobierno ejercía" if en_2013 else "Hoy, ¿qué nivel de gobierno ejerce"
        )
        res.append(
            _candidato(
                g,
                "nivel_2013" if en_2013 else "nivel_hoy",
                sujeto=i,
                claves={f"nivel {i} {f}"},
                enunciado=f"{cuando} la función «{g.etiqueta(f)}» sobre {_nombre_con_sigla(g, i)}?",
                correcta=nivel,
                preferidos=otros,
                explicacion=explicacion,
                fuente=fuente,
                detalle=f,
                fecha=fecha.isoformat(),
            )
        )
    return res


def _clase(g: _Grafo, c: str) -> str:
    """«instrumento», «sistema»… (la clase del término), o «término» si tiene varias."""
    clases = sorted(g.clases.get(c, set()))
    return g.etiqueta(clases[0]).lower() if len(clases) == 1 else "término"


def _candidatos_relacion(g: _Grafo, hoy: date) -> list[_Candidato]:
    """``relacion``: qué completa «ORIGEN tipo de relación …», con la fuente de la relación."""
    vecinos: dict[str, set[str]] = {}
    for r in g.relaciones:
        vecinos.setdefault(r.origen, set()).add(r.destino)
        vecinos.setdefault(r.destino, set()).add(r.origen)
    res = []
    for r in g.relaciones:
        fuente = "; ".join(s for p in _FUENTES_RELACION if (s := g.fuente([r.iri], p)))
        if r.origen == r.destino or not fuente:
            continue
        respuestas = {x.destino for x in g.relaciones if (x.origen, x.tipo) == (r.origen, r.tipo)}
        # ni el origen (ni sus términos más amplios o más estrechos), ni lo que está a uno o dos pasos
        # de él por otras relaciones: «PDU es componente de …» no ofrece «Acondicionamiento
        # Territorial», al que contribuye la microzonificación, que contribuye al PDU
        familia = {r.origen} | g.emparentados(r.origen)
        cerca = familia.union(*(vecinos.get(e, set()) for e in familia))
        vetados = cerca.union(*(vecinos.get(e, set()) for e in cerca))
        vetados = vetados.union(*({d} | g.emparentados(d) for d in respuestas))
        clase = g.clases.get(r.destino, set())
        otros = [c for c in g.terminos if c not in vetados and g.clases.get(c, set()) & clase]
        if len(otros) < 2:
            continue
        misma_categoria = _misma_categoria(g, otros, r.destino)
        # una relación deja de regir cuando lo dice ella misma o cuando deja de regir una de sus
        # fuentes (como en relaciones_entre_instrumentos.rq)
        fines = [
            g.derogadas[x] for p in _FUENTES_RELACION for x in g.citas.get((r.iri, p), []) if x in g.derogadas
        ]
        fin = min([*fines, *([r.hasta] if r.hasta else [])], default=None)
        hasta = f" (rigió hasta {fin})" if fin is not None and fin <= hoy else ""
        explicacion = r.etiqueta or f"{g.etiqueta(r.origen)} {g.etiqueta(r.tipo)} {g.etiqueta(r.destino)}"
        explicacion += f"{hasta}."
        tambien = sorted((g.etiqueta(d) for d in respuestas - {r.destino}), key=normalizar)
        if tambien:
            explicacion += f" También: {_lista(tambien)}."
        res.append(
            _candidato(
                g,
                "relacion",
                sujeto=r.origen,
                claves={f"relacion {r.origen} {r.tipo}", f"relacion {r.tipo} {r.destino}"},
                enunciado=f"¿Qué {_clase(g, r.destino)} completa la relación{hasta}?\n"
                f"«{g.etiqueta(r.origen)} {g.etiqueta(r.tipo)} …»",
                correcta=r.destino,
                preferidos=misma_categoria,
                otros=otros,
                explicacion=explicacion,
                fuente=fuente,
                detalle=r.tipo,
                temas_tambien_de=(r.destino,),
            )
        )
    return res


def _candidatos(g: _Grafo, hoy: date) -> list[_Candidato]:
    return [
        *_candidatos_glosario(g),
        *_candidatos_aprueba(g, hoy),
        *_candidatos_acto(g, hoy),
        *_candidatos_nivel(g, FECHA_2013, hoy),
        *_candidatos_nivel(g, hoy, hoy),
        *_candidatos_relacion(g, hoy),
    ]


# --- la prueba --------------------------------------------------------------------------------------


def _categorias_por_nombre(g: _Grafo) -> dict[str, str]:
    """Nombre normalizado -> IRI de cada categoría que usa algún término del glosario."""
    usadas = sorted(set().union(*g.categorias.values())) if g.categorias else []
    return {normalizar(g.etiqueta(c)): c for c in usadas}


def temas(lector: Lector) -> list[str]:
    """Los temas que admite ``--tema``: las categorías que usa el glosario, en orden alfabético."""
    g = _leer(lector)
    return sorted((g.etiqueta(c) for c in _categorias_por_nombre(g).values()), key=normalizar)


def _elegir(candidatos: list[_Candidato], n: int, rng: random.Random) -> list[Pregunta]:
    """``n`` preguntas, repartiendo los tipos por turnos (el orden de cada turno, al azar)."""
    colas: dict[str, list[_Candidato]] = {}
    for c in candidatos:
        colas.setdefault(c.tipo, []).append(c)
    for cola in colas.values():
        rng.shuffle(cola)
    elegidas: list[Pregunta] = []
    usadas: set[str] = set()
    while len(elegidas) < n and any(colas.values()):
        turno = [t for t in TIPOS if colas.get(t)]
        rng.shuffle(turno)
        for t in turno:
            cola = colas[t]
            while cola and len(elegidas) < n:
                c = cola.pop()
                if c.claves & usadas:
                    continue
                usadas |= c.claves
                elegidas.append(c.construir(rng))
                break
    return elegidas


def generar_practica(
    lector: Lector,
    preguntas: int = 10,
    semilla: int | None = None,
    tema: str | None = None,
    hoy: date | None = None,
) -> Practica:
    """Una prueba de ``preguntas`` preguntas sacadas del grafo; la misma ``semilla``, la misma prueba.

    Sin ``semilla``, se elige una al azar (queda en ``Practica.semilla`` para repetirla). ``tema``
    deja solo las preguntas sobre términos de esa categoría del glosario. ``hoy`` es la fecha de
    las preguntas «hoy» (por defecto, la de hoy). ``PracticaInvalidaError`` si ``preguntas`` < 1, el
    tema no existe o no hay ninguna pregunta posible.
    """
    if preguntas < 1:
        raise PracticaInvalidaError(
            f"el número de preguntas debe ser 1 o más, no {preguntas}. Ejemplo: --preguntas 10"
        )
    if semilla is None:
        semilla = random.SystemRandom().randrange(1, 1_000_000)
    g = _leer(lector)
    candidatos = _candidatos(g, hoy or date.today())
    nombre_tema = ""
    if tema is not None:
        categorias = _categorias_por_nombre(g)
        iri = categorias.get(normalizar(tema))
        if iri is None:
            validos = ", ".join(sorted((g.etiqueta(c) for c in categorias.values()), key=normalizar))
            raise PracticaInvalidaError(
                f"tema desconocido '{tema}'. Temas (categorías del glosario): {validos or 'ninguno'}."
            )
        nombre_tema = g.etiqueta(iri)
        candidatos = [c for c in candidatos if iri in c.temas]
    elegidas = _elegir(candidatos, preguntas, random.Random(semilla))
    if not elegidas:
        raise PracticaInvalidaError(
            "el grafo no da ninguna pregunta" + (f" sobre el tema '{nombre_tema}'." if nombre_tema else ".")
        )
    aviso = ""
    if len(elegidas) < preguntas:
        sobre = f" sobre el tema '{nombre_tema}'" if nombre_tema else ""
        aviso = (
            f"Aviso: se pidieron {preguntas} preguntas, pero el grafo da {len(elegidas)}{sobre} "
            "sin repetir términos."
        )
    return Practica(tuple(elegidas), semilla, nombre_tema, aviso)


# --- textos -----------------------------------------------------------------------------------------


def _envolver(texto: str, ancho: int, primera: str, siguientes: str) -> list[str]:
    """``texto`` en líneas de a lo sumo ``ancho``; cada salto de línea empieza un párrafo."""
    lineas: list[str] = []
    for i, parrafo in enumerate(texto.split("\n")):
        lineas += textwrap.wrap(
            parrafo,
            width=ancho,
            initial_indent=primera if i == 0 else siguientes,
            subsequent_indent=siguientes,
            break_on_hyphens=False,
        )
    return lineas


def texto_pregunta(pregunta: Pregunta, numero: int, ancho: int = _ANCHO) -> str:
    """La pregunta numerada y sus opciones (A, B, C, D), en líneas de a lo sumo ``ancho``."""
    sangria = " " * len(f"{numero}. ")
    lineas = _envolver(pregunta.enunciado, ancho, f"{numero}. ", sangria)
    for letra, opcion in zip(LETRAS, pregunta.opciones, strict=False):
        lineas += _envolver(opcion.texto, ancho, f"{sangria}{letra}) ", f"{sangria}   ")
    return "\n".join(lineas)


def _respuesta(pregunta: Pregunta) -> str:
    return f"{pregunta.letra}) {recortar(pregunta.opciones[pregunta.correcta].texto, 70)}"


def _solucion(pregunta: Pregunta, cabeza: str, ancho: int, sangria: str) -> str:
    lineas = _envolver(cabeza, ancho, "", sangria) if cabeza else []
    lineas += _envolver(pregunta.explicacion, ancho, sangria, sangria)
    lineas += _envolver(f"Fuente: {pregunta.fuente}", ancho, sangria, sangria)
    return "\n".join(lineas)


def texto_correccion(pregunta: Pregunta, letra: str, ancho: int = _ANCHO) -> str:
    """«Correcto.» o «Incorrecto: la respuesta es …», con la explicación y la fuente."""
    if letra.strip().upper() == pregunta.letra:
        cabeza = "Correcto."
    else:
        cabeza = f"Incorrecto: la respuesta es {_respuesta(pregunta)}"
    return _solucion(pregunta, cabeza, ancho, "   ")


def texto_encabezado(practica: Practica, interactivo: bool = False, ancho: int = _ANCHO) -> str:
    """Las primeras líneas de la prueba: cuántas preguntas, la semilla, el tema y cómo responder."""
    n = len(practica.preguntas)
    tema = f" · tema: {practica.tema}" if practica.tema else ""
    lineas = [
        "Práctica: gobernanza territorial del Perú",
        f"{n} pregunta{'s' if n != 1 else ''} · semilla {practica.semilla}{tema}",
    ]
    if not interactivo:
        lineas.append("Nombre: ________________________________  Fecha: ______________")
    como = (
        f"Responda con la letra de la opción (la misma prueba: --semilla {practica.semilla})."
        if interactivo
        else "Marque la letra de la única respuesta correcta."
    )
    como += f" En las definiciones, «{_TAPADO}» tapa el nombre del término definido."
    return "\n".join(lineas + _envolver(como, ancho, "", ""))


def texto_resultado(aciertos: int, total: int) -> str:
    """«Resultado: 7 de 10 correctas (70 %).»"""
    porcentaje = round(100 * aciertos / total) if total else 0
    return f"Resultado: {aciertos} de {total} correctas ({porcentaje} %)."


def texto_practica(practica: Practica, ancho: int = _ANCHO) -> str:
    """La prueba para imprimir y repartir y, después, su clave con explicaciones y fuentes."""
    partes = [texto_encabezado(practica, ancho=ancho)]
    partes += [texto_pregunta(p, i, ancho) for i, p in enumerate(practica.preguntas, 1)]
    partes.append(f"Clave de respuestas (semilla {practica.semilla})")
    for i, p in enumerate(practica.preguntas, 1):
        sangria = " " * len(f"{i}. ")
        cabeza = "\n".join(_envolver(_respuesta(p), ancho, f"{i}. ", sangria))
        partes.append(cabeza + "\n" + _solucion(p, "", ancho, sangria))
    return "\n\n".join(partes) + "\n"
