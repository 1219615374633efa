"""La práctica interactiva: corrige cada respuesta, lleva el puntaje y da el resultado.

La CLI muestra cada pregunta (``textos.texto_pregunta``), pide una de ``letras(pregunta)`` y le pasa
la respuesta a ``Sesion.responder``; aquí no se lee ni se escribe nada.
"""

from __future__ import annotations

from dataclasses import dataclass

from grafo.ensenanza.modelo import LETRAS, Practica, Pregunta
from grafo.ensenanza.textos import texto_correccion, texto_encabezado, texto_resultado

__all__ = ["Sesion", "letras"]


def letras(pregunta: Pregunta) -> list[str]:
    """Las letras que se pueden responder: una por opción (A, B, C y, si hay cuatro, D)."""
    return list(LETRAS[: len(pregunta.opciones)])


@dataclass
class Sesion:
    """Una prueba que se responde pregunta a pregunta, en orden."""

    practica: Practica
    aciertos: int = 0
    respondidas: int = 0

    def encabezado(self) -> str:
        """Las primeras líneas: cuántas preguntas, la semilla para repetirla y cómo responder."""
        return texto_encabezado(self.practica, interactivo=True)

    def responder(self, letra: str) -> str:
        """Corrige ``letra`` como respuesta a la pregunta siguiente: «Correcto.» o «Incorrecto: …»,
        la explicación, la fuente y el puntaje hasta aquí."""
        pregunta = self.practica.preguntas[self.respondidas]
        self.respondidas += 1
        self.aciertos += letra.upper() == pregunta.letra
        return f"{texto_correccion(pregunta, letra)}\nPuntaje: {self.aciertos} de {self.respondidas}."

    def resultado(self) -> str:
        """«Resultado: 7 de 10 correctas (70 %).»"""
        return texto_resultado(self.aciertos, len(self.practica.preguntas))
