"""Etapa *almacen*: dónde vive el grafo construido y cómo se abre para leer.

``grafo construir`` escribe en ``DIR/`` un almacén Oxigraph en disco (``DIR/almacen/``) y un
manifiesto (``DIR/manifiesto.json``: versión del paquete, cada fuente con su SHA-256, conteos,
fecha de construcción). Los lectores (``consulta``, ``definir``, ``validar``, la API) abren ese
almacén en solo lectura y nunca vuelven a leer las fuentes:

- ``--almacen DIR`` si se da;
- si no, ``./salida`` cuando contiene una construcción de ``grafo construir``;
- si no, el *grafo incluido* (vocabulario + foro de Cajamarca), construido una vez en la caché del
  usuario (platformdirs) y reconstruido solo cuando cambian la versión del paquete o una fuente.

Si las fuentes cambiaron después de construir, ``Almacen.avisos`` lo dice (una línea que nombra
qué cambió). Este módulo no importa rdflib: el camino de lectura es pyoxigraph y nada más.

También escribe archivos y directorios de forma atómica, con los permisos que da la umask.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import recursos
from .errores import AlmacenError, SalidaError
from .espacios import prologo

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.term import Identifier, Node

    from .aislamiento import Evaluador

__all__ = [
    "DIR_ALMACEN",
    "MANIFIESTO",
    "SALIDA_POR_DEFECTO",
    "Almacen",
    "FuenteHuella",
    "Lector",
    "LectorDeStore",
    "Manifiesto",
    "a_oxigraph",
    "abrir_almacen",
    "almacen_incluido",
    "de_oxigraph",
    "directorio_atomico",
    "es_construccion",
    "escribir_atomico",
    "escribir_texto_atomico",
    "escribir_varios",
    "fuentes_incluidas",
    "huella",
    "modo_por_umask",
    "origen_por_defecto",
    "seleccionar_en",
    "termino_oxigraph",
    "version_paquete",
]

DIR_ALMACEN = "almacen"
MANIFIESTO = "manifiesto.json"
SALIDA_POR_DEFECTO = Path("salida")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PAQUETE = "paquete:"


class Lector(Protocol):
    """Lo que necesitan las fichas y la resolución de términos: filas de un SELECT."""

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de ``consulta`` (con los prefijos del proyecto): variable -> valor léxico."""
        ...


# --- manifiesto -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FuenteHuella:
    """Una fuente del grafo: nombre legible, dónde está y su SHA-256."""

    nombre: str
    ruta: str  # 'paquete:grafo.ontologia/glosario.ttl' o ruta absoluta de un foro del usuario
    sha256: str


