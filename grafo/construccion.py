"""Orquestación: construir el grafo completo (ontología, glosario y foros), validarlo, contarlo
y escribir las salidas de ``grafo construir``.

Entrada: un directorio de salida y archivos de foro extra. Salida: ``grafo.trig``, ``grafo.ttl``
y ``grafo.jsonld`` escritos de forma atómica, y un ``Resumen`` con los conteos.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Dataset, Graph

from . import recursos
from .almacen import escribir_varios
from .enlaces import crear_enlazador
from .errores import FuenteInvalidaError, ValidacionError
from .espacios import GT, RDF, RDFS, enlazar_prefijos
from .fuentes import leer_foro
from .triples import anadir_foro, construir_base, grafo_union, resolutor
from .validacion import validar

__all__ = ["Resumen", "construir", "construir_dataset", "contar", "serializar"]

#: Formatos de ``grafo exportar`` / salidas de ``construir`` -> (formato rdflib, extensión).
_FORMATOS_RDF = {
    "trig": ("trig", "trig"),
    "ttl": ("turtle", "ttl"),
    "jsonld": ("json-ld", "jsonld"),
    "nt": ("nt", "nt"),
    "rdfxml": ("xml", "rdf"),
}


@dataclass
class Resumen:
    """Conteos del grafo construido y archivos escritos."""

    conteos: dict[str, int]
    archivos: list[Path] = field(default_factory=list)
    violaciones: int = 0


def _n_instancias(g: Graph, clase: object) -> int:
    clases = set(g.transitive_subjects(RDFS.subClassOf, clase))  # type: ignore[arg-type]
    return len({s for c in clases for s in g.subjects(RDF.type, c)})


def contar(ds: Dataset) -> dict[str, int]:
    """Conteos principales: conceptos, actores, normas, artículos, competencias, relaciones, tripletas."""
    g = grafo_union(ds)
    return {
        "conceptos": _n_instancias(g, GT.ConceptoTerritorial),
        "actores": _n_instancias(g, GT.Actor),
        "normas": _n_instancias(g, GT.Norma),
        "articulos": _n_instancias(g, GT.Articulo),
        "competencias": _n_instancias(g, GT.Competencia),
        "relaciones": _n_instancias(g, GT.RelacionEntreInstrumentos),
        "foros": _n_instancias(g, GT.Foro),
        "enunciados": _n_instancias(g, GT.Enunciado),
        "menciones": len(set(g.triples((None, GT.menciona, None)))),
        "afirmaciones": _n_instancias(g, GT.Afirmacion),
        "tripletas": len(g),
    }


def serializar(ds: Dataset, formato: str, ruta: Path) -> None:
    """Escribe ``ds`` en ``ruta`` en el formato dado (trig conserva los grafos con nombre)."""
    fmt, _ext = _FORMATOS_RDF[formato]
    if fmt == "trig" or fmt == "nquads":
        ds.serialize(destination=str(ruta), format=fmt, encoding="utf-8")
        return
    g = grafo_union(ds)
    enlazar_prefijos(g)
    g.serialize(destination=str(ruta), format=fmt, encoding="utf-8")


def construir_dataset(
    foros: Sequence[Path] = (), *, incluidos: bool = True, turtle: Sequence[Path] = ()
) -> Dataset:
    """El grafo completo: ontología y glosario, los foros incluidos en el paquete (si
    ``incluidos``), los ``foros`` dados y los Turtle extra (``turtle``).

    Los errores de un foro se informan todos a la vez con archivo:línea.
    """
    ds = construir_base(turtle)
    base = grafo_union(ds)
    resolver = resolutor(base)
    enlazador = crear_enlazador(base)
    fuentes: list[tuple[Traversable | Path, str]] = []
    if incluidos:
        fuentes += [(f, f"grafo/datos/{f.name}") for f in recursos.archivos_foros()]
    fuentes += [(Path(p), str(p)) for p in foros]
    cargados: dict[str, str] = {}
    for fuente, nombre in fuentes:
        foro = leer_foro(fuente, resolver, nombre)
        if foro.id in cargados:
            raise FuenteInvalidaError(
                f"{nombre}: el foro '{foro.id}' ya se cargó desde {cargados[foro.id]}. "
                "Cada foro necesita un 'foro.id' propio."
            )
        cargados[foro.id] = nombre
        anadir_foro(ds, foro, {e.id: enlazador.menciones(e.texto) for e in foro.enunciados})
    return ds


def construir(salida: Path, foros: Sequence[Path] = ()) -> Resumen:
    """Construye el grafo (con los foros incluidos y ``foros``), lo valida y escribe
    ``grafo.trig``, ``grafo.ttl`` y ``grafo.jsonld``.

    Si la validación falla no se escribe nada y se lanza ``ValidacionError``.
    """
    ds = construir_dataset(foros)
    informe = validar(ds)
    if not informe.conforme:
        detalle = "\n".join(f"  - {v.texto()}" for v in informe.violaciones[:20])
        mas = len(informe.violaciones) - 20
        raise ValidacionError(
            f"el grafo tiene {len(informe.violaciones)} violaciones SHACL; no se escribió nada.\n"
            f"{detalle}" + (f"\n  ... y {mas} más (vea 'grafo validar')." if mas > 0 else "")
        )
    archivos: dict[Path, Callable[[Path], None]] = {
        salida / f"grafo.{ext}": partial(serializar, ds, formato)
        for formato, ext in (("trig", "trig"), ("ttl", "ttl"), ("jsonld", "jsonld"))
    }
    escribir_varios(archivos)
    return Resumen(contar(ds), sorted(archivos), 0)
