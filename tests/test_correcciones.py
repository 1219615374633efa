"""Guardas de la revisión contra las fuentes (issue 8): cada una vale para todas las filas de su clase,
no solo para el ejemplo que la motivó."""

from __future__ import annotations

from grafo.almacen.almacen import Almacen
from grafo.consultas.catalogo import cargar_consulta
from grafo.consultas.ejecucion import ejecutar


def _filas(almacen: Almacen, nombre: str, **params: str) -> list[dict[str, str]]:
    r = ejecutar(almacen, cargar_consulta(nombre), params)
    return [dict(zip(r.columnas, f, strict=True)) for f in r.filas]


def test_cada_fila_cita_solo_normas_vigentes_en_su_periodo(almacen: Almacen) -> None:
    """Una competencia vigente desde D no puede citar una norma publicada o vigente después de D."""
    malas = almacen.seleccionar(
        """SELECT ?k ?n WHERE {
          ?k a gt:Competencia ; gt:vigenteDesde ?desde ; gt:baseLegal ?b .
          { ?b gt:articuloDe ?n } UNION { ?b a gt:Norma . BIND(?b AS ?n) }
          ?n gt:vigenteDesde|gt:fechaPublicacion ?fecha_norma .
          FILTER(?fecha_norma > ?desde)
        } ORDER BY ?k ?n"""
    )
    assert malas == []


def test_la_funcion_dice_lo_que_dice_el_articulo(almacen: Almacen) -> None:
    """Quien aprueba expedientes técnicos no «aprueba» el instrumento (la demarcación la aprueba el
    Congreso): ninguna competencia con la función «aprobar» cita un texto que aprueba expedientes."""
    malas = almacen.seleccionar(
        """SELECT ?k WHERE {
          ?k a gt:Competencia ; gt:funcion gtf:aprobar ; gt:textoLiteral ?t .
          FILTER(CONTAINS(LCASE(STR(?t)), "expediente"))
        }"""
    )
    assert malas == []
    demarcacion = _filas(almacen, "competencias", instrumento="Demarcación Territorial", fecha="2013-09-20")
    aprueban = {f["titular"] for f in demarcacion if f["funcion"] == "aprobar"}
    assert aprueban == {"Congreso de la República"}
    assert any(f["funcion"] == "aprobar el expediente técnico" and f["titular"] == "Gobiernos regionales"
               for f in demarcacion)  # fmt: skip


def test_competencias_que_las_normas_daban_en_2013(almacen: Almacen) -> None:
    ot = _filas(almacen, "competencias", instrumento="OT", fecha="2013-09-20")
    regional = {(f["funcion"], f["base_legal"]) for f in ot if f["nivel"] == "Regional"}
    assert {("formular", "Ley 27867, art. 53 a)"), ("aprobar", "Ley 27867, art. 53 a)")} <= regional
    pdlc = _filas(almacen, "competencias", instrumento="PDLC", fecha="2013-09-20")
    assert any(f["funcion"] == "formular" and f["base_legal"] == "Ley 27783, art. 42" for f in pdlc)


def test_e212_coincide_con_la_ley_27783(almacen: Almacen) -> None:
    filas = _filas(almacen, "foro_vs_norma")
    e212 = [
        f
        for f in filas
        if f["afirmacion"] == "Gobiernos locales formula Plan de Desarrollo Local Concertado (deber)"
    ]
    assert e212 and all(f["coincide"] == "coincide" and "Ley 27783, art. 42" in f["norma"] for f in e212)


def test_ninguna_nota_dice_que_el_foro_cito_a_conga(almacen: Almacen) -> None:
    """El documento del foro no menciona Conga: ninguna nota puede atribuírselo."""
    malas = almacen.seleccionar(
        """SELECT ?s ?nota WHERE {
          ?s skos:note|skos:scopeNote|skos:example|skos:historyNote|skos:editorialNote ?nota .
          FILTER(CONTAINS(LCASE(STR(?nota)), "conga"))
          FILTER(REGEX(STR(?nota), "(citad|mencionad|dich)[oa]s? en el foro", "i"))
          FILTER(!REGEX(STR(?nota), "no (citad|mencionad|dich)[oa]s? en el foro", "i"))
        }"""
    )
    assert malas == []
    textos = almacen.seleccionar("SELECT ?t WHERE { ?e a gt:Enunciado ; gt:texto ?t }")
    assert len(textos) == 214 and not any("conga" in f["t"].lower() for f in textos)


