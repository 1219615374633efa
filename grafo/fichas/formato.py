"""Formato de una ficha ya escrita en su idioma (un ``Doc``): texto para la terminal o Markdown, en
líneas de a lo sumo ``ANCHO`` columnas (``textwrap``, conservando la sangría; no se parte «Ley 27795»
ni «art. 2.1»). En Markdown, ninguna línea empieza con algo que se lea como marca.

Un ``Doc`` puede llevar un ancla y sus líneas, enlaces: el texto no los muestra; el Markdown sí, si
quien lo pide sabe adónde lleva cada IRI (``destinos``). Así el glosario en Markdown
(``grafo.paginas.glosario.markdown``) escribe sus fichas con este mismo formato."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ANCHO", "Destinos", "Doc", "Linea", "destino_md", "texto_md", "texto_plano"]

#: Ancho de las líneas de las fichas, en columnas.
ANCHO = 80


@dataclass
class Linea:
    """Una línea lógica de una sección: párrafo, encabezado de grupo o viñeta, con su sangría."""

    tipo: Literal["parrafo", "grupo", "vineta"]
    texto: str
    nivel: int = 0
    #: (texto visible, IRI): en Markdown, ese texto de la línea enlaza al destino del IRI
    enlaces: tuple[tuple[str, str], ...] = ()


@dataclass
class Doc:
    """Una ficha ya en su idioma, antes de darle formato."""

    titulo: str
    cabecera: list[tuple[str, str]] = field(default_factory=list)
    secciones: list[tuple[str, list[Linea]]] = field(default_factory=list)
    pie: list[str] = field(default_factory=list)
    #: en Markdown, un ``<a id>`` antes del título para enlazar a la ficha
    ancla: str = ""

    def seccion(self, titulo: str, lineas: list[Linea] | None = None) -> list[Linea]:
        """Añade una sección y devuelve su lista de líneas."""
        self.secciones.append((titulo, lineas if lineas is not None else []))
        return self.secciones[-1][1]


#: Espacios que no se parten al cortar líneas: antes de una cifra («Ley 27795», «art. 2.1») salvo tras
#: coma o punto y coma; tras las abreviaturas de una cita y antes de ellas tras coma
#: («D.S. 087-2004-PCM, art. 22», «num. IV»); y antes del literal de un artículo («art. 53 a)»).
_NO_PARTIR = re.compile(
    r"(?<=[^\s,;])\ (?=\d)"  # «Ley 27795», «art. 2.1», «desde 2008»
    r"|(?<=,)\ (?=(?:arts?|num|inc)\.)"  # «PCM, art. 22»
    r"|(?:(?<=\bart\.)|(?<=\barts\.)|(?<=\bnum\.)|(?<=\binc\.))\ "  # «art. 7 c)», «num. IV»
    r"|(?<=\d)\ (?=[a-z]{1,2}\))"  # «art. 53 a)»
)
_DURO = "\u00a0"
#: Comienzos de línea que Markdown leería como lista, título o cita.
_MD_INICIO = re.compile(r"^(?:[-+#=]|\d{1,9}[.)](?=\s|$))")
#: Caracteres de marca que se escapan con «\\» (``<``, ``>`` y ``&`` van como entidades: así ningún
#: lector de Markdown ve HTML activo).
_MD_ESPECIALES = re.compile(r"([\\`*_\[\]|])")


def _envolver(texto: str, ancho: int, primera: str, resto: str, *, partir_largas: bool = True) -> list[str]:
    """``texto`` en líneas de a lo sumo ``ancho`` columnas, con sangría ``primera`` y ``resto`` (sin
    ``partir_largas``, una palabra más larga que la línea, como un enlace, queda entera)."""
    lineas = textwrap.wrap(
        _NO_PARTIR.sub(_DURO, texto),
        width=ancho,
        initial_indent=primera,
        subsequent_indent=resto,
        break_on_hyphens=False,
        break_long_words=partir_largas,
    )
    return [x.replace(_DURO, " ") for x in lineas] or [primera.rstrip()]


def texto_plano(d: Doc, ancho: int) -> str:
    """``d`` como texto para la terminal, en líneas de a lo sumo ``ancho`` columnas."""
    lineas = _envolver(d.titulo, ancho, "", "  ")
    for rotulo, valor in d.cabecera:
        lineas += _envolver(f"{rotulo}: {valor}", ancho, "  ", "    ")
    for titulo, contenido in d.secciones:
        lineas += ["", *_envolver(titulo, ancho, "", "")]
        for x in contenido:
            sangria = "  " * (x.nivel + 1)
            if x.tipo == "vineta":
                lineas += _envolver(x.texto, ancho, sangria + "- ", sangria + "  ")
            else:
                lineas += _envolver(x.texto, ancho, sangria, sangria)
    if d.pie:
        lineas.append("")
        for p in d.pie:
            lineas += _envolver(p, ancho, "", "")
    return "\n".join(lineas)


def _md(texto: str) -> str:
    return _MD_ESPECIALES.sub(r"\\\1", html.escape(texto, quote=False))


def _envolver_md(texto: str, ancho: int, primera: str, resto: str) -> list[str]:
    """Como ``_envolver``, pero ninguna línea empieza con algo que Markdown lea como marca (se
    escapa con «\\»: por eso se corta a ``ancho - 1``). Un enlace («](», que el texto escapado no
    tiene) no se parte."""
    res = []
    for i, linea in enumerate(_envolver(texto, ancho - 1, primera, resto, partir_largas="](" not in texto)):
        sangria = primera if i == 0 else resto
        cuerpo = linea[len(sangria) :]
        m = _MD_INICIO.match(cuerpo)
        if m:
            corte = m.end() - 1 if cuerpo[0].isdigit() else 0
            cuerpo = cuerpo[:corte] + "\\" + cuerpo[corte:]
        res.append(sangria + cuerpo)
    return res


def _titulo_md(texto: str, ancho: int, nivel: int) -> list[str]:
    """Un título de ``nivel`` 1 o 2, setext (subrayado con '=' o '-'), que puede ocupar varias líneas;
    de nivel 3 o más, ATX («### título», en una línea)."""
    if nivel >= 3:
        escapado = _md(" ".join(texto.split())).replace("#", "\\#")  # un «#» final cerraría el título
        return [f"{'#' * nivel} {escapado}"]
    lineas = _envolver_md(_md(texto), ancho, "", "")
    return [*lineas, "=-"[nivel - 1] * min(ancho, max(len(x) for x in lineas))]


#: Adónde lleva un IRI en Markdown (``None``: a ninguna parte, el texto queda sin enlace).
Destinos = Callable[[str], str | None]


def destino_md(destino: str) -> str:
    """``destino`` como destino de un enlace de Markdown (sin espacios ni paréntesis)."""
    return destino.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _con_enlaces(x: Linea, destinos: Destinos | None) -> str:
    """El texto de ``x`` escapado para Markdown, con sus enlaces: el primer lugar donde aparece cada
    texto visible; si no aparece, el enlace va al final, entre paréntesis."""
    texto = _md(x.texto)
    if destinos is None:
        return texto
    for visible, iri in x.enlaces:
        destino = destinos(iri)
        if not destino or not visible:
            continue
        escapado = _md(visible)
        enlace = f"[{escapado}]({destino_md(destino)})"
        i = texto.find(escapado)
        texto = f"{texto[:i]}{enlace}{texto[i + len(escapado) :]}" if i >= 0 else f"{texto} ({enlace})"
    return texto


def texto_md(d: Doc, ancho: int, *, nivel: int = 1, destinos: Destinos | None = None) -> str:
    """``d`` como Markdown (títulos, viñetas), en líneas de a lo sumo ``ancho`` columnas (salvo un
    título ATX). El título es de ``nivel`` (1: setext) y sus secciones, del siguiente; con
    ``destinos``, las líneas llevan sus enlaces."""
    lineas = [f'<a id="{html.escape(d.ancla, quote=True)}"></a>', ""] if d.ancla else []
    lineas += _titulo_md(d.titulo, ancho, nivel)
    if d.cabecera:
        lineas.append("")
    for rotulo, valor in d.cabecera:
        lineas += _envolver_md(f"**{_md(rotulo)}:** {_md(valor)}", ancho, "- ", "  ")
    for titulo, contenido in d.secciones:
        lineas += ["", *_titulo_md(titulo, ancho, nivel + 1)]
        base = 0
        anterior = "parrafo"
        for x in contenido:
            if x.tipo == "vineta":
                sangria = "  " * max(0, x.nivel - base)
                if anterior != "vineta":
                    lineas.append("")
                lineas += _envolver_md(_con_enlaces(x, destinos), ancho, sangria + "- ", sangria + "  ")
            else:
                base = x.nivel + 1 if x.tipo == "grupo" else x.nivel
                texto = f"**{_md(x.texto)}**" if x.tipo == "grupo" else _con_enlaces(x, destinos)
                lineas += ["", *_envolver_md(texto, ancho, "", "")]
            anterior = x.tipo
    for p in d.pie:
        lineas += ["", *_envolver_md(f"*{_md(p)}*", ancho, "", "")]
    return "\n".join(lineas)
