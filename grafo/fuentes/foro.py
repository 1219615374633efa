"""Etapa *fuentes*: archivo YAML de un foro -> registros validados.

Entrada: un YAML con el formato de ``grafo/datos/esquema-foro.json`` (descrito en el README).
Salida: un ``Foro`` con sus sesiones, personas, grupos, preguntas orientadoras y enunciados en
orden. Todos los problemas se informan a la vez, cada uno con ``archivo:línea``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from grafo.base.errores import FuenteInvalidaError
from grafo.fuentes.registros import (
    PUBLICO,
    AfirmacionForo,
    Enunciado,
    Foro,
    Grupo,
    Persona,
    PreguntaOrientadora,
    Resolver,
    Sesion,
)
from grafo.fuentes.yaml_con_lineas import Ruta, leer_yaml, linea, mensaje_esquema, ruta_legible, validador

__all__ = ["cargar_foro", "leer_foro"]

# --- carga ---------------------------------------------------------------------------------------


def leer_foro(ruta: Path | Any, resolver: Resolver | None = None, nombre: str | None = None) -> Foro:
    """Lee y valida un foro. ``resolver`` traduce ids de entidades (``minam``, ``gtc:zee``) a IRIs.

    Lanza ``FuenteInvalidaError`` con todos los problemas, cada uno con archivo:línea.
    """
    nombre = nombre or str(ruta)
    try:
        texto = ruta.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise FuenteInvalidaError(f"{nombre}: no se puede leer como texto UTF-8 ({e}).") from e
    datos, lineas = leer_yaml(texto, nombre)

    errores: list[tuple[int, str]] = []
    for ruta_dup in [r for r in lineas if r and r[-1] == "#duplicada"]:
        errores.append((lineas[ruta_dup], f"{ruta_legible(ruta_dup[:-1])}: clave repetida."))
    for err in sorted(validador().iter_errors(datos), key=lambda x: list(map(str, x.absolute_path))):
        errores.append((linea(lineas, tuple(err.absolute_path)), mensaje_esquema(err)))
    if errores:
        _lanzar(nombre, errores)
    foro = _construir(datos, lineas, nombre, resolver, errores)
    if errores:
        _lanzar(nombre, errores)
    return foro


def _lanzar(nombre: str, errores: list[tuple[int, str]]) -> None:
    unicos = sorted(set(errores))
    detalle = "\n".join(f"{nombre}:{linea}: {msg}" for linea, msg in unicos)
    raise FuenteInvalidaError(f"{len(unicos)} problema(s) en el foro:\n{detalle}")


def _construir(
    datos: dict[str, Any],
    lineas: dict[Ruta, int],
    nombre: str,
    resolver: Resolver | None,
    errores: list[tuple[int, str]],
) -> Foro:
    def error(ruta: Ruta, msg: str) -> None:
        errores.append((linea(lineas, ruta), msg))

    def entidad(ruta: Ruta, ref: str) -> str:
        if resolver is None:
            return ref
        iri = resolver(ref)
        if iri is None:
            error(
                ruta,
                f"'{ref}' no es un concepto, actor ni nivel del grafo. Use el id local (p. ej. 'zee', "
                "'minam', 'regional') o con prefijo ('gtc:zee'); vea 'grafo consulta glosario'.",
            )
            return ""
        return iri

    def unicos(seccion: str, elementos: list[dict[str, Any]]) -> dict[str, int]:
        vistos: dict[str, int] = {}
        for i, el in enumerate(elementos):
            ident = el["id"]
            if ident in vistos:
                error(
                    (seccion, i, "id"),
                    f"id '{ident}' repetido en '{seccion}' (ya usado en el elemento {vistos[ident] + 1}).",
                )
            else:
                vistos[ident] = i
        return vistos

    f = datos["foro"]
    personas_d = datos.get("personas", [])
    grupos_d = datos.get("grupos", [])
    preguntas_d = datos.get("preguntas_orientadoras", [])
    sesiones_d = datos["sesiones"]
    enunciados_d = datos["enunciados"]
    ids_personas = unicos("personas", personas_d)
    ids_grupos = unicos("grupos", grupos_d)
    ids_preguntas = unicos("preguntas_orientadoras", preguntas_d)
    ids_sesiones = unicos("sesiones", sesiones_d)
    ids_enunciados = unicos("enunciados", enunciados_d)
    autores = set(ids_personas) | set(ids_grupos) | {PUBLICO}

    def lista(valores: list[str]) -> str:
        return ", ".join(valores[:12]) + (" ..." if len(valores) > 12 else "")

    foro = Foro(
        id=f["id"],
        titulo=f["titulo"],
        fecha=date.fromisoformat(f["fecha"]) if _fecha_valida(f["fecha"]) else date(1, 1, 1),
        lugar=f["lugar"]["nombre"],
        ciudad=f["lugar"].get("ciudad", ""),
        archivo=nombre,
        tipo=f.get("tipo", ""),
        documento=f.get("documento", ""),
        organizadores=[
            entidad(("foro", "organizadores", i), r) for i, r in enumerate(f.get("organizadores", []))
        ],
        vacios=list(f.get("vacios", [])),
    )
    if not _fecha_valida(f["fecha"]):
        error(("foro", "fecha"), f"foro.fecha: '{f['fecha']}' no es una fecha válida AAAA-MM-DD.")
    for i, p in enumerate(personas_d):
        org = entidad(("personas", i, "organizacion"), p["organizacion"]) if "organizacion" in p else ""
        foro.personas.append(Persona(p["id"], p["nombre"], p.get("cargo", ""), org))
    foro.grupos = [Grupo(g["id"], g["nombre"]) for g in grupos_d]
    foro.preguntas = [
        PreguntaOrientadora(q["id"], q["numero"], q["texto"], q.get("pagina")) for q in preguntas_d
    ]
    for i, s in enumerate(sesiones_d):
        for j, ponente in enumerate(s.get("ponentes", [])):
            if ponente not in ids_personas:
                error(
                    ("sesiones", i, "ponentes", j),
                    f"la sesión {s['id']} cita al ponente '{ponente}', que no está en 'personas'. "
                    f"Personas definidas: {lista(list(ids_personas))}.",
                )
        foro.sesiones.append(
            Sesion(
                s["id"],
                i + 1,
                s["tipo"],
                s["titulo"],
                s.get("hora", ""),
                s.get("bloque", ""),
                tuple(s.get("ponentes", [])),
                s.get("pagina"),
            )
        )

    tipos = {e["id"]: e["tipo"] for e in enunciados_d}
    for i, e in enumerate(enunciados_d):
        r: Ruta = ("enunciados", i)
        eid = e["id"]
        if e["sesion"] not in ids_sesiones:
            error(
                (*r, "sesion"),
                f"el enunciado {eid} cita la sesión '{e['sesion']}', que no existe. "
                f"Sesiones definidas: {lista(list(ids_sesiones))}.",
            )
        if e["autor"] not in autores:
            error(
                (*r, "autor"),
                f"el enunciado {eid} cita al autor '{e['autor']}', que no existe. Autores posibles: "
                f"personas ({lista(list(ids_personas))}), grupos ({lista(list(ids_grupos))}) o '{PUBLICO}'.",
            )
        lider = e.get("parte_de", "")
        if lider:
            if lider not in ids_enunciados:
                error((*r, "parte_de"), f"el enunciado {eid} es parte de '{lider}', que no existe.")
            elif ids_enunciados[lider] >= i:
                error(
                    (*r, "parte_de"),
                    f"el enunciado {eid} es parte de '{lider}', que aparece después; "
                    "el enunciado que encabeza una lista va antes que sus elementos.",
                )
        if e.get("pregunta") and e["pregunta"] not in ids_preguntas:
            error(
                (*r, "pregunta"),
                f"el enunciado {eid} cita la pregunta orientadora '{e['pregunta']}', que no existe. "
                f"Preguntas definidas: {lista(list(ids_preguntas))}.",
            )
        if e["tipo"] == "respuesta":
            resp = e.get("responde_a", "")
            if not resp:
                error(
                    r,
                    f"el enunciado {eid} es una respuesta sin 'responde_a' (id de la pregunta que responde).",
                )
            elif resp not in ids_enunciados:
                error((*r, "responde_a"), f"el enunciado {eid} responde a '{resp}', que no existe.")
            elif tipos.get(resp) != "pregunta":
                error(
                    (*r, "responde_a"),
                    f"el enunciado {eid} responde a '{resp}', que no es de tipo 'pregunta'.",
                )
        elif e.get("responde_a"):
            error(
                (*r, "responde_a"),
                f"el enunciado {eid} tiene 'responde_a' pero su tipo es '{e['tipo']}', no 'respuesta'.",
            )
        for j, d in enumerate(e.get("dirigida_a", [])):
            if d not in ids_personas:
                error(
                    (*r, "dirigida_a", j), f"el enunciado {eid} se dirige a '{d}', que no está en 'personas'."
                )
        sector = e.get("sector")
        sectores = [sector] if isinstance(sector, str) else list(sector or [])
        if e["tipo"] == "rol" and not sectores and not e.get("nota"):
            error(
                r,
                f"el enunciado {eid} asigna un rol pero no dice a qué sector ('sector'); si el documento no lo "
                "dice, ponga 'sector: []' y una 'nota' que lo explique.",
            )
        if sectores and e["tipo"] != "rol":
            error(
                (*r, "sector"), f"el enunciado {eid} tiene 'sector' pero su tipo es '{e['tipo']}', no 'rol'."
            )
        menciona = tuple(
            iri for j, m in enumerate(e.get("menciona", [])) if (iri := entidad((*r, "menciona", j), m))
        )
        afirmaciones = []
        for j, a in enumerate(e.get("afirmaciones", [])):
            ra: Ruta = (*r, "afirmaciones", j)
            if a["relacion"] == "tieneRol":
                if not a.get("texto") or a.get("objeto"):
                    error(
                        ra,
                        f"el enunciado {eid}: una afirmación 'tieneRol' lleva 'texto' (el rol), no 'objeto'.",
                    )
            elif not a.get("objeto") or a.get("texto"):
                error(
                    ra,
                    f"el enunciado {eid}: la afirmación '{a['relacion']}' necesita 'objeto' (id de una entidad) y no 'texto'.",
                )
            sujeto = entidad((*ra, "sujeto"), a["sujeto"])
            objeto = entidad((*ra, "objeto"), a["objeto"]) if a.get("objeto") else ""
            afirmaciones.append(
                AfirmacionForo(sujeto, a["relacion"], objeto, a.get("texto", ""), a.get("modalidad", "hecho"))
            )
        foro.enunciados.append(
            Enunciado(
                id=eid, orden=i + 1, sesion=e["sesion"], autor=e["autor"], tipo=e["tipo"],
                texto=" ".join(e["texto"].split()), pagina=e["pagina"], linea=linea(lineas, r),
                parte_de=lider, pregunta=e.get("pregunta", ""), responde_a=e.get("responde_a", ""),
                dirigida_a=tuple(e.get("dirigida_a", [])), sectores=tuple(sectores), nota=e.get("nota", ""),
                menciona=menciona, afirmaciones=tuple(afirmaciones),
            )
        )  # fmt: skip
    return foro


def _fecha_valida(valor: str) -> bool:
    try:
        date.fromisoformat(valor)
    except ValueError:
        return False
    return True


def cargar_foro(ruta: Path, resolver: Resolver | None = None) -> Foro:
    """Lee un foro desde un archivo del disco (alias de ``leer_foro`` con ``Path``)."""
    return leer_foro(ruta, resolver, str(ruta))
