"""Espacios de nombres y prefijos del proyecto: ningún otro módulo escribe IRIs a mano."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "DCTERMS",
    "FOAF",
    "GRAFOS",
    "GRAFO_GLOSARIO",
    "GRAFO_ONTOLOGIA",
    "GT",
    "GTA",
    "GTART",
    "GTC",
    "GTCAR",
    "GTCAT",
    "GTCONF",
    "GTESQ",
    "GTF",
    "GTFORO",
    "GTK",
    "GTN",
    "GTR",
    "GTREL",
    "GTTC",
    "GTTE",
    "GTTN",
    "GTTS",
    "GTV",
    "ORG",
    "OWL",
    "PREFIJOS",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "enlazar_prefijos",
    "grafo_de_foro",
    "iri_foro",
]

BASE = "https://w3id.org/grafo-territorial/"
GT = Namespace(BASE + "ontologia#")
GTC = Namespace(BASE + "concepto/")
GTA = Namespace(BASE + "actor/")
GTN = Namespace(BASE + "norma/")
GTART = Namespace(BASE + "articulo/")
GTK = Namespace(BASE + "competencia/")
GTR = Namespace(BASE + "relacion/")
GTV = Namespace(BASE + "nivel/")
GTF = Namespace(BASE + "funcion/")
GTCAT = Namespace(BASE + "categoria/")
GTCAR = Namespace(BASE + "caracter/")
GTCONF = Namespace(BASE + "confianza/")
GTTC = Namespace(BASE + "tipo-competencia/")
GTTN = Namespace(BASE + "tipo-norma/")
GTREL = Namespace(BASE + "tipo-relacion/")
GTESQ = Namespace(BASE + "esquema/")
GRAFOS = Namespace(BASE + "grafo/")
GTFORO = Namespace(BASE + "foro/")
GTTE = Namespace(BASE + "tipo-enunciado/")
GTTS = Namespace(BASE + "tipo-sesion/")
SCHEMA = Namespace("https://schema.org/")

#: Grafo con nombre de la ontología (clases, propiedades, vocabularios controlados).
GRAFO_ONTOLOGIA = GRAFOS["ontologia"]
#: Grafo con nombre del glosario y los hechos normativos.
GRAFO_GLOSARIO = GRAFOS["glosario"]

PREFIJOS: dict[str, str] = {
    "gt": str(GT),
    "gtc": str(GTC),
    "gta": str(GTA),
    "gtn": str(GTN),
    "gtart": str(GTART),
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
