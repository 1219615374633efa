"""Etapa *razonamiento*: ontología + glosario -> consistencia y tipos inferidos (owlready2 + HermiT).

owlready2 no lee Turtle: el grafo se serializa con rdflib a N-Triples y se carga en un
``World`` nuevo en cada llamada. HermiT necesita ``java`` en el PATH.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef

from .errores import OntologiaInconsistenteError, RazonadorNoDisponibleError
from .espacios import BASE, GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, RDF, enlazar_prefijos

__all__ = ["Inferencia", "Resultado", "razonar"]

_IRI_ONTOLOGIA = BASE + "ontologia"


@dataclass(frozen=True)
class Inferencia:
    """Un tipo que el razonador añadió a un individuo."""

    individuo: str
    clase: str


@dataclass
class Resultado:
    """Resultado del razonamiento: consistente y los tipos inferidos."""

    consistente: bool
    inferencias: list[Inferencia] = field(default_factory=list)
    individuos: int = 0


def _grafo_razonable(ds: Dataset) -> Graph:
    g = Graph()
    enlazar_prefijos(g)
    for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
        for t in ds.graph(nombre):
            g.add(t)
    return g


def razonar(ds: Dataset, *, extra: Graph | None = None) -> Resultado:
    """Ejecuta HermiT sobre la ontología y el glosario de ``ds`` (más ``extra``, si se da).

    Lanza ``RazonadorNoDisponibleError`` si falta Java y ``OntologiaInconsistenteError`` si
    la ontología es inconsistente.
    """
    if shutil.which("java") is None:
        raise RazonadorNoDisponibleError(
            "no se encontró 'java' en el PATH; HermiT lo necesita. "
            "Instale Java 11 o superior (p. ej. 'apt-get install -y default-jre-headless')."
        )
    import owlready2

    g = _grafo_razonable(ds)
    if extra is not None:
        for t in extra:
            g.add(t)
    afirmados: dict[str, set[str]] = {}
    for s, o in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            afirmados.setdefault(str(s), set()).add(str(o))

    mundo = owlready2.World()
    onto = mundo.get_ontology(_IRI_ONTOLOGIA).load(
        fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8"))
    )
    try:
        with onto:
            owlready2.sync_reasoner_hermit(mundo, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as e:
        raise OntologiaInconsistenteError(
            "HermiT encontró la ontología inconsistente: hay hechos que se contradicen "
            "(p. ej. un cuarto nivel de gobierno distinto de Nacional, Regional y Local). "
            "Revise los últimos cambios en ontologia/*.ttl."
        ) from e
    except FileNotFoundError as e:  # java desapareció entre la comprobación y la llamada
        raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e

    inferencias: set[Inferencia] = set()
    individuos = 0
    for ind in mundo.search(iri=BASE + "*"):
        if not isinstance(ind, owlready2.Thing):
            continue
        iri = ind.iri
        individuos += 1
        for clase in ind.is_a:
            c_iri = getattr(clase, "iri", None)
            if isinstance(c_iri, str) and c_iri not in afirmados.get(iri, set()):
                inferencias.add(Inferencia(iri, c_iri))
    mundo.close()
    return Resultado(True, sorted(inferencias, key=lambda i: (i.clase, i.individuo)), individuos)
