"""Preguntas de las competencias: ``aprueba`` (quién aprueba hoy un instrumento), ``acto`` (mediante
qué tipo de norma) y ``nivel_2013`` / ``nivel_hoy`` (qué nivel de gobierno ejerce una función).

Una sola respuesta correcta, según el grafo: no es distractor otro actor que aprueba el mismo
instrumento (en cualquier fecha), ni otro tipo de norma con que se aprueba; tampoco un actor del que
el que aprueba es parte, o que es parte de él (``org:subOrganizationOf``, ``org:memberOf``), o del
mismo nivel de gobierno (el concejo es órgano de la municipalidad aunque el grafo no los una).
Nivel de gobierno: solo si en esa fecha la función la ejerce un único nivel y ninguna competencia de
otro nivel tiene vigencia indeterminada en esa fecha.
"""

from __future__ import annotations

from datetime import date

from grafo.base.espacios import GTF
from grafo.base.texto import normalizar
from grafo.ensenanza.candidato import Candidato, candidato, en_lista, nombre_con_sigla
from grafo.ensenanza.hechos import BASE_LEGAL, FUENTE, Competencia, Hechos, cierre, inverso
from grafo.ensenanza.modelo import FECHA_2013

__all__ = ["candidatos_acto", "candidatos_aprueba", "candidatos_nivel"]

_APROBAR = GTF.iri("aprobar")


def _partes(g: Hechos, actor: str) -> set[str]:
    """Los actores de los que ``actor`` es parte o que son parte de él (transitivo)."""
    return cierre(actor, g.contenido_en) | cierre(actor, inverso(g.contenido_en))


def _titulares(g: Hechos, competencias: list[Competencia]) -> str:
    """«Gobiernos regionales (Regional, desde 2004-12-23); Ministerio del Ambiente (Nacional, desde 2008)»."""
    por_titular: dict[str, list[Competencia]] = {}
    for k in competencias:
        por_titular.setdefault(k.titular, []).append(k)
    partes = []
    for t in sorted(por_titular, key=lambda t: (normalizar(g.etiqueta(t)), t)):
        vigencias = sorted({k.vigencia.texto() for k in por_titular[t] if k.vigencia.texto()})
        cuando = f", {'; '.join(vigencias)}" if vigencias else ""
        partes.append(f"{g.etiqueta(t)} ({g.etiqueta(por_titular[t][0].nivel)}{cuando})")
    return "; ".join(partes)


def _aprobaciones(g: Hechos, i: str, hoy: date) -> tuple[list[Competencia], list[Competencia]]:
    """Las competencias de aprobar el instrumento ``i``: todas (en cualquier fecha) y las que rigen
    ``hoy``."""
    todas = [k for k in g.competencias if k.funcion == _APROBAR and k.instrumento == i]
    return todas, [k for k in todas if k.vigencia.rige(hoy)]


def _tipos_de_aprobacion(g: Hechos, i: str) -> tuple[list[str], str]:
    """Los tipos de norma mediante los que se aprueba ``i`` (por su etiqueta) y su lista con «o»
    («Ordenanza Regional u Ordenanza Municipal»; vacía si no hay ninguno)."""
    tipos = sorted(g.se_aprueba_mediante.get(i, set()), key=g.etiqueta)
    return tipos, en_lista((g.etiqueta(t) for t in tipos), o=True) if tipos else ""


def candidatos_aprueba(g: Hechos, hoy: date) -> list[Candidato]:
    """``aprueba``: quién aprueba hoy un instrumento (una pregunta por cada actor que lo aprueba)."""
    niveles_de: dict[str, set[str]] = {}
    for k in g.competencias:
        niveles_de.setdefault(k.titular, set()).add(k.nivel)
    res = []
    for i in sorted({k.instrumento for k in g.competencias if k.funcion == _APROBAR}):
        todas, vigentes = _aprobaciones(g, i, hoy)
        aprueban = sorted({k.titular for k in todas})
        vetados = set(aprueban).union(*(_partes(g, a) for a in aprueban))
        explicacion = f"Hoy aprueban {nombre_con_sigla(g, i)}: {_titulares(g, vigentes)}."
        _tipos, mediante = _tipos_de_aprobacion(g, i)
        if mediante:
            explicacion += f" Se aprueba mediante {mediante}."
        for correcto in sorted({k.titular for k in vigentes}):
            posibles = [
                a for a in sorted(niveles_de) if a not in vetados and not niveles_de[a] & niveles_de[correcto]
            ]
            fuente = g.fuente([k.iri for k in vigentes if k.titular == correcto], BASE_LEGAL)
            if len(posibles) < 2 or not fuente:
                continue
            res.append(
                candidato(
                    g,
                    "aprueba",
                    sujeto=i,
                    claves={f"aprobación de {i}"},
                    enunciado=f"Según las normas vigentes hoy, ¿quién aprueba {nombre_con_sigla(g, i)}?",
                    correcta=correcto,
                    preferidos=posibles,
                    explicacion=explicacion,
                    fuente=fuente,
                    fecha=hoy.isoformat(),
                )
            )
    return res


