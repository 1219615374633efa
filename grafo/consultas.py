"""Etapa *consultas*: una consulta (con nombre, archivo o texto) + parámetros -> filas exactas.

Entrada: una ``Consulta`` del catálogo, los parámetros del usuario y dónde evaluarla: el almacén
construido (motor ``oxigraph``, por defecto), el mismo almacén leído por rdflib (motor ``rdflib``) o
un endpoint SPARQL 1.1 remoto. Salida: un ``Resultado`` con columnas en orden y celdas de texto.

Pasos: ``seguridad.asegurar`` (solo lectura, sin red ni archivos, prefijos del proyecto),
``parametros`` (valores como términos RDF en un bloque ``VALUES``), evaluación en el motor, y
celdas legibles: IRIs como texto, literales por su valor, ``xsd:dateTime`` como AAAA-MM-DD. Las
columnas ``param_*`` no se muestran. Las celdas de las columnas ``Lista:`` (``GROUP_CONCAT``) se
ordenan por partes, y las filas de ``CONSTRUCT``/``DESCRIBE`` se ordenan: la salida es la misma
byte a byte de una ejecución a otra y entre motores, salvo las etiquetas de nodos anónimos, que cada
motor (y cada ejecución de rdflib) elige a su manera; ninguna consulta del catálogo los devuelve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .catalogo import SEPARADOR_LISTA, Consulta
from .errores import ConsultaInvalidaError
from .parametros import aplicar_valores, resolver_parametros
from .seguridad import ConsultaSegura, asegurar, posicion_original

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .almacen import Almacen
    from .remoto import Endpoint

__all__ = ["MOTORES", "Resultado", "celda_oxigraph", "ejecutar", "texto_de_termino"]

Motor = Literal["oxigraph", "rdflib"]
MOTORES = ("oxigraph", "rdflib")
_OCULTAS = "param_"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TRIPLE = ["sujeto", "predicado", "objeto"]


@dataclass
class Resultado:
    """Filas de una consulta: columnas en orden y valores legibles (``booleano`` para ASK)."""

    columnas: list[str]
    filas: list[list[str]] = field(default_factory=list)
    booleano: bool | None = None

    def como_dicts(self) -> list[dict[str, str]]:
        """Las filas como diccionarios con las columnas en orden."""
        return [dict(zip(self.columnas, f, strict=True)) for f in self.filas]


def texto_de_termino(valor: str | None, datatype: str | None = None) -> str:
    """El texto de una celda: el valor léxico; ``xsd:dateTime`` se muestra como AAAA-MM-DD."""
    if valor is None:
        return ""
    if datatype == _XSD + "dateTime":
        return valor[:10]
    return valor


def celda_oxigraph(t: Any) -> str:
    """El texto de una celda a partir de un término de pyoxigraph (``""`` si no hay valor)."""
    import pyoxigraph as ox

    if t is None:
        return ""
    if isinstance(t, ox.Literal):
        return texto_de_termino(t.value, t.datatype.value)
    return str(t.value)


def _celda_rdflib(t: Any) -> str:
    from rdflib import Literal as RLiteral

    if t is None:
        return ""
    if isinstance(t, RLiteral):
        return texto_de_termino(str(t), str(t.datatype) if t.datatype else None)
    return str(t)


def _ordenar_listas(consulta: Consulta, res: Resultado) -> Resultado:
    indices = [i for i, c in enumerate(res.columnas) if c in consulta.listas]
    if not indices:
        return res
    for fila in res.filas:
        for i in indices:
            if fila[i]:
                fila[i] = SEPARADOR_LISTA.join(sorted(fila[i].split(SEPARADOR_LISTA)))
    return res


def _error_motor(consulta: Consulta, segura: ConsultaSegura, e: Exception) -> ConsultaInvalidaError:
    import re

    mensaje = str(e)
    m = re.match(r"error at (\d+):(\d+): (.*)", mensaje, re.DOTALL)
    if m:
        linea, col = posicion_original(int(m.group(1)), int(m.group(2)), segura.desplazamiento)
        esperado = m.group(3)
        if len(esperado) > 160:
            esperado = esperado[:157] + "..."
        mensaje = f"SPARQL mal formado en la línea {linea}, columna {col}: {esperado}"
    return ConsultaInvalidaError(f"consulta '{consulta.nombre}': {mensaje}. Revise la sintaxis ahí.")


def _oxigraph(store: ox.Store, consulta: Consulta, segura: ConsultaSegura, texto: str) -> Resultado:
    import pyoxigraph as ox

    try:
        res = store.query(texto, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise _error_motor(consulta, segura, e) from e
    except (RuntimeError, OSError, ValueError) as e:
        raise ConsultaInvalidaError(f"consulta '{consulta.nombre}': {e}.") from e
    if isinstance(res, ox.QueryBoolean):
        return Resultado(["resultado"], [["true" if bool(res) else "false"]], bool(res))
    if isinstance(res, ox.QuerySolutions):
        columnas = [v.value for v in res.variables if not v.value.startswith(_OCULTAS)]
        return Resultado(columnas, [[celda_oxigraph(sol[c]) for c in columnas] for sol in res])
    filas = [[celda_oxigraph(t) for t in (tr.subject, tr.predicate, tr.object)] for tr in res]
    return Resultado(list(_TRIPLE), sorted(filas))


def _rdflib(almacen: Almacen, consulta: Consulta, segura: ConsultaSegura, texto: str) -> Resultado:
    from pyparsing import ParseException
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=almacen.cuadruplos_nquads(), format="nquads")
    ds.default_union = True
    try:
        res = ds.query(texto)
    except ParseException as e:
        linea, col = posicion_original(e.lineno, e.col, segura.desplazamiento)
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': SPARQL mal formado en la línea {linea}, columna {col} "
            f"(rdflib). Revise la sintaxis ahí."
        ) from e
    except Exception as e:  # rdflib lanza Exception genérica (p. ej. prefijo desconocido)
        raise ConsultaInvalidaError(f"consulta '{consulta.nombre}' (rdflib): {e}") from e
    if res.type == "ASK":
        return Resultado(["resultado"], [["true" if res.askAnswer else "false"]], bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        assert res.graph is not None
        return Resultado(list(_TRIPLE), sorted([_celda_rdflib(t) for t in tr] for tr in res.graph))
    columnas = [str(v) for v in res.vars or [] if not str(v).startswith(_OCULTAS)]
    filas = [[_celda_rdflib(fila[c]) for c in columnas] for fila in res]  # type: ignore[call-overload,index]
    return Resultado(columnas, filas)


def ejecutar(
    fuente: Almacen | Endpoint,
    consulta: Consulta,
    params: dict[str, str] | None = None,
    motor: Motor = "oxigraph",
) -> Resultado:
    """Ejecuta ``consulta`` con ``params`` sobre ``fuente`` (almacén local o endpoint remoto)."""
    asegurar(consulta.texto, consulta.nombre)  # antes de resolver nada
    valores = resolver_parametros(fuente, consulta, params or {})
    segura = asegurar(aplicar_valores(consulta, valores), consulta.nombre)
    from .almacen import Almacen

    if not isinstance(fuente, Almacen):
        res = fuente.ejecutar(segura.texto, segura.forma, consulta.nombre)
        return _ordenar_listas(consulta, _sin_ocultas(res))
    if motor == "rdflib":
        return _ordenar_listas(consulta, _rdflib(fuente, consulta, segura, segura.texto))
    if motor != "oxigraph":
        raise ConsultaInvalidaError(f"motor desconocido '{motor}'. Motores: {', '.join(MOTORES)}.")
    return _ordenar_listas(consulta, _oxigraph(fuente.store, consulta, segura, segura.texto))


def _sin_ocultas(res: Resultado) -> Resultado:
    visibles = [i for i, c in enumerate(res.columnas) if not c.startswith(_OCULTAS)]
    if len(visibles) == len(res.columnas):
        return res
    return Resultado(
        [res.columnas[i] for i in visibles], [[f[i] for i in visibles] for f in res.filas], res.booleano
    )
