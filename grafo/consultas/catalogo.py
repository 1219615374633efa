"""El catálogo de consultas con nombre: archivos ``.rq`` con cabecera -> ``Consulta``.

Cabecera de un ``.rq`` (comentarios al inicio)::

    # Título: Competencias por instrumento y nivel
    # Responde: quién hace qué sobre cada instrumento, con qué base legal y desde cuándo.
    # Parámetro: nivel (nivel) Nivel de gobierno: Nacional, Regional o Local.
    # Lista: base_legal
    # Ejemplo: grafo consulta competencias --param nivel=Regional

- ``Parámetro: X (tipo[, obligatorio]) descripción``: el valor llega como la variable ``?param_X``
  mediante un bloque ``VALUES`` que sustituye a la línea de marca ``#@valores`` (una o varias, p. ej.
  dentro de una subconsulta). Sin valor, la marca queda como comentario y la variable sin ligar.
- ``Lista: col1, col2``: columnas cuyas celdas son listas separadas por ``"; "`` (``GROUP_CONCAT``):
  sus partes se ordenan al leer el resultado, porque el orden de ``GROUP_CONCAT`` no está definido.

Tipos: ``concepto``, ``nivel``, ``tipo_actor``, ``actor``, ``entidad`` (concepto, actor o nivel),
``sector``, ``sesion`` (id o título), ``grupo`` (número o nombre), ``tipo_enunciado``, ``foro``
(id o título), ``fecha`` (AAAA-MM-DD), ``texto``, ``entero``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from grafo.base import recursos
from grafo.base.errores import ConsultaInvalidaError

__all__ = [
    "MARCA_VALORES",
    "SEPARADOR_LISTA",
    "TIPOS",
    "Consulta",
    "Parametro",
    "cargar_consulta",
    "consulta_de_texto",
    "consultas_disponibles",
    "lineas_catalogo",
]

MARCA_VALORES = "#@valores"
SEPARADOR_LISTA = "; "
TIPOS = (
    "concepto", "nivel", "tipo_actor", "actor", "entidad", "sector", "sesion", "grupo", "tipo_enunciado",
    "foro", "fecha", "texto", "entero",
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
    def variable(self) -> str:
        """El nombre de la variable SPARQL que recibe el valor (sin ``?``)."""
        return f"param_{self.nombre}"


@dataclass(frozen=True)
class Consulta:
    """Una consulta SPARQL con su cabecera."""

    nombre: str
    texto: str
    titulo: str = ""
    descripcion: str = ""
    parametros: tuple[Parametro, ...] = ()
    ejemplo: str = ""
    listas: tuple[str, ...] = ()

    def parametros_de_ejemplo(self) -> dict[str, str]:
        """Los pares ``--param clave=valor`` de la línea ``# Ejemplo:`` de la cabecera."""
        import shlex

        palabras = shlex.split(self.ejemplo)
        return dict(palabras[i + 1].split("=", 1) for i, p in enumerate(palabras[:-1]) if p == "--param")


def _leer_cabecera(nombre: str, texto: str) -> Consulta:
    titulo = descripcion = ejemplo = ""
    parametros: list[Parametro] = []
    listas: list[str] = []
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
        elif clave == "lista":
            listas += [c.strip() for c in valor.split(",") if c.strip()]
        elif clave in ("parámetro", "parametro"):
            m = _RE_PARAM.match(valor)
            if not m or m.group("tipo") not in TIPOS:
                raise ConsultaInvalidaError(
                    f"consulta '{nombre}': parámetro mal declarado: '{valor}'. "
                    f"Forma: 'nombre (tipo) descripción', tipos: {', '.join(TIPOS)}."
                )
            parametros.append(
                Parametro(m.group("nombre"), m.group("tipo"), m.group("desc"), bool(m.group("oblig")))
            )
    return Consulta(nombre, texto, titulo, descripcion, tuple(parametros), ejemplo, tuple(listas))


def consulta_de_texto(texto: str, nombre: str = "consulta") -> Consulta:
    """Una ``Consulta`` a partir de su texto (cabecera opcional)."""
    return _leer_cabecera(nombre, texto)


def _de_recurso(archivo: Traversable) -> Consulta:
    return consulta_de_texto(archivo.read_text(encoding="utf-8"), archivo.name.removesuffix(".rq"))


def consultas_disponibles() -> list[Consulta]:
    """Las consultas con nombre empaquetadas, en orden alfabético."""
    return [_de_recurso(f) for f in recursos.archivos_consultas()]


def lineas_catalogo(consultas: list[Consulta]) -> list[str]:
    """Las líneas de ``grafo consultas``: cada consulta con su título, su descripción, sus
    parámetros (``--param nombre=VALOR  (tipo, obligatorio) descripción``) y su ejemplo."""
    lineas = []
    for c in consultas:
        lineas.append(f"{c.nombre}: {c.titulo}")
        if c.descripcion:
            lineas.append(f"    {c.descripcion}")
        for p in c.parametros:
            ob = ", obligatorio" if p.obligatorio else ""
            lineas.append(f"    --param {p.nombre}=VALOR  ({p.tipo}{ob}) {p.descripcion}")
        if c.ejemplo:
            lineas.append(f"    ejemplo: {c.ejemplo}")
    return lineas


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
