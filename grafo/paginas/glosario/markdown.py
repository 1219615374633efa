"""El glosario en Markdown: los índices y la tabla comparativa de la página, y cada término con la
misma ficha que ``grafo definir TERMINO --formato md`` (``grafo.fichas.texto`` y
``grafo.fichas.formato``), con un ancla ``<a id>``, enlaces entre fichas y a la red, y sus menciones
en el foro."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from grafo.fichas.formato import ANCHO, destino_md, texto_md
from grafo.fichas.modelo import EnunciadoCitado, Texto
from grafo.fichas.texto import doc_ficha
from grafo.paginas.glosario.comun import _enlace_red, _letra, _r, _titulo
from grafo.paginas.glosario.modelo import COMPARACION, Entrada, Glosario

__all__ = ["markdown_de_glosario"]

_MARCADO_MD = re.compile(r"([\\`*_\[\]|#])")


def _md(texto: str) -> str:
    """Texto plano para Markdown: sin HTML activo ni marcado, en una línea."""
    plano = " ".join(texto.split())
    return _MARCADO_MD.sub(r"\\\1", html.escape(plano, quote=False))


def _md_enlace(texto: str, destino: str) -> str:
    return f"[{_md(texto)}]({destino_md(destino)})"


def _md_ficha(e: Entrada, destinos: dict[str, str], varios: bool) -> str:
    """La ficha de ``e``: la de ``grafo definir`` en Markdown, de nivel 3, con sus enlaces
    (``destinos``: IRI -> ancla de otra ficha o nodo de la red) y sus menciones en el foro."""
    citas = [
        EnunciadoCitado(c.enunciado, c.ident, c.foro if varios else "", Texto(c.autor), "", c.texto)
        for c in e.citas
    ]
    d = doc_ficha(e.ficha, "es", en_el_foro=citas)
    d.ancla = e.ancla
    return texto_md(d, ANCHO, nivel=3, destinos=destinos.get) + "\n"


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
    destinos = {iri: "#" + e.ancla for iri, e in por_iri.items()}
    if red:
        destinos |= {c.enunciado: _enlace_red(red, c.enunciado) for e in g.entradas for c in e.citas}
    lineas += ["## Términos", ""]
    lineas += [_md_ficha(e, destinos, varios) for e in g.entradas]
    return "\n".join(lineas).rstrip("\n") + "\n"
