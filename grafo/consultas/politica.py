"""Las consultas son de solo lectura y no salen del grafo: comprobación antes de evaluar.

Entrada: el texto de una consulta SPARQL 1.1 (https://www.w3.org/TR/sparql11-query/#grammar).
Salida: su forma (``SELECT``, ``ASK``, ``CONSTRUCT`` o ``DESCRIBE``) y el texto que se evalúa, con
los prefijos del proyecto; o un ``ConsultaInvalidaError`` que dice qué está mal y cómo corregirlo.

Se analiza con un analizador léxico (sin rdflib, para que una consulta arranque rápido): quita
comentarios, cadenas e IRIs, y mira las palabras clave. Se rechazan:

- consultas vacías;
- actualizaciones (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``,
  ``MOVE``, ``COPY``, ``WITH``): el grafo es de solo lectura;
- ``SERVICE`` (Oxigraph y rdflib harían una petición HTTP);
- ``FROM`` / ``FROM NAMED`` salvo sobre grafos del almacén (rdflib leería el IRI de la red o de un
  archivo): con ``grafos`` (los del almacén) se aceptan esos y se devuelven para fijar el conjunto
  de datos; sin ``grafos`` (un endpoint remoto) no se acepta ninguno;
- prefijos sin declarar que no son del proyecto (con la lista de los del proyecto).

Los prefijos del proyecto (``espacios.PREFIJOS``) se aceptan sin líneas ``PREFIX`` en todos los
motores: se anteponen en la misma primera línea, así los números de línea de los errores no cambian.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from grafo.base.errores import ConsultaInvalidaError, ConsultaProhibidaError
from grafo.base.espacios import PREFIJOS, prologo

__all__ = ["ConsultaSegura", "asegurar", "posicion_original"]

_TOKENS = re.compile(
    r"""
    (?P<espacio>\s+)
  | (?P<comentario>\#[^\n]*)
  | (?P<cadena>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][\w\u00b7]+)
  | (?P<bnodo>_:[\w.\-]+)
  | (?P<nombre>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00c0-\uffff]*)?:(?:[\w.\-%:\u00c0-\uffff]|\\.)*
              |[A-Za-z_][\w\-]*)
  | (?P<otro>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ACTUALIZACION = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_FORMAS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class ConsultaSegura:
    """Una consulta comprobada: su forma y el texto que se evalúa (con los prefijos del proyecto)."""

    forma: str
    texto: str
    desplazamiento: int  # caracteres añadidos al principio de la primera línea
    desde: tuple[str, ...] = ()  # IRIs de FROM (grafos del almacén)
    desde_con_nombre: tuple[str, ...] = ()  # IRIs de FROM NAMED


def _palabras(texto: str) -> list[tuple[str, str]]:
    res = []
    for m in _TOKENS.finditer(texto):
        tipo = m.lastgroup or "otro"
        if tipo not in ("espacio", "comentario"):
            res.append((tipo, m.group()))
    return res


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _expandir(texto: str) -> str:
    """Sustituye los escapes ``\\uXXXX`` y ``\\UXXXXXXXX`` (la gramática los procesa antes de todo:
    https://www.w3.org/TR/sparql11-query/#codepointEscape; rdflib lo hace, así que ``\\u0046ROM`` es
    ``FROM``)."""

    def caracter(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:  # fuera de Unicode: el motor dará el error de sintaxis
            return m.group(0)

    return _ESCAPE.sub(caracter, texto)


#: Quien da los grafos con nombre del almacén; solo se llama si la consulta tiene ``FROM`` (listarlos
#: cuesta: ~100 ms con 100 foros).
Grafos = Callable[[], frozenset[str]]


def asegurar(texto: str, nombre: str = "consulta", grafos: Grafos | None = None) -> ConsultaSegura:
    """Comprueba que ``texto`` es una consulta de lectura autocontenida y le añade los prefijos.

    ``grafos``: da los grafos con nombre del almacén, los únicos que ``FROM``/``FROM NAMED`` pueden
    nombrar (``None``: ninguno). Se comprueba el texto tal cual y con los escapes ``\\u`` expandidos:
    ninguno de los dos puede esconder una palabra prohibida.
    """
    expandido = _expandir(texto)
    if expandido != texto:
        _comprobar(expandido, nombre, grafos)
    forma, desde, con_nombre, propios = _comprobar(texto, nombre, grafos)
    pro = prologo(excluir=propios)  # los que el texto ya declara no se repiten
    pro = pro + " " if pro else ""
    return ConsultaSegura(forma, pro + texto, len(pro), desde, con_nombre)


def _comprobar(
    texto: str, nombre: str, grafos: Grafos | None
) -> tuple[str, tuple[str, ...], tuple[str, ...], set[str]]:
    """Las comprobaciones sobre un texto; devuelve la forma de la consulta."""
    piezas = _palabras(texto)
    if not piezas:
        raise ConsultaInvalidaError(
            f"consulta '{nombre}': está vacía (solo espacios o comentarios). "
            "Escriba una consulta SELECT, ASK, CONSTRUCT o DESCRIBE."
        )
    claves = [v.upper() for t, v in piezas if t == "nombre" and ":" not in v]
    primera = next((c for c in claves if c not in ("PREFIX", "BASE")), "")
    if primera in _ACTUALIZACION:
        raise ConsultaProhibidaError(
            f"consulta '{nombre}': es una actualización ({primera}). "
            "El grafo es de solo lectura: use SELECT, ASK, CONSTRUCT o DESCRIBE."
        )
    for prohibida, motivo in (
        ("SERVICE", "SERVICE haría una petición a otro servidor"),
        ("LOAD", "LOAD leería un archivo o un IRI"),
    ):
        if prohibida in claves:
            raise ConsultaProhibidaError(
                f"consulta '{nombre}': {prohibida} no está permitido ({motivo}): las consultas no "
                "acceden a la red ni a archivos. Use GRAPH <...> sobre los grafos del almacén."
            )
    declarados = _declaraciones(piezas)
    desde, con_nombre = _desde(piezas, nombre, grafos, declarados)
    forma = next((c for c in claves if c in _FORMAS), "")
    if not forma:
        raise ConsultaInvalidaError(
            f"consulta '{nombre}': no es SELECT, ASK, CONSTRUCT ni DESCRIBE. "
            "El grafo es de solo lectura: use una de esas formas."
        )
    _prefijos_usados(piezas, nombre, declarados)
    return forma, desde, con_nombre, set(declarados)


def _declaraciones(piezas: list[tuple[str, str]]) -> dict[str, str]:
    """Los prefijos que declara el texto (``PREFIX p: <iri>``): prefijo -> IRI."""
    declarados: dict[str, str] = {}
    for i, (tipo, valor) in enumerate(piezas):
        if tipo == "nombre" and ":" in valor and i > 0 and piezas[i - 1][1].upper() == "PREFIX":
            siguiente = piezas[i + 1] if i + 1 < len(piezas) else ("", "")
            declarados[valor.split(":", 1)[0]] = siguiente[1][1:-1] if siguiente[0] == "iri" else ""
    return declarados


def _desde(
    piezas: list[tuple[str, str]], nombre: str, grafos: Grafos | None, declarados: dict[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Los IRIs de ``FROM`` y ``FROM NAMED``; error si alguno no es un grafo del almacén."""
    prefijos = {**PREFIJOS, **declarados}
    del_almacen: frozenset[str] | None = None
    desde: list[str] = []
    con_nombre: list[str] = []
    i = 0
    while i < len(piezas):
        tipo, valor = piezas[i]
        if not (tipo == "nombre" and valor.upper() == "FROM"):
            i += 1
            continue
        destino = desde
        i += 1
        if i < len(piezas) and piezas[i][0] == "nombre" and piezas[i][1].upper() == "NAMED":
            destino = con_nombre
            i += 1
        iri = ""
        if i < len(piezas):
            t, v = piezas[i]
            if t == "iri":
                iri = v[1:-1]
            elif t == "nombre" and ":" in v:
                pre, _, local = v.partition(":")
                iri = prefijos[pre] + local if pre in prefijos else v
        if grafos is not None and del_almacen is None:
            del_almacen = grafos()
        if not iri or del_almacen is None or iri not in del_almacen:
            donde = (
                f"El almacén tiene {len(del_almacen)} grafos; para verlos: "
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }."
                if del_almacen is not None
                else "Con un endpoint remoto no se admite FROM: use GRAPH <...>."
            )
            raise ConsultaProhibidaError(
                f"consulta '{nombre}': FROM <{iri or '?'}> no está permitido: FROM y FROM NAMED solo "
                f"pueden nombrar grafos del almacén (otro IRI leería un archivo o la red). {donde}"
            )
        destino.append(iri)
        i += 1
    return tuple(desde), tuple(con_nombre)


def _prefijos_usados(piezas: list[tuple[str, str]], nombre: str, declarados: dict[str, str]) -> None:
    """Error si el texto usa un prefijo que no declara y no es del proyecto."""
    usados: dict[str, str] = {}
    for i, (tipo, valor) in enumerate(piezas):
        if tipo != "nombre" or ":" not in valor:
            continue
        if not (i > 0 and piezas[i - 1][1].upper() == "PREFIX"):
            usados.setdefault(valor.split(":", 1)[0], valor)
    faltan = [p for p in usados if p not in PREFIJOS and p not in declarados]
    if faltan:
        raise ConsultaInvalidaError(
            f"consulta '{nombre}': el prefijo '{faltan[0]}:' (en {usados[faltan[0]]}) no está declarado. "
            f"Añada 'PREFIX {faltan[0]}: <...>' o use uno de los del proyecto: "
            f"{', '.join(p + ':' for p in PREFIJOS)}."
        )


def posicion_original(linea: int, columna: int, desplazamiento: int) -> tuple[int, int]:
    """Traduce una posición del texto evaluado a la del texto del usuario."""
    if linea == 1:
        return 1, max(1, columna - desplazamiento)
    return linea, columna
