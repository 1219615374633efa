"""La práctica: cada pregunta tiene una sola respuesta correcta según el grafo, comprobado aquí con
consultas propias (no con el generador), opciones distintas y una fuente citada; la misma semilla da
la misma prueba; y la orden ``grafo practicar``, interactiva o no."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from grafo.almacen.almacen import Almacen
from grafo.almacen.lector import Lector
from grafo.base.errores import PracticaInvalidaError
from grafo.cli import cli
from grafo.consultas.catalogo import cargar_consulta
from grafo.consultas.ejecucion import ejecutar
from grafo.ensenanza.modelo import LETRAS, TIPOS, Practica, Pregunta
from grafo.ensenanza.practica import generar_practica, temas
from grafo.ensenanza.sesion import Sesion, letras
from grafo.ensenanza.textos import texto_practica

SEMILLAS = range(30)
N = 20
TAPADO = "[…]"
GLOSARIO = "<https://w3id.org/grafo-territorial/esquema/glosario>"


@pytest.fixture(scope="module")
def practicas(lector_memo: Lector) -> dict[int, Practica]:
    """Una prueba de 20 preguntas por cada semilla de 0 a 29 (del almacén de la sesión, recordando las
    filas de cada SELECT: las 30 leen lo mismo)."""
    return {s: generar_practica(lector_memo, N, s) for s in SEMILLAS}


# --- comprobación independiente: lo que el grafo dice de cada pregunta ------------------------------


class _Grafo:
    """Respuestas del grafo, con consultas escritas aquí (no las del generador)."""

    def __init__(self, almacen: Almacen) -> None:
        self.almacen = almacen

    def filas(self, consulta: str) -> list[dict[str, str]]:
        return self.almacen.seleccionar(consulta)

    def si(self, consulta: str) -> bool:
        return bool(self.filas(f"SELECT (1 AS ?si) WHERE {{ {consulta} }} LIMIT 1"))

    @cache  # noqa: B019 (un objeto por prueba de módulo)
    def etiqueta(self, iri: str) -> str:
        filas = self.filas(
            f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel|rdfs:label ?l . FILTER(LANG(?l) IN ('es', '')) }}"
        )
        return min(f["l"] for f in filas)

    @cache  # noqa: B019
    def definiciones(self, iri: str) -> tuple[str, ...]:
        filas = self.filas(f"SELECT ?d WHERE {{ <{iri}> skos:definition ?d . FILTER(LANG(?d) = 'es') }}")
        return tuple(f["d"] for f in filas)

    @cache  # noqa: B019
    def categorias(self, iri: str) -> frozenset[str]:
        filas = self.filas(
            f"SELECT ?l WHERE {{ <{iri}> gt:categoria ?k . ?k skos:prefLabel ?l . FILTER(LANG(?l) = 'es') }}"
        )
        return frozenset(f["l"] for f in filas)

    @cache  # noqa: B019
    def competencias(self, fecha: str) -> tuple[tuple[str, str, str, str], ...]:
        """(instrumento, titular, nivel de gobierno, función) vigentes en ``fecha``, según la consulta
        con nombre ``competencias`` (la que usa un analista); el nivel, sin distinguir provincial de
        distrital."""
        res = ejecutar(self.almacen, cargar_consulta("competencias"), {"fecha": fecha})
        nivel_de = {
            f["l"]: f["nl"]
            for f in self.filas(
                "SELECT ?l ?nl WHERE { ?t gt:subdivisionDe ?n ; skos:prefLabel ?l . ?n skos:prefLabel ?nl . "
                "FILTER(LANG(?l) = 'es' && LANG(?nl) = 'es') }"
            )
        }
        return tuple(
            (f["instrumento"], f["titular"], nivel_de.get(f["nivel"], f["nivel"]), f["funcion"])
            for f in res.como_dicts()
        )

    def fuente_existe(self, parte: str) -> bool:
        etiqueta = re.sub(r" \((derogad[oa]|texto sustituido) el [^)]*\)$", "", parte)
        return self.si(f'?x rdfs:label ?l . FILTER(STR(?l) = "{etiqueta}")')


def _patron(texto: str) -> re.Pattern[str]:
    """Reconoce los textos que, con el término tapado, darían ``texto``."""
    texto = texto.removeprefix("«").removesuffix("»")
    return re.compile(".+?".join(re.escape(p) for p in texto.split(TAPADO)), re.DOTALL)


def _correctas(g: _Grafo, p: Pregunta) -> list[int]:
    """Los índices de las opciones que, según el grafo, responden bien a ``p``."""
    opciones = list(enumerate(p.opciones))
    if p.tipo == "termino":
        citada = _patron(p.enunciado.split("\n", 1)[1])
        return [i for i, o in opciones if any(citada.fullmatch(d) for d in g.definiciones(o.iri))]
    if p.tipo == "definicion":
        assert f"«{g.etiqueta(p.sujeto)}»" in p.enunciado
        return [
            i for i, o in opciones if any(_patron(o.texto).fullmatch(d) for d in g.definiciones(p.sujeto))
        ]
    if p.tipo == "aprueba":
        assert f"«{g.etiqueta(p.sujeto)}»" in p.enunciado
        hoy = {t for i, t, _n, f in g.competencias(p.fecha) if i == g.etiqueta(p.sujeto) and f == "aprobar"}
        correctas = [i for i, o in opciones if o.texto in hoy]
        # ningún distractor aprueba el instrumento, ni hoy ni en otra fecha
        aprueba = "?k a gt:Competencia ; gt:funcion gtf:aprobar ; gt:instrumento <{}> ; gt:titular <{}>"
        alguna_vez = [i for i, o in opciones if g.si(aprueba.format(p.sujeto, o.iri))]
        return sorted(set(correctas) | set(alguna_vez))
    if p.tipo == "acto":
        assert f"«{g.etiqueta(p.sujeto)}»" in p.enunciado
        return [i for i, o in opciones if g.si(f"<{p.sujeto}> gt:seApruebaMediante <{o.iri}>")]
    if p.tipo in ("nivel_2013", "nivel_hoy"):
        assert f"«{g.etiqueta(p.sujeto)}»" in p.enunciado and f"«{g.etiqueta(p.detalle)}»" in p.enunciado
        assert p.fecha == "2013-09-20" if p.tipo == "nivel_2013" else p.fecha == date.today().isoformat()
        niveles = {
            n
            for i, _t, n, f in g.competencias(p.fecha)
            if (i, f) == (g.etiqueta(p.sujeto), g.etiqueta(p.detalle))
        }
        return [i for i, o in opciones if o.texto in niveles]
    if p.tipo == "relacion":
        assert f"«{g.etiqueta(p.sujeto)} {g.etiqueta(p.detalle)} …»" in p.enunciado
        return [
            i
            for i, o in opciones
            if g.si(f"?r gt:origen <{p.sujeto}> ; gt:tipoDeRelacion <{p.detalle}> ; gt:destino <{o.iri}>")
        ]
    raise AssertionError(f"tipo desconocido: {p.tipo}")


def _problemas(g: _Grafo, p: Pregunta) -> list[str]:
    """Lo que está mal en ``p`` (vacío si nada)."""
    problemas = []
    if not 3 <= len(p.opciones) <= len(LETRAS):
        problemas.append(f"{len(p.opciones)} opciones")
    if len({o.texto for o in p.opciones}) != len(p.opciones) or len({o.iri for o in p.opciones}) != len(
        p.opciones
    ):
        problemas.append("opciones repetidas")
    if p.tipo not in ("definicion",) and any(o.texto != g.etiqueta(o.iri) for o in p.opciones):
        problemas.append("una opción no muestra la etiqueta de lo que nombra")
    correctas = _correctas(g, p)
    if correctas != [p.correcta]:
        problemas.append(f"correctas según el grafo: {correctas}, según la pregunta: {p.correcta}")
    partes = [x for x in p.fuente.split("; ") if x.strip()]
    if not partes or not all(g.fuente_existe(x) for x in partes):
        problemas.append(f"fuente vacía o que no está en el grafo: {p.fuente!r}")
    if not p.explicacion.strip():
        problemas.append("sin explicación")
    return problemas


@pytest.fixture(scope="module")
def grafo(almacen: Almacen) -> _Grafo:
    return _Grafo(almacen)


# --- las preguntas -------------------------------------------------------------------------------


def test_cada_pregunta_tiene_una_sola_respuesta_correcta_y_fuente(
    practicas: dict[int, Practica], grafo: _Grafo
) -> None:
    revisadas = 0
    for semilla, practica in practicas.items():
        assert len(practica.preguntas) == N and practica.semilla == semilla and not practica.aviso
        for n, p in enumerate(practica.preguntas, 1):
            assert _problemas(grafo, p) == [], (semilla, n, p)
            revisadas += 1
    assert revisadas == N * len(SEMILLAS)


def test_la_comprobacion_detecta_una_pregunta_mal_hecha(
    practicas: dict[int, Practica], grafo: _Grafo
) -> None:
    """La comprobación de arriba puede fallar: con la respuesta cambiada, o sin fuente, lo dice."""
    for p in practicas[0].preguntas:
        otra = (p.correcta + 1) % len(p.opciones)
        assert any("correctas según el grafo" in x for x in _problemas(grafo, replace(p, correcta=otra))), p
        assert any("fuente" in x for x in _problemas(grafo, replace(p, fuente=""))), p
        repetidas = (*p.opciones[:-1], p.opciones[0])
        assert "opciones repetidas" in _problemas(grafo, replace(p, opciones=repetidas))


def test_salen_todos_los_tipos(practicas: dict[int, Practica]) -> None:
    for semilla, practica in practicas.items():
        cuenta = practica.por_tipo()
        assert set(cuenta) == set(TIPOS)
        assert all(n >= 2 for n in cuenta.values()), (semilla, cuenta)


def test_misma_semilla_misma_prueba_y_semillas_distintas_pruebas_distintas(
    almacen: Almacen, practicas: dict[int, Practica]
) -> None:
    for s in (0, 7, 29):
        assert texto_practica(generar_practica(almacen, N, s)) == texto_practica(practicas[s])
    textos = {texto_practica(p) for p in practicas.values()}
    assert len(textos) == len(SEMILLAS)


@pytest.mark.parametrize(
    "fecha", ["2005-06-01", "2008-06-01", "2013-09-20", "2016-06-01", "2019-02-25", "2025-04-02", "hoy"]
)
def test_vigencia_es_la_de_la_consulta_competencias(almacen: Almacen, grafo: _Grafo, fecha: str) -> None:
    """«Vigente en una fecha» es lo mismo para la práctica que para ``competencias --param fecha``,
    también con solo el año (2008: MINAM y CONAM; 2016: SNIP), que queda indeterminado."""
    from grafo.ensenanza.hechos import leer_hechos

    fecha = date.today().isoformat() if fecha == "hoy" else fecha
    propias = Counter(
        (grafo.etiqueta(k.instrumento), grafo.etiqueta(k.titular), grafo.etiqueta(k.funcion))
        for k in leer_hechos(almacen).competencias
        if k.vigencia.rige(date.fromisoformat(fecha))
    )
    de_la_consulta = Counter((i, t, f) for i, t, _n, f in grafo.competencias(fecha))
    assert propias == de_la_consulta


def test_una_prueba_no_repite_un_termino(practicas: dict[int, Practica]) -> None:
    for practica in practicas.values():
        del_glosario = [p.sujeto for p in practica.preguntas if p.tipo in ("termino", "definicion")]
        assert len(del_glosario) == len(set(del_glosario))
        niveles = [(p.sujeto, p.detalle) for p in practica.preguntas if p.tipo.startswith("nivel")]
        assert len(niveles) == len(set(niveles))


def test_el_termino_definido_esta_tapado(practicas: dict[int, Practica], grafo: _Grafo) -> None:
    for practica in practicas.values():
        for p in practica.preguntas:
            if p.tipo == "termino":
                citada = p.enunciado.split("\n", 1)[1]
                nombre = re.escape(grafo.etiqueta(p.sujeto))
                assert not re.search(rf"\b{nombre}\b", citada, re.IGNORECASE), p


def test_sin_semilla_elige_una_y_la_dice(almacen: Almacen) -> None:
    p = generar_practica(almacen, 3)
    assert p.semilla >= 1
    assert texto_practica(generar_practica(almacen, 3, p.semilla)) == texto_practica(p)


# --- tema y errores -----------------------------------------------------------------------------------


def test_temas_son_las_categorias_del_glosario(almacen: Almacen, grafo: _Grafo) -> None:
    esperadas = {
        f["l"]
        for f in grafo.filas(
            f"SELECT ?l WHERE {{ ?c skos:inScheme {GLOSARIO} ; gt:categoria ?k . ?k skos:prefLabel ?l . "
            "FILTER(LANG(?l) = 'es') }"
        )
    }
    assert set(temas(almacen)) == esperadas and "fiscal" in esperadas


@pytest.mark.parametrize(
    ("tema", "categoria"),
    [
        ("fiscal", "fiscal"),
        ("GESTION AMBIENTAL", "gestión ambiental"),
        ("Técnico-Sustentatorio", "técnico-sustentatorio"),
    ],
)
def test_tema_filtra(almacen: Almacen, grafo: _Grafo, tema: str, categoria: str) -> None:
    """Sin importar tildes ni mayúsculas, solo preguntas sobre términos de esa categoría."""
    practica = generar_practica(almacen, 12, 5, tema)
    assert practica.preguntas and practica.tema == categoria
    for p in practica.preguntas:
        assert _problemas(grafo, p) == [], p
        de_que = {p.sujeto} | ({p.opciones[p.correcta].iri} if p.tipo == "relacion" else set())
        assert any(categoria in grafo.categorias(x) for x in de_que), p
    assert generar_practica(almacen, 12, 5, tema).preguntas == practica.preguntas


def test_tema_con_menos_preguntas_de_las_pedidas_avisa(almacen: Almacen) -> None:
    practica = generar_practica(almacen, 500, 1, "fiscal")
    assert 0 < len(practica.preguntas) < 500
    assert practica.aviso.startswith("Aviso: se pidieron 500 preguntas")


def test_tema_desconocido(almacen: Almacen) -> None:
    with pytest.raises(PracticaInvalidaError, match=r"tema desconocido 'nada'.*fiscal.*planificación"):
        generar_practica(almacen, 5, 1, "nada")


@pytest.mark.parametrize("n", [0, -3])
def test_numero_de_preguntas_invalido(almacen: Almacen, n: int) -> None:
    with pytest.raises(PracticaInvalidaError, match="1 o más"):
        generar_practica(almacen, n, 1)


# --- la orden -------------------------------------------------------------------------------------------


def test_orden_no_interactiva(salida: Path, almacen: Almacen) -> None:
    args = ["practicar", "--almacen", str(salida), "--no-interactivo", "--preguntas", "5", "--semilla", "7"]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert r.stdout == texto_practica(generar_practica(almacen, 5, 7))
    assert CliRunner().invoke(cli, args).stdout == r.stdout
    assert all(len(linea) <= 80 for linea in r.stdout.splitlines())
    prueba, clave = r.stdout.split("Clave de respuestas (semilla 7)")
    assert "5 preguntas · semilla 7" in prueba and "Nombre: ____" in prueba
    assert [int(n) for n in re.findall(r"^(\d+)\. ", prueba, re.M)] == [1, 2, 3, 4, 5]
    assert len(re.findall(r"^\d+\. [A-D]\) ", clave, re.M)) == 5
    assert clave.count("Fuente: ") == 5


def test_orden_interactiva(salida: Path, almacen: Almacen) -> None:
    preguntas = generar_practica(almacen, 3, 11).preguntas
    buena = preguntas[0].letra
    mala = next(x for x in LETRAS[: len(preguntas[1].opciones)] if x != preguntas[1].letra)
    entrada = f"Z\n{buena.lower()}\n{mala}\n{preguntas[2].letra}\n"
    r = CliRunner().invoke(
        cli, ["practicar", "--almacen", str(salida), "-n", "3", "--semilla", "11"], input=entrada
    )
    assert r.exit_code == 0, r.output
    assert "'Z' no es una de" in r.output  # la letra inválida se vuelve a pedir
    assert r.output.count("Correcto.") == 2
    assert f"Incorrecto: la respuesta es {preguntas[1].letra}) " in r.output
    assert r.output.count("Fuente: ") == 3
    assert "Puntaje: 1 de 1." in r.output and "Puntaje: 1 de 2." in r.output
    assert r.stdout.rstrip().endswith("Resultado: 2 de 3 correctas (67 %).")


def test_sesion_corrige_y_lleva_el_puntaje(practicas: dict[int, Practica]) -> None:
    practica = practicas[3]
    sesion = Sesion(practica)
    assert "--semilla 3" in sesion.encabezado()
    for i, p in enumerate(practica.preguntas, 1):
        assert p.letra in letras(p) and len(letras(p)) == len(p.opciones)
        # acierta las preguntas impares, en minúscula; falla las pares
        letra = p.letra.lower() if i % 2 else next(x for x in letras(p) if x != p.letra)
        texto = sesion.responder(letra)
        assert texto.startswith("Correcto." if i % 2 else f"Incorrecto: la respuesta es {p.letra})")
        assert texto.endswith(f"Puntaje: {(i + 1) // 2} de {i}.")
    aciertos = (len(practica.preguntas) + 1) // 2
    assert sesion.resultado().startswith(f"Resultado: {aciertos} de {len(practica.preguntas)} correctas")


def test_orden_interrumpida_sin_traza(salida: Path) -> None:
    r = CliRunner().invoke(
        cli, ["practicar", "--almacen", str(salida), "-n", "2", "--semilla", "1"], input=""
    )
    assert r.exit_code == 1 and "Traceback" not in r.output


@pytest.mark.parametrize(
    ("args", "mensaje"),
    [
        (["--preguntas", "0"], "Error: el número de preguntas debe ser 1 o más, no 0."),
        (["--tema", "nada"], "Error: tema desconocido 'nada'. Temas (categorías del glosario): "),
    ],
)
def test_orden_errores(salida: Path, args: list[str], mensaje: str) -> None:
    r = CliRunner().invoke(cli, ["practicar", "--almacen", str(salida), "--no-interactivo", *args])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1].startswith(mensaje) and "Traceback" not in r.output


def test_orden_con_tema_cuenta_por_tipo(salida: Path) -> None:
    r = CliRunner().invoke(
        cli,
        [
            "practicar",
            "--almacen",
            str(salida),
            "--no-interactivo",
            "-n",
            "6",
            "--semilla",
            "2",
            "--tema",
            "Fiscal",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "6 preguntas · semilla 2 · tema: fiscal" in r.stdout
    assert Counter(re.findall(r"^\d+\. ", r.stdout, re.M))["1. "] == 2  # la prueba y la clave
