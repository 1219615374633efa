"""Los dos motores SPARQL sobre un almacén: Oxigraph (el de siempre) y rdflib (para comparar).

Entrada: un ``pyoxigraph.Store`` abierto y un ``Pedido`` ya comprobado por ``politica.asegurar``.
Salida: un ``Resultado`` con columnas en orden y celdas de texto: IRIs como texto, literales por su
valor, ``xsd:dateTime`` como AAAA-MM-DD; las columnas ``param_*`` no se muestran y las filas de
``CONSTRUCT``/``DESCRIBE`` se ordenan. rdflib lee el almacén (como N-Quads) una vez por proceso.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from grafo.base.errores import ConsultaInvalidaError
from grafo.consultas.pedido import Pedido
from grafo.consultas.politica import posicion_original
from grafo.consultas.valores import valor_python

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset

__all__ = [
    "MOTORES",
    "Motor",
    "Resultado",
    "celda_oxigraph",
    "consultar_oxigraph",
    "evaluar_oxigraph",
    "evaluar_rdflib",
    "texto_de_termino",
    "valor_oxigraph",
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
    #: Celdas de texto; con ``celdas="python"``, valores de Python (``grafo.consultas.valores``).
    filas: list[list[Any]] = field(default_factory=list)
    booleano: bool | None = None

    def como_dicts(self) -> list[dict[str, Any]]:
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


def valor_oxigraph(t: Any) -> object:
    """El valor de Python de un término de pyoxigraph (``None`` si no hay valor)."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.Literal):
        return valor_python(t.value, "literal", t.datatype.value)
    return valor_python(t.value, "bnode" if isinstance(t, ox.BlankNode) else "uri")


def _celda_rdflib(t: Any) -> str:
    from rdflib import Literal as RLiteral

    if t is None:
        return ""
    if isinstance(t, RLiteral):
        return texto_de_termino(str(t), str(t.datatype) if t.datatype else None)
    return str(t)


def _valor_rdflib(t: Any) -> object:
    from rdflib import BNode
    from rdflib import Literal as RLiteral

    if t is None:
        return None
    if isinstance(t, RLiteral):
        return valor_python(str(t), "literal", str(t.datatype) if t.datatype else None)
    return valor_python(str(t), "bnode" if isinstance(t, BNode) else "uri")


def _orden(fila: list[Any]) -> list[str]:
    """Orden de las filas de CONSTRUCT/DESCRIBE: por su texto (con valores de Python, también)."""
    return [str(c) for c in fila]


def _medida(fila: list[Any]) -> int:
    return sum(len(c) if isinstance(c, str) else len(str(c)) for c in fila)


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
    celda: Callable[[Any], Any] = valor_oxigraph if pedido.celdas == "python" else celda_oxigraph
    filas: list[list[Any]] = []
    if isinstance(res, ox.QuerySolutions):
        columnas = [v.value for v in res.variables if not v.value.startswith(_OCULTAS)]
        for sol in res:
            fila = [celda(sol[c]) for c in columnas]
            vigia(_medida(fila) + 8 * len(fila))
            filas.append(fila)
        return Resultado(columnas, filas)
    for tr in res:
        fila = [celda(t) for t in (tr.subject, tr.predicate, tr.object)]
        vigia(_medida(fila) + 24)
        filas.append(fila)
    return Resultado(list(_TRIPLE), sorted(filas, key=_orden))


def evaluar_rdflib(store: ox.Store, pedido: Pedido, vigia: Callable[[int], None] = _sin_vigia) -> Resultado:
    """Las filas de ``pedido`` con rdflib sobre el mismo almacén (leído como N-Quads)."""
    import rdflib.plugins.sparql as rsparql
    from pyparsing import ParseException

    rsparql.SPARQL_LOAD_GRAPHS = False  # FROM nunca lee de la red ni de archivos
    ds = _dataset_rdflib(store)
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
    celda: Callable[[Any], Any] = _valor_rdflib if pedido.celdas == "python" else _celda_rdflib
    filas: list[list[Any]] = []
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        assert res.graph is not None
        for tr in res.graph:
            fila = [celda(t) for t in tr]
            vigia(_medida(fila) + 24)
            filas.append(fila)
        return Resultado(list(_TRIPLE), sorted(filas, key=_orden))
    columnas = [str(v) for v in res.vars or [] if not str(v).startswith(_OCULTAS)]
    for r in res:
        fila = [celda(r[c]) for c in columnas]  # type: ignore[call-overload,index]
        vigia(_medida(fila) + 8 * len(fila))
        filas.append(fila)
    return Resultado(columnas, filas)


#: El almacén leído por rdflib, una vez por proceso: (almacén, su copia en rdflib). Se guarda el
#: almacén mismo para que su ``id`` no se reutilice mientras la copia viva.
_LEIDO: list[tuple[ox.Store, Dataset]] = []


def _dataset_rdflib(store: ox.Store) -> Dataset:
    """El contenido de ``store`` como ``rdflib.Dataset`` (unión por defecto), leído una sola vez."""
    import pyoxigraph as ox
    from rdflib import Dataset

    for guardado, ds in _LEIDO:
        if guardado is store:
            return ds
    datos = store.dump(format=ox.RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=datos, format="nquads")
    ds.default_union = True
    _LEIDO[:] = [(store, ds)]
    return ds
