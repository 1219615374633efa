"""La página HTML del glosario: autocontenida e imprimible, con índices A–Z y por categoría, la tabla
comparativa, una ficha por término y el interruptor es/en."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

# --- HTML ------------------------------------------------------------------------------------------


def _e(texto: str) -> str:
    return html.escape(texto, quote=True)


def _bi(es: str, en: str, etiqueta: str = "span", clase: str = "") -> str:
    """El mismo contenido en los dos idiomas: dos elementos, uno visible según el interruptor."""
    extra = f" {clase}" if clase else ""
    return (
        f'<{etiqueta} class="l-es{extra}" lang="es">{es}</{etiqueta}>'
        f'<{etiqueta} class="l-en{extra}" lang="en">{en}</{etiqueta}>'
    )


def _rot(clave: str, etiqueta: str = "span", *, mayusculas: bool = False) -> str:
    return _bi(_e(_r(clave, mayusculas=mayusculas)), _e(_r(clave, "en", mayusculas=mayusculas)), etiqueta)


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
            (sentido, [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido])
            for sentido in ("amplio", "especifico")
        ]
        #: la jerarquía: (sentido, fichas), solo los sentidos que tienen alguna
        self.jerarquia = [(sentido, destinos) for sentido, destinos in jerarquia if destinos]


def _html_ficha(g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool) -> str:
    """La ficha de ``e`` (plantilla ``glosario_ficha.frag.j2``)."""
    return (
        entorno()
        .get_template("glosario_ficha.frag.j2")
        .render(
            e=e,
            f=e.ficha,
            g=g,
            v=_Vista(g, e, por_iri, varios),
            red=red,
            r=_r,
            unir=str.join,
            SIN_DEFINICION=SIN_DEFINICION,
            CITAS_EN_PANTALLA=CITAS_EN_PANTALLA,
            CITAS_IMPRESAS=CITAS_IMPRESAS,
        )
    )


def _html_indice_az(g: Glosario) -> str:
    bloques = []
    for idioma in ("es", "en"):
        grupos: dict[str, list[tuple[str, Entrada]]] = defaultdict(list)
        for e in g.entradas:
            nombre = _titulo(e.ficha, idioma)
            grupos[_letra(nombre)].append((nombre, e))
        letras = sorted(grupos, key=lambda x: (x == "#", x))
        salto = " ".join(f'<a href="#_az-{idioma}-{"otros" if x == "#" else x}">{_e(x)}</a>' for x in letras)
        secciones = []
        for x in letras:
            items = "".join(
                f'<li><a href="#{_e(e.ancla)}">{_e(nombre)}</a></li>'
                for nombre, e in sorted(grupos[x], key=lambda p: (_clave(p[0]), p[1].ancla))
            )
            ancla = f"_az-{idioma}-{'otros' if x == '#' else x}"
            secciones.append(f'<section id="{ancla}"><h3>{_e(x)}</h3><ul>{items}</ul></section>')
        bloques.append(
            f'<div class="l-{idioma}" lang="{idioma}"><p class="letras">{salto}</p>'
            f'<div class="columnas">{"".join(secciones)}</div></div>'
        )
    return f'<nav id="_indice" aria-label="Índice A–Z"><h2>{_rot("indice_az")}</h2>{"".join(bloques)}</nav>'


def _html_indice_categorias(g: Glosario) -> str:
    grupos: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        grupos[e.categoria.ancla if e.categoria else ""].append(e)
    secciones = []
    cats = [(k.ancla, k.es, k.en) for k in g.categorias]
    if grupos.get(""):
        cats.append(("_cat-sin-categoria", _r("sin_categoria"), _r("sin_categoria", "en")))
    for ancla, es, en in cats:
        clave = "" if ancla == "_cat-sin-categoria" else ancla
        entradas = sorted(grupos.get(clave, []), key=lambda e: (_clave(e.ficha.termino.es), e.ancla))
        if not entradas:
            continue
        items = "".join(
            f'<li><a href="#{_e(e.ancla)}">{_bi(*(_e(_titulo(e.ficha, i)) for i in ("es", "en")))}</a></li>'
            for e in entradas
        )
        secciones.append(
            f'<section id="{_e(ancla)}"><h3>{_bi(_e(es), _e(en))} '
            f'<span class="cuenta">({len(entradas)})</span></h3><ul>{items}</ul></section>'
        )
    return (
        f'<nav id="_categorias" aria-label="Por categoría"><h2>{_rot("indice_cat")}</h2>'
        f'<div class="columnas">{"".join(secciones)}</div></nav>'
    )


def _html_comparacion(g: Glosario) -> str:
    """La tabla comparativa de los instrumentos: la hoja que un formador imprimiría."""
    if not g.comparacion:
        return ""
    anclas = {e.ficha.termino.es: e.ancla for e in g.entradas}
    cab = "".join(f"<th>{_bi(_e(es), _e(en))}</th>" for _c, es, en in COMPARACION)
    filas = []
    for f in g.comparacion:
        celdas = []
        for c, _es, _en in COMPARACION:
            valor = f.get(c, "")
            if c == "instrumento":
                nombre = valor + (f" ({f['sigla']})" if f.get("sigla") else "")
                ancla = anclas.get(valor)
                texto = f'<a class="interno" href="#{_e(ancla)}">{_e(nombre)}</a>' if ancla else _e(nombre)
            elif c == "vinculante" and f.get("matiz_caracter"):
                texto = f"{_e(valor)}<br><small>{_e(f['matiz_caracter'])}</small>"
            else:
                texto = _e(valor) if valor else "—"
            celdas.append(f"<td>{texto}</td>")
        filas.append("<tr>" + "".join(celdas) + "</tr>")
    titulo = _bi("Tabla comparativa de los instrumentos", "Comparison table of the instruments")
    nota = _bi(
        _e("«Hoy»: competencias sin fin de vigencia registrado. Textos del grafo (consulta «instrumentos»)."),
        _e("“Today”: competencies with no recorded end. Spanish texts, from query “instrumentos”."),
    )
    return (
        f'<section id="_comparacion"><h2>{titulo}</h2><p class="intro">{nota}</p>'
        f'<div class="tabla-comparacion"><table><thead><tr>{cab}</tr></thead>'
        f"<tbody>{''.join(filas)}</tbody></table></div></section>"
    )


def html_de_glosario(g: Glosario, red: str | None = "grafo.html") -> str:
    """La página HTML autocontenida del glosario. Con ``red`` (la URL relativa de la red interactiva),
    cada cita del foro enlaza a su enunciado en ella; con ``None``, las citas no llevan enlace."""
    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    n = len(g.entradas)
    resumen_es = f"{n} {_r('terminos')}" + (f" · grafo: {g.grafo}" if g.grafo else "")
    resumen_en = f"{n} {_r('terminos', 'en')}" + (f" · graph: {g.grafo}" if g.grafo else "")
    return (
        entorno()
        .get_template("glosario.html.j2")
        .render(
            titulo=_r("titulo_glosario"),
            titulo_bi=Markup(_rot("titulo_glosario")),
            resumen=Markup(_bi(_e(resumen_es), _e(resumen_en))),
            indice_az=Markup(_html_indice_az(g)),
            indice_categorias=Markup(_html_indice_categorias(g)),
            comparacion=Markup(_html_comparacion(g)),
            fichas=[Markup(_html_ficha(g, e, por_iri, red, varios)) for e in g.entradas],
        )
    )
