"""Lo común a la página y al Markdown del glosario: rótulos, orden alfabético, títulos y nombres de
los términos, vigencias y enlaces a la red."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import quote

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


#: Rótulos de la página en los dos idiomas.
_ROTULOS: dict[str, tuple[str, str]] = {
    "titulo": ("Glosario territorial", "Territorial planning glossary"),
    "terminos": ("términos", "terms"),
    "indice_az": ("Índice A–Z", "A–Z index"),
    "indice_cat": ("Por categoría", "By category"),
    "sin_categoria": ("sin categoría", "no category"),
    "siglas": ("Siglas", "Acronyms"),
    "tambien": ("También llamado", "Also called"),
    "en_ingles": ("En inglés", "In Spanish"),
    "categoria": ("categoría", "category"),
    "caracter": ("carácter", "binding force"),
    "definicion": ("Definición", "Definition"),
    "fuente": ("Fuente", "Source"),
    "confianza": ("confianza", "confidence"),
    "ensenar": ("Para enseñar", "For teaching"),
    "historia": ("Qué cambió después de 2013", "What changed after 2013"),
    "notas": ("Notas y vacíos", "Notes and gaps"),
    "vacio": ("Vacío", "Gap"),
    "competencias": ("Competencias por nivel de gobierno", "Competencies by level of government"),
    "sin_competencias": ("(ninguna registrada)", "(none recorded)"),
    "nivel": ("Nivel", "Level"),
    "titular": ("Titular", "Holder"),
    "funcion": ("Función", "Function"),
    "base_legal": ("Base legal", "Legal basis"),
    "vigencia": ("Vigencia", "In force"),
    "relacionados": ("Instrumentos relacionados", "Related instruments"),
    "sin_relacionados": ("(ninguno registrado)", "(none recorded)"),
    "amplio": ("Término más amplio", "Broader term"),
    "especifico": ("Términos más específicos", "Narrower terms"),
    "foro": ("Lo que dijo el foro", "What the forum said"),
    "sin_foro": ("(ningún enunciado del foro lo menciona)", "(no forum statement mentions it)"),
    "mas_citas": ("Ver {n} enunciados más", "Show {n} more statements"),
    "otros_enunciados": ("Otros enunciados que lo mencionan", "Other statements that mention it"),
    "en_espanol": ("", "(in Spanish)"),
    "ver_red": ("ver en la red", "see in the network"),
}


def _r(clave: str, idioma: str = "es") -> str:
    es, en = _ROTULOS[clave]
    return es if idioma == "es" else en


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
