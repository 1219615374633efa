"""Lo que una práctica es: ``Practica``, ``Pregunta`` y ``Opcion``, los tipos de pregunta (``TIPOS``)
y las constantes que comparten la generación y los textos.

Tipos de pregunta (``TIPOS``):

- ``termino``: qué término tiene esta definición (``skos:definition`` con ``gt:fuenteDefinicion``).
  En el texto citado, los nombres y siglas del propio término se tapan con «[…]» (``TAPADO``).
- ``definicion``: cuál es la definición de este término (las opciones, tapadas igual).
- ``aprueba``: quién aprueba hoy este instrumento (competencias con función ``gtf:aprobar``).
- ``acto``: mediante qué tipo de norma se aprueba (``gt:seApruebaMediante``).
- ``nivel_2013`` y ``nivel_hoy``: qué nivel de gobierno ejercía en 2013 (en la fecha del foro,
  2013-09-20) o ejerce hoy una función sobre un instrumento.
- ``relacion``: qué instrumento completa una relación citada («POT se sustenta en …»); si ya no
  rige (deja de regir cuando su fuente deja de regir), lo dice: «(rigió hasta 2019-02-25)».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["FECHA_2013", "LETRAS", "TAPADO", "TIPOS", "Opcion", "Practica", "Pregunta"]

#: La fecha de «en 2013»: la del foro de Cajamarca (la misma que usan las consultas de ejemplo).
FECHA_2013 = date(2013, 9, 20)
LETRAS = "ABCD"
#: Tipo de pregunta -> qué pregunta, en el orden en que se reparten.
TIPOS: dict[str, str] = {
    "termino": "término a partir de su definición",
    "definicion": "definición de un término",
    "aprueba": "quién aprueba un instrumento",
    "acto": "mediante qué tipo de norma se aprueba un instrumento",
    "nivel_2013": "qué nivel de gobierno ejercía una función en 2013",
    "nivel_hoy": "qué nivel de gobierno ejerce una función hoy",
    "relacion": "qué instrumento completa una relación",
}

#: Lo que tapa, en una definición citada, los nombres y siglas del término definido.
TAPADO = "[…]"


@dataclass(frozen=True)
class Opcion:
    """Una opción: el texto que se muestra y el IRI de lo que nombra (término, actor, nivel…)."""

    texto: str
    iri: str


@dataclass(frozen=True)
class Pregunta:
    """Una pregunta de opción múltiple con su respuesta, explicación y fuente."""

    tipo: str
    enunciado: str
    opciones: tuple[Opcion, ...]
    correcta: int
    explicacion: str
    fuente: str
    #: IRI de aquello por lo que se pregunta: el término (``termino``, ``definicion``), el instrumento
    #: (``aprueba``, ``acto``, ``nivel_*``) o el origen de la relación (``relacion``).
    sujeto: str
    #: IRI de la función (``nivel_*``) o del tipo de relación (``relacion``); si no, vacío.
    detalle: str = ""
    #: AAAA-MM-DD de la fecha en que se juzga la vigencia (``aprueba``, ``nivel_*``); si no, vacío.
    fecha: str = ""

    @property
    def letra(self) -> str:
        """La letra de la opción correcta."""
        return LETRAS[self.correcta]


@dataclass(frozen=True)
class Practica:
    """Una prueba: sus preguntas, la semilla que la repite y el tema, si se filtró."""

    preguntas: tuple[Pregunta, ...]
    semilla: int
    tema: str = ""
    #: Por qué hay menos preguntas que las pedidas (vacío si no las hay).
    aviso: str = ""

    def por_tipo(self) -> dict[str, int]:
        """Cuántas preguntas hay de cada tipo (todos los tipos, también los que no salieron)."""
        cuenta = dict.fromkeys(TIPOS, 0)
        for p in self.preguntas:
            cuenta[p.tipo] += 1
        return cuenta
