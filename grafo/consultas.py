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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .aislamiento import TIEMPO_MAXIMO
from .catalogo import SEPARADOR_LISTA, Consulta
from .errores import ConsultaInvalidaError
from .parametros import aplicar_valores, resolver_parametros
from .seguridad import ConsultaSegura, asegurar, posicion_original

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .aislamiento import Pedido
    from .almacen import Almacen
    from .remoto import Endpoint

__all__ = [
    "MOTORES",
    "Resultado",
    "celda_oxigraph",
    "ejecutar",
    "evaluar_oxigraph",
    "evaluar_rdflib",
    "texto_de_termino",
]

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


def _error_motor(nombre: str, desplazamiento: int, e: Exception) -> ConsultaInvalidaError:
    import re

    mensaje = str(e)
    m = re.match(r"error at (\d+):(\d+): (.*)", mensaje, re.DOTALL)
    if m:
        linea, col = posicion_original(int(m.group(1)), int(m.group(2)), desplazamiento)
        esperado = m.group(3)
        if len(esperado) > 160:
            esperado = esperado[:157] + "..."
        mensaje = f"SPARQL mal formado en la línea {linea}, columna {col}: {esperado}"
    return ConsultaInvalidaError(f"consulta '{nombre}': {mensaje}. Revise la sintaxis ahí.")


def _sin_vigia(_n: int) -> None:
    pass


def consultar_oxigraph(store: ox.Store, pedido: Pedido) -> Any:
    """``store.query`` con el conjunto de datos del pedido: la unión de los grafos, o los grafos que
    nombran ``FROM``/``FROM NAMED`` (ya comprobados: son del almacén) o el protocolo."""
    import pyoxigraph as ox

    opciones: dict[str, Any] = {"use_default_graph_as_union": not pedido.con_conjunto}
    if pedido.grafos_por_defecto:
        opciones["default_graph"] = [ox.NamedNode(g) for g in pedido.grafos_por_defecto]
    if pedido.grafos_con_nombre:
        opciones["named_graphs"] = [ox.NamedNode(g) for g in pedido.grafos_con_nombre]
    try:
        return store.query(pedido.texto, **opciones)
    except SyntaxError as e:
        raise _error_motor(pedido.nombre, pedido.desplazamiento, e) from e
    except (RuntimeError, OSError, ValueError) as e:
        raise ConsultaInvalidaError(f"consulta '{pedido.nombre}': {e}.") from e


def evaluar_oxigraph(store: ox.Store, pedido: Pedido, vigia: Callable[[int], None] = _sin_vigia) -> Resultado:
    """Las filas de ``pedido`` en Oxigraph; ``vigia`` recibe el tamaño de cada fila (plazo y tope)."""
    import pyoxigraph as ox

    res = consultar_oxigraph(store, pedido)
    if isinstance(res, ox.QueryBoolean):
        return Resultado(["resultado"], [["true" if bool(res) else "false"]], bool(res))
    filas: list[list[str]] = []
    if isinstance(res, ox.QuerySolutions):
        columnas = [v.value for v in res.variables if not v.value.startswith(_OCULTAS)]
        for sol in res:
            fila = [celda_oxigraph(sol[c]) for c in columnas]
            vigia(sum(len(c) for c in fila) + 8 * len(fila))
            filas.append(fila)
        return Resultado(columnas, filas)
    for tr in res:
        fila = [celda_oxigraph(t) for t in (tr.subject, tr.predicate, tr.object)]
        vigia(sum(len(c) for c in fila) + 24)
        filas.append(fila)
    return Resultado(list(_TRIPLE), sorted(filas))


def evaluar_rdflib(store: ox.Store, pedido: Pedido, vigia: Callable[[int], None] = _sin_vigia) -> Resultado:
    """Las filas de ``pedido`` con rdflib sobre el mismo almacén (leído como N-Quads)."""
    import pyoxigraph as ox
    import rdflib.plugins.sparql as rsparql
    from pyparsing import ParseException
    from rdflib import Dataset

    rsparql.SPARQL_LOAD_GRAPHS = False  # FROM nunca lee de la red ni de archivos
    datos = store.dump(format=ox.RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=datos, format="nquads")
    ds.default_union = True
    try:
        res = ds.query(pedido.texto)
    except ParseException as e:
        linea, col = posicion_original(e.lineno, e.col, pedido.desplazamiento)
        raise ConsultaInvalidaError(
            f"consulta '{pedido.nombre}': SPARQL mal formado en la línea {linea}, columna {col} "
            f"(rdflib). Revise la sintaxis ahí."
        ) from e
    except Exception as e:  # rdflib lanza Exception genérica (p. ej. prefijo desconocido)
        raise ConsultaInvalidaError(f"consulta '{pedido.nombre}' (rdflib): {e}") from e
    if res.type == "ASK":
        return Resultado(["resultado"], [["true" if res.askAnswer else "false"]], bool(res.askAnswer))
    filas: list[list[str]] = []
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        assert res.graph is not None
        for tr in res.graph:
            fila = [_celda_rdflib(t) for t in tr]
            vigia(sum(len(c) for c in fila) + 24)
            filas.append(fila)
        return Resultado(list(_TRIPLE), sorted(filas))
    columnas = [str(v) for v in res.vars or [] if not str(v).startswith(_OCULTAS)]
    for r in res:
        fila = [_celda_rdflib(r[c]) for c in columnas]  # type: ignore[call-overload,index]
        vigia(sum(len(c) for c in fila) + 8 * len(fila))
        filas.append(fila)
    return Resultado(columnas, filas)