#: Siglas inglesas con uso atestiguado en fuentes en inglés (auditoría de la issue 8): el resto de las
#: siglas de una etiqueta @en tiene que ser la sigla española del propio concepto (las fuentes en
#: inglés escriben «ZEE», «SNIP», «PNOT»).
SIGLAS_INGLESAS_ATESTIGUADAS = {"HDI", "SEA", "EIA", "EIS", "SDI"}


def test_ninguna_sigla_inglesa_inventada(almacen: Almacen) -> None:
    import re

    filas = almacen.seleccionar(
        """SELECT ?c ?et WHERE {
          ?c skos:inScheme ?esquema .
          { ?c skos:prefLabel ?et } UNION { ?c skos:altLabel ?et } UNION { ?c rdfs:label ?et }
          FILTER(LANG(?et) = "en")
        }"""
    )
    espanolas: dict[str, set[str]] = {}
    for f in almacen.seleccionar(
        'SELECT ?c ?et WHERE { ?c skos:altLabel|skos:prefLabel ?et . FILTER(LANG(?et) = "es") }'
    ):
        espanolas.setdefault(f["c"], set()).update(re.findall(r"\b[A-ZÁÉÍÓÚÑ]{2,}\b", f["et"]))
    malas = []
    for f in filas:
        for sigla in re.findall(r"\b[A-Z]{3,}\b", f["et"]):
            if sigla not in SIGLAS_INGLESAS_ATESTIGUADAS and sigla not in espanolas.get(f["c"], set()):
                malas.append((f["c"], f["et"], sigla))
    assert malas == []
    relaciones = almacen.seleccionar("SELECT ?l WHERE { ?r a gt:RelacionEntreInstrumentos ; rdfs:label ?l }")
    assert relaciones and not any("EEZ" in f["l"] for f in relaciones)


def test_la_columna_sigla_solo_tiene_siglas(almacen: Almacen) -> None:
    from grafo.base.texto import es_sigla

    for nombre, columna in (("glosario", "sigla"), ("instrumentos", "sigla")):
        filas = _filas(almacen, nombre)
        valores = [v for f in filas for v in f[columna].split("; ") if v]
        assert valores and all(es_sigla(v) for v in valores), nombre
    glosario = {f["termino"]: f["sigla"] for f in _filas(almacen, "glosario")}
    assert glosario["Zonificación Ecológica y Económica"] == "ZEE"
    assert "Demarcación" not in glosario["Demarcación Territorial"]
    # siglas que ninguna norma, documento oficial ni el foro usan (auditoría de la issue 8)
    todas = {v for s in glosario.values() for v in s.split("; ")}
    assert not todas & {"AT", "GT", "IES", "PDMC"}


def test_la_ficha_separa_siglas_y_otros_nombres(almacen: Almacen) -> None:
    from grafo.fichas.definir import ficha, ficha_texto

    f = ficha(almacen, "ZEE")
    assert f.siglas == ["ZEE"] and "Zonificación Económica Ecológica" in f.otros_nombres
    assert "también llamado: " in ficha_texto(f)


