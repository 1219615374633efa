"""Etapa *fuentes*: archivo YAML de un foro -> registros validados.

Entrada: un YAML con el formato de ``grafo/datos/esquema-foro.json`` (descrito en el README).
Salida: un ``Foro`` con sus sesiones, personas, grupos, preguntas orientadoras y enunciados en
orden. Todos los problemas se informan a la vez, cada uno con ``archivo:línea``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from grafo.base import recursos
from grafo.base.errores import FuenteInvalidaError

__all__ = [
    "RELACIONES",
    "SECTORES",
    "AfirmacionForo",
    "Enunciado",
    "Foro",
    "Grupo",
    "Persona",
    "PreguntaOrientadora",
    "Sesion",
    "cargar_foro",
    "leer_foro",
]

#: Relaciones admitidas en las afirmaciones (propiedades ``gt:`` del mismo nombre).
RELACIONES = (
    "esRectorDe", "regula", "formula", "aprueba", "ejecuta", "financia", "vigila", "esConsultadoSobre",
    "noEsConsultadoSobre", "noReconoceComoVinculante", "seBasaEn", "engloba", "debeIncorporarseEn",
    "articula", "tieneRol",
)  # fmt: skip
#: Sectores a los que se asignan roles -> id del actor ``gta:``.
SECTORES = {"empresa": "empresa-privada", "estado": "estado", "sociedad_civil": "sociedad-civil"}
PUBLICO = "publico"
ACTOR_PUBLICO = "publico-del-foro"

Resolver = Callable[[str], str | None]


@dataclass(frozen=True)
class Persona:
    """Una persona que habla en el foro."""

    id: str
    nombre: str
    cargo: str = ""
    organizacion: str = ""  # IRI del actor


@dataclass(frozen=True)
class Grupo:
    """Un grupo de trabajo."""

    id: str
    nombre: str


@dataclass(frozen=True)
class PreguntaOrientadora:
    """Una pregunta que guía el trabajo de grupos."""

    id: str
    numero: int
    texto: str
    pagina: int | None = None


@dataclass(frozen=True)
class Sesion:
    """Una sesión del programa."""

    id: str
    orden: int
    tipo: str
    titulo: str
    hora: str = ""
    bloque: str = ""
    ponentes: tuple[str, ...] = ()
    pagina: int | None = None


@dataclass(frozen=True)
class AfirmacionForo:
    """Lo que afirma un enunciado: sujeto (IRI), relación y objeto (IRI) o texto."""

    sujeto: str
    relacion: str
    objeto: str = ""
    texto: str = ""
    #: cómo lo dice el enunciado: hecho (por defecto), prioridad declarada, propuesta, condicional
    #: («articularía») o deber («debe»); la afirmación conserva la modalidad del texto
    modalidad: str = "hecho"


@dataclass(frozen=True)
class Enunciado:
    """Un enunciado del foro (viñeta o párrafo), con su procedencia."""

    id: str
    orden: int
    sesion: str
    autor: str
    tipo: str
    texto: str
    pagina: int
    linea: int
    parte_de: str = ""
    pregunta: str = ""
    responde_a: str = ""
    dirigida_a: tuple[str, ...] = ()
    sectores: tuple[str, ...] = ()
    nota: str = ""
    menciona: tuple[str, ...] = ()  # IRIs
    afirmaciones: tuple[AfirmacionForo, ...] = ()


@dataclass
class Foro:
    """Un foro completo, validado."""

    id: str
    titulo: str
    fecha: date
    lugar: str
    ciudad: str
    archivo: str
    tipo: str = ""
    documento: str = ""
    organizadores: list[str] = field(default_factory=list)
    vacios: list[str] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    grupos: list[Grupo] = field(default_factory=list)
    preguntas: list[PreguntaOrientadora] = field(default_factory=list)
    sesiones: list[Sesion] = field(default_factory=list)
    enunciados: list[Enunciado] = field(default_factory=list)


# --- YAML con números de línea ------------------------------------------------------------------

Ruta = tuple[str | int, ...]


def _a_python(nodo: yaml.Node, ruta: Ruta, lineas: dict[Ruta, int]) -> Any:
    lineas[ruta] = nodo.start_mark.line + 1
    if isinstance(nodo, yaml.MappingNode):
        res: dict[str, Any] = {}
        for k, v in nodo.value:
            clave = str(k.value)
            lineas[(*ruta, clave)] = k.start_mark.line + 1
            if clave in res:
                lineas[(*ruta, clave, "#duplicada")] = k.start_mark.line + 1
            res[clave] = _a_python(v, (*ruta, clave), lineas)
        return res
    if isinstance(nodo, yaml.SequenceNode):
        return [_a_python(v, (*ruta, i), lineas) for i, v in enumerate(nodo.value)]
    try:
        valor = _CONSTRUCTOR.construct_object(nodo, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):  # p. ej. 2020-13-45: se valida como texto
        return str(nodo.value)
    # Las fechas sin comillas (2013-09-20) llegan como date: se validan como texto AAAA-MM-DD.
    return valor.isoformat() if isinstance(valor, date) else valor


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: libyaml (8,5 veces más rápido que el cargador en Python) si está; ambos dan líneas.
_CARGADOR = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _leer_yaml(texto: str, nombre: str) -> tuple[Any, dict[Ruta, int]]:
    try:
        nodo = yaml.compose(texto, Loader=_CARGADOR)
    except yaml.MarkedYAMLError as e:
        marca = e.problem_mark or e.context_mark
        linea = marca.line + 1 if marca else 0
        raise FuenteInvalidaError(
            f"{nombre}:{linea}: YAML mal formado: {e.problem or e}. Revise la sangría y las comillas."
        ) from e
    except yaml.YAMLError as e:
        raise FuenteInvalidaError(f"{nombre}: YAML mal formado: {e}") from e
    if nodo is None:
        raise FuenteInvalidaError(
            f"{nombre}:1: el archivo está vacío; debe tener 'foro', 'sesiones' y 'enunciados'."
        )
    lineas: dict[Ruta, int] = {}
    return _a_python(nodo, (), lineas), lineas


def _linea(lineas: Mapping[Ruta, int], ruta: Ruta) -> int:
    while ruta and ruta not in lineas:
        ruta = ruta[:-1]
    return lineas.get(ruta, 1)


# --- esquema -------------------------------------------------------------------------------------


def _esquema() -> dict[str, Any]:
    datos: dict[str, Any] = json.loads(recursos.esquema_foro().read_text(encoding="utf-8"))
    return datos


@functools.cache
def _validador() -> Any:
    """El validador del esquema, creado una vez (se reutiliza para cada foro)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_esquema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _ruta_legible(ruta: Ruta) -> str:
    partes: list[str] = []
    for p in ruta:
        partes.append(f"[{p + 1}]" if isinstance(p, int) else ("." if partes else "") + p)
    return "".join(partes) or "(raíz)"


