"""Etapa *visual*: el grafo construido -> una red interactiva en un solo archivo HTML, sin conexión.

Entrada: un ``Lector`` (el almacén) y la vista pedida. Salida: una ``Red`` (nodos, aristas, fichas)
y su página HTML autocontenida (``grafo/web/red.html`` con vis-network incrustado).

- SPARQL -> networkx -> posiciones: la disposición se calcula en Python (``spring_layout`` con
  semilla fija y posiciones iniciales por tipo de nodo), así que la página llega quieta (sin física)
  y la misma construcción da el mismo dibujo.
- Tipos de nodo, cada uno con su color y forma: instrumento, concepto, actor (con su nivel), nivel de
  gobierno, norma, sesión, orador (ponente, grupo de trabajo o público) y enunciado.
- Vistas: ``vocabulario`` (por defecto: instrumentos, conceptos, actores, niveles y normas; los
  enunciados se agregan en el tamaño de los conceptos y se listan en su ficha), ``foro`` (sesiones,
  oradores, enunciados y lo que mencionan) y ``completa``. ``centro`` + ``radio`` dejan la vecindad de
  un término; ``tipos`` deja solo algunos tipos. Con un corpus grande la vista se limita a
  ``TOPE_NODOS`` nodos y lo dice.
- Seguridad: ningún texto se interpreta como HTML. Los datos van como JSON con ``<``, ``>`` y ``&``
  escapados dentro de un ``<script type="application/json">`` y la página los pone con
  ``textContent``; una política CSP prohíbe cualquier recurso remoto.

No se usa pyvis: su plantilla carga Bootstrap de una CDN aun con ``in_line``, ``add_node`` es
cuadrático, un ``title`` con «href» pasa todos los títulos a ``innerHTML`` y ``heading`` no se escapa
(ver ``referencias/trampas.md``). La plantilla propia con vis-network cumple cada punto.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grafo.almacen.lector import Lector
from grafo.base import recursos
from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_texto_atomico
from grafo.base.espacios import GT
from grafo.base.texto import es_sigla, normalizar, recortar
from grafo.busqueda.resolucion import resolver

__all__ = ["TIPOS", "TOPE_NODOS", "VISTAS", "Red", "construir_red", "guardar_red", "html_de_red"]

VISTAS = ("vocabulario", "foro", "completa")
TOPE_NODOS = 480  # por debajo de 500: spring_layout no necesita scipy
#: id -> (etiqueta, color, forma)
TIPOS: dict[str, tuple[str, str, str]] = {
    "instrumento": ("Instrumento", "#2a9d8f", "dot"),
    "concepto": ("Concepto", "#8ab17d", "dot"),
    "actor": ("Actor", "#e76f51", "diamond"),
    "nivel": ("Nivel de gobierno", "#6d597a", "star"),
    "norma": ("Norma", "#457b9d", "square"),
    "sesion": ("Sesión", "#f4a261", "triangle"),
    "orador": ("Ponente o grupo", "#e9c46a", "hexagon"),
    "enunciado": ("Enunciado", "#adb5bd", "dot"),
}
#: Estilos de la página: los tipos, con los actores en un color por nivel de gobierno.
ESTILOS: dict[str, tuple[str, str, str]] = {
    "instrumento": TIPOS["instrumento"],
    "concepto": TIPOS["concepto"],
    "actor-nacional": ("Actor · nivel nacional", "#9b2226", "diamond"),
    "actor-regional": ("Actor · nivel regional", "#e63946", "diamond"),
    "actor-local": ("Actor · nivel local", "#f4978e", "diamond"),
    "actor": ("Actor sin nivel de gobierno", "#b5838d", "diamond"),
    **{t: v for t, v in TIPOS.items() if t not in ("instrumento", "concepto", "actor")},
}
_ESTILO_NIVEL = {"Nacional": "actor-nacional", "Regional": "actor-regional", "Local": "actor-local"}


def _estilo(n: Nodo) -> str:
    return _ESTILO_NIVEL.get(n.nivel, "actor") if n.tipo == "actor" else n.tipo


_VOCABULARIO = ("instrumento", "concepto", "actor", "nivel", "norma")
#: Lo que puede ser el centro de una vecindad: un concepto, un actor o un nivel.
_CLASES_CENTRO = (GT.iri("ConceptoTerritorial"), GT.iri("Actor"), GT.iri("NivelDeGobierno"))
_FORO = ("sesion", "orador", "enunciado")


@dataclass
class Nodo:
    """Un nodo de la red."""

    id: str
    etiqueta: str
    tipo: str
    nivel: str = ""
    sesion: str = ""
    busqueda: list[str] = field(default_factory=list)
    menciones: int = 0
    ficha: dict[str, Any] = field(default_factory=dict)


@dataclass
class Red:
    """Nodos, aristas (desde, hasta, etiqueta) y posiciones, lista para dibujar."""

    titulo: str
    grafo: str
    nodos: dict[str, Nodo] = field(default_factory=dict)
    aristas: list[tuple[str, str, str]] = field(default_factory=list)
    posiciones: dict[str, tuple[float, float]] = field(default_factory=dict)
    aviso: str = ""
    foco: str | None = None  # el nodo de --centro: la página se abre mirándolo
    #: registro de cada enunciado (texto, autor, sesión, tipo, pregunta, menciones, afirmaciones)
    enunciados: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: entidad mencionada -> enunciados que la mencionan, en el orden del foro
    citados: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def datos(self) -> dict[str, Any]:
        """El JSON que lee la página."""
        grado = self.grados()
        sesiones = sorted(
            {(n.sesion, self._etiqueta_sesion(n.sesion)) for n in self.nodos.values() if n.sesion}
        )
        # los enunciados que la página puede mostrar: los que son nodos y los de las sesiones y
        # oradores presentes (se despliegan a pedido)
        registros = [
            r
            for r in self.enunciados.values()
            if r["id"] in self.nodos or r["sesion"] in self.nodos or r["autor"] in self.nodos
        ]
        indice = {r["id"]: i for i, r in enumerate(registros)}
        estilos = {n.id: _estilo(n) for n in self.nodos.values()}
        return {
            "titulo": self.titulo,
            "grafo": self.grafo,
            "aviso": self.aviso,
            "tipos": [
                {"id": t, "etiqueta": e, "color": c, "forma": f}
                for t, (e, c, f) in ESTILOS.items()
                if t in estilos.values()
            ],
            "niveles": ["Nacional", "Regional", "Local"],
            "sesiones": [{"id": i, "etiqueta": e} for i, e in sesiones],
            "nodos": [
                {
                    "id": n.id,
                    "etiqueta": n.etiqueta,
                    "tipo": estilos[n.id],
                    "nivel": n.nivel,
                    "sesion": n.sesion,
                    "x": round(self.posiciones[n.id][0], 1),
                    "y": round(self.posiciones[n.id][1], 1),
                    "tamano": _tamano(grado[n.id], n.menciones),
                    "busqueda": n.busqueda,
                    "ficha": n.ficha,
                    "citas": [indice[e] for e in self.citados.get(n.id, []) if e in indice],
                }
                for n in sorted(self.nodos.values(), key=lambda n: n.id)
            ],
            **_tablas_de_enunciados(registros, self.nodos),
            "aristas": [{"desde": a, "hasta": b, "etiqueta": e} for a, b, e in self.aristas],
            "centro": self._centro(grado),
        }

    def _centro(self, grado: dict[str, int]) -> list[float]:
        """Dónde mira la página al abrirse: el foco, o la mediana de los nodos con aristas."""
        if self.foco in self.posiciones:
            return [round(v, 1) for v in self.posiciones[self.foco]]
        puntos = [self.posiciones[n] for n in self.nodos if grado[n]] or list(self.posiciones.values())
        if not puntos:
            return [0.0, 0.0]
        xs, ys = sorted(p[0] for p in puntos), sorted(p[1] for p in puntos)
        return [round(xs[len(xs) // 2], 1), round(ys[len(ys) // 2], 1)]

    def grados(self) -> dict[str, int]:
        """Cuántas aristas toca cada nodo."""
        grado: dict[str, int] = defaultdict(int)
        for a, b, _ in self.aristas:
            grado[a] += 1
            grado[b] += 1
        return grado

    def vecinos(self) -> dict[str, set[str]]:
        """Los nodos unidos a cada nodo por alguna arista, en cualquier sentido."""
        res: dict[str, set[str]] = defaultdict(set)
        for a, b, _ in self.aristas:
            res[a].add(b)
            res[b].add(a)
        return res

    def _etiqueta_sesion(self, ident: str) -> str:
        n = self.nodos.get(ident)
        return n.etiqueta if n else ident


def _tablas_de_enunciados(registros: list[dict[str, Any]], nodos: dict[str, Nodo]) -> dict[str, Any]:
    """Los registros de enunciados, compactos: lo que se repite (autor, sesión, tipo, foro, pregunta,
    lo mencionado) va una vez en una tabla y el registro lleva su índice."""
    entidades = sorted({x for r in registros for x in (r["autor"], r["sesion"], *r["menciona"])})
    e_i = {x: i for i, x in enumerate(entidades)}
    textos = {c: sorted({r[c] for r in registros if r[c]}) for c in ("tipo", "foro", "pregunta")}
    t_i = {c: {x: i for i, x in enumerate(v)} for c, v in textos.items()}
    return {
        "entidades": [{"id": x, "etiqueta": nodos[x].etiqueta if x in nodos else ""} for x in entidades],
        "tablas": {"tipos": textos["tipo"], "foros": textos["foro"], "preguntas": textos["pregunta"]},
        "enunciados": [
            {
                "id": r["id"],
                "ident": r["ident"],
                "texto": r["texto"],
                "tipo": t_i["tipo"][r["tipo"]],
                "autor": e_i[r["autor"]],
                "sesion": e_i[r["sesion"]],
                "foro": t_i["foro"][r["foro"]],
                "pregunta": t_i["pregunta"][r["pregunta"]] if r["pregunta"] else -1,
                "menciona": [e_i[m] for m in r["menciona"]],
                "afirma": r["afirma"],
            }
            for r in registros
        ],
    }


# --- lectura del grafo -------------------------------------------------------------------------------

_Q_NODOS = """
SELECT ?n ?tipo ?et ?alt ?nivel WHERE {
  # primero los recursos y su tipo (subconsulta): si no, Oxigraph junta antes todas las etiquetas
  # del almacén (con 100 foros, 3,9 s frente a 0,08 s)
  {
    SELECT ?n ?tipo WHERE {
    {
      ?n a gt:Instrumento . BIND("instrumento" AS ?tipo)
    } UNION {
      # la jerarquía de clases desde arriba (una vez), no desde cada recurso tipado del almacén
      ?clase rdfs:subClassOf* gt:ConceptoTerritorial . ?n a ?clase . FILTER NOT EXISTS { ?n a gt:Instrumento }
      BIND("concepto" AS ?tipo)
    } UNION {
      ?clase rdfs:subClassOf* gt:Actor . ?n a ?clase .
      # personas, grupos de trabajo y el público: oradores del foro, no actores del vocabulario
      FILTER NOT EXISTS { ?n a gt:Persona } FILTER NOT EXISTS { ?n a gt:GrupoDeTrabajo }
      FILTER(?n != gta:publico-del-foro)
      BIND("actor" AS ?tipo)
    } UNION {
      ?n a gt:NivelDeGobierno . BIND("nivel" AS ?tipo)
    } UNION {
      ?n a gt:Norma . BIND("norma" AS ?tipo)
    }
    }
  }
  { ?n skos:prefLabel ?et } UNION { ?n rdfs:label ?et } FILTER(LANG(?et) = "es" || LANG(?et) = "")
  OPTIONAL { ?n skos:altLabel|dct:identifier ?alt . FILTER(LANG(?alt) != "en") }
  OPTIONAL { ?n gt:nivel ?nv . ?nv skos:prefLabel ?nivel . FILTER(LANG(?nivel) = "es") }
}
"""
_Q_ARISTAS_VOCABULARIO = """
SELECT ?a ?b ?et WHERE {
  {
    ?k a gt:Competencia ; gt:titular ?a ; gt:instrumento ?b ; gt:funcion ?f .
    ?f skos:prefLabel ?et . FILTER(LANG(?et) = "es")
  } UNION {
    ?clase rdfs:subClassOf* gt:Actor . ?a a ?clase ; gt:nivel ?b . BIND("nivel de gobierno" AS ?et)
    FILTER NOT EXISTS { ?a a gt:Persona }
  } UNION {
    ?r a gt:RelacionEntreInstrumentos ; gt:origen ?a ; gt:destino ?b ; gt:tipoDeRelacion ?t .
    ?t skos:prefLabel ?et . FILTER(LANG(?et) = "es")
  } UNION {
    ?a gt:fuenteDefinicion ?art . ?art gt:articuloDe ?b . ?b a gt:Norma . BIND("definido en" AS ?et)
  } UNION {
    ?a skos:broader ?b . BIND("más amplio" AS ?et)
  }
}
"""
_Q_FORO = """
SELECT ?e ?id ?texto ?tipo ?autor ?autor_et ?sesion ?sesion_et ?pregunta ?foro_id WHERE {
  ?e a gt:Enunciado ; dct:identifier ?id ; gt:texto ?texto ; gt:orden ?orden ; gt:tipoDeEnunciado ?t ;
     prov:wasAttributedTo ?autor ; gt:enSesion ?sesion ; dct:isPartOf ?foro .
  ?foro dct:identifier ?foro_id ; schema:startDate ?fecha .
  ?t skos:prefLabel ?tipo . FILTER(LANG(?tipo) = "es")
  ?autor rdfs:label ?autor_et . FILTER(LANG(?autor_et) = "es")
  ?sesion rdfs:label ?sesion_et . FILTER(LANG(?sesion_et) = "es")
  OPTIONAL { ?e gt:preguntaOrientadora ?p . ?p gt:texto ?pregunta }
} ORDER BY ?fecha STR(?foro) ?orden STR(?e)
"""
_Q_MENCIONES = "SELECT ?e ?m WHERE { ?e a gt:Enunciado ; gt:menciona ?m }"
_Q_AFIRMACIONES = """
SELECT ?e ?et WHERE {
  ?a a gt:Afirmacion ; prov:wasDerivedFrom ?e ; rdfs:label ?et . FILTER(LANG(?et) = "es")
}
"""
_Q_PONENTES = "SELECT ?s ?p WHERE { ?s a gt:Sesion ; schema:performer ?p }"
_Q_COMPETENCIAS_ACTOR = """
SELECT ?a ?inst ?fn ?desde ?hasta WHERE {
  ?k a gt:Competencia ; gt:titular ?a ; gt:instrumento ?i ; gt:funcion ?f .
  ?i skos:prefLabel ?inst . FILTER(LANG(?inst) = "es")
  ?f skos:prefLabel ?fn . FILTER(LANG(?fn) = "es")
  OPTIONAL { ?k gt:vigenteDesde ?d0 } OPTIONAL { ?k gt:anioInicio ?d1 }
  OPTIONAL { ?k gt:vigenteHasta ?h0 } OPTIONAL { ?k gt:anioFin ?h1 }
  BIND(COALESCE(SUBSTR(STR(?d0), 1, 10), STR(?d1), "") AS ?desde)
  BIND(COALESCE(SUBSTR(STR(?h0), 1, 10), STR(?h1), "") AS ?hasta)
}
"""


def _seccion(titulo: str, lineas: list[str], enlaces: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    return {"titulo": titulo, "lineas": lineas, "enlaces": [{"texto": t, "nodo": n} for t, n in enlaces]}


def _leer_vocabulario(lector: Lector, red: Red) -> None:
    alternativos: dict[str, set[str]] = defaultdict(set)
    for f in lector.seleccionar(_Q_NODOS):
        n = f["n"]
        # los tipos de _Q_NODOS son disjuntos; de varias etiquetas, la menor (determinista)
        nodo = red.nodos.setdefault(n, Nodo(n, f["et"], f["tipo"]))
        nodo.etiqueta = min(nodo.etiqueta, f["et"])
        if f.get("nivel"):
            red.nodos[n].nivel = f["nivel"]
        if f.get("alt"):
            alternativos[n].add(f["alt"])
    for n, nodo in red.nodos.items():
        if nodo.tipo == "nivel":
            nodo.nivel = nodo.etiqueta
        nodo.busqueda = sorted({normalizar(nodo.etiqueta), *(normalizar(a) for a in alternativos[n])})
        siglas = sorted(a for a in alternativos[n] if es_sigla(a))
        if siglas and nodo.tipo in ("instrumento", "concepto", "actor"):
            nodo.etiqueta = f"{nodo.etiqueta} ({siglas[0]})" if len(nodo.etiqueta) < 40 else siglas[0]
    for f in lector.seleccionar(_Q_ARISTAS_VOCABULARIO):
        if f["a"] in red.nodos and f["b"] in red.nodos and f["a"] != f["b"]:
            red.aristas.append((f["a"], f["b"], f["et"]))


def _fichas_vocabulario(lector: Lector, red: Red, citas: dict[str, list[str]]) -> None:
    from grafo.fichas.conceptos import ficha_de_iri

    competencias: dict[str, list[str]] = defaultdict(list)
    for f in lector.seleccionar(_Q_COMPETENCIAS_ACTOR):
        periodo = f"desde {f['desde'] or '¿?'}" + (f" hasta {f['hasta']}" if f.get("hasta") else "")
        competencias[f["a"]].append(f"{f['fn']}: {f['inst']} ({periodo})")
    vecinos = red.vecinos()
    for n, nodo in red.nodos.items():
        if nodo.ficha or nodo.tipo == "enunciado":  # sesiones y oradores ya tienen la suya; la de
            continue  # un enunciado la arma la página con su registro
        relacionados = sorted(
            (
                (red.nodos[v].etiqueta, v)
                for v in vecinos[n]
                if red.nodos[v].tipo in ("instrumento", "concepto")
            ),
        )
        secciones = []
        if nodo.tipo in ("instrumento", "concepto"):
            fi = ficha_de_iri(lector, n)
            definicion = [fi.definicion or "(sin definición normativa en las fuentes consultadas)"]
            if fi.fuente:
                definicion.append(
                    f"Fuente: {fi.fuente}" + (f" (confianza: {fi.confianza})" if fi.confianza else "")
                )
            secciones.append(_seccion("Definición", definicion))
            por_nivel = [
                f"{c.nivel} · {c.titular}: {c.funcion}; base legal: {c.base_legal}; "
                + (f"desde {c.desde or '¿?'}" + (f" hasta {c.hasta}" if c.hasta else " (vigente)"))
                for c in fi.competencias
            ]
            secciones.append(_seccion("Competencias por nivel", por_nivel or ["(ninguna registrada)"]))
            secciones.append(_seccion("Instrumentos relacionados", [], relacionados))
            lista = citas.get(n, [])
            secciones.append(
                _seccion(
                    f"En el foro: {nodo.menciones} enunciado(s) lo mencionan",
                    [f"«{recortar(c, 160)}»" for c in lista[:3]],
                )
            )
            subtitulo = f"{TIPOS[nodo.tipo][0]} · {fi.termino_en}" if fi.termino_en else TIPOS[nodo.tipo][0]
        elif nodo.tipo == "actor":
            secciones.append(
                _seccion("Nivel de gobierno", [nodo.nivel or "(sin nivel: no es una entidad pública)"])
            )
            secciones.append(_seccion("Competencias", sorted(competencias[n]) or ["(ninguna registrada)"]))
            secciones.append(_seccion("Instrumentos", [], relacionados))
            subtitulo = TIPOS[nodo.tipo][0]
        else:
            subtitulo = TIPOS[nodo.tipo][0]
            secciones.append(
                _seccion("Relacionados", [], sorted((red.nodos[v].etiqueta, v) for v in vecinos[n]))
            )
        nodo.ficha = {"titulo": nodo.etiqueta, "subtitulo": subtitulo, "secciones": secciones}


def _leer_foro(lector: Lector, red: Red, con_enunciados: bool) -> dict[str, list[str]]:
    """Añade sesiones, oradores y los registros de los enunciados; con ``con_enunciados``, también los
    enunciados como nodos. Devuelve las citas (textos) por entidad mencionada.

    En la vista por defecto los enunciados no son nodos: se agregan en el tamaño de lo que mencionan,
    se listan en su ficha y la página los despliega alrededor de su sesión u orador a pedido.
    """
    menciones: dict[str, list[str]] = defaultdict(list)
    for f in lector.seleccionar(_Q_MENCIONES):
        menciones[f["e"]].append(f["m"])
    afirmaciones: dict[str, list[str]] = defaultdict(list)
    for f in lector.seleccionar(_Q_AFIRMACIONES):
        afirmaciones[f["e"]].append(f["et"])
    citas: dict[str, list[str]] = defaultdict(list)
    hablo_en: set[tuple[str, str]] = set()
    for f in lector.seleccionar(_Q_FORO):
        e, sesion, autor = f["e"], f["sesion"], f["autor"]
        for m in sorted(set(menciones[e])):
            citas[m].append(f["texto"])
            red.citados[m].append(e)
            if m in red.nodos:
                red.nodos[m].menciones += 1
        if sesion not in red.nodos:
            red.nodos[sesion] = Nodo(sesion, f["sesion_et"], "sesion", sesion=sesion,
                                     busqueda=[normalizar(f["sesion_et"])])  # fmt: skip
        if autor not in red.nodos:
            red.nodos[autor] = Nodo(autor, f["autor_et"], "orador", busqueda=[normalizar(f["autor_et"])])
        hablo_en.add((autor, sesion))
        red.enunciados[e] = {
            "id": e,
            "ident": f["id"],
            "texto": f["texto"],
            "tipo": f["tipo"],
            "autor": autor,
            "sesion": sesion,
            "foro": f["foro_id"],
            "pregunta": f.get("pregunta", ""),
            "menciona": sorted(set(menciones[e]) - {e}),
            "afirma": sorted(afirmaciones[e]),
        }
        if con_enunciados:
            red.nodos[e] = Nodo(e, f"{f['id']}: {recortar(f['texto'], 40)}", "enunciado", sesion=sesion,
                                busqueda=[normalizar(f["id"]), normalizar(f["texto"])])  # fmt: skip
            red.aristas.append((e, autor, "dicho por"))
            red.aristas.append((e, sesion, "en la sesión"))
            red.aristas += [(e, m, "menciona") for m in red.enunciados[e]["menciona"] if m in red.nodos]
    ponentes = {(f["s"], f["p"]) for f in lector.seleccionar(_Q_PONENTES)}
    for s, p in sorted(ponentes):
        if s in red.nodos and p in red.nodos:
            red.aristas.append((p, s, "ponente en"))
    for autor, sesion in sorted(hablo_en):
        if (sesion, autor) not in ponentes:
            red.aristas.append((autor, sesion, "habló en"))
    por_tipo: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in red.enunciados.values():
        por_tipo[r["sesion"]][r["tipo"]] += 1
        por_tipo[r["autor"]][r["tipo"]] += 1
    for nodo in red.nodos.values():
        if nodo.tipo in ("sesion", "orador"):
            cuentas = por_tipo[nodo.id]
            lineas = [f"{sum(cuentas.values())} enunciado(s)"]
            lineas += [f"{t}: {k}" for t, k in sorted(cuentas.items())]
            nodo.ficha = {"titulo": nodo.etiqueta, "subtitulo": TIPOS[nodo.tipo][0],
                          "secciones": [_seccion("En el foro", lineas)]}  # fmt: skip
    return citas


def _vecindad(red: Red, centro: str, radio: int) -> set[str]:
    vecinos = red.vecinos()
    dentro, frontera = {centro}, {centro}
    for _ in range(radio):
        frontera = {v for n in frontera for v in vecinos[n]} - dentro
        dentro |= frontera
    return dentro


#: Distancia típica (px de vis-network) entre un nodo y su vecino más cercano: etiquetas legibles.
_SEPARACION = 90.0


def _resorte(g: Any, red: Red) -> dict[str, tuple[float, float]]:
    """``spring_layout`` de una componente conexa ``g`` (semilla fija, punto de partida por tipo en
    anillos), escalado para que la distancia mediana al vecino más cercano sea ``_SEPARACION`` y
    trasladado para que su esquina superior izquierda quede en (0, 0)."""
    import networkx as nx

    conectados = sorted(g.nodes)
    orden_tipos = list(TIPOS)
    inicio = {}
    for i, n in enumerate(conectados):
        k = orden_tipos.index(red.nodos[n].tipo)
        angulo = 2 * math.pi * (k / len(orden_tipos)) + 0.37 * (i % 17) / 17
        inicio[n] = ((0.3 + 0.15 * k) * math.cos(angulo), (0.3 + 0.15 * k) * math.sin(angulo))
    crudo = nx.spring_layout(g, pos=inicio, seed=7, k=1.5 / math.sqrt(len(conectados)), iterations=100)
    puntos = {n: (float(x), float(y)) for n, (x, y) in crudo.items()}
    cercanos = sorted(
        min(math.dist(p, q) for m, q in puntos.items() if m != n) for n, p in puntos.items()
    ) if len(puntos) > 1 else [1.0]  # fmt: skip
    escala = _SEPARACION / (cercanos[len(cercanos) // 2] or 1.0)
    grado = red.grados()
    cajas = [_caja(red.nodos[n], _tamano(grado[n], red.nodos[n].menciones)) for n in conectados]
    separados = _separar([(x * escala, y * escala) for x, y in (puntos[n] for n in conectados)], cajas)
    x0 = min(x for x, _ in separados)
    y0 = min(y for _, y in separados)
    return {n: (x - x0, y - y0) for n, (x, y) in zip(conectados, separados, strict=True)}


def _tamano(grado: int, menciones: int) -> float:
    """Radio del nodo en la página (px): crece con sus aristas y con los enunciados que lo mencionan."""
    return round(10 + 4 * math.sqrt(grado + menciones), 1)


def _caja(nodo: Nodo, radio: float) -> tuple[float, float, float]:
    """Lo que ocupa un nodo con su etiqueta debajo (px): semiancho, alto sobre el centro, alto debajo.
    La etiqueta (14 px) se parte en líneas de a lo sumo 200 px (``widthConstraint`` de la página)."""
    largo = 7.2 * len(nodo.etiqueta)
    lineas = math.ceil(largo / 200) or 1
    return max(min(largo, 200) / 2, radio) + 6, radio + 4, radio + 17 * lineas + 6


def _separar(
    puntos: list[tuple[float, float]], cajas: list[tuple[float, float, float]], iteraciones: int = 300
) -> list[tuple[float, float]]:
    """Aparta los nodos cuyas cajas (nodo + etiqueta) se pisan: cada par solapado se separa por el eje
    en que menos se pisa, la mitad cada uno. Determinista; conserva la forma de la disposición."""
    import numpy as np

    if len(puntos) < 2:
        return puntos
    p = np.array(puntos, dtype=float)
    c = np.array(cajas, dtype=float)
    w, arriba, abajo = c[:, 0], c[:, 1], c[:, 2]
    # desempate fijo para nodos en el mismo punto
    p += np.stack([np.sin(np.arange(len(p))), np.cos(np.arange(len(p)))], axis=1) * 1e-3
    for _ in range(iteraciones):
        x, y = p[:, 0], p[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        sx = w[:, None] + w[None, :] - np.abs(dx)
        sy = np.minimum(y[:, None] + abajo[:, None], y[None, :] + abajo[None, :]) - np.maximum(
            y[:, None] - arriba[:, None], y[None, :] - arriba[None, :]
        )
        solapa = (sx > 0.5) & (sy > 0.5)
        np.fill_diagonal(solapa, False)
        if not solapa.any():
            break
        por_x = solapa & (sx <= sy)
        por_y = solapa & ~por_x
        p[:, 0] += 0.5 * np.where(por_x, np.sign(dx) * sx / 2, 0.0).sum(axis=1)
        p[:, 1] += 0.5 * np.where(por_y, np.sign(dy) * sy / 2, 0.0).sum(axis=1)
    return [(float(a), float(b)) for a, b in p]


def _disposicion(red: Red) -> dict[str, tuple[float, float]]:
    """Posiciones fijas y deterministas.

    Cada componente conexa con aristas se dispone aparte con ``_resorte`` (si entraran juntas, las
    pequeñas se irían lejos y encogerían la mayor): la mayor arriba, las demás en filas debajo, de
    mayor a menor. Los nodos sueltos van en una rejilla al final, por tipo y nombre.
    """
    import networkx as nx

    g = nx.Graph()
    g.add_edges_from((a, b) for a, b, _ in red.aristas)
    componentes = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    pos: dict[str, tuple[float, float]] = {}
    bloques = [_resorte(g.subgraph(c), red) for c in componentes]
    ancho = max((max(x for x, _ in b.values()) for b in bloques[:1]), default=0.0)
    margen = 2 * _SEPARACION
    x, y, alto_fila = 0.0, 0.0, 0.0
    for i, bloque in enumerate(bloques):
        bx = max(x for x, _ in bloque.values())
        by = max(y for _, y in bloque.values())
        if x > 0 and x + bx > ancho:  # no cabe en esta fila: otra debajo
            x, y, alto_fila = 0.0, y + alto_fila + margen, 0.0
        pos.update({n: (x + px, y + py) for n, (px, py) in bloque.items()})
        x += bx + margen
        alto_fila = max(alto_fila, by)
        if i == 0:  # la mayor ocupa sola su fila
            x, y, alto_fila = 0.0, by + margen, 0.0
    orden_tipos = list(TIPOS)
    sueltos = sorted(
        (n for n in red.nodos if n not in pos),
        key=lambda n: (orden_tipos.index(red.nodos[n].tipo), red.nodos[n].etiqueta, n),
    )
    if sueltos:
        abajo = (max((py for _, py in pos.values()), default=0.0) + margen) if pos else 0.0
        paso = 1.6 * _SEPARACION
        columnas = max(1, int(ancho // paso) + 1, math.ceil(math.sqrt(len(sueltos))))
        for i, n in enumerate(sueltos):
            pos[n] = (paso * (i % columnas), abajo + paso * (i // columnas))
    return pos


def construir_red(
    lector: Any,
    *,
    vista: str = "vocabulario",
    centro: str | None = None,
    radio: int = 1,
    tipos: tuple[str, ...] = (),
    tope: int = TOPE_NODOS,
) -> Red:
    """La red de ``lector`` (un ``Almacen`` o un ``Lector``) según la vista, el centro y los tipos."""
    if vista not in VISTAS:
        raise GrafoError(f"vista desconocida '{vista}'. Vistas: {', '.join(VISTAS)}.")
    desconocidos = [t for t in tipos if t not in TIPOS]
    if desconocidos:
        raise GrafoError(f"tipo de nodo desconocido '{desconocidos[0]}'. Tipos: {', '.join(TIPOS)}.")
    if radio < 0:
        raise GrafoError("--radio debe ser 0 o más.")
    descripcion = getattr(lector, "descripcion", "")
    red = Red(titulo="Grafo territorial", grafo=descripcion)
    _leer_vocabulario(lector, red)
    con_enunciados = vista in ("foro", "completa") or centro is not None or bool(set(tipos) & set(_FORO))
    citas = _leer_foro(lector, red, con_enunciados)
    _fichas_vocabulario(lector, red, citas)
    iri_centro = None
    if centro is not None:
        iri_centro = resolver(lector, centro, _CLASES_CENTRO)
        conservar = _vecindad(red, iri_centro, radio)
        red.foco = iri_centro
        red.titulo = f"Grafo territorial · {red.nodos[iri_centro].etiqueta} (radio {radio})"
    else:
        quedan = {
            "vocabulario": (*_VOCABULARIO, "sesion", "orador"),
            "foro": (*_FORO, "instrumento", "concepto", "actor", "nivel"),
            "completa": tuple(TIPOS),
        }[vista]
        conservar = {n for n, nodo in red.nodos.items() if nodo.tipo in quedan}
        if vista == "foro":  # del vocabulario, solo lo que el foro menciona
            mencionados = {b for a, b, et in red.aristas if et == "menciona"}
            conservar = {n for n in conservar if red.nodos[n].tipo in _FORO or n in mencionados}
    if tipos:
        conservar = {n for n in conservar if red.nodos[n].tipo in tipos or n == iri_centro}
    if len(conservar) > tope:
        # los más conectados primero (y el centro siempre)
        grado = red.grados()
        elegidos = sorted(conservar, key=lambda n: (n != iri_centro, -grado[n] - red.nodos[n].menciones, n))
        conservar = set(elegidos[:tope])
        red.aviso = (
            f"Vista limitada a {tope} de {len(elegidos)} nodos (los más conectados). Para ver otros: "
            "'grafo visualizar --centro TERMINO --radio N', '--tipo TIPO' o '--vista foro'."
        )
    red.nodos = {n: nodo for n, nodo in red.nodos.items() if n in conservar}
    vistas = set()
    aristas = []
    for a, b, et in red.aristas:
        if a in red.nodos and b in red.nodos and (a, b, et) not in vistas:
            vistas.add((a, b, et))
            aristas.append((a, b, et))
    red.aristas = sorted(aristas)
    red.posiciones = _disposicion(red)
    return red


def _json_seguro(datos: dict[str, Any]) -> str:
    """JSON que no puede cerrar el ``<script>`` que lo contiene."""
    texto = json.dumps(datos, ensure_ascii=False, separators=(",", ":"))
    return texto.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_de_red(red: Red) -> str:
    """La página HTML autocontenida de ``red``."""
    from string import Template

    visjs = recursos.archivo_web("vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in visjs.lower():
        raise GrafoError("vis-network.min.js contiene '</script': no se puede incrustar.")
    plantilla = Template(recursos.archivo_web("red.html").read_text(encoding="utf-8"))
    return plantilla.substitute(titulo=html.escape(red.titulo), visjs=visjs, datos=_json_seguro(red.datos()))


def guardar_red(red: Red, ruta: Path) -> None:
    """Escribe la página de ``red`` en ``ruta`` de forma atómica."""
    escribir_texto_atomico(Path(ruta), html_de_red(red))
