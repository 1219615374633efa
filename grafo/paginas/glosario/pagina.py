"""La página HTML del glosario: autocontenida e imprimible, con índices A–Z y por categoría, la tabla
comparativa, una ficha por término y el interruptor es/en."""

from __future__ import annotations

import html
from collections import defaultdict
from typing import TYPE_CHECKING

from grafo.base import recursos
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
    Cita,
    Entrada,
    Glosario,
)

if TYPE_CHECKING:
    from grafo.fichas.modelo import CompetenciaFicha, Ficha

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


def _solo_es(texto: str, etiqueta: str = "p") -> str:
    """Contenido que solo existe en español: ``lang="es"`` y un aviso en la vista inglesa."""
    return (
        f'<{etiqueta} lang="es">{texto} <span class="l-en aviso-idioma" lang="en">'
        f"{_e(_r('en_espanol', 'en'))}</span></{etiqueta}>"
    )


def _h3(clave: str) -> str:
    return f"<h3>{_rot(clave)}</h3>"


def _seccion(clase: str, cuerpo: str) -> str:
    """Una sección de la ficha: su título (el rótulo ``clase``) y su cuerpo."""
    return f'<section class="{clase}">{_h3(clase)}{cuerpo}</section>'


def _enlace_interno(destino: Entrada, es: str, en: str) -> str:
    """Un enlace a otra ficha; al imprimir lleva «(§ nombre)» si su texto no lo nombra ya."""
    corto = _corto(destino.ficha)
    seccion = "" if corto in es or corto in en else f' data-seccion="{_e(corto)}"'
    return f'<a class="interno" href="#{_e(destino.ancla)}"{seccion}>{_bi(_e(es), _e(en))}</a>'


def _html_cabecera(g: Glosario, e: Entrada, red: str | None) -> str:
    f = e.ficha
    partes = [
        f"<h2>{_bi(_e(_titulo(f, 'es')), _e(_titulo(f, 'en')))}</h2>",
    ]
    meta_es = [", ".join(es for es, _ in e.clases)] if e.clases else []
    meta_en = [", ".join(en for _, en in e.clases)] if e.clases else []
    if f.categoria.es:
        meta_es.append(f"{_r('categoria')}: {f.categoria.es}")
        meta_en.append(f"{_r('categoria', 'en')}: {_traducir_lista(g, f.categoria.es)}")
    if f.caracter.es:
        meta_es.append(f"{_r('caracter')}: {f.caracter.es}")
        meta_en.append(f"{_r('caracter', 'en')}: {g.en(f.caracter.es)}")
    if meta_es:
        partes.append(f'<p class="meta">{_bi(_e(" · ".join(meta_es)), _e(" · ".join(meta_en)))}</p>')
    nombres = []
    if f.siglas:
        nombres.append(f"<dt>{_rot('siglas')}</dt><dd>{_e(', '.join(f.siglas))}</dd>")
    if f.otros_nombres:
        nombres.append(
            f'<dt>{_rot("tambien", mayusculas=True)}</dt><dd lang="es">{_e("; ".join(f.otros_nombres))}</dd>'
        )
    # la etiqueta del otro idioma: la inglesa en la vista española y la española en la inglesa
    if f.termino.en:
        nombres.append(
            f"<dt>{_rot('otro_idioma', mayusculas=True)}</dt><dd>"
            f'<span class="l-es" lang="en">{_e(f.termino.en)}</span>'
            f'<span class="l-en" lang="es">{_e(f.termino.es)}</span></dd>'
        )
    if nombres:
        partes.append(f'<dl class="nombres">{"".join(nombres)}</dl>')
    if red:
        enlace = f'<a href="{_e(_enlace_red(red, f.iri))}">{_rot("ver_red")}</a>'
        partes.append(f'<p class="ver-red solo-pantalla">{enlace}</p>')
    return f"<header>{''.join(partes)}</header>"


def _html_definicion(g: Glosario, f: Ficha) -> str:
    cuerpo = []
    for idioma, texto in (("es", f.definicion.es), ("en", f.definicion.en)):
        if texto:
            fuente = ""
            if f.fuente.es:
                conf = f.confianza.es if idioma == "es" else g.en(f.confianza.es)
                fuente = (
                    f'<p class="fuente">{_e(_r("fuente", idioma))}: {_e(f.fuente.es)}'
                    + (f" ({_e(_r('confianza', idioma))}: {_e(conf)})" if conf else "")
                    + "</p>"
                )
            cuerpo.append(
                f'<div class="l-{idioma}" lang="{idioma}"><blockquote>{_e(texto)}</blockquote>{fuente}</div>'
            )
        else:
            cuerpo.append(f'<p class="l-{idioma} sin-dato" lang="{idioma}">{_e(SIN_DEFINICION[idioma])}</p>')
    return _seccion("definicion", "".join(cuerpo))


