"""Etapa *consultas*: consultas SPARQL con nombre (.rq) + parámetros -> filas.

Las consultas son de solo lectura: se rechazan actualizaciones, ``SERVICE`` y ``FROM``
antes de evaluar. Los valores de los parámetros entran como *bindings* (``initBindings``
en rdflib, ``substitutions`` en pyoxigraph), nunca formateados dentro del texto SPARQL.

Cabecera de un ``.rq`` (comentarios al inicio)::

    # Título: Competencias por instrumento y nivel
    # Responde: quién hace qué sobre cada instrumento, con qué base legal y desde cuándo.
    # Parámetro: nivel (nivel) Nivel de gobierno: Nacional, Regional o Local.
    # Ejemplo: grafo consulta competencias --param nivel=Regional

Cada parámetro ``X`` se enlaza a la variable ``?param_X``, que la consulta debe proyectar en su
``SELECT`` (sustitución según SPARQL-dev SEP-0007, como hace pyoxigraph); las columnas ``param_*``
no se muestran. Dentro de expresiones, un parámetro opcional se prueba con
``sameTerm(COALESCE(?param_X, <urn:grafo-territorial:sin-valor>), <urn:grafo-territorial:sin-valor>)``
y nunca con ``BOUND`` ni ``BIND``: pyoxigraph no sustituye ahí y el resultado diferiría de rdflib.
Tipos: ``concepto``, ``nivel``, ``tipo_actor``, ``actor``, ``entidad`` (concepto, actor o
nivel), ``sector``, ``sesion``, ``grupo`` (número o nombre), ``tipo_enunciado``, ``fecha``
(AAAA-MM-DD), ``texto``, ``entero``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any
from typing import Literal as Lit

from rdflib import Dataset, Literal, Variable
from rdflib.term import Identifier, Node

from . import recursos
from .errores import ConsultaInvalidaError, TerminoDesconocidoError
from .espacios import GT, PREFIJOS, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "FORMATOS",
    "Consulta",
    "Parametro",
    "Resultado",
    "cargar_consulta",
    "consulta_de_texto",
    "consultas_disponibles",
    "ejecutar",
    "ejecutar_oxigraph",
    "ejecutar_rdflib",
    "formatear",
    "parametros_a_vinculos",
    "verificar_solo_lectura",
]

Motor = Lit["oxigraph", "rdflib"]
FORMATOS = ("tabla", "csv", "json", "md")
_OCULTAS = "param_"
_PROHIBIDOS = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP"}
_TIPOS = (
    "concepto", "nivel", "tipo_actor", "actor", "entidad", "sector", "sesion", "grupo", "tipo_enunciado",
    "fecha", "texto", "entero",
)  # fmt: skip
_RE_PARAM = re.compile(
    r"^(?P<nombre>[a-z_][a-z0-9_]*)\s*\((?P<tipo>[a-z_]+)(?P<oblig>,\s*obligatorio)?\)\s*(?P<desc>.*)$"
)


@dataclass(frozen=True)
class Parametro:
    """Un parámetro declarado en la cabecera de una consulta."""

    nombre: str
    tipo: str
    descripcion: str = ""
    obligatorio: bool = False

    @property
    def variable(self) -> Variable:
        """La variable SPARQL que recibe el valor."""
        return Variable(f"param_{self.nombre}")


@dataclass(frozen=True)
class Consulta:
    """Una consulta SPARQL con su cabecera."""

    nombre: str
    texto: str
    titulo: str = ""
    descripcion: str = ""
    parametros: tuple[Parametro, ...] = ()
    ejemplo: str = ""


@dataclass
class Resultado:
    """Filas de una consulta: columnas en orden y valores legibles."""

    columnas: list[str]
    filas: list[list[str]] = field(default_factory=list)


def _leer_cabecera(nombre: str, texto: str) -> Consulta:
    titulo = descripcion = ejemplo = ""
    parametros: list[Parametro] = []
    for linea in texto.splitlines():
        linea = linea.strip()
        if not linea:
            continue
        if not linea.startswith("#"):
            break
        contenido = linea.lstrip("#").strip()
        clave, _, valor = contenido.partition(":")
        clave = clave.strip().lower()
        valor = valor.strip()
        if clave in ("título", "titulo"):
            titulo = valor
        elif clave == "responde":
            descripcion = valor
        elif clave == "ejemplo":
            ejemplo = valor
        elif clave in ("parámetro", "parametro"):
            m = _RE_PARAM.match(valor)
            if not m or m.group("tipo") not in _TIPOS:
                raise ConsultaInvalidaError(
                    f"consulta '{nombre}': parámetro mal declarado: '{valor}'. "
                    f"Forma: 'nombre (tipo) descripción', tipos: {', '.join(_TIPOS)}."
                )
            parametros.append(
                Parametro(m.group("nombre"), m.group("tipo"), m.group("desc"), bool(m.group("oblig")))
            )
    return Consulta(nombre, texto, titulo, descripcion, tuple(parametros), ejemplo)


def consulta_de_texto(texto: str, nombre: str = "consulta") -> Consulta:
    """Una ``Consulta`` a partir de su texto (cabecera opcional)."""
    return _leer_cabecera(nombre, texto)


def _de_recurso(archivo: Traversable) -> Consulta:
    return consulta_de_texto(archivo.read_text(encoding="utf-8"), archivo.name.removesuffix(".rq"))


def consultas_disponibles() -> list[Consulta]:
    """Las consultas con nombre empaquetadas, en orden alfabético."""
    return [_de_recurso(f) for f in recursos.archivos_consultas()]


def cargar_consulta(nombre: str) -> Consulta:
    """La consulta con nombre ``nombre``; error claro con las disponibles si no existe."""
    archivo = recursos.archivo_consulta(nombre)
    if archivo is None:
        nombres = ", ".join(c.nombre for c in consultas_disponibles())
        raise ConsultaInvalidaError(
            f"no existe la consulta '{nombre}'. Consultas disponibles: {nombres}. "
            "También puede pasar un archivo .rq o '-' para leer de la entrada estándar."
        )
    return _de_recurso(archivo)


# --- seguridad -----------------------------------------------------------------------------


def _recorrer(nodo: Any, visto: set[int]) -> Any:
    """Recorre un árbol de álgebra de rdflib y devuelve el primer nombre prohibido."""
    from pyparsing import ParseResults

    if id(nodo) in visto:
        return None
    visto.add(id(nodo))
    nombre = getattr(nodo, "name", None)
    if nombre in _PROHIBIDOS:
        return _PROHIBIDOS[nombre]
    if isinstance(nodo, dict):
        hijos: Any = list(nodo.values())
    elif isinstance(nodo, list | tuple | ParseResults):
        hijos = list(nodo)
    else:
        return None
    for h in hijos:
        r = _recorrer(h, visto)
        if r:
            return r
    return None


def verificar_solo_lectura(consulta: Consulta) -> None:
    """Rechaza lo que no sea una consulta de lectura autocontenida."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        arbol = parseQuery(consulta.texto)
    except ParseException as e:
        try:
            parseUpdate(consulta.texto)
        except ParseException:
            raise ConsultaInvalidaError(
                f"consulta '{consulta.nombre}': SPARQL mal formado en la línea {e.lineno}, "
                f"columna {e.col}: {e.msg}. Revise la sintaxis cerca de: {e.line.strip()!r}"
            ) from e
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': es una actualización (INSERT/DELETE/LOAD...). "
            "El grafo es de solo lectura: use SELECT, ASK, CONSTRUCT o DESCRIBE."
        ) from e
    consulta_alg = arbol[1]
    if "datasetClause" in consulta_alg:
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': FROM / FROM NAMED no están permitidos "
            "(las consultas no leen archivos ni la red). Use GRAPH <...> sobre los grafos cargados."
        )
    prohibido = _recorrer(arbol, set())
    if prohibido:
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': {prohibido} no está "
            "permitido: las consultas no pueden acceder a la red ni a archivos."
        )