@dataclass
class Manifiesto:
    """Lo que describe una construcción."""

    version: str
    construido: str
    fuentes: list[FuenteHuella] = field(default_factory=list)
    conteos: dict[str, int] = field(default_factory=dict)
    archivos: list[str] = field(default_factory=list)
    violaciones: int = 0
    duracion_s: float = 0.0  # cuánto tardó la construcción

    def a_json(self) -> str:
        """El manifiesto como JSON legible."""
        datos = {
            "version": self.version,
            "construido": self.construido,
            "fuentes": [f.__dict__ for f in self.fuentes],
            "conteos": self.conteos,
            "violaciones": self.violaciones,
            "duracion_s": self.duracion_s,
            "archivos": self.archivos,
        }
        return json.dumps(datos, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def leer(cls, ruta: Path) -> Manifiesto:
        """Lee ``ruta``; un manifiesto ilegible es un ``AlmacenError``."""
        try:
            datos = json.loads(ruta.read_text(encoding="utf-8"))
            return cls(
                version=str(datos["version"]),
                construido=str(datos["construido"]),
                fuentes=[FuenteHuella(**f) for f in datos["fuentes"]],
                conteos={str(k): int(v) for k, v in datos["conteos"].items()},
                archivos=[str(a) for a in datos.get("archivos", [])],
                violaciones=int(datos.get("violaciones", 0)),
                duracion_s=float(datos.get("duracion_s", 0.0)),
            )
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise AlmacenError(
                f"{ruta}: manifiesto ilegible ({e}). Vuelva a ejecutar 'grafo construir'."
            ) from e


def version_paquete() -> str:
    """La versión instalada del paquete (de sus metadatos).

    Camino rápido (importlib.metadata tarda ~10 ms en importarse, y cada consulta lo pediría): el
    nombre del directorio ``grafo_territorial-X.Y.Z.dist-info`` junto al paquete instalado.
    """
    sitio = Path(__file__).resolve().parent.parent
    distribuciones = sorted(sitio.glob("grafo_territorial-*.dist-info"))
    if len(distribuciones) == 1:
        return distribuciones[0].name.removeprefix("grafo_territorial-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("grafo-territorial")
    except PackageNotFoundError:  # ejecutado desde el árbol fuente sin instalar
        return "0.0.0"


def huella(datos: bytes) -> str:
    """SHA-256 en hexadecimal."""
    return hashlib.sha256(datos).hexdigest()


def fuentes_incluidas() -> list[tuple[str, str, bytes]]:
    """Las fuentes empaquetadas que forman el grafo incluido: (nombre, ruta, contenido)."""
    archivos = [
        *(("grafo.ontologia", f) for f in recursos.archivos_ontologia()),
        ("grafo.ontologia", recursos.formas()),
        ("grafo.datos", recursos.esquema_foro()),
        *(("grafo.datos", f) for f in recursos.archivos_foros()),
    ]
    return [(f.name, f"{_PAQUETE}{paq}/{f.name}", f.read_bytes()) for paq, f in archivos]


def _contenido_actual(fuente: FuenteHuella, incluidas: dict[str, bytes]) -> bytes | None:
    if fuente.ruta.startswith(_PAQUETE):
        return incluidas.get(fuente.ruta)
    try:
        return Path(fuente.ruta).read_bytes()
    except OSError:
        return None


def _cambios(manifiesto: Manifiesto) -> list[str]:
    incluidas = {ruta: datos for _n, ruta, datos in fuentes_incluidas()}
    cambios = []
    for f in manifiesto.fuentes:
        actual = _contenido_actual(f, incluidas)
        if actual is None:
            cambios.append(f"{f.nombre} (ya no existe)")
        elif huella(actual) != f.sha256:
            cambios.append(f.nombre)
    registradas = {f.ruta for f in manifiesto.fuentes}
    cambios += [f"{ruta.rsplit('/', 1)[-1]} (nueva)" for ruta in incluidas if ruta not in registradas]
    return cambios


# --- abrir -----------------------------------------------------------------------------------


def es_construccion(directorio: Path) -> bool:
    """``True`` si ``directorio`` contiene una construcción de ``grafo construir``."""
    return (directorio / MANIFIESTO).is_file() and (directorio / DIR_ALMACEN).is_dir()


def origen_por_defecto() -> str:
    """Qué grafo leen las órdenes sin ``--almacen``, en palabras (para la ayuda)."""
    if es_construccion(SALIDA_POR_DEFECTO):
        return f"./{SALIDA_POR_DEFECTO} (construido por 'grafo construir')"
    return "el grafo incluido (vocabulario + foro de Cajamarca 2013), en la caché del usuario"


class Almacen:
    """Un grafo construido, abierto en solo lectura."""

    def __init__(self, directorio: Path, descripcion: str, *, verificar: bool = True) -> None:
        import pyoxigraph as ox

        self.directorio = directorio
        self.manifiesto = Manifiesto.leer(directorio / MANIFIESTO)
        self.descripcion = descripcion
        try:
            self.store: ox.Store = ox.Store.read_only(str(directorio / DIR_ALMACEN))
        except OSError as e:
            raise AlmacenError(
                f"{directorio / DIR_ALMACEN}: no se puede abrir el almacén ({e}). "
                "Vuelva a ejecutar 'grafo construir'."
            ) from e
        self.avisos: list[str] = []
        self._grafos: frozenset[str] | None = None
        self._evaluador: Evaluador | None = None
        if verificar:
            cambios = _cambios(self.manifiesto)
            if cambios:
                self.avisos.append(
                    f"Aviso: las fuentes cambiaron desde que se construyó {descripcion}: "
                    f"{', '.join(cambios)}. Vuelva a ejecutar 'grafo construir'."
                )

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT sobre la unión de los grafos (prefijos del proyecto incluidos)."""
        return seleccionar_en(self.store, consulta)

    @property
    def grafos(self) -> frozenset[str]:
        """Los IRIs de los grafos con nombre del almacén (los únicos que ``FROM`` puede nombrar)."""
        if self._grafos is None:
            self._grafos = frozenset(str(g.value) for g in self.store.named_graphs())
        return self._grafos

    def evaluador(self) -> Evaluador:
        """Un proceso aparte que evalúa consultas sobre este almacén con plazo (se crea al pedirlo)."""
        if self._evaluador is None:
            import weakref

            from .aislamiento import Evaluador

            self._evaluador = Evaluador(str(self.directorio / DIR_ALMACEN))
            # el proceso se cierra cuando el almacén deja de usarse (no queda uno por cada abrir())
            weakref.finalize(self, self._evaluador.cerrar)
        return self._evaluador

    def cerrar(self) -> None:
        """Termina el proceso evaluador, si se creó."""
        if self._evaluador is not None:
            self._evaluador.cerrar()
            self._evaluador = None

    def cuadruplos_nquads(self) -> bytes:
        """Todo el almacén en N-Quads (para motores que leen texto, como rdflib)."""
        import pyoxigraph as ox

        datos = self.store.dump(format=ox.RdfFormat.N_QUADS)
        assert datos is not None
        return datos


def seleccionar_en(store: ox.Store, consulta: str) -> list[dict[str, str]]:
    """Filas de un SELECT sobre la unión de los grafos de ``store``: variable -> valor léxico."""
    import pyoxigraph as ox

    res = store.query(f"{prologo()} {consulta}", use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    nombres = [v.value for v in res.variables]
    filas = []
    for sol in res:
        fila = {}
        for n in nombres:
            t = sol[n]
            if t is not None:
                fila[n] = t.value
        filas.append(fila)
    return filas


class LectorDeStore:
    """Un ``Lector`` sobre un ``pyoxigraph.Store`` ya abierto (p. ej. el que escribe ``construir``)."""

    def __init__(self, store: ox.Store, descripcion: str = "") -> None:
        self.store = store
        self.descripcion = descripcion

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT sobre la unión de los grafos (prefijos del proyecto incluidos)."""
        return seleccionar_en(self.store, consulta)


def _nombre_legible(directorio: Path) -> str:
    try:
        return f"{directorio.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{directorio}/"


def abrir_almacen(directorio: Path | None = None) -> Almacen:
    """Abre ``directorio`` (o el de por defecto) en solo lectura.

    ``AlmacenError`` si ``directorio`` no contiene una construcción de ``grafo construir``.
    """
    if directorio is None:
        if es_construccion(SALIDA_POR_DEFECTO):
            directorio = SALIDA_POR_DEFECTO
        else:
            return almacen_incluido()
    if not es_construccion(directorio):
        raise AlmacenError(
            f"'{directorio}' no contiene un grafo construido (faltan {MANIFIESTO} o {DIR_ALMACEN}/). "
            f"Constrúyalo con 'grafo construir --salida {directorio}'."
        )
    m = Manifiesto.leer(directorio / MANIFIESTO)
    return Almacen(directorio, f"{_nombre_legible(directorio)} (construido {m.construido[:16]})")


def _dir_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("GRAFO_CACHE") or user_cache_dir("grafo-territorial"))


#: Los módulos del paquete (su huella forma parte de la clave de la caché).
_DIR_CODIGO = Path(__file__).resolve().parent


def huella_codigo() -> str:
    """SHA-256 de los módulos del paquete: si cambia cómo se construyen las tripletas, la caché del
    grafo incluido se rehace aunque la versión sea la misma (instalación editable, desarrollo)."""
    partes = [f.name.encode() + huella(f.read_bytes()).encode() for f in sorted(_DIR_CODIGO.glob("*.py"))]
    return huella(b"".join(partes))


def almacen_incluido() -> Almacen:
    """El grafo incluido, desde la caché del usuario; lo construye si falta o cambió."""
    fuentes = fuentes_incluidas()
    partes = [huella(d).encode() + r.encode() for _n, r, d in fuentes]
    clave = huella(b"".join(partes) + huella_codigo().encode())[:16]
    version = version_paquete()
    cache = _dir_cache()
    directorio = cache / f"incluido-{version}-{clave}"
    if not es_construccion(directorio):
        from .construccion import construir

        construir(directorio, ())
        _podar_cache(cache, directorio)
    with contextlib.suppress(OSError):  # una caché de solo lectura se usa igual
        (directorio / _MARCA_USO).touch()
    return Almacen(directorio, "el grafo incluido (vocabulario + foro de Cajamarca 2013)", verificar=False)


#: Archivo que cada lector toca al abrir el grafo incluido: su fecha dice cuándo se usó por última vez.
_MARCA_USO = ".usado"
#: Una caché vieja (de otra versión o de otro código) se borra solo si nadie la abrió en este tiempo:
#: otro proceso (un 'grafo servir' de la versión anterior, sus trabajadores) puede estar leyéndola.
RETENER_CACHE_S = 24 * 3600


def _podar_cache(cache: Path, actual: Path) -> None:
    """Borra las cachés del grafo incluido que no son ``actual`` y nadie abrió en ``RETENER_CACHE_S``."""
    import shutil
    import time

    limite = time.time() - RETENER_CACHE_S
    for viejo in cache.glob("incluido-*"):
        if viejo == actual or not viejo.is_dir():
            continue
        marcas = [m for m in (viejo / _MARCA_USO, viejo / MANIFIESTO, viejo) if m.exists()]
        try:
            ultimo_uso = max(m.stat().st_mtime for m in marcas)
        except (OSError, ValueError):
            ultimo_uso = 0.0
        if ultimo_uso < limite:
            shutil.rmtree(viejo, ignore_errors=True)


# --- escritura atómica -----------------------------------------------------------------------------


def modo_por_umask(base: int = 0o666) -> int:
    """Los permisos que la umask del usuario da a un archivo (``0o666``) o directorio (``0o777``)."""
    actual = os.umask(0)
    os.umask(actual)
    return base & ~actual


def _error_salida(e: OSError) -> SalidaError:
    return SalidaError(
        f"no se pudo escribir {getattr(e, 'filename', None) or 'la salida'}: {e.strerror or e}. "
        "Compruebe que el directorio existe, tiene permiso de escritura y espacio libre."
    )


def escribir_atomico(ruta: Path, escribir: Callable[[Path], None]) -> None:
    """Escribe ``ruta`` vía un temporal en el mismo directorio y ``os.replace``."""
    escribir_varios({ruta: escribir})


def escribir_texto_atomico(ruta: Path, texto: str) -> None:
    """Escribe ``texto`` (UTF-8) en ``ruta`` de forma atómica."""

    def escribir(p: Path) -> None:
        p.write_text(texto, encoding="utf-8")

    escribir_atomico(ruta, escribir)


def escribir_varios(archivos: dict[Path, Callable[[Path], None]]) -> None:
    """Escribe todos los archivos en temporales y, solo si todos salieron bien, los reemplaza.

    Un fallo deja en su sitio los archivos anteriores y no deja temporales. Los archivos quedan
    con los permisos que da la umask (no los 0600 de ``mkstemp``).
    """
    import tempfile

    temporales: dict[Path, Path] = {}
    modo = modo_por_umask()
    try:
        for ruta, escribir in archivos.items():
            ruta.parent.mkdir(parents=True, exist_ok=True)
            fd, nombre = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
            os.close(fd)
            temporales[ruta] = Path(nombre)
            escribir(Path(nombre))
            os.chmod(nombre, modo)
        for ruta, tmp in temporales.items():
            os.replace(tmp, ruta)
    except OSError as e:
        raise _error_salida(e) from e
    finally:
        for tmp in temporales.values():
            if tmp.exists():
                tmp.unlink()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _intercambiar(a: Path, b: Path) -> bool:
    """Intercambia dos directorios en un solo paso (``renameat2`` de Linux); ``False`` si no se puede."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    r = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if r != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: el sistema de archivos no lo admite
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


@contextlib.contextmanager
def directorio_atomico(destino: Path) -> Iterator[Path]:
    """Construye en un directorio hermano temporal y, si todo sale bien, lo pone en ``destino``.

    El cambio es un solo paso (intercambio ``renameat2``): un proceso interrumpido en cualquier
    momento deja la construcción anterior entera y legible. Si ``destino`` existe y no es una
    construcción anterior ni está vacío, no se toca (``SalidaError``).
    """
    import shutil
    import tempfile

    destino = Path(destino)
    if destino.exists() and not destino.is_dir():
        raise SalidaError(f"'{destino}' existe y no es un directorio. Elija otro --salida.")
    if destino.is_dir() and not es_construccion(destino) and any(destino.iterdir()):
        raise SalidaError(
            f"'{destino}' existe, no está vacío y no es una construcción de 'grafo construir': "
            "no se reemplaza. Elija otro --salida o vacíe ese directorio."
        )
    padre = destino.absolute().parent
    try:
        padre.mkdir(parents=True, exist_ok=True)
        for resto in padre.glob(f".{destino.name}.construyendo-*"):  # de construcciones interrumpidas
            with contextlib.suppress(OSError):
                if resto.is_dir() and not _en_uso(resto):
                    shutil.rmtree(resto)
        tmp = Path(tempfile.mkdtemp(prefix=f".{destino.name}.construyendo-{os.getpid()}-", dir=padre))
        os.chmod(tmp, modo_por_umask(0o777))
    except OSError as e:
        raise _error_salida(e) from e
    try:
        yield tmp
        if destino.is_dir():
            if not _intercambiar(tmp, destino):
                viejo = padre / f".{destino.name}.viejo-{os.getpid()}"
                os.replace(destino, viejo)
                os.replace(tmp, destino)
                tmp = viejo
        else:
            os.replace(tmp, destino)
            return
    except OSError as e:
        raise _error_salida(e) from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _en_uso(directorio: Path) -> bool:
    """``True`` si el temporal es de un proceso que sigue vivo."""
    try:
        pid = int(directorio.name.split("construyendo-", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- rdflib <-> pyoxigraph (solo para las etapas que usan rdflib) ------------------------------------


def a_oxigraph(ds: Dataset) -> ox.Store:
    """Un ``pyoxigraph.Store`` en memoria con los mismos cuádruplos que ``ds``."""
    import pyoxigraph as ox

    store = ox.Store()
    datos = ds.serialize(format="nquads", encoding="utf-8")
    store.bulk_load(datos, format=ox.RdfFormat.N_QUADS)
    return store


def termino_oxigraph(t: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convierte un término de rdflib en el de pyoxigraph."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"término no convertible: {t!r}")


def de_oxigraph(t: object) -> Node | None:
    """Convierte un término de pyoxigraph en el de rdflib (``None`` si no hay valor)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise TypeError(f"término no convertible: {t!r}")