def _html_ensenar(e: Entrada) -> str:
    f = e.ficha
    if not f.nota_alcance:
        return ""
    if f.nota_alcance.en:
        cuerpo = _bi(_e(f.nota_alcance.es), _e(f.nota_alcance.en), "p")
    else:
        cuerpo = _solo_es(_e(f.nota_alcance.es))
    return _seccion("ensenar", cuerpo)


def _html_historia(e: Entrada) -> str:
    f = e.ficha
    if not f.nota_historica:
        return ""
    if f.nota_historica.es and f.nota_historica.en:
        cuerpo = _bi(_e(f.nota_historica.es), _e(f.nota_historica.en), "p")
    else:
        cuerpo = _solo_es(_e(f.nota_historica.es or f.nota_historica.en))
    return _seccion("historia", cuerpo)


def _html_notas(f: Ficha) -> str:
    if not f.notas and not f.notas_editoriales and not f.vacios:
        return ""
    items = [f"<li>{_rot('vacio', 'strong')}: {_e(v)}</li>" for v in _en_ambos(f.vacios)]
    items += [f"<li>{_e(n)}</li>" for n in _en_ambos(f.notas) + _en_ambos(f.notas_editoriales)]
    aviso = f'<p class="l-en aviso-idioma" lang="en">{_e(_r("en_espanol", "en"))}</p>'
    return _seccion("notas", f'<ul lang="es">{"".join(items)}</ul>{aviso}')


def _html_competencias(g: Glosario, f: Ficha) -> str:
    """Una tabla con un grupo de filas (``tbody``) por nivel de gobierno."""
    if not f.competencias:
        return _seccion("competencias", f"<p>{_rot('ninguna')}</p>")
    por_nivel: dict[str, list[CompetenciaFicha]] = {}
    for c in f.competencias:
        por_nivel.setdefault(c.nivel.es, []).append(c)
    grupos = []
    for nivel, lista in por_nivel.items():
        filas = []
        for i, c in enumerate(lista):
            celda = (
                f'<th scope="rowgroup" rowspan="{len(lista)}">{_bi(_e(nivel), _e(g.en(nivel)))}</th>'
                if i == 0
                else ""
            )
            tipo = f" ({_bi(_e(c.tipo.es), _e(g.en(c.tipo.es)))})" if c.tipo.es else ""
            vigencia = _bi(_e(_vigencia_competencia(c, "es")), _e(_vigencia_competencia(c, "en")))
            filas.append(
                f'<tr>{celda}<td lang="es">{_e(c.titular.es)}</td>'
                f'<td class="funcion">{_bi(_e(c.funcion.es), _e(g.en(c.funcion.es)))}{tipo}</td>'
                f'<td lang="es">{_e(c.base_legal.es)}</td><td class="vigencia">{vigencia}</td></tr>'
            )
        grupos.append(f"<tbody>{''.join(filas)}</tbody>")
    columnas = ("columna_nivel", "titular", "funcion", "base_legal", "vigencia")
    cabecera = "".join(f'<th scope="col">{_rot(k, mayusculas=True)}</th>' for k in columnas)
    return _seccion("competencias", f"<table><thead><tr>{cabecera}</tr></thead>{''.join(grupos)}</table>")


