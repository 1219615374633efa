"""Fichas de todo lo que pregunta una clase: conceptos, actores, niveles de gobierno y normas
(``grafo definir``, ``grafo terminos``), en español e inglés, como texto y como Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from grafo.almacen.almacen import Almacen
from grafo.almacen.lector import Lector
from grafo.base.errores import TerminoDesconocidoError
from grafo.base.espacios import GTA, GTC, GTN, GTV
from grafo.busqueda.resolucion import TIPOS_ENTIDAD, TipoEntidad, entidades, resolver, resolver_entidad
from grafo.cli import cli
from grafo.fichas.definir import (
    ANCHO,
    Ficha,
    FichaActor,
    FichaNivel,
    FichaNorma,
    Texto,
    definir,
    ficha_actor,
    ficha_de_entidad,
    ficha_nivel,
    ficha_norma,
    texto_ficha,
)

# --- búsqueda: cercanías que resuelven, ambigüedades que no -----------------------------------------


@pytest.mark.parametrize(
    ("texto", "iri"),
    [
        ("regalia", GTC.iri("regalia-minera")),
        ("Zonificación", GTC.iri("zee")),
        ("Z.E.E.", GTC.iri("zee")),
        ("z.e.e", GTC.iri("zee")),
        ("DS 087-2004-PCM", GTN.iri("ds-087-2004-pcm")),
        ("MINAM", GTA.iri("minam")),
        ("MEF", GTA.iri("mef")),
        ("gobiernos regionales", GTA.iri("gobiernos-regionales")),
        ("Regional", GTV.iri("regional")),
        ("nivel local", GTV.iri("local")),
        ("regional level", GTV.iri("regional")),
        ("Ley 27795", GTN.iri("ley-27795")),
        ("D.S. 087-2004-PCM", GTN.iri("ds-087-2004-pcm")),
        ("la ZEE", GTC.iri("zee")),
    ],
)
def test_resolver_entidad(almacen: Almacen, texto: str, iri: str) -> None:
    assert resolver_entidad(almacen, texto).iri == iri


def test_cercanias_solo_con_definir(almacen: Almacen) -> None:
    """``resolver`` (consultas, red, foros) sigue exigiendo el nombre exacto."""
    with pytest.raises(TerminoDesconocidoError, match="no se encontró el término 'regalia'"):
        resolver(almacen, "regalia")
    with pytest.raises(TerminoDesconocidoError):
        resolver(almacen, "Z.E.E.")


def test_prefijo_elegido_lo_dice(almacen: Almacen) -> None:
    """«Zonificación» empieza el nombre preferido de la ZEE y solo un nombre alternativo de otro
    concepto: se elige la ZEE, y el aviso nombra al otro (nunca en silencio)."""
    otros = almacen.seleccionar(
        """SELECT DISTINCT ?c WHERE { ?c rdf:type/rdfs:subClassOf* gt:ConceptoTerritorial ;
             skos:altLabel ?v . FILTER(STRSTARTS(LCASE(STR(?v)), "zonificación ")) FILTER(?c != gtc:zee) }"""
    )
    e = resolver_entidad(almacen, "Zonificación")
    assert e.tipo == "concepto" and e.etiqueta == "Zonificación Ecológica y Económica"
    assert otros and "Esquema de Zonificación" in e.aviso
    assert resolver_entidad(almacen, "regalia").aviso == ""  # nada más empieza así
    assert resolver_entidad(almacen, "Z.E.E.").aviso == ""


def test_ambiguo_sugiere(almacen: Almacen) -> None:
    planes = sorted(e.etiqueta for e in entidades(almacen) if e.etiqueta.casefold().startswith("plan "))
    assert len(planes) > 1
    with pytest.raises(TerminoDesconocidoError, match=r"¿Quiso decir: .*\?") as err:
        resolver_entidad(almacen, "plan")
    assert set(planes) <= set(err.value.sugerencias)
    # varias palabras no se completan: el nombre mal recordado se sugiere, no se adivina
    with pytest.raises(TerminoDesconocidoError, match="¿Quiso decir: Zonificación Ecológica y Económica"):
        resolver_entidad(almacen, "zonificacion ecologica")
    with pytest.raises(
        TerminoDesconocidoError, match="no se encontró el término, actor, nivel o norma 'xyzzy'"
    ):
        resolver_entidad(almacen, "xyzzy")


def test_todo_se_encuentra_por_su_nombre(lector_memo: Lector) -> None:
    """Cada entidad que lista 'grafo terminos' se define escribiendo su nombre o una de sus siglas
    (las siglas compartidas por dos entidades, como «CR», quedan fuera). Con el almacén de la sesión
    tras un ``Lector`` que recuerda las filas de cada SELECT: la lista de candidatos se lee una vez."""
    almacen = lector_memo
    todas = entidades(almacen)
    siglas: dict[str, int] = {}
    for e in todas:
        for s in e.siglas:
            siglas[s] = siglas.get(s, 0) + 1
    for e in todas:
        assert resolver_entidad(almacen, e.etiqueta).iri == e.iri, e
        for s in e.siglas:
            if siglas[s] == 1:
                assert resolver_entidad(almacen, s).iri == e.iri, (e, s)


# --- contenido de las fichas, frente a lo que dice el grafo ------------------------------------------


def _cuenta(almacen: Almacen, consulta: str) -> int:
    return int(almacen.seleccionar(consulta)[0]["n"])


def test_ficha_minam(almacen: Almacen) -> None:
    f = ficha_actor(almacen, GTA.iri("minam"))
    assert f.nombre.es == "Ministerio del Ambiente" and f.nombre.en == "Ministry of the Environment"
    assert f.siglas == ["MINAM"] and f.clase.es == "Entidad pública"
    assert f.nivel.es == "Nacional" and [p.es for p in f.pertenece_a] == ["Poder Ejecutivo"]
    assert "Dirección General de Ordenamiento Territorial del MINAM" in [u.es for u in f.unidades]
    n = _cuenta(
        almacen, "SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE { ?k a gt:Competencia ; gt:titular gta:minam }"
    )
    assert len(f.competencias) == n > 0
    rectoria_zee = [
        k
        for k in f.competencias
        if k.instrumento.es == "Zonificación Ecológica y Económica" and k.funcion.es == "rectoría"
    ]
    assert len(rectoria_zee) == 1
    assert "D.S. 087-2004-PCM, art. 11" in [b.etiqueta for b in rectoria_zee[0].base_legal]
    assert rectoria_zee[0].desde == "2008" and rectoria_zee[0].hasta == ""
    foro = {e.ident: e for e in f.en_el_foro}
    assert {"E073", "E077"} <= set(foro)
    assert "Ministerio del Ambiente no reconoce como vinculante Zonificación Ecológica y Económica" in [
        a.es for a in foro["E077"].afirmaciones
    ]
    texto = " ".join(texto_ficha(f).split())
    assert "Competencias por instrumento Zonificación Ecológica y Económica" not in texto  # grupo aparte
    assert (
        "rectoría (exclusiva); base legal: D.Leg. 1013; D.S. 087-2004-PCM, art. 11; desde 2008 (vigente)"
        in texto
    )
    assert "«El MINAM no reconoce la ZEE como un instrumento vinculante.»" in texto


def test_ficha_mef(almacen: Almacen) -> None:
    d = definir(almacen, "MEF")
    f = d.ficha
    assert isinstance(f, FichaActor) and d.entidad.tipo == "actor"
    n = _cuenta(
        almacen, "SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE { ?k a gt:Competencia ; gt:titular gta:mef }"
    )
    assert len(f.competencias) == n > 0
    snip = [k for k in f.competencias if k.instrumento.es == "Sistema Nacional de Inversión Pública"]
    assert snip and snip[0].funcion.es == "rectoría"
    # la base legal derogada lo dice: Ley 27293 derogada por el D.Leg. 1252
    assert any(b.derogado_por == "D.Leg. 1252" for b in snip[0].base_legal)
    assert "(derogado el 2017-02-24 por D.Leg. 1252)" in " ".join(d.texto.split())
    assert [e.ident for e in f.en_el_foro] == ["E085"]
    assert [a.es for a in f.en_el_foro[0].afirmaciones] == [
        "Ministerio de Economía y Finanzas financia Zonificación Ecológica y Económica"
    ]


def test_ficha_gobiernos_regionales(almacen: Almacen) -> None:
    d = definir(almacen, "gobiernos regionales")
    f = d.ficha
    assert isinstance(f, FichaActor)
    assert f.siglas == ["GORE", "GR"] and f.nivel.es == "Regional"
    assert "Gobierno Regional de Cajamarca" in [u.es for u in f.unidades]
    ot = [
        k
        for k in f.competencias
        if k.instrumento.es == "Ordenamiento Territorial" and k.funcion.es == "aprobar"
    ]
    assert [b.etiqueta for k in ot for b in k.base_legal] == ["Ley 27867, art. 53 a)"]
    assert {"E073", "E074"} <= {e.ident for e in f.en_el_foro}
    assert f.pertenece_a == [] and "pertenece a: (no registrado)" in d.texto


def test_ficha_nivel_regional(almacen: Almacen) -> None:
    d = definir(almacen, "Regional")
    f = d.ficha
    assert isinstance(f, FichaNivel) and f.nombre.es == "Regional" and f.clase.es == "Nivel de gobierno"
    actores = almacen.seleccionar(
        "SELECT DISTINCT ?a WHERE { ?a gt:nivel gtv:regional ; rdf:type/rdfs:subClassOf* gt:Actor }"
    )
    assert len(f.entidades) == len(actores) > 0
    assert "Gobiernos regionales (GORE, GR)" in [e.es for e in f.entidades]
    n = _cuenta(
        almacen, "SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE { ?k a gt:Competencia ; gt:nivel gtv:regional }"
    )
    assert len(f.competencias) == n > 0
    instrumentos = [k.instrumento.es for k in f.competencias]
    assert instrumentos == sorted(
        instrumentos, key=lambda s: s.casefold().replace("á", "a").replace("é", "e")
    )
    texto = " ".join(d.texto.split())
    assert "Competencias por instrumento" in texto and "Entidades de este nivel" in texto
    assert "Gobiernos regionales: aprobar (compartida); base legal: Ley 27867, art. 53 a)" in texto


def test_ficha_nivel_local_con_sus_tipos(almacen: Almacen) -> None:
    f = ficha_nivel(almacen, GTV.iri("local"))
    assert [s.es for s in f.subdivisiones] == ["Local distrital", "Local provincial"]
    assert {k.nivel.es for k in f.competencias} >= {"Local provincial", "Local distrital"}
    assert "Municipalidades provinciales (Local provincial): aprobar" in " ".join(texto_ficha(f).split())
    sub = ficha_nivel(almacen, GTV.iri("local-provincial"))
    assert [s.es for s in sub.subdivision_de] == ["Local"]
    assert sub.competencias and {k.nivel.es for k in sub.competencias} == {"Local provincial"}


def test_ficha_ley_27795(almacen: Almacen) -> None:
    d = definir(almacen, "Ley 27795")
    f = d.ficha
    assert isinstance(f, FichaNorma)
    assert f.titulo.es == "Ley de Demarcación y Organización Territorial" and f.tipo.es == "ley"
    assert f.fecha_publicacion == f.vigente_desde == "2002-07-25" and f.vigente_hasta == ""
    assert [e.es for e in f.emitida_por] == ["Congreso de la República"] and f.derogada_por == []
    arts = {a.etiqueta: a for a in f.articulos}
    art_2_1 = arts["Ley 27795, art. 2.1"]
    assert "Es aprobada por el Congreso a propuesta del Poder Ejecutivo." in art_2_1.texto_literal
    congreso = [
        c.competencia
        for c in art_2_1.citado_por
        if c.competencia and c.competencia.titular.es == "Congreso de la República"
    ]
    assert len(congreso) == 1
    assert congreso[0].funcion.es == "aprobar" and congreso[0].instrumento.es == "Demarcación Territorial"
    assert ("definicion", "Demarcación Territorial") in [(c.que, c.nombre.es) for c in art_2_1.citado_por]
    # el artículo sustituido dice cuándo y por cuál
    assert (arts["Ley 27795, art. 6.1"].derogado_el, arts["Ley 27795, art. 6.1"].derogado_por) == (
        "2019-02-25",
        "Ley 30918",
    )
    # lo que cita cada artículo, contado en el grafo
    citas = almacen.seleccionar(
        """SELECT DISTINCT ?a WHERE { ?a gt:articuloDe gtn:ley-27795 .
             ?x gt:fuenteDefinicion|gt:fuenteCaracter|gt:baseLegal|dct:source ?a }"""
    )
    assert {a.iri for a in f.articulos if a.citado_por} == {c["a"] for c in citas}
    texto = " ".join(d.texto.split())
    assert "- Ley 27795, art. 2.1 - texto: «" in texto
    assert "competencia: Demarcación Territorial — Congreso de la República: aprobar (compartida)" in texto
    assert "Ley 27795, art. 6.1 (texto sustituido el 2019-02-25 por Ley 30918)" in texto
    assert arts["Ley 27795, art. 6.1"].sustituido
    assert (
        "Derogada o sustituida en parte - Ley 27795, art. 5 (texto sustituido el 2019-02-25 por Ley 30918) "
        "- Ley 27795, art. 6 (texto sustituido el 2019-02-25 por Ley 30918)"
    ) in texto
    assert "vigente hasta: (no registrado)" in texto


def test_fichas_de_normas_derogadas_y_derogatorias(almacen: Almacen) -> None:
    snip = ficha_norma(almacen, GTN.iri("ley-27293"))
    assert snip.derogada_por == ["D.Leg. 1252"] and snip.fecha_publicacion == ""
    assert "fecha de publicación: (no registrado)" in texto_ficha(snip)
    assert "publication date: (not recorded)" in texto_ficha(snip, idioma="en")
    ley_30918 = ficha_norma(almacen, GTN.iri("ley-30918"))
    assert [(x.etiqueta, x.derogado_el, x.sustituido) for x in ley_30918.deroga] == [
        ("Ley 27795, art. 5", "2019-02-25", True),
        ("Ley 27795, art. 6", "2019-02-25", True),
    ]
    # la que deroga por partes nombra las partes; la derogada en parte, lo que perdió y cada artículo
    ds_012 = ficha_norma(almacen, GTN.iri("ds-012-2022-vivienda"))
    assert "D.S. 022-2016-VIVIENDA, Título VI, Capítulo II, Subcapítulo I «La zonificación»" in [
        x.etiqueta for x in ds_012.deroga
    ]
    assert "D.S. 022-2016-VIVIENDA, art. 99.1" not in [x.etiqueta for x in ds_012.deroga]
    ds_022 = ficha_norma(almacen, GTN.iri("ds-022-2016-vivienda"))
    assert ds_022.derogada_por == [] and len(ds_022.cambios) == 7
    assert {a.etiqueta: a.derogado_el for a in ds_022.articulos}[
        "D.S. 022-2016-VIVIENDA, art. 99.1"
    ] == "2022-10-05"
    ds = " ".join(texto_ficha(ficha_norma(almacen, GTN.iri("ds-087-2004-pcm"))).split())
    assert "D.S. 087-2004-PCM, art. 23 - texto:" in ds
    assert "carácter de: Zonificación Ecológica y Económica" in ds


# --- idiomas y formatos ---------------------------------------------------------------------------------


def test_ficha_en_ingles_lo_que_falta_lo_dice(almacen: Almacen) -> None:
    ley = definir(almacen, "Ley 27795", idioma="en").texto
    # el título de la ley solo está en español: se muestra marcado y el pie lo explica
    assert "title: [es] Ley de Demarcación y Organización Territorial" in ley
    assert ley.splitlines()[-1] == "[es] = the graph has no English text here; shown in Spanish."
    assert "Articles cited in the graph" in ley and "issued by: Congress of the Republic" in ley
    minam = definir(almacen, "MINAM", idioma="en").texto
    assert minam.startswith("Ministry of the Environment (MINAM)\n  in Spanish: Ministerio del Ambiente")
    assert "Competencies by instrument" in minam and "Mentions at the forum" in minam
    # en español, lo que solo está en inglés también se marca
    politica = definir(almacen, "Acuerdo Nacional, Política de Estado 34, texto oficial en inglés").texto
    assert "título: [en] " in politica and "[en] = el grafo no tiene este texto en español" in politica


def test_concepto_en_ingles_y_markdown(almacen: Almacen) -> None:
    zee = definir(almacen, "ZEE", idioma="en", formato="md").texto.splitlines()
    assert zee[0] == "Ecological and Economic Zoning (ZEE)" and set(zee[1]) == {"="}
    assert "- **in Spanish:** Zonificación Ecológica y Económica" in zee
    for titulo in ("Definition", "For teaching", "Competencies by level", "Related instruments"):
        i = zee.index(titulo)
        assert set(zee[i + 1]) == {"-"}, titulo
    f = definir(almacen, "ZEE").ficha
    assert isinstance(f, Ficha)
    assert f.nota_alcance.en and f.nota_alcance.en.split()[0] in " ".join(zee)
    assert "**National**" in zee and "**Nacional**" not in zee


def _fichas(almacen: Almacen, tipo: TipoEntidad) -> list[tuple[str, str]]:
    """(nombre, texto) de cada ficha del tipo, en los dos idiomas y los dos formatos."""
    res = []
    for e in entidades(almacen, tipo):
        f = ficha_de_entidad(almacen, e)
        for idioma in ("es", "en"):
            for formato in ("texto", "md"):
                res.append(
                    (f"{e.etiqueta} [{idioma}, {formato}]", texto_ficha(f, idioma=idioma, formato=formato))
                )
    return res


@pytest.mark.parametrize("tipo", TIPOS_ENTIDAD)
def test_ninguna_linea_pasa_de_80_columnas(almacen: Almacen, tipo: TipoEntidad) -> None:
    fichas = _fichas(almacen, tipo)
    assert len(fichas) == 4 * len(entidades(almacen, tipo)) > 0
    largas = [(n, x) for n, t in fichas for x in t.splitlines() if len(x) > ANCHO]
    assert largas == []
    # y el corte no separa «art.» de su número
    partidas = [(n, x) for n, t in fichas for x in t.splitlines() if re.search(r"\b(?:art|num)\.$", x)]
    assert partidas == []


def test_cada_ficha_nombra_lo_que_se_busco(lector_memo: Lector) -> None:
    almacen = lector_memo  # el de la sesión, recordando las filas de cada SELECT
    for e in entidades(almacen):
        texto = definir(almacen, e.etiqueta).texto
        assert " ".join(texto.split()).startswith(e.etiqueta), e


def test_markdown_cortado_no_inventa_marcas() -> None:
    """Cortar una línea no debe dejar al comienzo de otra algo que Markdown lea como viñeta, lista
    numerada, título o cita: se escapa, y el párrafo se lee igual que el texto."""
    md = MarkdownIt("commonmark")
    for k in range(50, 80):
        texto = "x" * k + " - y 12. z # w + v > u = t"
        f = Ficha(iri="https://example.org/t", termino=Texto("Término", "Term"), clase=Texto("Instrumento"))
        f.definicion, f.fuente = Texto(texto), Texto("Ley 1, art. 1")
        salida = texto_ficha(f, formato="md")
        assert max(len(x) for x in salida.splitlines()) <= ANCHO
        tokens = md.parse(salida)
        assert sum(t.type == "list_item_open" for t in tokens) == 2, salida  # «en inglés» y «tipo»
        assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h2", "h2"], salida
        parrafos = [
            " ".join(c.content for c in t.children or [] if c.type == "text")
            for t in tokens
            if t.type == "inline"
        ]
        assert texto in parrafos, salida


@pytest.mark.parametrize("tipo", TIPOS_ENTIDAD)
def test_markdown_se_lee_como_se_escribio(almacen: Almacen, tipo: TipoEntidad) -> None:
    """En cada ficha Markdown, los títulos son los subrayados y las viñetas las líneas con «- »."""
    md = MarkdownIt("commonmark")
    for nombre, texto in _fichas(almacen, tipo):
        if "md]" not in nombre:
            continue
        tokens = md.parse(texto)
        lineas = texto.splitlines()
        subrayados = sum(1 for x in lineas if x and set(x) in ({"="}, {"-"}))
        assert sum(t.type == "heading_open" for t in tokens) == subrayados, nombre
        vinetas = sum(1 for x in lineas if re.match(r"^ *- ", x))
        assert sum(t.type == "list_item_open" for t in tokens) == vinetas, nombre
        assert not any(
            t.type in ("hr", "blockquote_open", "ordered_list_open", "code_block") for t in tokens
        ), nombre


# --- la orden -------------------------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_terminos_lista_todos_los_conceptos(runner: CliRunner, salida: Path, almacen: Almacen) -> None:
    r = runner.invoke(cli, ["terminos", "--almacen", str(salida)])
    assert r.exit_code == 0, r.output
    lineas = r.stdout.splitlines()
    conceptos = [x for x in lineas if x.startswith("concepto ")]
    n = _cuenta(
        almacen,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c rdf:type/rdfs:subClassOf* gt:ConceptoTerritorial }",
    )
    assert len(conceptos) == n > 0
    etiquetas = almacen.seleccionar(
        """SELECT DISTINCT ?et WHERE { ?c rdf:type/rdfs:subClassOf* gt:ConceptoTerritorial ;
             skos:prefLabel ?et . FILTER(LANG(?et) = "es") }"""
    )
    listados = {re.sub(r" \([^)]*\)$", "", x[len("concepto ") :].strip()) for x in conceptos}
    assert {f["et"] for f in etiquetas} <= listados | {x[len("concepto ") :].strip() for x in conceptos}
    assert "concepto Zonificación Ecológica y Económica (ZEE)" in lineas
    assert "actor    Ministerio del Ambiente (MINAM)" in lineas
    assert "nivel    Regional" in lineas and "norma    Ley 27795" in lineas
    tipos = [x.split()[0] for x in lineas]
    assert tipos == sorted(tipos, key=list(TIPOS_ENTIDAD).index)
    r = runner.invoke(cli, ["terminos", "--tipo", "concepto", "--almacen", str(salida)])
    assert r.exit_code == 0 and r.stdout.splitlines() == conceptos
    r = runner.invoke(cli, ["terminos", "--tipo", "ley", "--almacen", str(salida)])
    assert r.exit_code == 2


def test_cli_definir(runner: CliRunner, salida: Path) -> None:
    r = runner.invoke(cli, ["definir", "ZEE", "--idioma", "en", "--formato", "md", "--almacen", str(salida)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Ecological and Economic Zoning (ZEE)\n====")
    r = runner.invoke(cli, ["definir", "Ley 27795", "--almacen", str(salida)])
    assert r.exit_code == 0 and r.stdout.startswith("Ley 27795\n  título: Ley de Demarcación")
    r = runner.invoke(cli, ["definir", "Zonificación", "--almacen", str(salida)])
    assert r.exit_code == 0 and r.stdout.startswith("Zonificación Ecológica y Económica (ZEE)")
    assert "Nota: 'Zonificación' se entendió como «Zonificación Ecológica y Económica»" in r.stderr
    r = runner.invoke(cli, ["definir", "xyzzy", "--almacen", str(salida)])
    assert r.exit_code == 1 and r.stderr.startswith("Error: no se encontró") and "Traceback" not in r.output
    r = runner.invoke(cli, ["definir", "plan", "--almacen", str(salida)])
    assert r.exit_code == 1 and "¿Quiso decir: " in r.stderr
    r = runner.invoke(cli, ["definir", "ZEE", "--idioma", "fr", "--almacen", str(salida)])
    assert r.exit_code == 2
