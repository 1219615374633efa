"""Etapa *triples*: ontología, glosario (y foros) -> ``rdflib.Dataset`` con grafos con nombre.

Entrada: los Turtle empaquetados en ``grafo.ontologia``. Salida: un ``Dataset`` cuyo grafo
``gtg:ontologia`` tiene clases, propiedades y vocabularios controlados, y cuyo grafo
``gtg:glosario`` tiene conceptos, normas, actores, competencias y relaciones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources.abc import Traversable

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from . import recursos
from .errores import FuenteInvalidaError
from .espacios import GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, GT, RDF, enlazar_prefijos

__all__ = ["ARCHIVOS_ONTOLOGIA", "construir_base", "grafo_union", "leer_turtle"]

#: Archivos que forman el grafo ``ontologia``; el resto va al grafo ``glosario``.
ARCHIVOS_ONTOLOGIA = frozenset({"nucleo.ttl", "vocabularios.ttl"})


def leer_turtle(destino: Graph, fuente: Traversable, nombre: str | None = None) -> None:
    """Añade a ``destino`` el Turtle de ``fuente``; un error de sintaxis cita archivo y línea."""
    nombre = nombre or fuente.name
    try:
        texto = fuente.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise FuenteInvalidaError(f"{nombre}: no se puede leer como texto UTF-8 ({e}).") from e
    try:
        destino.parse(data=texto, format="turtle")
    except BadSyntax as e:
        linea = _linea_de(e)
        donde = f"{nombre}:{linea}" if linea else nombre
        raise FuenteInvalidaError(
            f"{donde}: Turtle mal formado ({e._why}). Corrija la sintaxis en esa línea."
        ) from e
    except Exception as e:  # rdflib lanza Exception genérica para prefijos no declarados
        raise FuenteInvalidaError(f"{nombre}: Turtle mal formado ({e}). Revise prefijos y sintaxis.") from e


def _linea_de(e: BadSyntax) -> int | None:
    m = re.search(r"at line (\d+)", str(e))
    return int(m.group(1)) if m else None


def _materializar_relaciones(glosario: Graph) -> None:
    """Añade ``origen gt:relacionadoCon destino`` por cada relación citada entre instrumentos."""
    for rel in list(glosario.subjects(RDF.type, GT.RelacionEntreInstrumentos)):
        origen = glosario.value(rel, GT.origen)
        destino = glosario.value(rel, GT.destino)
        if isinstance(origen, URIRef) and isinstance(destino, URIRef):
            glosario.add((origen, GT.relacionadoCon, destino))


def construir_base(extras: Iterable[Traversable] = ()) -> Dataset:
    """Construye el ``Dataset`` con la ontología y el glosario empaquetados (y Turtle extra)."""
    ds = Dataset()
    enlazar_prefijos(ds)
    ontologia = ds.graph(GRAFO_ONTOLOGIA)
    glosario = ds.graph(GRAFO_GLOSARIO)
    for archivo in recursos.archivos_ontologia():
        leer_turtle(ontologia if archivo.name in ARCHIVOS_ONTOLOGIA else glosario, archivo)
    for archivo in extras:
        leer_turtle(glosario, archivo, str(archivo))
    _materializar_relaciones(glosario)
    return ds


def grafo_union(ds: Dataset) -> Graph:
    """Un ``Graph`` con la unión de todos los grafos del ``Dataset``."""
    union = Graph()
    enlazar_prefijos(union)
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
