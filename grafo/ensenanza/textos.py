"""Los textos de una práctica: la prueba para imprimir con su clave de respuestas y, para la práctica
interactiva, el encabezado, cada pregunta, su corrección y el resultado. Líneas de a lo sumo 80
columnas."""

from __future__ import annotations

import textwrap

from grafo.base.texto import recortar
from grafo.ensenanza.modelo import LETRAS, TAPADO, Practica, Pregunta

__all__ = [
    "texto_correccion",
    "texto_encabezado",
    "texto_practica",
    "texto_pregunta",
    "texto_resultado",
]

#: Columnas de los textos (una terminal, una hoja impresa).
_ANCHO = 80


def _envolver(texto: str, ancho: int, primera: str, siguientes: str) -> list[str]:
    """``texto`` en líneas de a lo sumo ``ancho``; cada salto de línea empieza un párrafo."""
    lineas: list[str] = []
    for i, parrafo in enumerate(texto.split("\n")):
        lineas += textwrap.wrap(
            parrafo,
            width=ancho,
            initial_indent=primera if i == 0 else siguientes,
            subsequent_indent=siguientes,
            break_on_hyphens=False,
        )
    return lineas


def texto_pregunta(pregunta: Pregunta, numero: int, ancho: int = _ANCHO) -> str:
    """La pregunta numerada y sus opciones (A, B, C, D), en líneas de a lo sumo ``ancho``."""
    sangria = " " * len(f"{numero}. ")
    lineas = _envolver(pregunta.enunciado, ancho, f"{numero}. ", sangria)
    for letra, opcion in zip(LETRAS, pregunta.opciones, strict=False):
        lineas += _envolver(opcion.texto, ancho, f"{sangria}{letra}) ", f"{sangria}   ")
    return "\n".join(lineas)


def _respuesta(pregunta: Pregunta) -> str:
    return f"{pregunta.letra}) {recortar(pregunta.opciones[pregunta.correcta].texto, 70)}"


def _solucion(pregunta: Pregunta, cabeza: str, ancho: int, sangria: str) -> str:
    lineas = _envolver(cabeza, ancho, "", sangria) if cabeza else []
    lineas += _envolver(pregunta.explicacion, ancho, sangria, sangria)
    lineas += _envolver(f"Fuente: {pregunta.fuente}", ancho, sangria, sangria)
    return "\n".join(lineas)


def texto_correccion(pregunta: Pregunta, letra: str, ancho: int = _ANCHO) -> str:
    """«Correcto.» o «Incorrecto: la respuesta es …», con la explicación y la fuente."""
    if letra.strip().upper() == pregunta.letra:
        cabeza = "Correcto."
    else:
        cabeza = f"Incorrecto: la respuesta es {_respuesta(pregunta)}"
    return _solucion(pregunta, cabeza, ancho, "   ")


def texto_encabezado(practica: Practica, interactivo: bool = False, ancho: int = _ANCHO) -> str:
    """Las primeras líneas de la prueba: cuántas preguntas, la semilla, el tema y cómo responder."""
    n = len(practica.preguntas)
    tema = f" · tema: {practica.tema}" if practica.tema else ""
    lineas = [
        "Práctica: gobernanza territorial del Perú",
        f"{n} pregunta{'s' if n != 1 else ''} · semilla {practica.semilla}{tema}",
    ]
    if not interactivo:
        lineas.append("Nombre: ________________________________  Fecha: ______________")
    como = (
        f"Responda con la letra de la opción (la misma prueba: --semilla {practica.semilla})."
        if interactivo
        else "Marque la letra de la única respuesta correcta."
    )
    como += f" En las definiciones, «{TAPADO}» tapa el nombre del término definido."
    return "\n".join(lineas + _envolver(como, ancho, "", ""))


def texto_resultado(aciertos: int, total: int) -> str:
    """«Resultado: 7 de 10 correctas (70 %).»"""
    porcentaje = round(100 * aciertos / total) if total else 0
    return f"Resultado: {aciertos} de {total} correctas ({porcentaje} %)."


def texto_practica(practica: Practica, ancho: int = _ANCHO) -> str:
    """La prueba para imprimir y repartir y, después, su clave con explicaciones y fuentes."""
    partes = [texto_encabezado(practica, ancho=ancho)]
    partes += [texto_pregunta(p, i, ancho) for i, p in enumerate(practica.preguntas, 1)]
    partes.append(f"Clave de respuestas (semilla {practica.semilla})")
    for i, p in enumerate(practica.preguntas, 1):
        sangria = " " * len(f"{i}. ")
        cabeza = "\n".join(_envolver(_respuesta(p), ancho, f"{i}. ", sangria))
        partes.append(cabeza + "\n" + _solucion(p, "", ancho, sangria))
    return "\n\n".join(partes) + "\n"
