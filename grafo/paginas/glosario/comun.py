"""Lo común a la página y al Markdown del glosario: rótulos, orden alfabético, títulos y nombres de
los términos, vigencias y enlaces a la red."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import quote

from grafo.fichas.etiquetas import etiqueta, mayuscula

if TYPE_CHECKING:
    from grafo.fichas.modelo import CompetenciaFicha, Ficha, Texto
    from grafo.paginas.glosario.modelo import Glosario


def _clave(texto: str) -> str:
    """Clave de orden alfabético: sin tildes ni mayúsculas."""
    plano = unicodedata.normalize("NFD", texto)
    return "".join(c for c in plano if unicodedata.category(c) != "Mn").casefold()


def _letra(texto: str) -> str:
    primera = _clave(texto)[:1].upper()
    return primera if "A" <= primera <= "Z" else "#"


def _r(clave: str, idioma: str = "es", *, mayusculas: bool = False) -> str:
    """El rótulo ``clave`` (``grafo.fichas.etiquetas``) en ``idioma``; con ``mayusculas``, con
    mayúscula inicial (título de una columna o de un campo)."""
    texto = etiqueta(clave, idioma)
    return mayuscula(texto) if mayusculas else texto


def _vigencia_competencia(c: CompetenciaFicha, idioma: str) -> str:
    """«2004-12-23 – vigente», «2004-12-23 – 2008», «ya regía en 2013 – vigente» (o en inglés)."""
    if not c.desde and not c.hasta:
        return "fecha no hallada" if idioma == "es" else "date not found"
    desde = c.desde or "¿?"
    if idioma == "en" and desde.startswith("ya regía en "):
        desde = f"already in force in {desde.removeprefix('ya regía en ')}"
    hasta = c.hasta or ("vigente" if idioma == "es" else "in force")
    return f"{desde} – {hasta}"


def _vigencia_relacion(texto: str, idioma: str) -> str:
    if idioma == "es" or not texto:
        return texto
    return texto.replace("desde ", "from ").replace("hasta ", "to ")


def _titulo(f: Ficha, idioma: str) -> str:
    nombre = f.termino.en_idioma("en" if idioma == "en" else "es")
    return f"{nombre} ({', '.join(f.siglas)})" if f.siglas else nombre


def _corto(f: Ficha) -> str:
    """El nombre corto de un término para referirse a su ficha: su sigla, o su etiqueta."""
    return f.siglas[0] if f.siglas else f.termino.es


def _nombre_en_relacion(f: Ficha, texto: str, idioma: str) -> str:
    """Cómo se nombra el otro término junto al texto de la relación: por su nombre corto (sigla, o
    etiqueta) si el texto ya lo nombra (sin repetir «Microzonificación: Microzonificación contribuye…»);
    si no, por su título entero."""
    corto = f.siglas[0] if f.siglas else f.termino.en_idioma("en" if idioma == "en" else "es")
    if f.siglas:
        nombrado = re.search(rf"\b{re.escape(corto)}\b", texto) is not None
    else:
        nombrado = _clave(corto) in _clave(texto)
    return corto if nombrado else _titulo(f, idioma)


def _en_ambos(textos: list[Texto]) -> list[str]:
    """Los textos en todos sus idiomas, ordenados: la página los muestra juntos, como están en el grafo."""
    return sorted(x for t in textos for x in (t.es, t.en) if x)


def _enlace_red(red: str, iri: str) -> str:
    return f"{red}#nodo={quote(iri, safe='')}"


def _traducir_lista(g: Glosario, texto: str) -> str:
    return ", ".join(g.en(t.strip()) for t in texto.split(",")) if texto else ""