def ejecutar(
    fuente: Almacen | Endpoint,
    consulta: Consulta,
    params: dict[str, str] | None = None,
    motor: Motor = "oxigraph",
    *,
    tiempo_maximo: float | None = TIEMPO_MAXIMO,
    salir_al_vencer: bool = False,
) -> Resultado:
    """Ejecuta ``consulta`` con ``params`` sobre ``fuente`` (almacén local o endpoint remoto).

    Con ``tiempo_maximo`` (segundos; por defecto ``aislamiento.TIEMPO_MAXIMO``) la consulta se evalúa
    en un proceso aparte que se detiene al pasar el plazo o el tope de tamaño
    (``ConsultaDetenidaError``); con ``None``, en este proceso y sin plazo. ``salir_al_vencer`` (la
    CLI, con Oxigraph): en este proceso, sin arrancar otro, y al vencer el plazo se escribe el error
    y el proceso termina con código 1 (``aislamiento.evaluar_o_salir``).
    """
    if motor not in MOTORES:
        raise ConsultaInvalidaError(f"motor desconocido '{motor}'. Motores: {', '.join(MOTORES)}.")
    if tiempo_maximo is not None and not tiempo_maximo > 0:
        raise ConsultaInvalidaError(
            f"el tiempo máximo debe ser un número de segundos mayor que 0 (se dio {tiempo_maximo})."
        )
    from .almacen import Almacen

    segura = preparar(fuente, consulta, params or {})
    if not isinstance(fuente, Almacen):
        res = fuente.ejecutar(segura.texto, segura.forma, consulta.nombre)
        return _ordenar_listas(consulta, _sin_ocultas(res))
    plazo = TIEMPO_MAXIMO if tiempo_maximo is None else tiempo_maximo
    pedido = pedido_de(segura, consulta.nombre, motor=motor, tiempo_maximo=plazo)
    if tiempo_maximo is None:
        evaluar = evaluar_rdflib if motor == "rdflib" else evaluar_oxigraph
        res = evaluar(fuente.store, pedido)
    elif salir_al_vencer and motor == "oxigraph":  # rdflib retiene el GIL: siempre en otro proceso
        from .aislamiento import evaluar_o_salir

        res = evaluar_o_salir(fuente.store, pedido)
    else:
        res = fuente.evaluador().evaluar(pedido)
    return _ordenar_listas(consulta, res)


def preparar(fuente: Almacen | Endpoint, consulta: Consulta, params: dict[str, str]) -> ConsultaSegura:
    """La consulta comprobada, con los parámetros enlazados (``VALUES``) y los prefijos del proyecto.

    El texto de la consulta se comprueba antes de resolver los parámetros en ``fuente`` (nada se lee
    para una consulta prohibida) y otra vez con los valores puestos.
    """
    from .almacen import Almacen

    grafos = (lambda: fuente.grafos) if isinstance(fuente, Almacen) else None
    asegurar(consulta.texto, consulta.nombre, grafos)
    valores = resolver_parametros(fuente, consulta, params)
    return asegurar(aplicar_valores(consulta, valores), consulta.nombre, grafos)


def pedido_de(segura: ConsultaSegura, nombre: str, **otros: Any) -> Pedido:
    """El ``Pedido`` de una consulta comprobada: texto, dónde informar errores y su conjunto de datos."""
    from .aislamiento import Pedido

    return Pedido(
        segura.texto,
        nombre=nombre,
        desplazamiento=segura.desplazamiento,
        grafos_por_defecto=segura.desde,
        grafos_con_nombre=segura.desde_con_nombre,
        **otros,
    )


def _sin_ocultas(res: Resultado) -> Resultado:
    visibles = [i for i, c in enumerate(res.columnas) if not c.startswith(_OCULTAS)]
    if len(visibles) == len(res.columnas):
        return res
    return Resultado(
        [res.columnas[i] for i in visibles], [[f[i] for i in visibles] for f in res.filas], res.booleano
    )
