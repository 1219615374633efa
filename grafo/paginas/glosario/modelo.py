"""El modelo del glosario: una ``Entrada`` por término (su ficha de concepto, ``grafo.fichas.modelo.Ficha``,
y lo que la página necesita además: ancla, categoría, clases, relacionados y citas del foro), y el
``Glosario`` entero. Solo datos; los lee ``grafo.paginas.glosario.lectura``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from grafo.fichas.etiquetas import etiqueta

if TYPE_CHECKING:
    from grafo.fichas.modelo import Ficha

__all__ = [
    "CITAS_EN_PANTALLA",
    "CITAS_IMPRESAS",
    "COMPARACION",
    "SIN_DEFINICION",
    "Categoria",
    "Cita",
    "Entrada",
    "Glosario",
    "Relacionado",
]

#: Lo que dice la ficha de un término sin definición (en cada idioma), como en ``grafo definir``.
SIN_DEFINICION = {idioma: etiqueta("sin_definicion", idioma) for idioma in ("es", "en")}
#: Cuántas citas del foro muestra la ficha en pantalla; las demás, al desplegar «Ver N enunciados más».
CITAS_EN_PANTALLA = 6
#: Cuántas citas del foro se imprimen enteras; de las demás, solo el identificador (así ninguna ficha
#: pasa de una página impresa aunque el foro crezca; lo comprueba tests/test_pagina_glosario_navegador.py).
CITAS_IMPRESAS = 2


@dataclass(frozen=True)
class Categoria:
    """Una categoría del glosario (``gt:categoria``), con su nombre en cada idioma."""

    ancla: str
    es: str
    en: str


@dataclass(frozen=True)
class Cita:
    """Un enunciado del foro que menciona el término."""

    enunciado: str  # IRI
    ident: str
    texto: str
    autor: str
    foro: str


@dataclass(frozen=True)
class Relacionado:
    """Otro término unido a este: una relación citada entre instrumentos o la jerarquía SKOS."""

    destino: str  # IRI del otro término
    texto_es: str
    texto_en: str
    fuente: str = ""
    vigencia: str = ""
    jerarquia: str = ""  # "amplio" o "especifico" para skos:broader/narrower; "" para una relación


@dataclass
class Entrada:
    """La ficha de un término en el glosario, con lo que la página necesita además."""

    ancla: str
    ficha: Ficha
    categoria: Categoria | None = None
    #: las clases de la ontología del término («Instrumento», «Índice»), sin skos:Concept
    clases: list[tuple[str, str]] = field(default_factory=list)  # (es, en)
    relacionados: list[Relacionado] = field(default_factory=list)
    citas: list[Cita] = field(default_factory=list)


@dataclass
class Glosario:
    """Todas las entradas, sus categorías y las traducciones (es -> en) de los rótulos cerrados."""

    entradas: list[Entrada]
    categorias: list[Categoria]
    traducciones: dict[str, str] = field(default_factory=dict)
    grafo: str = ""
    #: la tabla comparativa de los instrumentos: las filas de la consulta con nombre «instrumentos»
    comparacion: list[dict[str, str]] = field(default_factory=list)

    def por_iri(self) -> dict[str, Entrada]:
        """Cada entrada por el IRI de su término."""
        return {e.ficha.iri: e for e in self.entradas}

    def en(self, texto: str) -> str:
        """El rótulo inglés de ``texto`` (función, nivel, categoría…), o ``texto`` si no lo hay."""
        return self.traducciones.get(texto, texto)


#: columnas de la tabla comparativa (de la consulta «instrumentos»): (columna, rótulo es, rótulo en)
COMPARACION = (
    ("instrumento", "Instrumento", "Instrument"),
    ("que_es", "Qué es", "What it is"),
    ("escala", "Escala", "Scale"),
    ("formula", "Quién lo formula (hoy)", "Who drafts it (today)"),
    ("aprueba", "Quién lo aprueba (hoy)", "Who approves it (today)"),
    ("acto_de_aprobacion", "Con qué acto", "By which act"),
    ("vinculante", "Vinculante u orientador", "Binding or guiding"),
    ("base_legal", "Base legal (definición)", "Legal basis (definition)"),
)
