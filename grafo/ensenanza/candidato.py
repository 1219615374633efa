"""Una pregunta posible (``Candidato``) y cómo se arma: sus opciones, su explicación y sus temas.

Los generadores de cada tipo (``preguntas_glosario``, ``preguntas_competencias``,
``preguntas_relaciones``) dan candidatos; ``practica`` elige entre ellos y ``Candidato.construir``
saca, con el generador de la semilla, los distractores y el orden de las opciones.

Un distractor es de la misma clase que la respuesta (otro término del glosario, de su misma
categoría cuando hay bastantes; otro actor con competencias; otro nivel; otro tipo de norma; otro
concepto de la misma clase, p. ej. otro instrumento o sistema). Si no hay al menos dos, la pregunta
no se hace.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from grafo.base.texto import normalizar
from grafo.ensenanza.hechos import Hechos
from grafo.ensenanza.modelo import Opcion, Pregunta

__all__ = ["Candidato", "candidato", "en_lista", "misma_categoria", "nombre_con_sigla"]

#: Opciones por pregunta (la correcta y tres distractores), si el grafo da bastantes.
_OPCIONES = 4


@dataclass(frozen=True)
class Candidato:
    """Una pregunta posible: todo salvo qué distractores salen y en qué orden (eso lo da la semilla).

    Los distractores salen de ``preferidos`` si hay bastantes; si no, se completan con ``otros``.
    """

    tipo: str
    temas: frozenset[str]  # categorías (IRIs) de los términos de los que trata
    #: de qué trata, para no preguntar dos veces lo mismo en una prueba: el término del glosario,
    #: el instrumento y la función, el origen o el destino de una relación…
    claves: frozenset[str]
    enunciado: str
    correcta: Opcion
    preferidos: tuple[Opcion, ...]
    otros: tuple[Opcion, ...]
    explicacion: str
    fuente: str
    sujeto: str
    detalle: str = ""
    fecha: str = ""

    def construir(self, rng: random.Random) -> Pregunta:
        """La pregunta, con los distractores y el orden de las opciones que da ``rng``."""
        cuantos = _OPCIONES - 1
        if len(self.preferidos) >= cuantos:
            distractores = rng.sample(self.preferidos, cuantos)
        else:
            resto = [o for o in self.otros if o not in self.preferidos]
            faltan = min(cuantos - len(self.preferidos), len(resto))
            distractores = [*self.preferidos, *rng.sample(resto, faltan)]
        opciones = [self.correcta, *distractores]
        rng.shuffle(opciones)
        return Pregunta(
            tipo=self.tipo,
            enunciado=self.enunciado,
            opciones=tuple(opciones),
            correcta=opciones.index(self.correcta),
            explicacion=self.explicacion,
            fuente=self.fuente,
            sujeto=self.sujeto,
            detalle=self.detalle,
            fecha=self.fecha,
        )


def en_lista(nombres: Iterable[str], o: bool = False) -> str:
    """«a», «a y b», «a, b y c» (con ``o``: «a, b o c»; «e» ante «i», «u» ante «o»)."""
    lista = list(nombres)
    if len(lista) == 1:
        return lista[0]
    inicio = normalizar(lista[-1])
    if o:
        conjuncion = "u" if inicio.startswith(("o", "ho")) else "o"
    else:
        conjuncion = "e" if inicio.startswith(("i", "hi")) and not inicio.startswith("hie") else "y"
    return f"{', '.join(lista[:-1])} {conjuncion} {lista[-1]}"


def nombre_con_sigla(g: Hechos, c: str) -> str:
    """«Zonificación Ecológica y Económica» (ZEE)."""
    siglas = [s for s in g.siglas(c) if normalizar(s) != normalizar(g.etiqueta(c))]
    return f"«{g.etiqueta(c)}»" + (f" ({', '.join(siglas)})" if siglas else "")


def candidato(
    g: Hechos,
    tipo: str,
    *,
    sujeto: str,
    claves: Iterable[str],
    enunciado: str,
    correcta: str,
    preferidos: Iterable[str],
    otros: Iterable[str] = (),
    explicacion: str,
    fuente: str,
    detalle: str = "",
    fecha: str = "",
    temas_tambien_de: Iterable[str] = (),
    texto: Callable[[str], str] | None = None,
) -> Candidato:
    """Un candidato cuyas opciones son los IRIs ``correcta``, ``preferidos`` y ``otros``, cada uno
    con el texto que da ``texto`` (por defecto, su etiqueta). Sus temas: las categorías de
    ``sujeto`` y de los términos ``temas_tambien_de``."""
    nombrar = texto or g.etiqueta

    def opciones(iris: Iterable[str]) -> tuple[Opcion, ...]:
        return tuple(Opcion(nombrar(x), x) for x in iris)

    return Candidato(
        tipo=tipo,
        temas=frozenset().union(*(g.categorias.get(t, set()) for t in (sujeto, *temas_tambien_de))),
        claves=frozenset(claves),
        enunciado=enunciado,
        correcta=Opcion(nombrar(correcta), correcta),
        preferidos=opciones(preferidos),
        otros=opciones(otros),
        explicacion=explicacion,
        fuente=fuente,
        sujeto=sujeto,
        detalle=detalle,
        fecha=fecha,
    )


def misma_categoria(g: Hechos, terminos: Iterable[str], c: str) -> list[str]:
    """Los ``terminos`` que comparten con ``c`` alguna categoría del glosario."""
    return [t for t in terminos if g.categorias.get(t, set()) & g.categorias.get(c, set())]