def _mensaje_esquema(error: Any) -> str:
    v, valor = error.validator, error.validator_value
    donde = _ruta_legible(tuple(error.absolute_path))
    if v == "required":
        falta = error.message.split("'")[1] if "'" in error.message else str(valor)
        return f"{donde}: falta la clave obligatoria '{falta}'."
    if v == "additionalProperties":
        extra = ", ".join(sorted(set(error.instance) - set(error.schema.get("properties", {}))))
        admitidas = ", ".join(error.schema.get("properties", {}))
        return f"{donde}: clave desconocida '{extra}'. Claves admitidas: {admitidas}."
    if v == "enum":
        return f"{donde}: valor '{error.instance}' no admitido. Use uno de: {', '.join(map(str, valor))}."
    if v == "type":
        tipos = {
            "string": "un texto",
            "integer": "un número entero",
            "array": "una lista",
            "object": "un mapa",
        }
        return f"{donde}: debe ser {tipos.get(str(valor), valor)}, no {error.instance!r}."
    if v in ("minLength", "pattern") and isinstance(error.instance, str) and not error.instance.strip():
        return f"{donde}: el texto está vacío."
    if v == "pattern":
        return f"{donde}: '{error.instance}' no tiene la forma esperada ({valor})."
    if v == "format" and valor == "date":
        return f"{donde}: '{error.instance}' no es una fecha válida AAAA-MM-DD."
    if v == "minItems":
        return f"{donde}: la lista no puede estar vacía."
    if v == "oneOf":
        return f"{donde}: valor '{error.instance}' no admitido."
    return f"{donde}: {error.message}"


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
    datos, lineas = _leer_yaml(texto, nombre)

    errores: list[tuple[int, str]] = []
    for ruta_dup in [r for r in lineas if r and r[-1] == "#duplicada"]:
        errores.append((lineas[ruta_dup], f"{_ruta_legible(ruta_dup[:-1])}: clave repetida."))
    for err in sorted(_validador().iter_errors(datos), key=lambda x: list(map(str, x.absolute_path))):
        errores.append((_linea(lineas, tuple(err.absolute_path)), _mensaje_esquema(err)))
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
        errores.append((_linea(lineas, ruta), msg))

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
                texto=" ".join(e["texto"].split()), pagina=e["pagina"], linea=_linea(lineas, r),
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
