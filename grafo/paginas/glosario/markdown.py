"""El glosario en Markdown: el mismo contenido que la página (con la definición y la explicación
también en inglés), con anclas ``<a id>`` para los enlaces entre fichas."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from grafo.paginas.glosario.comun import (
    _en_ambos,
    _enlace_red,
    _letra,
    _nombre_en_relacion,
    _r,
    _titulo,
    _vigencia_competencia,
)
from grafo.paginas.glosario.modelo import COMPARACION, SIN_DEFINICION, Entrada, Glosario

__all__ = ["markdown_de_glosario"]

# --- Markdown ----------------------------------------------------------------------------------------

_MARCADO_MD = re.compile(r"([\\`*_\[\]|#])")


def _md(texto: str) -> str:
    """Texto plano para Markdown: sin HTML activo ni marcado, en una línea."""
    plano = " ".join(texto.split())
    return _MARCADO_MD.sub(r"\\\1", html.escape(plano, quote=False))


def _md_enlace(texto: str, destino: str) -> str:
    return f"[{_md(texto)}]({destino.replace(' ', '%20').replace(')', '%29')})"


def _md_ficha(g: Glosario, e: Entrada, por_iri: dict[str, Entrada], red: str | None, varios: bool) -> str:
    f = e.ficha
    lineas = [f'<a id="{html.escape(e.ancla, quote=True)}"></a>', "", f"### {_md(_titulo(f, 'es'))}", ""]
    meta = [f"*{_md(f.termino.en)}*"] if f.termino.en else []
    meta += [_md(", ".join(es for es, _ in e.clases))] if e.clases else []
    meta += [f"{_r('categoria')}: {_md(f.categoria.es)}"] if f.categoria.es else []
    meta += [f"{_r('caracter')}: {_md(f.caracter.es)}"] if f.caracter.es else []
    if meta:
        lineas += [" · ".join(meta), ""]
    if f.siglas:
        lineas.append(f"- **{_r('siglas')}:** {_md(', '.join(f.siglas))}")
    if f.otros_nombres:
        lineas.append(f"- **{_r('tambien', mayusculas=True)}:** {_md('; '.join(f.otros_nombres))}")
    if f.siglas or f.otros_nombres:
        lineas.append("")
    for idioma, texto in (("es", f.definicion.es), ("en", f.definicion.en)):
        rotulo = f"**{_r('definicion', idioma)}**" + (" (en)" if idioma == "en" else "")
        if texto:
            lineas += [f"{rotulo}: {_md(texto)}", ""]
            if f.fuente.es:
                conf = f.confianza.es if idioma == "es" else g.en(f.confianza.es)
                lineas.append(
                    f"{_r('fuente', idioma)}: {_md(f.fuente.es)}"
                    + (f" ({_r('confianza', idioma)}: {_md(conf)})" if conf else "")
                )
        else:
            lineas.append(f"{rotulo}: {_md(SIN_DEFINICION[idioma])}")
        lineas.append("")
    if f.nota_alcance.es:
        lineas += [f"**{_r('ensenar')}**: {_md(f.nota_alcance.es)}", ""]
    if f.nota_alcance.en:
        lineas += [f"**{_r('ensenar', 'en')}** (en): {_md(f.nota_alcance.en)}", ""]
    if f.nota_historica:
        lineas += [f"**{_r('historia')}**: {_md(f.nota_historica.es or f.nota_historica.en)}", ""]
    if f.vacios or f.notas or f.notas_editoriales:
        lineas += [f"**{_r('notas')}**", ""]
        lineas += [f"- {_r('vacio')}: {_md(v)}" for v in _en_ambos(f.vacios)]
        lineas += [f"- {_md(n)}" for n in _en_ambos(f.notas) + _en_ambos(f.notas_editoriales)]
        lineas.append("")
    lineas += [f"**{_r('competencias')}**", ""]
    if f.competencias:
        lineas.append("| nivel | titular | función | base legal | vigencia |")
        lineas.append("|---|---|---|---|---|")
        for c in f.competencias:
            funcion = f"{c.funcion.es} ({c.tipo.es})" if c.tipo.es else c.funcion.es
            lineas.append(
                f"| {_md(c.nivel.es)} | {_md(c.titular.es)} | {_md(funcion)} | {_md(c.base_legal.es)} "
                f"| {_md(_vigencia_competencia(c, 'es'))} |"
            )
    else:
        lineas.append(_r("ninguna"))
    lineas += ["", f"**{_r('relacionados')}**", ""]
    if e.relacionados:
        for r in e.relacionados:
            if r.jerarquia:
                continue
            destino = por_iri[r.destino]
            nombre = _nombre_en_relacion(destino.ficha, r.texto_es, "es")
            extra = "; ".join(x for x in (r.fuente, r.vigencia) if x)
            lineas.append(
                f"- {_md_enlace(nombre, '#' + destino.ancla)}: {_md(r.texto_es)}"
                + (f" \\[{_md(extra)}\\]" if extra else "")
            )
        for sentido in ("amplio", "especifico"):
            destinos = [por_iri[r.destino] for r in e.relacionados if r.jerarquia == sentido]
            if destinos:
                enlaces = ", ".join(_md_enlace(_titulo(d.ficha, "es"), "#" + d.ancla) for d in destinos)
                lineas.append(f"- {_r(sentido)}: {enlaces}")
    else:
        lineas.append(_r("ninguno"))
    lineas += ["", f"**{_r('foro')}**", ""]
    if e.citas:
        for cita in e.citas:
            donde = f"{cita.foro}, {cita.ident}" if varios and cita.foro else cita.ident
            ident = _md_enlace(donde, _enlace_red(red, cita.enunciado)) if red else _md(donde)
            lineas.append(f"- «{_md(cita.texto)}» — {_md(cita.autor)}, {ident}")
    else:
        lineas.append(_r("sin_foro"))
    lineas.append("")
    return "\n".join(lineas)


def markdown_de_glosario(g: Glosario, red: str | None = "grafo.html") -> str:
    """El glosario en Markdown: el mismo contenido que la página (con la definición y la explicación
    también en inglés), con anclas ``<a id>`` para los enlaces entre fichas."""
    por_iri = g.por_iri()
    varios = len({c.foro for e in g.entradas for c in e.citas}) > 1
    lineas = [f"# {_r('titulo_glosario')}", ""]
    lineas += [f"{len(g.entradas)} {_r('terminos')}" + (f" · grafo: {_md(g.grafo)}" if g.grafo else ""), ""]
    lineas += [f"## {_r('indice_az')}", ""]
    grupos: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        grupos[_letra(e.ficha.termino.es)].append(e)
    for x in sorted(grupos, key=lambda x: (x == "#", x)):
        enlaces = " · ".join(_md_enlace(_titulo(e.ficha, "es"), "#" + e.ancla) for e in grupos[x])
        lineas += [f"**{_md(x)}** {enlaces}", ""]
    lineas += [f"## {_r('indice_cat')}", ""]
    por_cat: dict[str, list[Entrada]] = defaultdict(list)
    for e in g.entradas:
        por_cat[e.categoria.es if e.categoria else ""].append(e)
    nombres = [(k.es, f"{k.es} ({k.en})") for k in g.categorias] + [("", _r("sin_categoria"))]
    for clave, nombre in nombres:
        if por_cat.get(clave):
            enlaces = " · ".join(_md_enlace(_titulo(e.ficha, "es"), "#" + e.ancla) for e in por_cat[clave])
            lineas += [f"### {_md(nombre)}", "", enlaces, ""]
    if g.comparacion:
        lineas += ["## Tabla comparativa de los instrumentos", ""]
        lineas += ["| " + " | ".join(es for _c, es, _en in COMPARACION) + " |"]
        lineas += ["|" + "---|" * len(COMPARACION)]
        for f in g.comparacion:
            celdas = []
            for c, _es, _en in COMPARACION:
                valor = f.get(c, "")
                if c == "instrumento" and f.get("sigla"):
                    valor += f" ({f['sigla']})"
                if c == "vinculante" and f.get("matiz_caracter"):
                    valor += f" — {f['matiz_caracter']}"
                celdas.append(_md(valor).replace("\n", " ") or "—")
            lineas += ["| " + " | ".join(celdas) + " |"]
        lineas += [""]
    lineas += ["## Términos", ""]
    lineas += [_md_ficha(g, e, por_iri, red, varios) for e in g.entradas]
    return "\n".join(lineas).rstrip("\n") + "\n"
