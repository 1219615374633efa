"""Espacios de nombres y prefijos del proyecto: ningún otro módulo escribe IRIs a mano.

No importa rdflib: el camino de lectura (consultas, fichas) trabaja con IRIs como texto.
``GT.Competencia`` o ``GTV["local-provincial"]`` devuelven un ``rdflib.URIRef`` (rdflib se
importa entonces, solo en las etapas que construyen el grafo); ``str(GT)`` es el IRI del espacio
y ``GT.iri("Competencia")`` el IRI como texto.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = [
    "BASE",
    "DCTERMS",
    "FOAF",
    "FORMA",
    "GRAFOS",
    "GRAFO_GLOSARIO",  # noqa: F822 (definidos en __getattr__, para no importar rdflib al cargar)
    "GRAFO_ONTOLOGIA",  # noqa: F822
    "GT",
    "GTA",
    "GTART",
    "GTC",
    "GTCAM",
    "GTCAR",
    "GTCAT",
    "GTCONF",
    "GTESQ",
    "GTF",
    "GTFORO",
    "GTK",
    "GTMOD",
    "GTN",
    "GTR",
    "GTREL",
    "GTTC",
    "GTTE",
    "GTTN",
    "GTTS",
    "GTV",
    "IRI_GRAFO_GLOSARIO",
    "IRI_GRAFO_ONTOLOGIA",
    "ORG",
    "OWL",
    "PREFIJOS",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "Espacio",
    "abreviar",
    "enlazar_prefijos",
    "grafo_de_foro",
    "iri_foro",
    "prologo",
]


class Espacio(str):
    """Un espacio de nombres: ``E.nombre`` y ``E["nombre"]`` dan el ``rdflib.URIRef``."""

    __slots__ = ()

    def iri(self, nombre: str) -> str:
        """El IRI ``espacio + nombre`` como texto (sin importar rdflib)."""
        return str.__add__(self, nombre)

    def term(self, nombre: str) -> URIRef:
        """El IRI ``espacio + nombre`` como ``rdflib.URIRef``."""
        from rdflib import URIRef

        return URIRef(str.__add__(self, nombre))

    def __getitem__(self, nombre: str) -> URIRef:  # type: ignore[override]
        return self.term(nombre)

    def __getattr__(self, nombre: str) -> URIRef:
        if nombre.startswith("__"):
            raise AttributeError(nombre)
        return self.term(nombre)


RDF = Espacio("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Espacio("http://www.w3.org/2000/01/rdf-schema#")
OWL = Espacio("http://www.w3.org/2002/07/owl#")
XSD = Espacio("http://www.w3.org/2001/XMLSchema#")
SKOS = Espacio("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Espacio("http://purl.org/dc/terms/")
PROV = Espacio("http://www.w3.org/ns/prov#")
ORG = Espacio("http://www.w3.org/ns/org#")
FOAF = Espacio("http://xmlns.com/foaf/0.1/")

BASE = "https://w3id.org/grafo-territorial/"
GT = Espacio(BASE + "ontologia#")
GTC = Espacio(BASE + "concepto/")
GTA = Espacio(BASE + "actor/")
GTN = Espacio(BASE + "norma/")
GTART = Espacio(BASE + "articulo/")
#: Cambios normativos (derogaciones, sustituciones) de una norma o de una división suya.
GTCAM = Espacio(BASE + "cambio/")
GTK = Espacio(BASE + "competencia/")
GTR = Espacio(BASE + "relacion/")
GTV = Espacio(BASE + "nivel/")
GTF = Espacio(BASE + "funcion/")
GTCAT = Espacio(BASE + "categoria/")
GTCAR = Espacio(BASE + "caracter/")
GTCONF = Espacio(BASE + "confianza/")
GTTC = Espacio(BASE + "tipo-competencia/")
GTTN = Espacio(BASE + "tipo-norma/")
GTREL = Espacio(BASE + "tipo-relacion/")
GTESQ = Espacio(BASE + "esquema/")
GRAFOS = Espacio(BASE + "grafo/")
GTFORO = Espacio(BASE + "foro/")
GTTE = Espacio(BASE + "tipo-enunciado/")
GTMOD = Espacio(BASE + "modalidad/")
GTTS = Espacio(BASE + "tipo-sesion/")
SCHEMA = Espacio("https://schema.org/")
#: Formas SHACL (``ontologia/formas.ttl``).
FORMA = Espacio(BASE + "forma/")

#: Grafo con nombre de la ontología (clases, propiedades, vocabularios controlados), como texto.
IRI_GRAFO_ONTOLOGIA = GRAFOS.iri("ontologia")
#: Grafo con nombre del glosario y los hechos normativos, como texto.
IRI_GRAFO_GLOSARIO = GRAFOS.iri("glosario")


def __getattr__(nombre: str) -> URIRef:
    """``GRAFO_ONTOLOGIA`` y ``GRAFO_GLOSARIO`` como ``rdflib.URIRef`` (importa rdflib al pedirlos)."""
    if nombre == "GRAFO_ONTOLOGIA":
        return GRAFOS.term("ontologia")
    if nombre == "GRAFO_GLOSARIO":
        return GRAFOS.term("glosario")
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")


PREFIJOS: dict[str, str] = {
    "gt": str(GT),
    "gtc": str(GTC),
    "gta": str(GTA),
    "gtn": str(GTN),
    "gtart": str(GTART),
    "gtcam": str(GTCAM),
    "gtk": str(GTK),
    "gtr": str(GTR),
    "gtv": str(GTV),
    "gtf": str(GTF),
    "gtcat": str(GTCAT),
    "gtcar": str(GTCAR),
    "gtconf": str(GTCONF),
    "gttc": str(GTTC),
    "gttn": str(GTTN),
    "gtrel": str(GTREL),
    "gtesq": str(GTESQ),
    "gtg": str(GRAFOS),
    "gtforo": str(GTFORO),
    "gtte": str(GTTE),
    "gtmod": str(GTMOD),
    "gtts": str(GTTS),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def abreviar(iri: str) -> str:
    """``gt:Competencia`` en vez del IRI completo (el prefijo del espacio más largo que encaje)."""
    mejor = max(
        ((p, ns) for p, ns in PREFIJOS.items() if iri.startswith(ns) and len(iri) > len(ns)),
        key=lambda x: len(x[1]),
        default=None,
    )
    return f"{mejor[0]}:{iri[len(mejor[1]) :]}" if mejor else f"<{iri}>"


def prologo(excluir: Collection[str] = ()) -> str:
    """Las declaraciones ``PREFIX`` del proyecto en una sola línea (sin salto final), salvo ``excluir``."""
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIJOS.items() if p not in excluir)


def iri_foro(foro: str, tipo: str = "", ident: str = "") -> URIRef:
    """IRI del foro (``.../foro/<foro>``) o de una de sus partes (``.../foro/<foro>/<tipo>/<id>``)."""
    return GTFORO[f"{foro}/{tipo}/{ident}"] if tipo else GTFORO[foro]


def grafo_de_foro(foro: str) -> URIRef:
    """Grafo con nombre que contiene los enunciados de un foro."""
    return GRAFOS[f"foro/{foro}"]


def enlazar_prefijos(grafo: Graph) -> None:
    """Declara los prefijos del proyecto en ``grafo`` (para serializar legible)."""
    for prefijo, iri in PREFIJOS.items():
        grafo.bind(prefijo, iri, override=True, replace=True)
