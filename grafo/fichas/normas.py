"""Ficha de una norma o documento citado (``FichaNorma``): identificador, título, tipo, publicación,
vigencia, derogación (``gt:derogadaPor``; la de sus artículos, ``gt:derogadoPor`` y
``gt:vigenteHasta``), quién la emitió, qué deroga, y cada artículo suyo que está en el grafo con lo
que lo cita: definiciones (``gt:fuenteDefinicion``), carácter (``gt:fuenteCaracter``), competencias
(``gt:baseLegal``), relaciones y descripciones (``dct:source``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from grafo.base.espacios import DCTERMS, FOAF, GT, RDF, RDFS, SKOS
from grafo.base.texto import normalizar
from grafo.busqueda.resolucion import iri_sparql
from grafo.fichas.lectura import (
    afirmacion,
    clase_de,
    filas_competencia,
    leer_nodos,
    leer_nombres,
    por_idioma,
    vigencia_desde,
    vigencia_hasta,
)
from grafo.fichas.modelo import ArticuloCitado, Cita, FichaNorma, FuenteCitada, QueCita

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = ["ficha_norma"]

_PROPS_NORMA = (
    RDF.iri("type"),
    RDFS.iri("label"),
    SKOS.iri("prefLabel"),
    DCTERMS.iri("identifier"),
    DCTERMS.iri("title"),
    GT.iri("tipoDeNorma"),
    GT.iri("fechaPublicacion"),
    GT.iri("vigenteDesde"),
    GT.iri("vigenteHasta"),
    GT.iri("derogadaPor"),
    GT.iri("emitidaPor"),
    GT.iri("confianza"),
    SKOS.iri("note"),
    SKOS.iri("editorialNote"),
    GT.iri("datoNoHallado"),
    FOAF.iri("page"),
)


_PROPS_ARTICULO = (
    RDFS.iri("label"),
    GT.iri("numero"),
    GT.iri("textoLiteral"),
    GT.iri("vigenteHasta"),
    GT.iri("derogadoPor"),
    GT.iri("sustituidoPor"),
)


_PROPS_RELACION = (
    GT.iri("origen"),
    GT.iri("destino"),
    GT.iri("tipoDeRelacion"),
    GT.iri("vigenteDesde"),
    GT.iri("vigenteHasta"),
)


_Q_CITAS = """
SELECT DISTINCT ?x ?prop ?a ?clase WHERE {
  { ?a gt:articuloDe %(x)s } UNION { BIND(%(x)s AS ?a) }
  ?x ?prop ?a . VALUES ?prop { gt:fuenteDefinicion gt:fuenteCaracter gt:baseLegal dct:source }
  BIND(IF(EXISTS { ?x a gt:Competencia }, "competencia",
       IF(EXISTS { ?x a gt:RelacionEntreInstrumentos }, "relacion",
       IF(EXISTS { ?x rdf:type/rdfs:subClassOf* gt:ConceptoTerritorial }, "concepto",
       IF(EXISTS { ?x rdf:type/rdfs:subClassOf* gt:Actor }, "actor", "otro")))) AS ?clase)
}
"""


#: Lo que la norma ``{x}`` derogó o sustituyó: lo que cambian sus gt:Cambio (una división o una norma
#: entera, no cada artículo que la derivación alcanza) y las normas que dicen gt:derogadaPor ``{x}``.
_Q_DEROGA = """
SELECT DISTINCT ?s ?hasta ?sustituye WHERE {{
  {{ ?c gt:hechoPor {x} ; gt:cambia ?s ; gt:fechaDelCambio ?hasta .
     OPTIONAL {{ ?c a gt:Sustitucion . BIND("1" AS ?sustituye) }} }}
  UNION
  {{ ?s gt:derogadaPor {x} . FILTER NOT EXISTS {{ ?c gt:cambia ?s ; gt:hechoPor {x} }}
     OPTIONAL {{ ?s gt:vigenteHasta ?hasta }} }}
}}
"""


#: Las divisiones de la norma ``{x}`` que otra derogó o sustituyó (cada gt:Cambio sobre una de ellas).
_Q_CAMBIOS = """
SELECT DISTINCT ?s ?hasta ?por ?sustituye WHERE {{
  ?c gt:cambia ?s ; gt:fechaDelCambio ?hasta . ?s gt:dentroDe* ?d . ?d gt:divisionDe|gt:articuloDe {x} .
  OPTIONAL {{ ?c gt:hechoPor ?p . ?p rdfs:label ?por }}
  OPTIONAL {{ ?c a gt:Sustitucion . BIND("1" AS ?sustituye) }}
}}
"""


#: Orden de las citas en la ficha de una norma.
_ORDEN_CITA: dict[QueCita, int] = {
    "definicion": 0,
    "caracter": 1,
    "fuente": 2,
    "descripcion": 3,
    "competencia": 4,
    "relacion": 5,
    "otro": 6,
}


def _citas(lector: Lector, x: str) -> dict[str, list[Cita]]:
    """Lo que cita la norma ``x`` o cada uno de sus artículos: artículo (o ``x``) -> citas."""
    t = iri_sparql(x)
    filas = lector.seleccionar(_Q_CITAS % {"x": t})
    competencias = {
        k.iri: k for k in filas_competencia(lector, f"VALUES ?s {{ {_iris(filas, 'competencia')} }}")
    }
    relaciones = leer_nodos(lector, f"VALUES ?s {{ {_iris(filas, 'relacion')} }}", _PROPS_RELACION)
    nombres = leer_nombres(lector, [f["x"] for f in filas if f["clase"] in ("concepto", "actor", "otro")])
    especificas = {(f["x"], f["a"]) for f in filas if f["prop"] != DCTERMS.iri("source")}
    res: dict[str, set[Cita]] = {}
    for f in filas:
        cita: Cita | None = None
        if f["clase"] == "competencia" and f["x"] in competencias:
            k = competencias[f["x"]]
            cita = Cita("competencia", k.instrumento, k)
        elif f["clase"] == "relacion":
            r = f["x"]
            tipo = relaciones.texto(relaciones.valor(r, GT.iri("tipoDeRelacion")))
            origen = relaciones.texto(relaciones.valor(r, GT.iri("origen")))
            destino = relaciones.texto(relaciones.valor(r, GT.iri("destino")))
            nombre = afirmacion(origen, tipo, destino, None)
            cita = Cita(
                "relacion", nombre, None, vigencia_desde(relaciones, r), vigencia_hasta(relaciones, r)
            )
        elif f["clase"] == "concepto":
            if f["prop"] == GT.iri("fuenteDefinicion"):
                cita = Cita("definicion", nombres[f["x"]])
            elif f["prop"] == GT.iri("fuenteCaracter"):
                cita = Cita("caracter", nombres[f["x"]])
            elif (f["x"], f["a"]) not in especificas:
                cita = Cita("fuente", nombres[f["x"]])
        elif f["clase"] == "actor":
            cita = Cita("descripcion", nombres[f["x"]])
        elif f["prop"] == DCTERMS.iri("source") and (f["x"], f["a"]) not in especificas:
            cita = Cita("otro", nombres[f["x"]])
        if cita is not None:
            res.setdefault(f["a"], set()).add(cita)
    return {a: sorted(c, key=_clave_cita) for a, c in res.items()}


def _iris(filas: list[dict[str, str]], clase: str) -> str:
    return " ".join(iri_sparql(i) for i in sorted({f["x"] for f in filas if f["clase"] == clase}))


def _clave_cita(c: Cita) -> tuple[int, str, str, str, str]:
    k = c.competencia
    detalle = f"{k.orden} {normalizar(k.titular.es)} {k.desde} {k.funcion.es} {k.iri}" if k else ""
    return (_ORDEN_CITA[c.que], normalizar(c.nombre.es), detalle, c.desde, c.nombre.en)


def _clave_articulo(etiqueta: str) -> tuple[tuple[int, str], ...]:
    """Orden natural: «art. 2.1» antes que «art. 10»; las letras después de los números."""
    return tuple(
        (int(p), "") if p.isdigit() else (1 << 30, p.casefold())
        for p in re.findall(r"\d+|[^\W\d_]+", etiqueta)
    )


def ficha_norma(lector: Lector, x: str) -> FichaNorma:
    """La ficha de la norma (o documento) ``x``: identificador, título, tipo, fechas, vigencia y
    derogación, quién la emitió, qué deroga, y sus artículos citados con lo que los cita
    (definiciones, competencias, relaciones, descripciones de actores)."""
    t = iri_sparql(x)
    n = leer_nodos(lector, f"VALUES ?s {{ {t} }}", _PROPS_NORMA)
    arts = leer_nodos(lector, f"?s gt:articuloDe {t} .", _PROPS_ARTICULO)
    citas = _citas(lector, x)
    deroga_filas = lector.seleccionar(_Q_DEROGA.format(x=t))
    nombres = leer_nombres(lector, [f["s"] for f in deroga_filas])
    deroga = sorted(
        {
            FuenteCitada(nombres[f["s"]].es, f.get("hasta", "")[:10], n.etiqueta(x), "sustituye" in f)
            for f in deroga_filas
        },
        key=lambda d: (_clave_articulo(d.etiqueta), d.etiqueta, d.derogado_el),
    )
    cambio_filas = lector.seleccionar(_Q_CAMBIOS.format(x=t))
    nombres_cambios = leer_nombres(lector, [f["s"] for f in cambio_filas])
    cambios = sorted(
        {
            FuenteCitada(nombres_cambios[f["s"]].es, f["hasta"][:10], f.get("por", ""), "sustituye" in f)
            for f in cambio_filas
        },
        key=lambda d: (_clave_articulo(d.etiqueta), d.etiqueta, d.derogado_el),
    )
    articulos = []
    for a in arts.props:
        sustituye = arts.valor(a, GT.iri("sustituidoPor"))
        por = sustituye or arts.valor(a, GT.iri("derogadoPor"))
        articulos.append(
            ArticuloCitado(
                iri=a,
                etiqueta=arts.etiqueta(a),
                texto_literal=arts.literal(a, GT.iri("textoLiteral"), None),
                derogado_el=arts.fecha(a, GT.iri("vigenteHasta")),
                derogado_por=arts.etiqueta(por) if por is not None else "",
                citado_por=tuple(citas.get(a, ())),
                sustituido=sustituye is not None,
            )
        )
    tipo = n.valor(x, GT.iri("tipoDeNorma"))
    confianza = n.valor(x, GT.iri("confianza"))
    return FichaNorma(
        iri=x,
        nombre=n.etiqueta(x),
        clase=clase_de(n, x),
        identificador=n.literal(x, DCTERMS.iri("identifier"), None),
        titulo=n.literal_texto(x, DCTERMS.iri("title")),
        tipo=n.texto(tipo),
        fecha_publicacion=n.fecha(x, GT.iri("fechaPublicacion")),
        vigente_desde=n.fecha(x, GT.iri("vigenteDesde")),
        vigente_hasta=n.fecha(x, GT.iri("vigenteHasta")),
        derogada_por=n.etiquetas(x, GT.iri("derogadaPor")),
        emitida_por=n.textos(x, GT.iri("emitidaPor")),
        confianza=n.texto(confianza),
        paginas=sorted(o.valor for o in n.objetos(x, FOAF.iri("page"))),
        notas=por_idioma(n, x, SKOS.iri("note"), SKOS.iri("editorialNote")),
        vacios=por_idioma(n, x, GT.iri("datoNoHallado")),
        deroga=deroga,
        cambios=cambios,
        articulos=sorted(articulos, key=lambda r: (_clave_articulo(r.etiqueta), r.etiqueta, r.iri)),
        citada_sin_articulo=citas.get(x, []),
    )
