"""Las tripletas de un grafo en piezas: cada tripleta con los nodos en blanco que cuelgan de ella, la
unidad más pequeña que ``depuracion`` quita o deja al buscar un conflicto."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import BNode, Graph
from rdflib.term import Node

__all__ = [
    "SIN_ORIGEN",
    "Tripleta",
    "Unidad",
    "agrupar",
    "clave_de_orden",
    "contenidas",
    "copia",
    "partir_en_piezas",
    "sujeto",
]

#: Origen de las tripletas que no están en ningún archivo (p. ej. las materializadas al construir).
SIN_ORIGEN = "origen no identificado"

Tripleta = tuple[Node, Node, Node]
Unidad = frozenset[Tripleta]


def copia(g: Iterable[Tripleta]) -> Graph:
    h = Graph()
    for t in g:
        h.add(t)
    return h


def partir_en_piezas(g: Graph) -> list[Unidad]:
    """Parte ``g`` en piezas: cada tripleta con los nodos en blanco que cuelgan de ella."""
    vistos: set[Tripleta] = set()

    def cierre(nodo: Node) -> set[Tripleta]:
        out: set[Tripleta] = set()
        pendientes = [nodo]
        while pendientes:
            b = pendientes.pop()
            for t in g.triples((b, None, None)):
                if t not in out:
                    out.add(t)
                    if isinstance(t[2], BNode):
                        pendientes.append(t[2])
        return out

    piezas: list[Unidad] = []
    for t in sorted(g, key=clave_de_orden):
        if isinstance(t[0], BNode):
            continue
        pieza = {t} | (cierre(t[2]) if isinstance(t[2], BNode) else set())
        vistos |= pieza
        piezas.append(frozenset(pieza))
    objetos = {o for o in g.objects() if isinstance(o, BNode)}
    for b in sorted({s for s in g.subjects() if isinstance(s, BNode)} - objetos, key=str):
        pieza = cierre(b)
        vistos |= pieza
        piezas.append(frozenset(pieza))
    resto = frozenset(set(g) - vistos)  # ciclos de nodos en blanco: una sola pieza
    return [*piezas, resto] if resto else piezas


def clave_de_orden(t: Tripleta) -> tuple[str, str, str]:
    return (str(t[0]), str(t[1]), str(t[2]))


def sujeto(pieza: Unidad) -> Node:
    """El sujeto con nombre de la pieza (o su nodo en blanco raíz)."""
    sujetos = {t[0] for t in pieza}
    objetos = {t[2] for t in pieza}
    raices = sorted(sujetos - objetos, key=str) or sorted(sujetos, key=str)
    return raices[0]


def agrupar(unidades: Iterable[Unidad], clave: Callable[[Unidad], str]) -> list[Unidad]:
    grupos: dict[str, set[Tripleta]] = {}
    for u in unidades:
        grupos.setdefault(clave(u), set()).update(u)
    return [frozenset(grupos[k]) for k in sorted(grupos)]


def contenidas(piezas: list[Unidad], unidades: list[Unidad]) -> list[Unidad]:
    return [p for p in piezas if any(p <= u for u in unidades)]
