"""Qué guarda cada ficha del glosario: de un concepto (``Ficha``), un actor (``FichaActor``), un nivel
de gobierno (``FichaNivel``) o una norma (``FichaNorma``), con sus partes (competencias, fuentes
citadas y su derogación, enunciados del foro, artículos y lo que los cita).

Solo datos: las leen ``grafo.fichas.conceptos``, ``grafo.fichas.actores`` y ``grafo.fichas.normas``
y las escriben ``grafo.fichas.texto`` (texto y Markdown) y ``grafo.paginas.glosario`` (la página).
Cada texto que el grafo puede tener en dos idiomas es un ``Texto`` (un solo valor con su español y su
inglés), con '' donde el grafo no lo tiene en ese idioma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "YA_REGIA",
    "ArticuloCitado",
    "Cita",
    "CompetenciaFicha",
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
    "QueCita",
    "RelacionFicha",
    "Texto",
    "texto_derogado",
]

Idioma = Literal["es", "en"]
Formato = Literal["texto", "md"]
#: Cómo empieza el «desde» de una competencia que solo se sabe que ya regía en un año.
YA_REGIA = "ya regía en "


@dataclass(frozen=True)
class Texto:
    """Un texto en español y en inglés. ``en`` es '' si el grafo no lo tiene en inglés (y ``es``, si
    no lo tiene en español); un texto sin idioma (sigla, identificador de norma, etiqueta de
    artículo) vale igual en los dos."""

    es: str
    en: str = ""
    #: el IRI de lo que nombra, si nombra algo del grafo (no cuenta al comparar textos)
    iri: str = field(default="", compare=False, repr=False)

    def __bool__(self) -> bool:
        """Verdadero si el grafo tiene el texto en algún idioma."""
        return bool(self.es or self.en)

    def en_idioma(self, idioma: Idioma) -> str:
        """El texto en ``idioma``; en inglés, si falta, el español (sin marca: para lo que se cita
        igual en los dos idiomas, como una fuente o una base legal)."""
        return (self.en or self.es) if idioma == "en" else self.es

    def solo(self, idioma: Idioma) -> str:
        """El texto en ``idioma``, o '' si el grafo no lo tiene en ese idioma."""
        return self.en if idioma == "en" else self.es


@dataclass(frozen=True)
class CompetenciaFicha:
    """Una competencia tal como se muestra en la ficha de un concepto."""

    nivel: Texto
    titular: Texto
    funcion: Texto
    base_legal: Texto  # artículos o normas separados por '; ', con su derogación en cada idioma
    desde: str
    hasta: str
    tipo: Texto
    orden: int = 0


@dataclass(frozen=True)
class RelacionFicha:
    """Una relación con otro instrumento, desde el punto de vista del término."""

    texto: Texto
    fuente: Texto
    #: los términos que la relación une (origen y destino), con su IRI
    terminos: tuple[Texto, ...] = ()


@dataclass
class Ficha:
    """Todo lo que el glosario sabe de un término."""

    iri: str
    termino: Texto
    clase: Texto
    siglas: list[str] = field(default_factory=list)
    #: otros nombres en español (o sin idioma) y, aparte, en inglés: no son traducciones uno a uno
    otros_nombres: list[str] = field(default_factory=list)
    otros_nombres_en: list[str] = field(default_factory=list)
    categoria: Texto = Texto("")
    caracter: Texto = Texto("")
    definicion: Texto = Texto("")
    fuente: Texto = Texto("")  # con la derogación de lo citado, en cada idioma
    confianza: Texto = Texto("")
    #: Si toda fuente de la definición dejó de regir, una frase que lo dice (con fecha y norma).
    ya_no_rige: Texto = Texto("")
    nota_alcance: Texto = Texto("")
    nota_historica: Texto = Texto("")
    #: notas (``skos:note``), notas editoriales y vacíos: un ``Texto`` por texto (sus dos idiomas
    #: juntos si el grafo da uno de cada uno)
    notas: list[Texto] = field(default_factory=list)
    notas_editoriales: list[Texto] = field(default_factory=list)
    vacios: list[Texto] = field(default_factory=list)
    aprobacion: list[Texto] = field(default_factory=list)
    rector: list[Texto] = field(default_factory=list)
    mas_amplio: list[Texto] = field(default_factory=list)
    mas_especificos: list[Texto] = field(default_factory=list)
    competencias: list[CompetenciaFicha] = field(default_factory=list)
    relaciones: list[RelacionFicha] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class FuenteCitada:
    """Un artículo o una norma citados y, si ya no rigen, desde cuándo (AAAA-MM-DD) y por qué norma
    (``sustituido``: el texto citado fue reemplazado por otro, no derogado)."""

    etiqueta: str
    derogado_el: str = ""
    derogado_por: str = ""
    sustituido: bool = False


def texto_derogado(fecha: str, por: str, idioma: Idioma, sustituido: bool = False) -> str:
    """«derogado el AAAA-MM-DD por X», o «texto sustituido el AAAA-MM-DD por X» (o en inglés)."""
    if idioma == "en":
        return (
            ("text replaced" if sustituido else "repealed") + f" on {fecha}" + (f" by {por}" if por else "")
        )
    return (
        ("texto sustituido" if sustituido else "derogado") + f" el {fecha}" + (f" por {por}" if por else "")
    )


@dataclass(frozen=True)
class FilaCompetencia:
    """Una competencia (``gt:Competencia``) tal como la muestran las fichas de actores, niveles y normas."""

    iri: str
    instrumento: Texto
    titular: Texto
    nivel: Texto  # el tipo de municipalidad si lo tiene; si no, el nivel
    funcion: Texto
    tipo: Texto
    base_legal: tuple[FuenteCitada, ...]
    desde: str  # AAAA-MM-DD, AAAA, «ya regía en AAAA» o ''
    hasta: str  # AAAA-MM-DD, AAAA o ''
    orden: int = 9  # orden del nivel (nacional, regional, local...)


@dataclass(frozen=True)
class EnunciadoCitado:
    """Un enunciado de un foro: sus palabras exactas, quién lo dijo, dónde y lo que afirma (de la
    entidad de la ficha: las afirmaciones en que ella es sujeto u objeto)."""

    iri: str
    ident: str
    foro: str
    autor: Texto
    pagina: str
    texto: str
    afirmaciones: tuple[Texto, ...] = ()


@dataclass
class FichaActor:
    """Todo lo que el grafo sabe de un actor (entidad pública, organización, sector, persona)."""

    iri: str
    nombre: Texto
    clase: Texto
    siglas: list[str] = field(default_factory=list)
    otros_nombres: list[str] = field(default_factory=list)
    otros_nombres_en: list[str] = field(default_factory=list)
    nivel: Texto = Texto("")
    sector: list[Texto] = field(default_factory=list)
    pertenece_a: list[Texto] = field(default_factory=list)
    unidades: list[Texto] = field(default_factory=list)
    cargos: list[Texto] = field(default_factory=list)
    descripcion: Texto = Texto("")
    fuente: tuple[FuenteCitada, ...] = ()
    notas: list[Texto] = field(default_factory=list)
    vacios: list[Texto] = field(default_factory=list)
    competencias: list[FilaCompetencia] = field(default_factory=list)
    en_el_foro: list[EnunciadoCitado] = field(default_factory=list)
    dichos: list[EnunciadoCitado] = field(default_factory=list)


@dataclass
class FichaNivel:
    """Un nivel de gobierno (o tipo de municipalidad): sus entidades y sus competencias."""

    iri: str
    nombre: Texto
    clase: Texto
    definicion: Texto = Texto("")
    subdivision_de: list[Texto] = field(default_factory=list)
    subdivisiones: list[Texto] = field(default_factory=list)
    entidades: list[Texto] = field(default_factory=list)
    competencias: list[FilaCompetencia] = field(default_factory=list)
    en_el_foro: list[EnunciadoCitado] = field(default_factory=list)


QueCita = Literal["definicion", "caracter", "fuente", "descripcion", "competencia", "relacion", "otro"]


@dataclass(frozen=True)
class Cita:
    """Algo del grafo que cita un artículo o una norma: la definición o el carácter de un concepto, la
    descripción de un actor, una competencia, una relación entre instrumentos..."""

    que: QueCita
    nombre: Texto  # el concepto, actor o relación que cita; de una competencia, su instrumento
    competencia: FilaCompetencia | None = None
    desde: str = ""  # vigencia de una relación
    hasta: str = ""


@dataclass(frozen=True)
class ArticuloCitado:
    """Un artículo de una norma que está en el grafo, y lo que lo cita."""

    iri: str
    etiqueta: str
    texto_literal: str = ""
    derogado_el: str = ""
    derogado_por: str = ""
    citado_por: tuple[Cita, ...] = ()
    sustituido: bool = False


@dataclass
class FichaNorma:
    """Una norma (o un documento citado): sus datos, su vigencia y sus artículos citados en el grafo."""

    iri: str
    nombre: str
    clase: Texto
    identificador: str = ""
    titulo: Texto = Texto("")
    tipo: Texto = Texto("")
    fecha_publicacion: str = ""
    vigente_desde: str = ""
    vigente_hasta: str = ""
    derogada_por: list[str] = field(default_factory=list)
    emitida_por: list[Texto] = field(default_factory=list)
    confianza: Texto = Texto("")
    paginas: list[str] = field(default_factory=list)
    notas: list[Texto] = field(default_factory=list)
    vacios: list[Texto] = field(default_factory=list)
    deroga: list[FuenteCitada] = field(default_factory=list)
    #: Sus divisiones (títulos, capítulos, artículos…) que otra norma derogó o sustituyó.
    cambios: list[FuenteCitada] = field(default_factory=list)
    articulos: list[ArticuloCitado] = field(default_factory=list)
    citada_sin_articulo: list[Cita] = field(default_factory=list)


#: Cualquier ficha que ``grafo definir`` puede mostrar.
FichaDeEntidad = Ficha | FichaActor | FichaNivel | FichaNorma