# --- parámetros ------------------------------------------------------------------------------


def _valor_parametro(ds: Dataset, consulta: Consulta, p: Parametro, texto: str) -> Identifier:
    from .glosario import resolver

    if p.tipo == "texto":
        return Literal(texto)
    if p.tipo == "entero":
        try:
            return Literal(int(texto))
        except ValueError as e:
            raise ConsultaInvalidaError(
                f"consulta '{consulta.nombre}': el parámetro '{p.nombre}' debe ser un entero, no '{texto}'."
            ) from e
    if p.tipo == "fecha":
        try:
            d = date.fromisoformat(texto)
        except ValueError as e:
            raise ConsultaInvalidaError(
                f"consulta '{consulta.nombre}': el parámetro '{p.nombre}' debe ser una fecha "
                f"AAAA-MM-DD, no '{texto}'."
            ) from e
        return Literal(f"{d.isoformat()}T00:00:00-05:00", datatype=XSD.dateTime)
    clases = {
        "concepto": GT.ConceptoTerritorial,
        "nivel": GT.NivelDeGobierno,
        "actor": GT.Actor,
        "entidad": (GT.ConceptoTerritorial, GT.Actor, GT.NivelDeGobierno),
        "sector": GT.Sector,
        "sesion": GT.Sesion,
        "grupo": GT.GrupoDeTrabajo,
        "tipo_enunciado": GT.TipoDeEnunciado,
        "tipo_actor": None,
    }[p.tipo]
    if p.tipo == "grupo" and texto.strip().isdigit():
        texto = f"Grupo {texto.strip()}"
    try:
        return resolver(ds, texto, clases)
    except TerminoDesconocidoError as e:
        raise ConsultaInvalidaError(f"consulta '{consulta.nombre}', parámetro '{p.nombre}': {e}") from e


