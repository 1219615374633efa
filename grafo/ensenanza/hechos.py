"""Los hechos del grafo que la práctica pregunta, leídos del almacén con unas pocas consultas SPARQL.

Entrada: un ``Lector`` (el almacén abierto). Salida: ``Hechos``, diccionarios y listas ordenados
(términos, nombres, definiciones, categorías, clases, jerarquía, fuentes citadas, competencias con su
vigencia, niveles, tipos de norma, relaciones entre instrumentos). No importa rdflib; nada de lo que
se pregunta está escrito aquí: todo sale del grafo. Toda consulta lleva ``ORDER BY``, así que el
mismo grafo da los mismos ``Hechos``.

Vigencia en una fecha (``Vigencia.rige``): la misma regla que ``queries/competencias.rq``
(``--param fecha``): con día, se compara la fecha; con solo el año (``gt:anioInicio``,
``gt:anioFin``, ``gt:yaRegiaEn``), cuenta si el año es estrictamente anterior (inicio) o posterior
(fin); el mismo año queda indeterminado. Una fuente que ya no rige lo dice: «D.S. 022-2016-VIVIENDA,
art. 4.1 (derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA)».
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from grafo.almacen.lector import Lector
from grafo.base.espacios import DCTERMS, GT, SKOS
from grafo.base.texto import es_sigla
from grafo.busqueda.resolucion import etiqueta_preferida

__all__ = [
    "BASE_LEGAL",
    "FUENTE",
    "FUENTES_RELACION",
    "FUENTE_DEFINICION",
    "Competencia",
    "Hechos",
    "Relacion",
    "Vigencia",
    "cierre",
    "inverso",
    "leer_hechos",
]

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

#: Cada fuente citada, con su etiqueta y, si ya no rige, desde cuándo y por qué norma (la vigencia
#: del artículo la deriva la construcción), como en la columna base_legal de competencias.rq.
_Q_FUENTES = """
SELECT ?x ?etiqueta ?hasta ?derogada_por ?sustituido_por WHERE {
  { SELECT DISTINCT ?x WHERE { ?s gt:fuenteDefinicion|gt:baseLegal|dct:source|gt:fuente ?x } }
  ?x rdfs:label ?etiqueta . FILTER(LANG(?etiqueta) IN ("es", ""))
  OPTIONAL { ?x gt:vigenteHasta ?hasta .
             OPTIONAL { ?x gt:derogadoPor|gt:derogadaPor ?d1 . ?d1 rdfs:label ?derogada_por }
             OPTIONAL { ?x gt:sustituidoPor ?s1 . ?s1 rdfs:label ?sustituido_por } }
} ORDER BY STR(?x) STR(?etiqueta) STR(?hasta) STR(?derogada_por) STR(?sustituido_por)
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

# --- los hechos ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vigencia:
    """Desde y hasta cuándo rige una competencia: con fecha o solo con el año."""

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


def _vigencia(fila: dict[str, str]) -> Vigencia:
    return Vigencia(
        _fecha(fila, "desde"),
        _fecha(fila, "hasta"),
        _entero(fila, "anio_inicio"),
        _entero(fila, "anio_fin"),
        _entero(fila, "ya_regia"),
    )


@dataclass(frozen=True)
class Competencia:
    """Una competencia: quién (titular, nivel) ejerce qué función sobre qué instrumento, y cuándo."""

    iri: str
    instrumento: str
    titular: str
    nivel: str
    funcion: str
    vigencia: Vigencia


@dataclass(frozen=True)
class Relacion:
    """Una relación entre instrumentos citada («POT se sustenta en ZEE») y hasta cuándo rigió."""

    iri: str
    origen: str
    tipo: str
    destino: str
    etiqueta: str
    hasta: date | None


@dataclass
class Hechos:
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
    competencias: list[Competencia] = field(default_factory=list)
    contenido_en: dict[str, set[str]] = field(default_factory=dict)
    niveles: list[str] = field(default_factory=list)
    se_aprueba_mediante: dict[str, set[str]] = field(default_factory=dict)
    tipos_de_norma: list[str] = field(default_factory=list)
    relaciones: list[Relacion] = field(default_factory=list)

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
        return cierre(iri, self.amplios) | cierre(iri, inverso(self.amplios))


_ALT = SKOS.iri("altLabel")
_CONCEPTO = GT.iri("ConceptoTerritorial")
#: Las propiedades con que se cita una fuente (las claves de ``Hechos.citas``, con el sujeto).
BASE_LEGAL = GT.iri("baseLegal")
FUENTE_DEFINICION = GT.iri("fuenteDefinicion")
FUENTE = DCTERMS.iri("source")
FUENTES_RELACION = (GT.iri("fuente"), FUENTE)


def inverso(grafo: dict[str, set[str]]) -> dict[str, set[str]]:
    """Las aristas de ``grafo`` al revés."""
    res: dict[str, set[str]] = {}
    for a, bs in grafo.items():
        for b in bs:
            res.setdefault(b, set()).add(a)
    return res


def cierre(inicio: str, grafo: dict[str, set[str]]) -> set[str]:
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
    if fila.get("sustituido_por"):
        return f"{fila['etiqueta']} (texto sustituido el {fila['hasta'][:10]} por {fila['sustituido_por']})"
    por = f" por {fila['derogada_por']}" if fila.get("derogada_por") else ""
    return f"{fila['etiqueta']} (derogado el {fila['hasta'][:10]}{por})"


def leer_hechos(lector: Lector) -> Hechos:
    """Los hechos que la práctica pregunta, leídos de ``lector``."""
    g = Hechos()
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
        f["k"]: Competencia(f["k"], f["instrumento"], f["titular"], f["nivel"], f["funcion"], _vigencia(f))
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
        f["r"]: Relacion(
            f["r"], f["origen"], f["tipo"], f["destino"], f.get("etiqueta", ""), _fecha(f, "hasta")
        )
        for f in reversed(lector.seleccionar(_Q_RELACIONES))
    }
    g.relaciones = [relaciones[r] for r in sorted(relaciones)]
    return g
