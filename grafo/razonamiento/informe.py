"""El mensaje de una ontología inconsistente: las tripletas en conflicto en notación Turtle corta, de
qué archivo son, los individuos implicados y los axiomas de la ontología que lo explican."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from grafo.base.espacios import OWL, RDF, RDFS, XSD, abreviar
from grafo.razonamiento.piezas import SIN_ORIGEN, Tripleta, Unidad, clave_de_orden, copia, sujeto

__all__ = ["mensaje_conflicto", "mensaje_sin_acotar"]

#: Tripletas que se listan como mucho en el mensaje de error.
_MAX_LISTADAS = 15


def _corto(n: Node) -> str:
    if isinstance(n, URIRef):
        return abreviar(str(n))
    if isinstance(n, Literal):
        texto = Literal(str(n)).n3()
        if n.language:
            return f"{texto}@{n.language}"
        return f"{texto}^^{_corto(n.datatype)}" if n.datatype else texto
    return str(n)


def _termino(n: Node, g: Graph, dentro: frozenset[Node] = frozenset()) -> str:
    """``n`` en notación Turtle corta; los nodos en blanco se despliegan con lo que dice ``g``."""
    if not isinstance(n, BNode) or n in dentro:
        return _corto(n) if not isinstance(n, BNode) else "[]"
    dentro = dentro | {n}
    if (n, RDF.first, None) in g:
        return "( " + " ".join(_termino(m, g, dentro) for m in Collection(g, n)) + " )"
    partes = [
        f"{'a' if p == RDF.type else _corto(p)} {_termino(o, g, dentro)}"
        for p, o in sorted(g.predicate_objects(n), key=lambda po: (str(po[0]), str(po[1])))
    ]
    return "[ " + " ; ".join(partes) + " ]" if partes else "[]"


def _linea(pieza: Unidad) -> str:
    h = copia(pieza)
    s = sujeto(pieza)
    if isinstance(s, BNode):
        return _termino(s, h) + " ."
    partes = [
        f"{_corto(s)} {'a' if p == RDF.type else _corto(p)} {_termino(o, h)} ."
        for p, o in sorted(h.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1])))
    ]
    return "\n  ".join(partes)


_VOCABULARIO_OWL = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TIPOS_NO_INDIVIDUO = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.Ontology,
    OWL.Restriction,
}


def _individuos(g: Graph, tripletas: Iterable[Tripleta]) -> list[URIRef]:
    vistos: set[URIRef] = set()
    for s, p, o in tripletas:
        for n in (s, o) if p != RDF.type else (s,):
            if (
                isinstance(n, URIRef)
                and not str(n).startswith(_VOCABULARIO_OWL)
                and not any((n, RDF.type, t) in g for t in _TIPOS_NO_INDIVIDUO)
            ):
                vistos.add(n)
    return sorted(vistos, key=str)


def _axiomas_relacionados(g: Graph, tripletas: list[Tripleta]) -> list[str]:
    """Axiomas de la ontología que probablemente explican el conflicto (enumeraciones cerradas,
    clases disjuntas, propiedades funcionales). Es una ayuda para leer el conflicto, no una prueba.
    """
    clases: set[Node] = set()
    propiedades: set[Node] = set()
    for _s, p, o in tripletas:
        if p == RDF.type:
            clases.add(o)
        elif not str(p).startswith(_VOCABULARIO_OWL):
            propiedades.add(p)
            clases.update(g.objects(p, RDFS.range))
            clases.update(g.objects(p, RDFS.domain))
    for c in list(clases):
        clases.update(x for x in g.transitive_objects(c, RDFS.subClassOf) if x is not None)
    axiomas: list[str] = []
    for c in sorted((c for c in clases if isinstance(c, URIRef)), key=str):
        for eq in [c, *g.objects(c, OWL.equivalentClass)]:
            lista = g.value(eq, OWL.oneOf)
            if lista is not None:
                miembros = ", ".join(_corto(m) for m in Collection(g, lista))
                axiomas.append(f"{_corto(c)} es la enumeración cerrada {{{miembros}}}")
        disjuntas = set(g.objects(c, OWL.disjointWith)) | set(g.subjects(OWL.disjointWith, c))
        for d in sorted(disjuntas, key=str):
            axiomas.append(f"{_corto(c)} y {_corto(d)} son disjuntas")
        for todas in g.subjects(RDF.type, OWL.AllDisjointClasses):
            lista = g.value(todas, OWL.members)
            miembros_l = list(Collection(g, lista)) if lista is not None else []
            if c in miembros_l:
                axiomas.append(", ".join(_corto(m) for m in miembros_l) + " son disjuntas entre sí")
    for p in sorted(propiedades, key=str):
        if (p, RDF.type, OWL.FunctionalProperty) in g:
            otros = sorted(
                {
                    f"{_corto(s)} {_corto(p)} {_corto(v)}"
                    for s, pp, o in tripletas
                    if pp == p
                    for v in g.objects(s, p)
                    if v != o and (s, p, v) not in tripletas
                }
            )
            extra = f" (y el grafo ya tiene {', '.join(otros)})" if otros else ""
            axiomas.append(f"{_corto(p)} es funcional: un solo valor por sujeto{extra}")
    return list(dict.fromkeys(axiomas))


def _de(origen: str) -> str:
    return f" del {origen[3:]}" if origen.startswith("el ") else f" de {origen}"


def _y(cosas: Sequence[str]) -> str:
    return cosas[0] if len(cosas) == 1 else ", ".join(cosas[:-1]) + " y " + cosas[-1]


def mensaje_conflicto(
    g: Graph,
    culpables: list[Unidad],
    origen: dict[Unidad, str],
    junto_con: str,
    completo: bool,
    ejecuciones: int,
) -> str:
    """El mensaje de error de las tripletas ``culpables`` (cada pieza con su archivo en ``origen``),
    inconsistentes junto con ``junto_con``; si no ``completo``, acotadas tras ``ejecuciones`` de
    HermiT sin llegar a un conjunto mínimo."""
    tripletas = sorted({t for p in culpables for t in p}, key=clave_de_orden)
    principales = sorted(culpables, key=lambda p: (origen[p], str(sujeto(p)), _linea(p)))
    archivos = sorted({origen[p] for p in culpables})
    de = _de(archivos[0]) if len(archivos) == 1 and archivos[0] != SIN_ORIGEN else ""
    n = len(principales)
    if completo:
        cuales = "esta tripleta" if n == 1 else f"estas {n} tripletas"
        cabeza = (
            f"HermiT encontró la ontología inconsistente: {cuales}"
            f"{de} no {'puede' if n == 1 else 'pueden'} ser {'cierta' if n == 1 else 'ciertas a la vez'}"
            + (f" junto con {junto_con}" if junto_con else "")
            + ":"
        )
        pie = (
            "Corrija o quite cualquiera de esas tripletas: basta una para deshacer este conflicto "
            "(puede haber otros; vuelva a razonar después)."
        )
    else:
        cabeza = (
            f"HermiT encontró la ontología inconsistente; tras {ejecuciones} ejecuciones "
            f"(el tope) el conflicto quedó acotado a estas {n} tripletas{de}"
            + (f", junto con {junto_con}" if junto_con else "")
            + ":"
        )
        pie = "Revise esas tripletas: alguna de ellas choca con las demás o con la ontología."
    lineas = [cabeza]
    for p in principales[:_MAX_LISTADAS]:
        sufijo = f"   ({origen[p]})" if len(archivos) > 1 else ""
        lineas.append(f"  {_linea(p)}{sufijo}")
    if n > _MAX_LISTADAS:
        sujetos = sorted({_corto(sujeto(p)) for p in principales[_MAX_LISTADAS:]})
        lineas.append(f"  … y {n - _MAX_LISTADAS} más, sobre {', '.join(sujetos[:10])}")
    individuos = [_corto(i) for i in _individuos(g, tripletas)]
    if individuos:
        lineas.append(f"Individuos implicados: {_y(individuos)}.")
    axiomas = _axiomas_relacionados(g, tripletas)
    if axiomas:
        lineas.append(f"Axiomas relacionados de la ontología: {'; '.join(axiomas)}.")
    lineas.append(pie)
    return "\n".join(lineas)


def mensaje_sin_acotar(ejecuciones: int) -> str:
    """El mensaje cuando ni siquiera se pudo acotar el conflicto."""
    return (
        "HermiT encontró la ontología inconsistente, pero no se pudo acotar el conflicto "
        f"en {ejecuciones} ejecuciones. Revise los últimos cambios en ontologia/*.ttl y "
        "en los archivos Turtle añadidos, o pruebe a razonar con menos archivos a la vez."
    )
