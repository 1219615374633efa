"""Texto: normalizar para comparar nombres, reconocer siglas y recortar etiquetas.

Entrada y salida: cadenas. «la ZEE» y «Zonificación» se comparan como «zee» y «zonificacion»
(minúsculas, sin tildes, espacios simples, sin artículo inicial); «ZEE» y «PDLC» son siglas,
«Demarcación» no.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["es_sigla", "normalizar", "recortar"]

_ARTICULOS = re.compile(r"^(?:la|el|los|las|del|de la|de los|de las)\s+")


@functools.lru_cache(maxsize=16384)
def normalizar(texto: str) -> str:
    """Minúsculas, sin tildes, espacios simples, sin artículo inicial ('la ZEE' -> 'zee').

    Se recuerda: la búsqueda normaliza los mismos nombres del grafo en cada término que resuelve."""
    sin_tildes = "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")
    plano = re.sub(r"\s+", " ", sin_tildes.casefold()).strip()
    return _ARTICULOS.sub("", plano)


#: Una sigla: mayúsculas (con tildes), cifras, puntos o guiones, sin espacios, de 2 a 10 caracteres.
#: El mismo patrón usan las consultas glosario.rq e instrumentos.rq para su columna «sigla».
_SIGLA = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9.\-]{1,9}$")


def es_sigla(texto: str) -> bool:
    """``True`` si ``texto`` es una sigla («ZEE», «PDLC»), no un nombre alternativo («Demarcación»)."""
    return bool(_SIGLA.match(texto))


def recortar(texto: str, largo: int = 60) -> str:
    """``texto`` de a lo sumo ``largo`` caracteres, con «…» si se cortó (para etiquetas)."""
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"