def parametros_a_vinculos(
    ds: Dataset, consulta: Consulta, params: dict[str, str]
) -> dict[Variable, Identifier]:
    declarados = {p.nombre: p for p in consulta.parametros}
    desconocidos = sorted(set(params) - set(declarados))
    if desconocidos:
        lista = ", ".join(declarados) or "ninguno"
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': parámetro desconocido '{desconocidos[0]}'. "
            f"Parámetros admitidos: {lista}."
        )
    faltan = [p.nombre for p in consulta.parametros if p.obligatorio and p.nombre not in params]
    if faltan:
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': falta el parámetro obligatorio '{faltan[0]}'. "
            f"Uso: --param {faltan[0]}=VALOR"
        )
    return {
        declarados[k].variable: _valor_parametro(ds, consulta, declarados[k], v) for k, v in params.items()
    }


# --- ejecución -------------------------------------------------------------------------------


def _texto_celda(valor: Node | None) -> str:
    if valor is None:
        return ""
    if isinstance(valor, Literal):
        if valor.datatype == XSD.dateTime:
            return str(valor)[:10]
        return str(valor)
    return str(valor)


def ejecutar_oxigraph(
    store: ox.Store, consulta: Consulta, vinc: dict[Variable, Identifier] | None = None
) -> Resultado:
    """Ejecuta ``consulta`` (ya verificada) en un ``pyoxigraph.Store`` con la unión como grafo por defecto."""
    import pyoxigraph as ox

    from .almacen import de_oxigraph, termino_oxigraph

    vinc = vinc or {}
    try:
        res = store.query(
            consulta.texto,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(str(k)): termino_oxigraph(v) for k, v in vinc.items()},
        )
    except (SyntaxError, RuntimeError, OSError) as e:
        raise ConsultaInvalidaError(
            f"consulta '{consulta.nombre}': {e}. Los parámetros deben proyectarse en el SELECT "
            "como ?param_NOMBRE."
        ) from e
    if isinstance(res, ox.QueryBoolean):
        return Resultado(["resultado"], [["true" if bool(res) else "false"]])
    if isinstance(res, ox.QuerySolutions):
        columnas = [v.value for v in res.variables if not v.value.startswith(_OCULTAS)]
        filas = [[_texto_celda(de_oxigraph(sol[c])) for c in columnas] for sol in res]
        return Resultado(columnas, filas)
    filas = [[_texto_celda(de_oxigraph(t)) for t in (tr.subject, tr.predicate, tr.object)] for tr in res]
    return Resultado(["sujeto", "predicado", "objeto"], filas)


