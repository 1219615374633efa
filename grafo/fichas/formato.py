"""Formato de una ficha ya escrita en su idioma (un ``Doc``): texto para la terminal o Markdown, en
líneas de a lo sumo ``ANCHO`` columnas (``textwrap``, conservando la sangría; no se parte «Ley 27795»
ni «art. 2.1»). En Markdown, ninguna línea empieza con algo que se lea como marca."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ANCHO", "Doc", "Linea", "texto_md", "texto_plano"]

#: Ancho de las líneas de las fichas, en columnas.
ANCHO = 80


@dataclass
class Linea:
    """Una línea lógica de una sección: párrafo, encabezado de grupo o viñeta, con su sangría."""

    tipo: Literal["parrafo", "grupo", "vineta"]
    texto: str
    nivel: int = 0


@dataclass
class Doc:
    """Una ficha ya en su idioma, antes de darle formato."""

    titulo: str
    cabecera: list[tuple[str, str]] = field(default_factory=list)
    secciones: list[tuple[str, list[Linea]]] = field(default_factory=list)
    pie: list[str] = field(default_factory=list)

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
_MD_ESPECIALES = re.compile(r"([\\`*_\[\]<>|])")


def _envolver(texto: str, ancho: int, primera: str, resto: str) -> list[str]:
    """``texto`` en líneas de a lo sumo ``ancho`` columnas, con sangría ``primera`` y ``resto``."""
    lineas = textwrap.wrap(
        _NO_PARTIR.sub(_DURO, texto),
        width=ancho,
        initial_indent=primera,
        subsequent_indent=resto,
        break_on_hyphens=False,
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
    return _MD_ESPECIALES.sub(r"\\\1", texto)


def _envolver_md(texto: str, ancho: int, primera: str, resto: str) -> list[str]:
    """Como ``_envolver``, pero ninguna línea empieza con algo que Markdown lea como marca (se
    escapa con «\\»: por eso se corta a ``ancho - 1``)."""
    res = []
    for i, linea in enumerate(_envolver(texto, ancho - 1, primera, resto)):
        sangria = primera if i == 0 else resto
        cuerpo = linea[len(sangria) :]
        m = _MD_INICIO.match(cuerpo)
        if m:
            corte = m.end() - 1 if cuerpo[0].isdigit() else 0
            cuerpo = cuerpo[:corte] + "\\" + cuerpo[corte:]
        res.append(sangria + cuerpo)
    return res


def _titulo_md(texto: str, ancho: int, subrayado: str) -> list[str]:
    """Un título setext (subrayado con '=' o '-'), que puede ocupar varias líneas."""
    lineas = _envolver_md(_md(texto), ancho, "", "")
    return [*lineas, subrayado * min(ancho, max(len(x) for x in lineas))]


def texto_md(d: Doc, ancho: int) -> str:
    """``d`` como Markdown (títulos setext, viñetas), en líneas de a lo sumo ``ancho`` columnas."""
    lineas = _titulo_md(d.titulo, ancho, "=")
    if d.cabecera:
        lineas.append("")
    for rotulo, valor in d.cabecera:
        lineas += _envolver_md(f"**{_md(rotulo)}:** {_md(valor)}", ancho, "- ", "  ")
    for titulo, contenido in d.secciones:
        lineas += ["", *_titulo_md(titulo, ancho, "-")]
        base = 0
        anterior = "parrafo"
        for x in contenido:
            if x.tipo == "vineta":
                sangria = "  " * max(0, x.nivel - base)
                if anterior != "vineta":
                    lineas.append("")
                lineas += _envolver_md(_md(x.texto), ancho, sangria + "- ", sangria + "  ")
            else:
                base = x.nivel + 1 if x.tipo == "grupo" else x.nivel
                texto = f"**{_md(x.texto)}**" if x.tipo == "grupo" else _md(x.texto)
                lineas += ["", *_envolver_md(texto, ancho, "", "")]
            anterior = x.tipo
    for p in d.pie:
        lineas += ["", *_envolver_md(f"*{_md(p)}*", ancho, "", "")]
    return "\n".join(lineas)