def test_las_fuentes_derogadas_lo_dicen(almacen: Almacen) -> None:
    """Toda definición y toda competencia cuya fuente (artículo o norma entera) ya no rige lo dice, con la
    fecha y la norma que la derogó: en la consulta glosario, en competencias y en la ficha."""
    fuera = almacen.seleccionar(
        """SELECT DISTINCT ?c ?et WHERE {
          ?c gt:fuenteDefinicion ?a ; skos:prefLabel ?et . FILTER(LANG(?et) = "es")
          { ?a gt:vigenteHasta ?h } UNION { ?a gt:articuloDe ?n . ?n gt:vigenteHasta ?h }
        } ORDER BY ?et"""
    )
    assert {f["et"] for f in fuera} >= {
        "Acondicionamiento Territorial",
        "Plan de Acondicionamiento Territorial",
    }
    glosario = {f["termino"]: f["fuente"] for f in _filas(almacen, "glosario")}
    for f in fuera:
        assert "(derogado el " in glosario[f["et"]], f["et"]
    assert (
        "art. 4.1 (derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA)"
        in glosario["Acondicionamiento Territorial"]
    )
    competencias = almacen.seleccionar(
        """SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE {
          ?k a gt:Competencia ; gt:baseLegal ?a .
          { ?a gt:vigenteHasta ?h } UNION { ?a gt:articuloDe ?n0 . ?n0 gt:vigenteHasta ?h }
          UNION { ?a a gt:Norma ; gt:vigenteHasta ?h }
        }"""
    )
    filas = _filas(almacen, "competencias")
    con_aviso = [
        f for f in filas if "(derogado el " in f["base_legal"] or "(texto sustituido el " in f["base_legal"]
    ]
    assert len(con_aviso) == int(competencias[0]["n"]) > 0

    from grafo.fichas.definir import ficha

    pat = ficha(almacen, "PAT")
    assert "derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA" in pat.fuente.es
    assert any("derogado el" in r.fuente.es for r in pat.relaciones)


def test_las_relaciones_tienen_vigencia(almacen: Almacen) -> None:
    """Una relación entre instrumentos rige mientras rigen sus fuentes: el PAT dejó de ser requisito para
    tramitar la demarcación cuando la Ley 30918 sustituyó el art. 6 de la Ley 27795 (2019)."""
    filas = _filas(almacen, "relaciones_entre_instrumentos")
    pat = [
        f for f in filas if f["relacion"] == "es requisito para" and f["destino"] == "Demarcación Territorial"
    ]
    assert [(f["vigente_desde"], f["vigente_hasta"]) for f in pat] == [("2002-07-25", "2019-02-25")]
    assert "(texto sustituido el 2019-02-25 por Ley 30918)" in pat[0]["fuente"]
    # en general: toda relación cuya fuente dejó de regir tiene fin, y lo dice en la fuente
    for f in filas:
        dejo_de_regir = "(derogado el " in f["fuente"] or "(texto sustituido el " in f["fuente"]
        assert dejo_de_regir == bool(f["vigente_hasta"]), f


def test_las_afirmaciones_conservan_la_modalidad(almacen: Almacen) -> None:
    """Una afirmación no dice más que su texto: E160 («articularía», dentro de una propuesta) no es el
    hecho «CEPLAR articula GT»; nada de lo que un enunciado propone o dice que «debe» ser es un hecho."""
    filas = almacen.seleccionar(
        """SELECT ?id ?texto ?tipo ?et ?mod WHERE {
          ?a a gt:Afirmacion ; prov:wasDerivedFrom ?e ; rdfs:label ?et ; gt:modalidad ?m .
          ?m skos:prefLabel ?mod . FILTER(LANG(?mod) = "es") FILTER(LANG(?et) = "es")
          ?e dct:identifier ?id ; gt:texto ?texto ; gt:tipoDeEnunciado ?t . ?t skos:prefLabel ?tipo .
          FILTER(LANG(?tipo) = "es")
        } ORDER BY ?id ?et"""
    )
    total = almacen.seleccionar("SELECT (COUNT(?a) AS ?n) WHERE { ?a a gt:Afirmacion }")
    assert len(filas) == int(total[0]["n"]) > 40  # todas tienen su modalidad
    import re

    for f in filas:
        if re.search(r"\bdeb(e|en|ería|erían)\b", f["texto"]) or f["tipo"] in ("propuesta", "recomendación"):
            assert f["mod"] != "hecho", f
        if re.search(r"\b\w+(aría|ería|iría)n?\b", f["texto"]) and "«" not in f["texto"]:
            # un condicional («articularía», «englobaría») no se registra como hecho
            assert f["mod"] in ("condicional", "deber", "propuesta"), f
        if f["mod"] != "hecho":
            assert f["et"].endswith(f"({f['mod']})"), f  # la etiqueta lo dice
    e160 = [f for f in filas if f["id"] == "E160"]
    assert [f["mod"] for f in e160] == ["condicional"]
    assert e160[0]["et"].endswith(" articula Gestión Territorial (condicional)")


