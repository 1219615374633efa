"""YAML con números de línea y mensajes del esquema: el texto de un foro -> datos de Python y, para
cada ruta dentro de ellos, la línea del archivo donde está (para citar ``archivo:línea``).

Entrada: el texto YAML y el nombre del archivo. Salida: ``(datos, lineas)``; los errores de
sintaxis y del esquema (``grafo/datos/esquema-foro.json``) se dicen en español con su ruta legible.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import yaml

from grafo.base import recursos
from grafo.base.errores import FuenteInvalidaError

__all__ = ["Ruta", "leer_yaml", "linea", "mensaje_esquema", "ruta_legible", "validador"]

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


def leer_yaml(texto: str, nombre: str) -> tuple[Any, dict[Ruta, int]]:
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


def linea(lineas: Mapping[Ruta, int], ruta: Ruta) -> int:
    """La línea de ``ruta`` (o de su ancestro más cercano que tenga una)."""
    while ruta and ruta not in lineas:
        ruta = ruta[:-1]
    return lineas.get(ruta, 1)


# --- esquema -------------------------------------------------------------------------------------


def _esquema() -> dict[str, Any]:
    datos: dict[str, Any] = json.loads(recursos.esquema_foro().read_text(encoding="utf-8"))
    return datos


@functools.cache
def validador() -> Any:
    """El validador del esquema, creado una vez (se reutiliza para cada foro)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_esquema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def ruta_legible(ruta: Ruta) -> str:
    """``sesiones[2].hora`` a partir de ``("sesiones", 1, "hora")``."""
    partes: list[str] = []
    for p in ruta:
        partes.append(f"[{p + 1}]" if isinstance(p, int) else ("." if partes else "") + p)
    return "".join(partes) or "(raíz)"


def mensaje_esquema(error: Any) -> str:
    """Un error de ``jsonschema`` dicho en español, con la ruta legible donde está."""
    v, valor = error.validator, error.validator_value
    donde = ruta_legible(tuple(error.absolute_path))
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
