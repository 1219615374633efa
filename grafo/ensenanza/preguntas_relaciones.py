"""Preguntas de las relaciones entre instrumentos: ``relacion`` (qué instrumento completa
«ORIGEN tipo de relación …»).

No es distractor otro destino de la misma relación, ni un concepto a uno o dos pasos del origen por
otras relaciones. Si la relación ya no rige (deja de regir cuando su fuente deja de regir), la
pregunta lo dice: «(rigió hasta 2019-02-25)».
"""

from __future__ import annotations

from datetime import date

from grafo.base.texto import normalizar
from grafo.ensenanza.candidato import Candidato, candidato, en_lista, misma_categoria
from grafo.ensenanza.hechos import FUENTES_RELACION, Hechos

__all__ = ["candidatos_relacion"]


def _clase(g: Hechos, c: str) -> str:
    """«instrumento», «sistema»… (la clase del término), o «término» si tiene varias."""
    clases = sorted(g.clases.get(c, set()))
    return g.etiqueta(clases[0]).lower() if len(clases) == 1 else "término"


def candidatos_relacion(g: Hechos, hoy: date) -> list[Candidato]:
    """``relacion``: qué completa «ORIGEN tipo de relación …», con la fuente de la relación."""
    vecinos: dict[str, set[str]] = {}
    for r in g.relaciones:
        vecinos.setdefault(r.origen, set()).add(r.destino)
        vecinos.setdefault(r.destino, set()).add(r.origen)
    res = []
    for r in g.relaciones:
        fuente = "; ".join(s for p in FUENTES_RELACION if (s := g.fuente([r.iri], p)))
        if r.origen == r.destino or not fuente:
            continue
        respuestas = {x.destino for x in g.relaciones if (x.origen, x.tipo) == (r.origen, r.tipo)}
        # ni el origen (ni sus términos más amplios o más estrechos), ni lo que está a uno o dos pasos
        # de él por otras relaciones: «PDU es componente de …» no ofrece «Acondicionamiento
        # Territorial», al que contribuye la microzonificación, que contribuye al PDU
        familia = {r.origen} | g.emparentados(r.origen)
        cerca = familia.union(*(vecinos.get(e, set()) for e in familia))
        vetados = cerca.union(*(vecinos.get(e, set()) for e in cerca))
        vetados = vetados.union(*({d} | g.emparentados(d) for d in respuestas))
        clase = g.clases.get(r.destino, set())
        otros = [c for c in g.terminos if c not in vetados and g.clases.get(c, set()) & clase]
        if len(otros) < 2:
            continue
        de_su_categoria = misma_categoria(g, otros, r.destino)
        # una relación deja de regir cuando lo dice ella misma o cuando deja de regir una de sus
        # fuentes (como en relaciones_entre_instrumentos.rq)
        fines = [
            g.derogadas[x] for p in FUENTES_RELACION for x in g.citas.get((r.iri, p), []) if x in g.derogadas
        ]
        fin = min([*fines, *([r.hasta] if r.hasta else [])], default=None)
        hasta = f" (rigió hasta {fin})" if fin is not None and fin <= hoy else ""
        explicacion = r.etiqueta or f"{g.etiqueta(r.origen)} {g.etiqueta(r.tipo)} {g.etiqueta(r.destino)}"
        explicacion += f"{hasta}."
        tambien = sorted((g.etiqueta(d) for d in respuestas - {r.destino}), key=normalizar)
        if tambien:
            explicacion += f" También: {en_lista(tambien)}."
        res.append(
            candidato(
                g,
                "relacion",
                sujeto=r.origen,
                claves={f"relacion {r.origen} {r.tipo}", f"relacion {r.tipo} {r.destino}"},
                enunciado=f"¿Qué {_clase(g, r.destino)} completa la relación{hasta}?\n"
                f"«{g.etiqueta(r.origen)} {g.etiqueta(r.tipo)} …»",
                correcta=r.destino,
                preferidos=de_su_categoria,
                otros=otros,
                explicacion=explicacion,
                fuente=fuente,
                detalle=r.tipo,
                temas_tambien_de=(r.destino,),
            )
        )
    return res
