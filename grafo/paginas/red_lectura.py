"""Lectura del almacén para la red: SPARQL -> nodos, aristas, fichas y registros de enunciados.

Tres pasos, que ``red.construir_red`` llama en este orden sobre una ``Red`` vacía:

1. ``leer_vocabulario``: instrumentos, conceptos, actores (con su nivel), niveles de gobierno y
   normas, con sus etiquetas, siglas y las aristas entre ellos;
2. ``leer_foro``: sesiones, oradores y los registros de los enunciados (con ``con_enunciados``,
   también los enunciados como nodos); devuelve las citas por entidad mencionada;
3. ``fichas_vocabulario``: la ficha de cada nodo del vocabulario (definición, competencias,
   relacionados y lo que el foro dice de él).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from grafo.almacen.lector import Lector
from grafo.base.texto import es_sigla, normalizar, recortar
from grafo.paginas.red_modelo import TIPOS, Nodo, Red

__all__ = ["fichas_vocabulario", "leer_foro", "leer_vocabulario"]

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


def leer_vocabulario(lector: Lector, red: Red) -> None:
    """Añade a ``red`` los nodos del vocabulario (etiqueta en español, sigla, nivel, términos de
    búsqueda) y las aristas entre ellos: competencias, niveles, relaciones, normas, «más amplio»."""
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


def fichas_vocabulario(lector: Lector, red: Red, citas: dict[str, list[str]]) -> None:
    """Pone la ficha de cada nodo que aún no la tiene (salvo los enunciados); ``citas`` son los
    textos que mencionan cada entidad (de ``leer_foro``)."""
    from grafo.fichas.conceptos import ficha_de_concepto

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
            fi = ficha_de_concepto(lector, n)
            definicion = [fi.definicion.es or "(sin definición normativa en las fuentes consultadas)"]
            if fi.fuente.es:
                definicion.append(
                    f"Fuente: {fi.fuente.es}"
                    + (f" (confianza: {fi.confianza.es})" if fi.confianza.es else "")
                )
            if fi.ya_no_rige:
                definicion.append(fi.ya_no_rige.es)
            secciones.append(_seccion("Definición", definicion))
            por_nivel = [
                f"{c.nivel.es} · {c.titular.es}: {c.funcion.es}; base legal: {c.base_legal.es}; "
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
            subtitulo = f"{TIPOS[nodo.tipo][0]} · {fi.termino.en}" if fi.termino.en else TIPOS[nodo.tipo][0]
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


def leer_foro(lector: Lector, red: Red, con_enunciados: bool) -> dict[str, list[str]]:
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
