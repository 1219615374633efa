"""La página HTML del glosario: autocontenida e imprimible, con índices A–Z y por categoría, la tabla
comparativa, una ficha por término y el interruptor es/en.

La escriben las plantillas ``grafo/paginas/plantillas/glosario*.j2`` (autoescape: ver
``grafo.paginas.entorno``); este módulo solo les da los datos, agrupados y ordenados. Ningún HTML se
arma aquí."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from grafo.paginas.entorno import entorno
from grafo.paginas.glosario.comun import (
    _clave,
    _corto,
    _en_ambos,
    _enlace_red,
    _letra,
    _nombre_en_relacion,
    _r,
    _titulo,
    _traducir_lista,
    _vigencia_competencia,
    _vigencia_relacion,
)
from grafo.paginas.glosario.modelo import (
    CITAS_EN_PANTALLA,
    CITAS_IMPRESAS,
    COMPARACION,
    SIN_DEFINICION,
    Entrada,
    Glosario,
    Relacionado,
)

if TYPE_CHECKING:
    from grafo.fichas.modelo import CompetenciaFicha

__all__ = ["html_de_glosario"]


@dataclass(frozen=True)
class _Relacion:
    """Una relación citada, como la muestra la ficha: el otro término y cómo se lo nombra."""

    r: Relacionado
    destino: Entrada
    nombre_es: str
    nombre_en: str
    vigencia_es: str
    vigencia_en: str


class _Vista:
    """Lo que la plantilla de una ficha necesita además de la ``Entrada``: textos ya elegidos y
    agrupados, y las funciones comunes (títulos, vigencias, enlaces)."""

    titulo = staticmethod(_titulo)
    corto = staticmethod(_corto)
    vigencia = staticmethod(_vigencia_competencia)
    enlace_red = staticmethod(_enlace_red)

    def __init__(self, g: Glosario, e: Entrada, por_iri: dict[str, Entrada], varios_foros: bool) -> None:
        f = e.ficha
        self.varios_foros = varios_foros
        meta_es = [", ".join(es for es, _ in e.clases)] if e.clases else []
        meta_en = [", ".join(en for _, en in e.clases)] if e.clases else []
        if f.categoria.es:
            meta_es.append(f"{_r('categoria')}: {f.categoria.es}")
            meta_en.append(f"{_r('categoria', 'en')}: {_traducir_lista(g, f.categoria.es)}")
        if f.caracter.es:
            meta_es.append(f"{_r('caracter')}: {f.caracter.es}")
            meta_en.append(f"{_r('caracter', 'en')}: {g.en(f.caracter.es)}")
        self.meta_es, self.meta_en = " · ".join(meta_es), " · ".join(meta_en)
        self.vacios = _en_ambos(f.vacios)
        self.notas = _en_ambos(f.notas) + _en_ambos(f.notas_editoriales)
        por_nivel: dict[str, list[CompetenciaFicha]] = {}
        for c in f.competencias:
            por_nivel.setdefault(c.nivel.es, []).append(c)
        #: las competencias agrupadas por nivel: (nivel, competencias), en el orden de la ficha
        self.por_nivel = list(por_nivel.items())
        self.relaciones = [
            _Relacion(
                r,
                por_iri[r.destino],
                _nombre_en_relacion(por_iri[r.destino].ficha, r.texto_es, "es"),
                _nombre_en_relacion(por_iri[r.destino].ficha, r.texto_en, "en"),
                _vigencia_relacion(r.vigencia, "es"),
                _vigencia_relacion(r.vigencia, "en"),
            )
            for r in e.relacionados
            if not r.jerarquia
        ]
        jerarquia = [
            (rotulo, [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido])
            for sentido, rotulo in (("amplio", "mas_amplio"), ("especifico", "mas_especificos"))
        ]
        #: la jerarquía: (rótulo del sentido, fichas), solo los sentidos que tienen alguna
        self.jerarquia = [(sentido, destinos) for sentido, destinos in jerarquia if destinos]


def _html_ficha(
    g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool
) -> Markup:
    """La ficha de ``e`` (plantilla ``glosario_ficha.frag.j2``)."""
    return _fragmento(
        "glosario_ficha.frag.j2",
        e=e,
        f=e.ficha,
        g=g,
        v=_Vista(g, e, por_iri, varios),
        red=red,
        unir=str.join,
        SIN_DEFINICION=SIN_DEFINICION,
        CITAS_EN_PANTALLA=CITAS_EN_PANTALLA,
        CITAS_IMPRESAS=CITAS_IMPRESAS,
    )


def _fragmento(nombre: str, **datos: Any) -> Markup:
    """La plantilla ``nombre`` (un fragmento) escrita con ``datos`` y los rótulos (``r``)."""
    return Markup(entorno().get_template(nombre).render(r=_r, **datos))


def _html_indice_az(g: Glosario) -> Markup:
    """El índice A–Z de cada idioma: las letras y, bajo cada una, sus términos en orden alfabético."""
    az = []
    for idioma in ("es", "en"):
        grupos: dict[str, list[tuple[str, Entrada]]] = defaultdict(list)
        for e in g.entradas:
            nombre = _titulo(e.ficha, idioma)
            grupos[_letra(nombre)].append((nombre, e))
        letras = [
            (
                x,
                f"_az-{idioma}-{'otros' if x == '#' else x}",
                [
                    (nombre, e.ancla)
                    for nombre, e in sorted(grupos[x], key=lambda p: (_clave(p[0]), p[1].ancla))
                ],
            )
            for x in sorted(grupos, key=lambda x: (x == "#", x))
        ]
        az.append((idioma, letras))
    return _fragmento("glosario_indice_az.frag.j2", az=az)


def _html_indice_categorias(g: Glosario) -> Markup:
    """Los términos de cada categoría (y los que no tienen), en orden alfabético."""
    grupos: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        grupos[e.categoria.ancla if e.categoria else ""].append(e)
    cats = [(k.ancla, k.es, k.en) for k in g.categorias]
    if grupos.get(""):
        cats.append(("_cat-sin-categoria", _r("sin_categoria"), _r("sin_categoria", "en")))
    categorias = []
    for ancla, es, en in cats:
        clave = "" if ancla == "_cat-sin-categoria" else ancla
        entradas = sorted(grupos.get(clave, []), key=lambda e: (_clave(e.ficha.termino.es), e.ancla))
        if entradas:
            titulos = [(e.ancla, _titulo(e.ficha, "es"), _titulo(e.ficha, "en")) for e in entradas]
            categorias.append((ancla, es, en, titulos))
    return _fragmento("glosario_categorias.frag.j2", categorias=categorias)


def _html_comparacion(g: Glosario) -> Markup:
    """La tabla comparativa de los instrumentos: la hoja que un formador imprimiría."""
    if not g.comparacion:
        return Markup("")
    anclas = {e.ficha.termino.es: e.ancla for e in g.entradas}
    return _fragmento(
        "glosario_comparacion.frag.j2", columnas=COMPARACION, filas=g.comparacion, anclas=anclas
    )


def html_de_glosario(g: Glosario, red: str | None = "grafo.html") -> str:
    """La página HTML autocontenida del glosario. Con ``red`` (la URL relativa de la red interactiva),
    cada cita del foro enlaza a su enunciado en ella; con ``None``, las citas no llevan enlace."""
    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    n = len(g.entradas)
    resumen_es = f"{n} {_r('terminos')}" + (f" · grafo: {g.grafo}" if g.grafo else "")
    resumen_en = f"{n} {_r('terminos', 'en')}" + (f" · graph: {g.grafo}" if g.grafo else "")
    fichas = [_html_ficha(g, e, por_iri, red, varios) for e in g.entradas]
    return (
        entorno()
        .get_template("glosario.html.j2")
        .render(
            r=_r,
            resumen_es=resumen_es,
            resumen_en=resumen_en,
            indice_az=_html_indice_az(g),
            indice_categorias=_html_indice_categorias(g),
            comparacion=_html_comparacion(g),
            fichas=fichas,
        )
    )
