"""``grafo definir``: grafo construido -> fichas de términos, actores, niveles de gobierno y normas.

Entrada: un ``Lector`` (el almacén abierto) y el término tal como lo escribe el usuario (sigla o
etiqueta, sin importar tildes ni mayúsculas; con las reglas de ``grafo.busqueda.resolucion``: «Z.E.E.» es
la ZEE, «regalia» la Regalía minera). Salida: la ficha y su texto. Lee con unas pocas consultas
SPARQL; no importa rdflib. Nunca muestra lo que el grafo no tiene: un dato que falta dice
«(no registrado)».

``buscar`` resuelve el término y arma la ficha que corresponda (``ficha_de_entidad``); lo usan
``definir`` y ``grafo.api.Grafo.ficha``. ``texto_ficha`` la escribe en español o inglés, como texto
o Markdown, en líneas de a lo sumo 80 columnas. Este módulo reúne la API pública de la capa; cada
paso está en su módulo de ``grafo.fichas``:

- ``modelo``: qué guarda cada ficha (``Ficha``, ``FichaActor``, ``FichaNivel``, ``FichaNorma`` y sus
  partes); cada texto en dos idiomas es un ``Texto``.
- ``lectura``: lo común de leer el almacén para las fichas (nombres en dos idiomas, derogaciones,
  competencias).
- ``conceptos`` (``ficha``, ``ficha_de_concepto``), ``actores`` (``ficha_actor``, ``ficha_nivel``) y
  ``normas`` (``ficha_norma``): cada ficha.
- ``etiquetas``: los rótulos fijos, en una sola tabla (también los del glosario).
- ``texto`` (``texto_ficha``, ``ficha_texto``): la ficha en un idioma; ``formato``, como texto o
  Markdown en líneas de ``ANCHO`` columnas.
- ``imprimible`` (``FichaImprimible``): una ficha que ``str()`` escribe como ``grafo definir``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grafo.base.texto import normalizar
from grafo.busqueda.resolucion import Entidad, resolver_entidad
from grafo.fichas.actores import ficha_actor, ficha_nivel
from grafo.fichas.conceptos import ficha, ficha_de_concepto
from grafo.fichas.formato import ANCHO
from grafo.fichas.lectura import derogadas
from grafo.fichas.modelo import (
    ArticuloCitado,
    Cita,
    CompetenciaFicha,
    EnunciadoCitado,
    Ficha,
    FichaActor,
    FichaDeEntidad,
    FichaNivel,
    FichaNorma,
    FilaCompetencia,
    Formato,
    FuenteCitada,
    Idioma,
    RelacionFicha,
    Texto,
)
from grafo.fichas.normas import ficha_norma
from grafo.fichas.texto import ficha_texto, texto_ficha

if TYPE_CHECKING:
    from grafo.almacen.lector import Lector

__all__ = [
    "ANCHO",
    "ArticuloCitado",
    "Cita",
    "CompetenciaFicha",
    "Definicion",
    "EnunciadoCitado",
    "Ficha",
    "FichaActor",
    "FichaDeEntidad",
    "FichaNivel",
    "FichaNorma",
    "FilaCompetencia",
    "Formato",
    "FuenteCitada",
    "Idioma",
    "RelacionFicha",
    "Texto",
    "buscar",
    "definir",
    "derogadas",
    "ficha",
    "ficha_actor",
    "ficha_de_concepto",
    "ficha_de_entidad",
    "ficha_nivel",
    "ficha_norma",
    "ficha_texto",
    "normalizar",
    "texto_ficha",
    "texto_terminos",
]


@dataclass(frozen=True)
class Definicion:
    """Lo que responde ``grafo definir``: qué se encontró, su ficha y su texto."""

    entidad: Entidad
    ficha: FichaDeEntidad
    texto: str


def ficha_de_entidad(lector: Lector, entidad: Entidad) -> FichaDeEntidad:
    """La ficha de ``entidad`` (de ``busqueda.resolver_entidad`` o ``busqueda.entidades``)."""
    if entidad.tipo == "actor":
        return ficha_actor(lector, entidad.iri)
    if entidad.tipo == "nivel":
        return ficha_nivel(lector, entidad.iri)
    if entidad.tipo == "norma":
        return ficha_norma(lector, entidad.iri)
    return ficha_de_concepto(lector, entidad.iri)


def buscar(lector: Lector, termino: str) -> tuple[Entidad, FichaDeEntidad]:
    """El concepto, actor, nivel o norma que nombra ``termino`` (reglas de
    ``grafo.busqueda.resolucion``) y su ficha: lo que buscan ``grafo definir`` y ``Grafo.ficha``."""
    entidad = resolver_entidad(lector, termino)
    return entidad, ficha_de_entidad(lector, entidad)


def definir(
    lector: Lector, termino: str, *, idioma: Idioma = "es", formato: Formato = "texto", ancho: int = ANCHO
) -> Definicion:
    """Lo que responde ``grafo definir TERMINO``: lo que nombra ``termino`` (``buscar``), su ficha y su
    texto en ``idioma`` y ``formato``."""
    entidad, f = buscar(lector, termino)
    return Definicion(entidad, f, texto_ficha(f, idioma=idioma, formato=formato, ancho=ancho))


def texto_terminos(lista: Iterable[Entidad]) -> str:
    """Una línea por entidad: su tipo, su nombre y sus siglas (para ``grafo terminos``)."""
    return "\n".join(
        f"{e.tipo:<9}{e.etiqueta}" + (f" ({', '.join(e.siglas)})" if e.siglas else "") for e in lista
    )