def _html_relacionados(e: Entrada, por_iri: dict[str, Entrada]) -> str:
    """Las relaciones citadas, una por línea con su fuente; la jerarquía, en una línea por sentido."""
    if not e.relacionados:
        return _seccion("relacionados", f"<p>{_rot('ninguno')}</p>")
    items = []
    for r in e.relacionados:
        if r.jerarquia:
            continue
        f = por_iri[r.destino].ficha
        nombre_es, nombre_en = (
            _nombre_en_relacion(f, r.texto_es, "es"),
            _nombre_en_relacion(f, r.texto_en, "en"),
        )
        enlace = _enlace_interno(por_iri[r.destino], nombre_es, nombre_en)
        extra = []
        if r.fuente:
            extra.append(f'<span class="fuente" lang="es">{_e(r.fuente)}</span>')
        if r.vigencia:
            es, en = (_e(_vigencia_relacion(r.vigencia, i)) for i in ("es", "en"))
            extra.append(_bi(es, en))
        cola = f" [{'; '.join(extra)}]" if extra else ""
        items.append(f"<li>{enlace}: {_bi(_e(r.texto_es), _e(r.texto_en))}{cola}</li>")
    for sentido in ("amplio", "especifico"):
        destinos = [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido]
        if destinos:
            enlaces = ", ".join(
                _enlace_interno(d, _titulo(d.ficha, "es"), _titulo(d.ficha, "en")) for d in destinos
            )
            items.append(f"<li>{_rot(sentido, 'strong')}: {enlaces}</li>")
    return _seccion("relacionados", f"<ul>{''.join(items)}</ul>")


def _html_cita(c: Cita, red: str | None, varios_foros: bool, impresa: bool) -> str:
    donde = f"{c.foro}, {c.ident}" if varios_foros and c.foro else c.ident
    if red:
        ident = (
            f'<a class="enunciado" href="{_e(_enlace_red(red, c.enunciado))}" '
            f'data-imprimir="{_e(red)}">{_e(donde)}</a>'
        )
    else:
        ident = _e(donde)
    cita = f'<blockquote lang="es">«{_e(c.texto)}»</blockquote>'
    clase = "" if impresa else ' class="solo-pantalla"'
    return f'<li{clase}>{cita}<p class="quien">— {_e(c.autor)}, {ident}</p></li>'


def _html_foro(e: Entrada, red: str | None, varios_foros: bool) -> str:
    """Las citas: en pantalla, las primeras y un desplegable con las demás; impresas, las primeras
    ``CITAS_IMPRESAS`` enteras y los identificadores de las demás."""
    if not e.citas:
        return _seccion("foro", f"<p>{_rot('sin_foro')}</p>")
    items = [_html_cita(c, red, varios_foros, i < CITAS_IMPRESAS) for i, c in enumerate(e.citas)]
    cuerpo = f'<ul class="citas">{"".join(items[:CITAS_EN_PANTALLA])}</ul>'
    if len(items) > CITAS_EN_PANTALLA:
        n = str(len(items) - CITAS_EN_PANTALLA)
        cuerpo += (
            f'<details class="mas-citas"><summary>'
            f"{_bi(_e(_r('mas_citas').format(n=n)), _e(_r('mas_citas', 'en').format(n=n)))}</summary>"
            f'<ul class="citas">{"".join(items[CITAS_EN_PANTALLA:])}</ul></details>'
        )
    if len(items) > CITAS_IMPRESAS:
        cuerpo += (
            f'<p class="solo-impresion">{_rot("otros_enunciados")}: '
            f"{_e(', '.join(c.ident for c in e.citas[CITAS_IMPRESAS:]))}</p>"
        )
    return _seccion("foro", cuerpo)


def _html_ficha(g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool) -> str:
    partes = [
        _html_cabecera(g, e, red),
        _html_definicion(g, e.ficha),
        _html_ensenar(e),
        _html_historia(e),
        _html_notas(e.ficha),
        _html_competencias(g, e.ficha),
        _html_relacionados(e, por_iri),
        _html_foro(e, red, varios),
    ]
    return f'<article class="ficha" id="{_e(e.ancla)}">{"".join(p for p in partes if p)}</article>'


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
    from string import Template

    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    n = len(g.entradas)
    resumen_es = f"{n} {_r('terminos')}" + (f" · grafo: {g.grafo}" if g.grafo else "")
    resumen_en = f"{n} {_r('terminos', 'en')}" + (f" · graph: {g.grafo}" if g.grafo else "")
    plantilla = Template(recursos.archivo_web("glosario.html").read_text(encoding="utf-8"))
    return plantilla.substitute(
        titulo=_e(_r("titulo_glosario")),
        titulo_bi=_rot("titulo_glosario"),
        resumen=_bi(_e(resumen_es), _e(resumen_en)),
        indice_az=_html_indice_az(g),
        indice_categorias=_html_indice_categorias(g),
        comparacion=_html_comparacion(g),
        fichas="\n".join(_html_ficha(g, e, por_iri, red, varios) for e in g.entradas),
    )
