"""Preguntas del glosario: ``termino`` (qué término se define así) y ``definicion`` (cuál es la
definición de este término).

En la definición citada, los nombres y siglas del propio término se tapan con «[…]». Una definición
cuyo texto tapado encaja también en la de otro término (o que la comparte), o que tapada dice poco
(menos de 40 letras: «Según el foro de Cajamarca (2013): «[…].»»), no se usa, ni como respuesta ni
como distractor. Tampoco es distractor un término más amplio o más estrecho que la respuesta
(``skos:broader``, p. ej. PDC y PDLC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from grafo.base.texto import es_sigla, normalizar
from grafo.ensenanza.candidato import Candidato, candidato, en_lista, misma_categoria, nombre_con_sigla
from grafo.ensenanza.hechos import FUENTE_DEFINICION, Hechos
from grafo.ensenanza.modelo import TAPADO

__all__ = ["candidatos_glosario"]

#: Letras que una definición tapada debe conservar fuera de lo tapado para que diga algo.
_LETRAS_MINIMAS = 40


# --- tapar el término en su definición ----------------------------------------------------------------


def _plegar(texto: str) -> str:
    """Minúsculas y sin tildes, letra por letra: el texto plegado mide lo mismo que el original."""
    res = []
    for c in texto:
        base = unicodedata.normalize("NFD", c)[0].lower()
        res.append(base if len(base) == 1 else c)
    return "".join(res)


def _tapar(texto: str, nombres: Iterable[str]) -> str:
    """``texto`` con cada aparición de ``nombres`` (palabras completas) cambiada por «[…]».

    Los nombres se buscan sin importar tildes ni mayúsculas; las siglas, tal cual («OT» no es «ot»).
    """
    plegado = _plegar(texto)
    tapa = [False] * len(texto)
    for nombre in nombres:
        donde, buscado = (texto, nombre) if es_sigla(nombre) else (plegado, _plegar(nombre))
        for m in re.finditer(rf"(?<!\w){re.escape(buscado)}(?!\w)", donde):
            tapa[m.start() : m.end()] = [True] * (m.end() - m.start())
    partes = []
    i = 0
    while i < len(texto):
        if tapa[i]:
            while i < len(texto) and tapa[i]:
                i += 1
            partes.append(TAPADO)
        else:
            partes.append(texto[i])
            i += 1
    return "".join(partes)


def _patron_tapado(tapado: str) -> re.Pattern[str]:
    """Una expresión que reconoce los textos que, tapados, darían ``tapado``."""
    return re.compile(".+?".join(re.escape(p) for p in tapado.split(TAPADO)), re.DOTALL)


def _definicion_util(g: Hechos, c: str, tapada: str) -> bool:
    """``True`` si la definición de ``c``, tapada, dice algo (al menos ``_LETRAS_MINIMAS`` letras fuera
    de lo tapado: «Según el foro: «[…].»» no) y no encaja en la de otro término."""
    if sum(ch.isalpha() for ch in tapada.replace(TAPADO, "")) < _LETRAS_MINIMAS:
        return False
    patron = _patron_tapado(tapada)
    return not any(patron.fullmatch(d) for o, d in g.definicion.items() if o != c)


# --- las preguntas ----------------------------------------------------------------------------------


def _explicacion_termino(g: Hechos, c: str) -> str:
    categorias = (
        en_lista(sorted(g.etiqueta(k) for k in g.categorias.get(c, set()))) if c in g.categorias else ""
    )
    texto = f"Es la definición de {nombre_con_sigla(g, c)}"
    texto += f", de la categoría {categorias}." if categorias else "."
    if c in g.para_ensenar:
        texto += f" Para enseñar: {g.para_ensenar[c]}"
    return texto


def candidatos_glosario(g: Hechos) -> list[Candidato]:
    """``termino`` y ``definicion``: términos con definición y fuente, que no comparten definición."""
    con_definicion = [c for c in g.terminos if c in g.definicion and g.fuente([c], FUENTE_DEFINICION)]
    tapadas = {c: _tapar(g.definicion[c], g.nombres_del_termino(c)) for c in con_definicion}
    utiles = [c for c in con_definicion if _definicion_util(g, c, tapadas[c])]
    nombre = {c: normalizar(g.etiqueta(c)) for c in utiles}

    def citada(c: str) -> str:
        """La definición tapada de ``c``, entre comillas (las opciones de ``definicion``)."""
        return f"«{tapadas[c]}»"

    res = []
    for c in utiles:
        evitar = {c} | g.emparentados(c)
        # un distractor tiene otro nombre y su definición tapada no encaja en la de la respuesta
        otros = [
            o
            for o in utiles
            if o not in evitar
            and nombre[o] != nombre[c]
            and not _patron_tapado(tapadas[o]).fullmatch(g.definicion[c])
        ]
        if len(otros) < 2:
            continue
        de_su_categoria = misma_categoria(g, otros, c)
        explicacion = _explicacion_termino(g, c)
        fuente = g.fuente([c], FUENTE_DEFINICION)
        # las mismas opciones, nombradas por el término (``termino``) o por su definición tapada
        # (``definicion``)
        for tipo, enunciado, texto in (
            ("termino", f"¿Qué término se define así?\n«{tapadas[c]}»", g.etiqueta),
            ("definicion", f"¿Cuál es la definición de {nombre_con_sigla(g, c)}?", citada),
        ):
            res.append(
                candidato(
                    g,
                    tipo,
                    sujeto=c,
                    claves={c},
                    enunciado=enunciado,
                    correcta=c,
                    preferidos=de_su_categoria,
                    otros=otros,
                    explicacion=explicacion,
                    fuente=fuente,
                    texto=texto,
                )
            )
    return res
