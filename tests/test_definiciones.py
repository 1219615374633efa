"""Definiciones del glosario que un docente pueda citar (issue 8, parte 1), leídas del almacén construido.

Para cada concepto del esquema gtesq:glosario (no solo los de una lista): una definición en español y
una en inglés, la fuente de la definición con su etiqueta y la confianza. Las definiciones tomadas del
foro citan entre «…» palabras que están, tal cual, en el documento del foro. Una definición cuya fuente
ya no rige (gt:vigenteHasta en el artículo citado o en su norma) lo cuenta en la nota histórica.

Se lee el almacén (fixture ``almacen``), es decir, lo mismo que leen la ficha, la consulta glosario y la
página, no los archivos .ttl.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime

from grafo.almacen.almacen import Almacen
from grafo.base.espacios import GTCONF

# Fecha del foro de Cajamarca: la situación normativa que el glosario explica «en 2013».
FECHA_DEL_FORO = datetime.fromisoformat("2013-09-20T00:00:00-05:00")
# Cuántos términos tenía el glosario al cerrar el issue 8; menos indicaría que la consulta no los ve.
MINIMO_DE_CONCEPTOS = 58


def _conceptos(almacen: Almacen) -> set[str]:
    filas = almacen.seleccionar("SELECT DISTINCT ?c WHERE { ?c skos:inScheme gtesq:glosario }")
    conceptos = {f["c"] for f in filas}
    # Sin esto, una consulta que no encuentra nada haría pasar todas las pruebas sin comprobar nada.
    assert len(conceptos) >= MINIMO_DE_CONCEPTOS, len(conceptos)
    return conceptos


def _citas(texto: str) -> list[str]:
    """Los trozos citados entre «…»; un «…» dentro de la cita marca un corte y separa trozos."""
    trozos = []
    for cita in re.findall(r"«([^»]+)»", texto):
        trozos += [t.strip() for t in cita.split("…") if t.strip(" .")]
    return trozos


def test_una_definicion_en_espanol_y_una_en_ingles(almacen: Almacen) -> None:
    # Falla si un concepto no tiene skos:definition @es o @en (p. ej. si se borra la definición en
    # español de gtc:politica-34, que antes solo tenía la inglesa), si tiene dos en el mismo idioma,
    # o si tiene una definición vacía o sin etiqueta de idioma.
    conceptos = _conceptos(almacen)
    filas = almacen.seleccionar(
        """SELECT ?c ?d (LANG(?d) AS ?idioma) WHERE {
               ?c skos:inScheme gtesq:glosario ; skos:definition ?d }"""
    )
    por_concepto: dict[str, Counter[str]] = defaultdict(Counter)
    vacias = []
    for f in filas:
        por_concepto[f["c"]][f.get("idioma", "")] += 1
        if not f["d"].strip():
            vacias.append(f["c"])
    mal = {
        c: dict(por_concepto[c])
        for c in sorted(conceptos)
        if por_concepto[c]["es"] != 1 or por_concepto[c]["en"] != 1 or set(por_concepto[c]) - {"es", "en"}
    }
    assert not mal, mal
    assert not vacias, vacias


def test_fuente_con_etiqueta_y_confianza(almacen: Almacen) -> None:
    # Falla si a un concepto le falta gt:fuenteDefinicion, si la fuente citada no tiene rdfs:label
    # (p. ej. un artículo gtart: que nadie declaró en normas.ttl), si falta gt:confianza o si hay más
    # de una, o si la confianza no es alta, media o baja del vocabulario gtconf:.
    conceptos = _conceptos(almacen)
    fuentes = almacen.seleccionar(
        """SELECT ?c ?f ?etiqueta WHERE {
               ?c skos:inScheme gtesq:glosario ; gt:fuenteDefinicion ?f .
               OPTIONAL { ?f rdfs:label ?etiqueta } }"""
    )
    con_etiqueta = {f["c"] for f in fuentes if f.get("etiqueta", "").strip()}
    sin_etiqueta = sorted({f["f"] for f in fuentes if not f.get("etiqueta", "").strip()})
    assert not sin_etiqueta, sin_etiqueta
    assert not conceptos - con_etiqueta, sorted(conceptos - con_etiqueta)

    confianzas = almacen.seleccionar(
        "SELECT ?c ?conf WHERE { ?c skos:inScheme gtesq:glosario ; gt:confianza ?conf }"
    )
    por_concepto: dict[str, list[str]] = defaultdict(list)
    for f in confianzas:
        por_concepto[f["c"]].append(f["conf"])
    validas = {GTCONF.iri(n) for n in ("alta", "media", "baja")}
    mal = {c: por_concepto[c] for c in sorted(conceptos) if len(por_concepto[c]) != 1}
    mal |= {c: v for c, v in por_concepto.items() if not set(v) <= validas}
    assert not mal, mal


def test_definiciones_del_foro_citan_sus_palabras(almacen: Almacen) -> None:
    # Falla si una definición cuya fuente es el documento de un foro no dice que viene del foro, no
    # tiene ninguna cita «…», o cita algo que no está literalmente en un gt:texto de un enunciado de
    # ese documento ni en sus preguntas orientadoras (p. ej. «estancado» donde el foro dijo
    # «estancados actualmente», o una cita con la ortografía corregida).
    textos: dict[str, list[str]] = defaultdict(list)
    for f in almacen.seleccionar(
        """SELECT ?doc ?t WHERE {
               { ?e a gt:Enunciado ; prov:wasDerivedFrom ?doc ; gt:texto ?t }
               UNION
               { ?foro a gt:Foro ; prov:wasDerivedFrom ?doc .
                 ?q a gt:PreguntaOrientadora ; dct:isPartOf ?foro ; gt:texto ?t } }"""
    ):
        textos[f["doc"]].append(f["t"])
    assert textos, "no hay enunciados ligados al documento de un foro (prov:wasDerivedFrom)"

    definiciones = almacen.seleccionar(
        """SELECT ?c ?doc ?d WHERE {
               ?c skos:inScheme gtesq:glosario ; gt:fuenteDefinicion ?f ; skos:definition ?d .
               FILTER(LANG(?d) = "es")
               ?foro a gt:Foro ; prov:wasDerivedFrom ?doc .
               FILTER(?f = ?doc || EXISTS { ?f gt:articuloDe ?doc }) }"""
    )
    # El glosario tiene términos que solo el foro define; si ninguno apunta al foro, algo se rompió.
    assert definiciones, "ninguna definición cita el documento del foro"
    problemas = []
    for f in definiciones:
        citas = _citas(f["d"])
        if "foro" not in f["d"].lower():
            problemas.append((f["c"], "no dice que la definición es del foro"))
        if not citas:
            problemas.append((f["c"], "sin cita «…»"))
        for cita in citas:
            if not any(cita in t for t in textos[f["doc"]]):
                problemas.append((f["c"], cita))
    assert not problemas, problemas


def test_fuente_que_ya_no_rige_lo_dice_la_nota_historica(almacen: Almacen) -> None:
    # Falla si una definición cita un artículo que dejó de regir (gt:vigenteHasta en el artículo o en su
    # norma o documento) y el concepto no tiene skos:historyNote en español que nombre esa norma, p. ej.
    # si se borra la nota histórica de gtc:snip, cuya fuente (D.S. 102-2007-EF) rigió hasta 2017.
    # Incluye el caso que la revisión pidió comprobar —fuentes que ya no regían en la fecha del foro
    # (2013-09-20)— y también las derogadas después: el issue 8 pide decir «que lo fue y cuándo».
    # La nota debe nombrar la norma o el documento (no el artículo): la del artículo citado si la fuente
    # es un artículo, la fuente misma si es un documento.
    filas = almacen.seleccionar(
        """SELECT ?c ?f ?hasta ?id ?etiqueta WHERE {
               ?c skos:inScheme gtesq:glosario ; gt:fuenteDefinicion ?f .
               { ?f gt:vigenteHasta ?hasta } UNION { ?f gt:articuloDe/gt:vigenteHasta ?hasta }
               OPTIONAL { ?f gt:articuloDe ?norma }
               BIND(COALESCE(?norma, ?f) AS ?doc)
               OPTIONAL { ?doc dct:identifier ?id }
               OPTIONAL { ?doc rdfs:label ?etiqueta } }"""
    )
    notas: dict[str, list[str]] = defaultdict(list)
    for f in almacen.seleccionar(
        """SELECT ?c ?n WHERE { ?c skos:inScheme gtesq:glosario ; skos:historyNote ?n .
               FILTER(LANG(?n) = "es") }"""
    ):
        notas[f["c"]].append(f["n"])

    problemas = []
    for f in filas:
        nombres = {f[k] for k in ("id", "etiqueta") if f.get(k)}
        if not any(n in nota for n in nombres for nota in notas[f["c"]]):
            ya_no_regia = datetime.fromisoformat(f["hasta"]) < FECHA_DEL_FORO
            problemas.append(
                (f["c"], f["f"], f["hasta"], "ya no regía en 2013" if ya_no_regia else "", sorted(nombres))
            )
    assert not problemas, problemas
    # Al cerrar el issue 8 hay al menos una definición con fuente derogada (la del SNIP): si la consulta
    # dejara de verlas, la prueba pasaría sin comprobar nada.
    assert filas, "ninguna definición cita una fuente con gt:vigenteHasta"
