"""Etapa *almacen*: dónde vive el grafo. En memoria (rdflib) o en un ``pyoxigraph.Store``.

Convierte entre términos de rdflib y de pyoxigraph, y escribe los archivos del grafo
(TriG, Turtle, JSON-LD, N-Triples, RDF/XML) de forma atómica.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier, Node

from .errores import SalidaError

if TYPE_CHECKING:
    import pyoxigraph as ox

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

__all__ = ["a_oxigraph", "de_oxigraph", "escribir_atomico", "escribir_varios", "termino_oxigraph"]


def a_oxigraph(ds: Dataset) -> ox.Store:
    """Un ``pyoxigraph.Store`` en memoria con los mismos cuádruplos que ``ds``."""
    import pyoxigraph as ox

    store = ox.Store()
    datos = ds.serialize(format="nquads", encoding="utf-8")
    store.bulk_load(datos, format=ox.RdfFormat.N_QUADS)
    return store


def termino_oxigraph(t: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convierte un término de rdflib en el de pyoxigraph."""
    import pyoxigraph as ox

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"término no convertible: {t!r}")


def de_oxigraph(t: object) -> Node | None:
    """Convierte un término de pyoxigraph en el de rdflib (``None`` si no hay valor)."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise TypeError(f"término no convertible: {t!r}")


def escribir_atomico(ruta: Path, escribir: Callable[[Path], None]) -> None:
    """Escribe ``ruta`` vía un temporal en el mismo directorio y ``os.replace``."""
    escribir_varios({ruta: escribir})


def escribir_varios(archivos: dict[Path, Callable[[Path], None]]) -> None:
    """Escribe todos los archivos en temporales y, solo si todos salieron bien, los reemplaza.

    Un fallo deja en su sitio los archivos anteriores y no deja temporales.
    """
    temporales: dict[Path, Path] = {}
    try:
        for ruta, escribir in archivos.items():
            ruta.parent.mkdir(parents=True, exist_ok=True)
            fd, nombre = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
            os.close(fd)
            temporales[ruta] = Path(nombre)
            escribir(Path(nombre))
        for ruta, tmp in temporales.items():
            os.replace(tmp, ruta)
    except OSError as e:
        raise SalidaError(
            f"no se pudo escribir {getattr(e, 'filename', None) or 'la salida'}: {e.strerror or e}. "
            "Compruebe que el directorio existe y tiene permiso de escritura."
        ) from e
    finally:
        for tmp in temporales.values():
            if tmp.exists():
                tmp.unlink()