def candidatos_acto(g: Hechos, hoy: date) -> list[Candidato]:
    """``acto``: mediante qué tipo de norma se aprueba un instrumento (una por cada tipo)."""
    res = []
    for i in sorted(g.se_aprueba_mediante):
        tipos, mediante = _tipos_de_aprobacion(g, i)
        otros_tipos = [t for t in g.tipos_de_norma if t not in tipos]
        todas, vigentes = _aprobaciones(g, i, hoy)
        # la base legal de quien lo aprueba (hoy o, si no, alguna vez); si no, las normas y artículos
        # que cita el concepto
        fuente = (
            g.fuente([k.iri for k in vigentes], BASE_LEGAL)
            or g.fuente([k.iri for k in todas], BASE_LEGAL)
            or g.fuente([i], FUENTE)
        )
        if len(otros_tipos) < 2 or not fuente:
            continue
        explicacion = f"{nombre_con_sigla(g, i)} se aprueba mediante {mediante}."
        if vigentes:
            explicacion += f" Lo aprueban hoy: {_titulares(g, vigentes)}."
        for correcto in tipos:
            res.append(
                candidato(
                    g,
                    "acto",
                    sujeto=i,
                    claves={f"aprobación de {i}"},
                    enunciado=f"¿Mediante qué tipo de norma se aprueba {nombre_con_sigla(g, i)}?",
                    correcta=correcto,
                    preferidos=otros_tipos,
                    explicacion=explicacion,
                    fuente=fuente,
                )
            )
    return res


def candidatos_nivel(g: Hechos, fecha: date, hoy: date) -> list[Candidato]:
    """``nivel_2013`` (``fecha`` = ``FECHA_2013``) o ``nivel_hoy``: una función sobre un instrumento
    que en ``fecha`` ejerce un único nivel de gobierno."""
    en_2013 = fecha == FECHA_2013
    otra_fecha, otra = (hoy, "Hoy") if en_2013 else (FECHA_2013, "En 2013")
    res = []
    for i, f in sorted({(k.instrumento, k.funcion) for k in g.competencias}):
        suyas = [k for k in g.competencias if (k.instrumento, k.funcion) == (i, f)]
        vigentes = [k for k in suyas if k.vigencia.rige(fecha)]
        dudosas = [k for k in suyas if k.vigencia.rige(fecha) is None]
        niveles = {k.nivel for k in vigentes}
        if len(niveles) != 1 or any(k.nivel not in niveles for k in dudosas):
            continue
        (nivel,) = niveles
        fuente = g.fuente([k.iri for k in vigentes], BASE_LEGAL)
        otros = [n for n in g.niveles if n != nivel]
        if len(otros) < 2 or not fuente:
            continue
        en_la_otra = [k for k in suyas if k.vigencia.rige(otra_fecha)]
        explicacion = "En 2013 (a la fecha del foro)" if en_2013 else "Hoy"
        explicacion += f": {_titulares(g, vigentes)}. {otra}: "
        explicacion += f"{_titulares(g, en_la_otra)}." if en_la_otra else "ninguna competencia registrada."
        cuando = (
            "En 2013, ¿qué nivel de gobierno ejercía" if en_2013 else "Hoy, ¿qué nivel de gobierno ejerce"
        )
        res.append(
            candidato(
                g,
                "nivel_2013" if en_2013 else "nivel_hoy",
                sujeto=i,
                claves={f"nivel {i} {f}"},
                enunciado=f"{cuando} la función «{g.etiqueta(f)}» sobre {nombre_con_sigla(g, i)}?",
                correcta=nivel,
                preferidos=otros,
                explicacion=explicacion,
                fuente=fuente,
                detalle=f,
                fecha=fecha.isoformat(),
            )
        )
    return res
