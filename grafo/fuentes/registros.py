"""Los registros de un foro, tal como quedan tras leer y validar su YAML: personas, grupos,
preguntas orientadoras, sesiones, enunciados y afirmaciones.

Solo datos: los escribe ``fuentes.foro`` y los leen las etapas que construyen el grafo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ACTOR_PUBLICO",
    "PUBLICO",
    "RELACIONES",
    "SECTORES",
    "AfirmacionForo",
    "Enunciado",
    "Foro",
    "Grupo",
    "Persona",
    "PreguntaOrientadora",
    "Resolver",
    "Sesion",
]

#: Relaciones admitidas en las afirmaciones (propiedades ``gt:`` del mismo nombre).
RELACIONES = (
    "esRectorDe", "regula", "formula", "aprueba", "ejecuta", "financia", "vigila", "esConsultadoSobre",
    "noEsConsultadoSobre", "noReconoceComoVinculante", "seBasaEn", "engloba", "debeIncorporarseEn",
    "articula", "tieneRol",
)  # fmt: skip
#: Sectores a los que se asignan roles -> id del actor ``gta:``.
SECTORES = {"empresa": "empresa-privada", "estado": "estado", "sociedad_civil": "sociedad-civil"}
PUBLICO = "publico"
ACTOR_PUBLICO = "publico-del-foro"

Resolver = Callable[[str], str | None]


@dataclass(frozen=True)
class Persona:
    """Una persona que habla en el foro."""

    id: str
    nombre: str
    cargo: str = ""
    organizacion: str = ""  # IRI del actor


@dataclass(frozen=True)
class Grupo:
    """Un grupo de trabajo."""

    id: str
    nombre: str


@dataclass(frozen=True)
class PreguntaOrientadora:
    """Una pregunta que guía el trabajo de grupos."""

    id: str
    numero: int
    texto: str
    pagina: int | None = None


@dataclass(frozen=True)
class Sesion:
    """Una sesión del programa."""

    id: str
    orden: int
    tipo: str
    titulo: str
    hora: str = ""
    bloque: str = ""
    ponentes: tuple[str, ...] = ()
    pagina: int | None = None


@dataclass(frozen=True)
class AfirmacionForo:
    """Lo que afirma un enunciado: sujeto (IRI), relación y objeto (IRI) o texto."""

    sujeto: str
    relacion: str
    objeto: str = ""
    texto: str = ""
    #: cómo lo dice el enunciado: hecho (por defecto), prioridad declarada, propuesta, condicional
    #: («articularía») o deber («debe»); la afirmación conserva la modalidad del texto
    modalidad: str = "hecho"


@dataclass(frozen=True)
class Enunciado:
    """Un enunciado del foro (viñeta o párrafo), con su procedencia."""

    id: str
    orden: int
    sesion: str
    autor: str
    tipo: str
    texto: str
    pagina: int
    linea: int
    parte_de: str = ""
    pregunta: str = ""
    responde_a: str = ""
    dirigida_a: tuple[str, ...] = ()
    sectores: tuple[str, ...] = ()
    nota: str = ""
    menciona: tuple[str, ...] = ()  # IRIs
    afirmaciones: tuple[AfirmacionForo, ...] = ()


@dataclass
class Foro:
    """Un foro completo, validado."""

    id: str
    titulo: str
    fecha: date
    lugar: str
    ciudad: str
    archivo: str
    tipo: str = ""
    documento: str = ""
    organizadores: list[str] = field(default_factory=list)
    vacios: list[str] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    grupos: list[Grupo] = field(default_factory=list)
    preguntas: list[PreguntaOrientadora] = field(default_factory=list)
    sesiones: list[Sesion] = field(default_factory=list)
    enunciados: list[Enunciado] = field(default_factory=list)
