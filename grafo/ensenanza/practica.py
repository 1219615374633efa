"""Etapa *práctica*: grafo construido -> una prueba de opción múltiple con su clave de respuestas.

Entrada: un ``Lector`` (el almacén abierto), el número de preguntas, una semilla y, si se quiere,
un tema (una categoría del glosario: «planificación», «fiscal»…, sin importar tildes ni
mayúsculas). Salida: una ``Practica`` (``grafo.ensenanza.modelo``): preguntas con tres o cuatro
opciones (A-D), la correcta, una explicación corta y su fuente (norma y artículo).

La práctica, por trabajos:

- ``hechos``: lee del almacén lo que se pregunta (``leer_hechos``);
- ``preguntas_glosario``, ``preguntas_competencias``, ``preguntas_relaciones``: las preguntas
  posibles de cada tipo (``Candidato``, en ``candidato``), con una sola respuesta correcta según el
  grafo;
- este módulo: elige las preguntas de una prueba con la semilla;
- ``textos``: la prueba para la terminal o para imprimir; ``sesion``: la práctica interactiva
  (corrige cada respuesta y lleva el puntaje).

Determinismo: la misma semilla y el mismo grafo dan la misma prueba (``random.Random(semilla)``
sobre entradas ordenadas; toda consulta lleva ``ORDER BY``). Los tipos se reparten por turnos, así
que con N preguntas y siete tipos cada tipo sale al menos ⌊N/7⌋ veces si el grafo da bastantes. Una
prueba no pregunta dos veces por lo mismo: un término del glosario, la aprobación de un instrumento
(quién o con qué norma), una función sobre un instrumento, el origen o el destino de una relación.
"""

from __future__ import annotations

import random
from datetime import date

from grafo.almacen.lector import Lector
from grafo.base.errores import PracticaInvalidaError
from grafo.base.texto import normalizar
from grafo.ensenanza.candidato import Candidato
from grafo.ensenanza.hechos import Hechos, leer_hechos
from grafo.ensenanza.modelo import FECHA_2013, TIPOS, Practica, Pregunta
from grafo.ensenanza.preguntas_competencias import candidatos_acto, candidatos_aprueba, candidatos_nivel
from grafo.ensenanza.preguntas_glosario import candidatos_glosario
from grafo.ensenanza.preguntas_relaciones import candidatos_relacion

__all__ = ["generar_practica", "temas"]


def _candidatos(g: Hechos, hoy: date) -> list[Candidato]:
    """Todas las preguntas posibles, tipo por tipo en el orden de ``TIPOS``."""
    return [
        *candidatos_glosario(g),
        *candidatos_aprueba(g, hoy),
        *candidatos_acto(g, hoy),
        *candidatos_nivel(g, FECHA_2013, hoy),
        *candidatos_nivel(g, hoy, hoy),
        *candidatos_relacion(g, hoy),
    ]


def _categorias_por_nombre(g: Hechos) -> dict[str, str]:
    """Nombre normalizado -> IRI de cada categoría que usa algún término del glosario."""
    usadas = sorted(set().union(*g.categorias.values())) if g.categorias else []
    return {normalizar(g.etiqueta(c)): c for c in usadas}


def temas(lector: Lector) -> list[str]:
    """Los temas que admite ``--tema``: las categorías que usa el glosario, en orden alfabético."""
    g = leer_hechos(lector)
    return sorted((g.etiqueta(c) for c in _categorias_por_nombre(g).values()), key=normalizar)


def _elegir(candidatos: list[Candidato], n: int, rng: random.Random) -> list[Pregunta]:
    """``n`` preguntas, repartiendo los tipos por turnos (el orden de cada turno, al azar)."""
    colas: dict[str, list[Candidato]] = {}
    for c in candidatos:
        colas.setdefault(c.tipo, []).append(c)
    for cola in colas.values():
        rng.shuffle(cola)
    elegidas: list[Pregunta] = []
    usadas: set[str] = set()
    while len(elegidas) < n and any(colas.values()):
        turno = [t for t in TIPOS if colas.get(t)]
        rng.shuffle(turno)
        for t in turno:
            cola = colas[t]
            while cola and len(elegidas) < n:
                c = cola.pop()
                if c.claves & usadas:
                    continue
                usadas |= c.claves
                elegidas.append(c.construir(rng))
                break
    return elegidas


def generar_practica(
    lector: Lector,
    preguntas: int = 10,
    semilla: int | None = None,
    tema: str | None = None,
    hoy: date | None = None,
) -> Practica:
    """Una prueba de ``preguntas`` preguntas sacadas del grafo; la misma ``semilla``, la misma prueba.

    Sin ``semilla``, se elige una al azar (queda en ``Practica.semilla`` para repetirla). ``tema``
    deja solo las preguntas sobre términos de esa categoría del glosario. ``hoy`` es la fecha de
    las preguntas «hoy» (por defecto, la de hoy). ``PracticaInvalidaError`` si ``preguntas`` < 1, el
    tema no existe o no hay ninguna pregunta posible.
    """
    if preguntas < 1:
        raise PracticaInvalidaError(
            f"el número de preguntas debe ser 1 o más, no {preguntas}. Ejemplo: --preguntas 10"
        )
    if semilla is None:
        semilla = random.SystemRandom().randrange(1, 1_000_000)
    g = leer_hechos(lector)
    candidatos = _candidatos(g, hoy or date.today())
    nombre_tema = ""
    if tema is not None:
        categorias = _categorias_por_nombre(g)
        iri = categorias.get(normalizar(tema))
        if iri is None:
            validos = ", ".join(sorted((g.etiqueta(c) for c in categorias.values()), key=normalizar))
            raise PracticaInvalidaError(
                f"tema desconocido '{tema}'. Temas (categorías del glosario): {validos or 'ninguno'}."
            )
        nombre_tema = g.etiqueta(iri)
        candidatos = [c for c in candidatos if iri in c.temas]
    elegidas = _elegir(candidatos, preguntas, random.Random(semilla))
    if not elegidas:
        raise PracticaInvalidaError(
            "el grafo no da ninguna pregunta" + (f" sobre el tema '{nombre_tema}'." if nombre_tema else ".")
        )
    aviso = ""
    if len(elegidas) < preguntas:
        sobre = f" sobre el tema '{nombre_tema}'" if nombre_tema else ""
        aviso = (
            f"Aviso: se pidieron {preguntas} preguntas, pero el grafo da {len(elegidas)}{sobre} "
            "sin repetir términos."
        )
    return Practica(tuple(elegidas), semilla, nombre_tema, aviso)
