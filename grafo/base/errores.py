"""Errores esperados de Grafo territorial: la única jerarquía de excepciones del proyecto.

La CLI convierte cualquier ``GrafoError`` en un mensaje ``Error: ...`` y código de salida 1.
"""

from __future__ import annotations

__all__ = [
    "AlmacenError",
    "ConsultaDetenidaError",
    "ConsultaInvalidaError",
    "ConsultaProhibidaError",
    "FuenteInvalidaError",
    "GrafoError",
    "OntologiaInconsistenteError",
    "PracticaInvalidaError",
    "PublicacionError",
    "RazonadorNoDisponibleError",
    "SalidaError",
    "TerminoDesconocidoError",
    "ValidacionError",
]


class GrafoError(Exception):
    """Base de los errores esperados."""


class FuenteInvalidaError(GrafoError):
    """Un archivo fuente (Turtle, YAML) no se puede leer o no cumple su esquema."""


class ValidacionError(GrafoError):
    """El grafo no cumple las formas SHACL."""


class ConsultaInvalidaError(GrafoError):
    """Una consulta SPARQL no existe, no se analiza, no es de solo lectura o sus parámetros no valen."""


class ConsultaProhibidaError(ConsultaInvalidaError):
    """Una consulta pide lo prohibido: actualizar, ``LOAD``, ``SERVICE`` o ``FROM`` fuera del almacén."""


class ConsultaDetenidaError(GrafoError):
    """Una consulta se detuvo: pasó su tiempo máximo o el tope de tamaño del resultado."""


class TerminoDesconocidoError(GrafoError):
    """Un término buscado no está en el glosario."""

    def __init__(self, mensaje: str, sugerencias: list[str] | None = None) -> None:
        super().__init__(mensaje)
        self.sugerencias = sugerencias or []


class RazonadorNoDisponibleError(GrafoError):
    """El razonador no puede ejecutarse (p. ej. falta Java)."""


class OntologiaInconsistenteError(GrafoError):
    """El razonador encontró la ontología inconsistente."""


class PracticaInvalidaError(GrafoError):
    """Una práctica no se puede generar: número de preguntas menor que 1, tema desconocido."""


class SalidaError(GrafoError):
    """No se pudo escribir un archivo de salida."""


class AlmacenError(GrafoError):
    """El grafo construido no existe, no se puede abrir o no se alcanza el endpoint."""


class PublicacionError(GrafoError):
    """No se pudo publicar el grafo en un Graph Store remoto (URL mala, servidor caído, credenciales,
    respuesta de error)."""