def ejecutar_rdflib(
    ds: Dataset, consulta: Consulta, vinc: dict[Variable, Identifier] | None = None
) -> Resultado:
    """Ejecuta ``consulta`` (ya verificada) con rdflib sobre la unión de los grafos de ``ds``."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        preparada = prepareQuery(consulta.texto, initNs=PREFIJOS)
    except Exception as e:  # rdflib lanza Exception genérica (prefijo desconocido)
        raise ConsultaInvalidaError(f"consulta '{consulta.nombre}': {e}") from e
    ds.default_union = True
    res = ds.query(preparada, initBindings={str(k): v for k, v in (vinc or {}).items()})
    if res.type == "ASK":
        return Resultado(["resultado"], [["true" if res.askAnswer else "false"]])
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        assert res.graph is not None
        filas = [[_texto_celda(t) for t in tr] for tr in res.graph]
        return Resultado(["sujeto", "predicado", "objeto"], filas)
    columnas = [str(v) for v in res.vars or [] if not str(v).startswith(_OCULTAS)]
    filas = [[_texto_celda(fila[c]) for c in columnas] for fila in res]  # type: ignore[call-overload,index]
    return Resultado(columnas, filas)


def ejecutar(
    ds: Dataset, consulta: Consulta, params: dict[str, str] | None = None, motor: Motor = "oxigraph"
) -> Resultado:
    """Ejecuta ``consulta`` sobre ``ds`` (unión de sus grafos) con ``params`` como bindings."""
    verificar_solo_lectura(consulta)
    vinc = parametros_a_vinculos(ds, consulta, params or {})
    if motor == "oxigraph":
        from .almacen import a_oxigraph

        return ejecutar_oxigraph(a_oxigraph(ds), consulta, vinc)
    return ejecutar_rdflib(ds, consulta, vinc)


# --- formatos --------------------------------------------------------------------------------


def _md_celda(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def formatear(resultado: Resultado, formato: str) -> str:
    """El resultado como ``csv``, ``json``, ``md`` o ``tabla`` (texto plano alineado)."""
    if formato == "json":
        objetos = [dict(zip(resultado.columnas, f, strict=True)) for f in resultado.filas]
        return json.dumps(objetos, ensure_ascii=False, indent=2)
    if formato == "csv":
        salida = io.StringIO()
        w = csv.writer(salida, lineterminator="\n")
        w.writerow(resultado.columnas)
        w.writerows(resultado.filas)
        return salida.getvalue().rstrip("\n")
    if formato == "md":
        lineas = [
            "| " + " | ".join(resultado.columnas) + " |",
            "|" + "|".join("---" for _ in resultado.columnas) + "|",
        ]
        lineas += ["| " + " | ".join(_md_celda(c) for c in f) + " |" for f in resultado.filas]
        return "\n".join(lineas)
    if formato == "tabla":
        anchos = [
            max([len(c)] + [len(f[i]) for f in resultado.filas]) for i, c in enumerate(resultado.columnas)
        ]
        lineas = ["  ".join(c.ljust(a) for c, a in zip(resultado.columnas, anchos, strict=True))]
        lineas += ["  ".join(v.ljust(a) for v, a in zip(f, anchos, strict=True)) for f in resultado.filas]
        return "\n".join(lineas)
    raise ConsultaInvalidaError(f"formato desconocido '{formato}'. Formatos: {', '.join(FORMATOS)}.")
