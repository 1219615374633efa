"""Etapa *tripletas*: ontología, glosario y foros -> ``rdflib.Dataset`` con grafos con nombre.

Entrada: los Turtle empaquetados en ``grafo.ontologia`` y los registros de foros (``fuentes``).
Salida: un ``Dataset`` cuyo grafo ``gtg:ontologia`` tiene clases, propiedades y vocabularios
controlados; ``gtg:glosario``, conceptos, normas, actores, competencias y relaciones;
``gtg:foro/<id>``, el foro (modelo schema.org + PROV-O); y un grafo por afirmación del foro.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib.resources.abc import Traversable

from rdflib import Dataset, Graph, Literal, URIRef

from grafo.base import recursos
from grafo.base.espacios import (
    DCTERMS,
    FOAF,
    GRAFO_GLOSARIO,
    GRAFO_ONTOLOGIA,
    GT,
    GTA,
    GTC,
    GTMOD,
    GTN,
    GTTE,
    GTTS,
    GTV,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    enlazar_prefijos,
    grafo_de_foro,
    iri_foro,
)
from grafo.base.texto import recortar
from grafo.construccion.vigencia import derivar_vigencia
from grafo.fuentes.ontologia import ARCHIVOS_ONTOLOGIA, leer_turtle
from grafo.fuentes.registros import ACTOR_PUBLICO, PUBLICO, SECTORES, Foro

__all__ = [
    "anadir_foro",
    "construir_base",
    "grafo_union",
    "resolutor",
]


def _materializar_relaciones(glosario: Graph) -> None:
    """Añade ``origen gt:relacionadoCon destino`` por cada relación citada entre instrumentos."""
    for rel in list(glosario.subjects(RDF.type, GT.RelacionEntreInstrumentos)):
        origen = glosario.value(rel, GT.origen)
        destino = glosario.value(rel, GT.destino)
        if isinstance(origen, URIRef) and isinstance(destino, URIRef):
            glosario.add((origen, GT.relacionadoCon, destino))


def _materializar_skos(g: Graph) -> None:
    """Cada concepto de un esquema es explícitamente ``skos:Concept`` (no solo por sus subclases: las
    herramientas SKOS no razonan), y cada esquema declara sus conceptos de primer nivel (los que no
    tienen un ``skos:broader`` en el mismo esquema), en los dos sentidos."""
    for c, esquema in list(g.subject_objects(SKOS.inScheme)):
        g.add((c, RDF.type, SKOS.Concept))  # (los esquemas ya son skos:ConceptScheme en vocabularios.ttl)
        if not any((amplio, SKOS.inScheme, esquema) in g for amplio in g.objects(c, SKOS.broader)):
            g.add((c, SKOS.topConceptOf, esquema))
    for c, esquema in list(g.subject_objects(SKOS.topConceptOf)):
        g.add((esquema, SKOS.hasTopConcept, c))


def construir_base(extras: Iterable[Traversable] = ()) -> Dataset:
    """Construye el ``Dataset`` con la ontología y el glosario empaquetados (y Turtle extra).

    Los extras se leen primero: un archivo que falta o está mal formado se informa enseguida, sin
    esperar a leer el vocabulario."""
    leidos = []
    for archivo in extras:
        extra = Graph()
        leer_turtle(extra, archivo, str(archivo))
        leidos.append(extra)
    ds = Dataset()
    enlazar_prefijos(ds)
    ontologia = ds.graph(GRAFO_ONTOLOGIA)
    glosario = ds.graph(GRAFO_GLOSARIO)
    for archivo in recursos.archivos_ontologia():
        leer_turtle(ontologia if archivo.name in ARCHIVOS_ONTOLOGIA else glosario, archivo)
    for extra in leidos:
        glosario += extra
    derivar_vigencia(glosario)
    _materializar_relaciones(glosario)
    _materializar_skos(ontologia)
    _materializar_skos(glosario)
    return ds


def grafo_union(ds: Dataset) -> Graph:
    """Un ``Graph`` con la unión de todos los grafos del ``Dataset``."""
    union = Graph()
    enlazar_prefijos(union)
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


# --- foros -----------------------------------------------------------------------------------------


def resolutor(g: Graph) -> Callable[[str], str | None]:
    """Traduce ids de entidades del YAML (``zee``, ``gtc:zee``, ``minam``, ``regional``) a IRIs."""
    espacios = {"gtc": GTC, "gta": GTA, "gtv": GTV}

    def resolver(ref: str) -> str | None:
        prefijo, sep, local = ref.partition(":")
        candidatos = (
            [espacios[prefijo][local]]
            if sep and prefijo in espacios
            else [ns[ref] for ns in espacios.values()]
        )
        for iri in candidatos:
            if (iri, RDF.type, None) in g:
                return str(iri)
        return None

    return resolver


def _etiqueta_es(g: Graph, nodo: URIRef) -> str:
    for prop in (SKOS.prefLabel, RDFS.label):
        for v in g.objects(nodo, prop):
            if isinstance(v, Literal) and v.language in ("es", None):
                return str(v)
    return str(nodo).rsplit("/", 1)[-1]


def anadir_foro(
    ds: Dataset, foro: Foro, menciones: Mapping[str, set[str]], base: Graph | None = None
) -> None:
    """Añade al ``Dataset`` el foro: evento, sesiones, personas, grupos, enunciados, menciones y
    afirmaciones (cada una en su propio grafo con nombre).

    ``menciones`` da, por id de enunciado, los IRIs hallados automáticamente en su texto.
    ``base`` es el vocabulario (ontología y glosario); si falta, se toma de ``ds``.
    """
    if base is None:
        base = Graph()
        for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
            base += ds.graph(nombre)
    g = ds.graph(grafo_de_foro(foro.id))
    f = iri_foro(foro.id)
    es = "es"
    g.add((f, RDF.type, GT.Foro))
    g.add((f, RDF.type, SCHEMA.Event))
    g.add((f, RDFS.label, Literal(foro.titulo, lang=es)))
    g.add((f, SCHEMA.name, Literal(foro.titulo, lang=es)))
    g.add((f, DCTERMS.identifier, Literal(foro.id)))
    if foro.tipo:
        g.add((f, SCHEMA.description, Literal(foro.tipo, lang=es)))
    g.add((f, SCHEMA.startDate, Literal(foro.fecha.isoformat(), datatype=XSD.date)))
    lugar = iri_foro(foro.id, "lugar", "1")
    g.add((f, SCHEMA.location, lugar))
    g.add((lugar, RDF.type, SCHEMA.Place))
    g.add((lugar, SCHEMA.name, Literal(foro.lugar, lang=es)))
    g.add((lugar, RDFS.label, Literal(foro.lugar, lang=es)))
    if foro.ciudad:
        g.add((lugar, SCHEMA.address, Literal(foro.ciudad, lang=es)))
    for org in foro.organizadores:
        g.add((f, SCHEMA.organizer, URIRef(org)))
    for vacio in foro.vacios:
        g.add((f, GT.datoNoHallado, Literal(vacio, lang=es)))
    documento = GTN[foro.documento] if foro.documento else None
    if documento is not None:
        g.add((f, PROV.wasDerivedFrom, documento))

    for p in foro.personas:
        persona = GTA[p.id]
        if (persona, RDF.type, None) not in base:
            g.add((persona, RDF.type, GT.Persona))
            g.add((persona, FOAF.name, Literal(p.nombre)))
            g.add((persona, RDFS.label, Literal(p.nombre, lang=es)))
            g.add((persona, RDFS.label, Literal(p.nombre, lang="en")))
            if p.organizacion:
                g.add((persona, ORG.memberOf, URIRef(p.organizacion)))
            if p.cargo:
                g.add((persona, SKOS.note, Literal(f"Cargo: {p.cargo}", lang=es)))
    for gr in foro.grupos:
        grupo = iri_foro(foro.id, "grupo", gr.id)
        g.add((grupo, RDF.type, GT.GrupoDeTrabajo))
        g.add((grupo, RDFS.label, Literal(gr.nombre, lang=es)))
        g.add((grupo, RDFS.label, Literal(f"Working group: {gr.nombre}", lang="en")))
        g.add((grupo, DCTERMS.isPartOf, f))
        g.add((grupo, DCTERMS.identifier, Literal(gr.id)))
    for q in foro.preguntas:
        pregunta = iri_foro(foro.id, "pregunta", q.id)
        g.add((pregunta, RDF.type, GT.PreguntaOrientadora))
        g.add((pregunta, RDFS.label, Literal(f"Pregunta {q.numero}", lang=es)))
        g.add((pregunta, GT.texto, Literal(q.texto, lang=es)))
        g.add((pregunta, GT.orden, Literal(q.numero)))
        if q.pagina:
            g.add((pregunta, GT.pagina, Literal(q.pagina)))
        g.add((pregunta, DCTERMS.isPartOf, f))
    for s in foro.sesiones:
        sesion = iri_foro(foro.id, "sesion", s.id)
        g.add((sesion, RDF.type, GT.Sesion))
        g.add((sesion, RDF.type, SCHEMA.Event))
        g.add((f, SCHEMA.subEvent, sesion))
        g.add((sesion, SCHEMA.superEvent, f))
        g.add((sesion, RDFS.label, Literal(s.titulo, lang=es)))
        g.add((sesion, SCHEMA.name, Literal(s.titulo, lang=es)))
        g.add((sesion, GT.orden, Literal(s.orden)))
        g.add((sesion, DCTERMS.identifier, Literal(s.id)))
        g.add((sesion, GT.tipoDeSesion, GTTS[s.tipo]))
        if s.hora:
            g.add((sesion, GT.hora, Literal(s.hora)))
        if s.bloque:
            g.add((sesion, GT.bloque, Literal(s.bloque, lang=es)))
        if s.pagina:
            g.add((sesion, GT.pagina, Literal(s.pagina)))
        for ponente in s.ponentes:
            g.add((sesion, SCHEMA.performer, GTA[ponente]))

    grupos = {gr.id for gr in foro.grupos}
    for e in foro.enunciados:
        enun = iri_foro(foro.id, "enunciado", e.id)
        autor = (
            GTA[ACTOR_PUBLICO] if e.autor == PUBLICO
            else iri_foro(foro.id, "grupo", e.autor) if e.autor in grupos
            else GTA[e.autor]
        )  # fmt: skip
        g.add((enun, RDF.type, GT.Enunciado))
        g.add((enun, DCTERMS.identifier, Literal(e.id)))
        g.add((enun, RDFS.label, Literal(f"{e.id}: {recortar(e.texto)}", lang=es)))
        g.add((enun, GT.texto, Literal(e.texto, lang=es)))
        g.add((enun, GT.tipoDeEnunciado, GTTE[e.tipo]))
        g.add((enun, PROV.wasAttributedTo, autor))
        g.add((enun, GT.enSesion, iri_foro(foro.id, "sesion", e.sesion)))
        g.add((enun, GT.orden, Literal(e.orden)))
        g.add((enun, GT.pagina, Literal(e.pagina)))
        g.add((enun, DCTERMS.isPartOf, f))
        if documento is not None:
            g.add((enun, PROV.wasDerivedFrom, documento))
        if e.parte_de:
            g.add((enun, GT.parteDe, iri_foro(foro.id, "enunciado", e.parte_de)))
        if e.pregunta:
            g.add((enun, GT.preguntaOrientadora, iri_foro(foro.id, "pregunta", e.pregunta)))
        if e.responde_a:
            g.add((enun, GT.respondeA, iri_foro(foro.id, "enunciado", e.responde_a)))
        for d in e.dirigida_a:
            g.add((enun, GT.dirigidaA, GTA[d]))
        for sector in e.sectores:
            g.add((enun, GT.asignaRolA, GTA[SECTORES[sector]]))
        if e.nota:
            g.add((enun, SKOS.editorialNote, Literal(e.nota, lang=es)))
        for m in e.menciona:
            g.add((enun, GT.mencionManual, URIRef(m)))
            g.add((enun, GT.menciona, URIRef(m)))
        for m in menciones.get(e.id, set()):
            g.add((enun, GT.menciona, URIRef(m)))
        for k, a in enumerate(e.afirmaciones, start=1):
            afirm = iri_foro(foro.id, "afirmacion", f"{e.id}-{k}")
            sujeto = URIRef(a.sujeto)
            objeto: URIRef | Literal = URIRef(a.objeto) if a.objeto else Literal(a.texto, lang=es)
            etiqueta_obj = _etiqueta_es(base, objeto) if isinstance(objeto, URIRef) else f"«{a.texto}»"
            relacion = GT[a.relacion]
            g.add((enun, GT.afirma, afirm))
            g.add((afirm, RDF.type, GT.Afirmacion))
            g.add((afirm, PROV.wasDerivedFrom, enun))
            g.add((afirm, PROV.wasAttributedTo, autor))
            texto = f"{_etiqueta_es(base, sujeto)} {_etiqueta_es(base, relacion)} {etiqueta_obj}"
            if a.modalidad != "hecho":  # la etiqueta no afirma como hecho lo que el texto propone
                texto += f" ({_etiqueta_es(base, GTMOD[a.modalidad])})"
            g.add((afirm, GT.modalidad, GTMOD[a.modalidad]))
            g.add((afirm, RDFS.label, Literal(texto, lang=es)))
            ds.graph(afirm).add((sujeto, relacion, objeto))