def test_el_sujeto_es_el_que_nombra_el_texto(almacen: Almacen) -> None:
    """E193 («El gobierno regional debe vigilar…») y E212 («Los gobiernos locales deben…») no se amplían a
    «el Estado»; E159 dice que la sociedad civil vigila a las instituciones del Estado, no el OT."""
    filas = _filas(almacen, "afirmaciones_del_foro")
    por_id: dict[str, list[dict[str, str]]] = {}
    for f in filas:
        por_id.setdefault(f["enunciado"], []).append(f)
    assert {f["sujeto"] for f in por_id["E193"]} == {"Gobiernos regionales"}
    assert {f["sujeto"] for f in por_id["E212"]} == {"Gobiernos locales"}
    assert [f["relacion"] for f in por_id["E159"]] == ["tiene el rol"] or all(
        f["objeto"] != "Ordenamiento Territorial" for f in por_id["E159"]
    )


def test_se_comparan_las_afirmaciones_sobre_fuerza_legal_y_roles(almacen: Almacen) -> None:
    """E077 («El MINAM no reconoce la ZEE como un instrumento vinculante») se compara con el carácter de la
    ZEE, con los dos artículos (orientador, art. 1; uso obligatorio, art. 23). Toda afirmación cuya relación
    tiene función (afirmada o negada) o carácter negado está en foro_vs_norma."""
    filas = _filas(almacen, "foro_vs_norma")
    e077 = [f for f in filas if "no reconoce como vinculante" in f["afirmacion"]]
    assert len(e077) == 1 and e077[0]["coincide"] == "coincide"
    assert "art. 1 y D.S. 087-2004-PCM, art. 23" in e077[0]["norma"] and "obligatoria" in e077[0]["norma"]
    comparables = almacen.seleccionar(
        """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?a a gt:Afirmacion . GRAPH ?a { ?s ?p ?o }
          ?p gt:funcionAsociada|gt:funcionNegada|gt:caracterNegado ?x
        }"""
    )
    assert len(filas) == int(comparables[0]["n"])
    assert any("no es consultado sobre" in f["afirmacion"] for f in filas)
    # a lo sumo dos artículos de carácter por instrumento (la consulta los junta con MIN y MAX)
    muchos = almacen.seleccionar(
        "SELECT ?c WHERE { ?c gt:fuenteCaracter ?f } GROUP BY ?c HAVING (COUNT(DISTINCT ?f) > 2)"
    )
    assert muchos == []


#: Términos cuya etiqueta inglesa es un calco (auditoría de etiquetas de la issue 8).
CALCOS = {
    "dit", "edz", "ee", "sot", "ot-ambiental", "plan-desarrollo-territorial-concertado",
    "plan-descentralizacion-ot-regionalizacion", "plan-nacional-demarcacion", "proyecto-ley-organica-ot",
    "sistema-gestion-territorio", "sinadot", "indice-exclusion-social", "pdlc", "pdrc",
    "acondicionamiento-territorial", "pat", "pdc", "ot", "pot",
}  # fmt: skip


def test_los_calcos_ingleses_lo_dicen(almacen: Almacen) -> None:
    from grafo.fichas.definir import ficha

    filas = almacen.seleccionar(
        """SELECT ?c ?n WHERE {
          ?c skos:inScheme gtesq:glosario ; skos:editorialNote ?n . FILTER(LANG(?n) = "en")
          FILTER(STRSTARTS(STR(?n), "English label: "))
        }"""
    )
    con_nota = {f["c"].rsplit("/", 1)[-1] for f in filas}
    assert con_nota == CALCOS
    assert all("calque" in f["n"] for f in filas)
    assert any("calco" in n.es for n in ficha(almacen, "DIT").notas_editoriales)  # la ficha la muestra
