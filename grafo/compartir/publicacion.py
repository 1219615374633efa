"""Etapa *publicación*: el grafo construido, con sus grafos con nombre, en un triple store remoto.

Entrada: el almacén (``pyoxigraph.Store``, solo lectura) y la URL de un servicio que habla el
SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/): Oxigraph
(``/store``), Fuseki (``/<conjunto>/data``), GraphDB (``/repositories/<repositorio>/rdf-graphs/service``),
Virtuoso (``/sparql-graph-crud-auth``). Salida: los grafos en el servidor y una ``Publicacion`` con las
tripletas enviadas por grafo.

Cada grafo con nombre va en una petición ``POST`` (añade) o, con ``reemplazar``, ``PUT`` (reemplaza) a
``URL?graph=<IRI>``; lo que hubiera en el grafo por defecto del almacén va a ``URL?default``. El cuerpo es
N-Triples (UTF-8) leído del almacén, grafo a grafo: cada grafo se escribe primero en un temporal (en
memoria hasta 16 MiB, después en disco) y se envía desde ahí con su ``Content-Length``; nunca se arma
todo el conjunto en una sola cadena. No se reconstruye nada desde las fuentes.

Credenciales: HTTP Basic (se envían desde la primera petición); si el servidor responde con un reto
Digest (Virtuoso en ``/sparql-graph-crud-auth``), se contesta con Digest. La clave no aparece nunca en
la URL, en la salida ni en los mensajes de error. No se siguen redirecciones: un ``POST`` redirigido
se convertiría en un ``GET`` y parecería un éxito.

Solo se usa la biblioteca estándar (urllib) para HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from grafo.base.errores import PublicacionError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from grafo.almacen.almacen import Almacen

__all__ = [
    "GrafoPublicado",
    "Publicacion",
    "grafos_del_almacen",
    "publicar",
    "rutas_tipicas",
]

_NTRIPLES = "application/n-triples"
_EN_MEMORIA = 16 * 1024 * 1024  # bytes de un grafo que se guardan en memoria antes de pasar a disco
_DETALLE = 300  # caracteres del cuerpo de una respuesta de error que se muestran
_LISTADO = 10  # grafos que se nombran cuando --grafo no está en el almacén


def rutas_tipicas() -> str:
    """Las URL del Graph Store de los servidores más comunes (para los mensajes de error)."""
    return (
        "Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/CONJUNTO/data; "
        "GraphDB: http://HOST:7200/repositories/REPOSITORIO/rdf-graphs/service; "
        "Virtuoso: http://HOST:8890/sparql-graph-crud-auth"
    )


@dataclass(frozen=True)
class GrafoPublicado:
    """Un grafo enviado: su IRI (``None`` para el grafo por defecto) y cuántas tripletas llevó."""

    iri: str | None
    tripletas: int

    @property
    def nombre(self) -> str:
        """El IRI, o «(grafo por defecto)»."""
        return "(grafo por defecto)" if self.iri is None else self.iri


@dataclass
class Publicacion:
    """Lo que se envió: a qué URL, con qué método y cuántas tripletas por grafo, en orden."""

    endpoint: str
    metodo: str  # "POST" (añadir) o "PUT" (reemplazar)
    grafos: list[GrafoPublicado] = field(default_factory=list)

    @property
    def tripletas(self) -> int:
        """Tripletas enviadas en total."""
        return sum(g.tripletas for g in self.grafos)


# --- grafos del almacén ------------------------------------------------------------------------------


def grafos_del_almacen(store: ox.Store) -> list[str | None]:
    """Los grafos de ``store`` en el orden en que se publican: el grafo por defecto primero (``None``,
    solo si tiene tripletas) y después los grafos con nombre, ordenados por IRI.

    Un grafo cuyo nombre es un nodo en blanco no se puede nombrar en el Graph Store: es un
    ``PublicacionError`` (``grafo construir`` no los crea)."""
    import pyoxigraph as ox

    nombres: list[str | None] = []
    en_blanco = 0
    for g in store.named_graphs():
        if isinstance(g, ox.NamedNode):
            nombres.append(g.value)
        else:
            en_blanco += 1
    if en_blanco:
        raise PublicacionError(
            f"el almacén tiene {en_blanco} grafos con nombre de nodo en blanco: el Graph Store solo "
            "nombra grafos con un IRI. Expórtelo con 'grafo exportar -f nq' y cárguelo en el servidor."
        )
    nombres.sort(key=str)
    por_defecto = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return [None, *nombres] if por_defecto is not None else nombres


def _listado(store: ox.Store) -> str:
    """Los grafos mayores de ``store`` con sus tripletas, para el error de ``--grafo``."""
    import pyoxigraph as ox

    res = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n) ?g"
    )
    assert isinstance(res, ox.QuerySolutions)
    filas = [tuple("" if t is None else t.value for t in (s["g"], s["n"])) for s in res]
    lineas = [f"  {g} ({n} tripleta{'' if n == '1' else 's'})" for g, n in filas[:_LISTADO]]
    if len(filas) > _LISTADO:
        lineas.append(f"  … y {len(filas) - _LISTADO} grafos más (de {len(filas)})")
    return "\n".join(lineas) if lineas else "  (el almacén no tiene grafos con nombre)"


def _escribir_grafo(store: ox.Store, iri: str | None, destino: IO[bytes]) -> int:
    """Escribe el grafo ``iri`` de ``store`` en N-Triples en ``destino``; devuelve sus tripletas."""
    import pyoxigraph as ox

    grafo: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if iri is None else ox.NamedNode(iri)
    cuenta = 0

    def tripletas() -> Any:
        nonlocal cuenta
        for q in store.quads_for_pattern(None, None, None, grafo):
            cuenta += 1
            yield q.triple

    ox.serialize(tripletas(), destino, ox.RdfFormat.N_TRIPLES)
    return cuenta


# --- HTTP ---------------------------------------------------------------------------------------------


class _SinRedirecciones(urllib.request.HTTPRedirectHandler):
    """Una redirección se queda como respuesta 3xx (un error) en lugar de seguirse."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Clave(urllib.request.HTTPPasswordMgr):
    """El usuario y la clave dados, para cualquier reino (solo los usa el cálculo de Digest)."""

    def __init__(self, usuario: str, clave: str) -> None:
        super().__init__()
        self._usuario = usuario
        self._clave = clave

    def find_user_password(self, realm: str | None, authuri: str) -> tuple[str, str]:
        return self._usuario, self._clave


class _Digest(urllib.request.AbstractDigestAuthHandler):
    """El cálculo de Digest de urllib, con los textos en UTF-8 (urllib solo admite claves ASCII)."""

    def get_algorithm_impls(self, algorithm: str) -> tuple[Callable[[str], str], Callable[[str, str], str]]:
        funciones = {"MD5": hashlib.md5, "SHA": hashlib.sha1, "SHA-256": hashlib.sha256}
        funcion = funciones.get(algorithm.upper())
        if funcion is None:
            raise ValueError(f"algoritmo Digest '{algorithm}' no admitido (sí: MD5, SHA, SHA-256)")

        def h(texto: str) -> str:
            return funcion(texto.encode("utf-8")).hexdigest()

        return h, lambda secreto, datos: h(f"{secreto}:{datos}")


class _FalloError(Exception):
    """Un fallo de una petición, ya en palabras; ``publicar`` le añade qué grafo falló."""


def _validar_url(url: str) -> urllib.parse.SplitResult:
    partes = urllib.parse.urlsplit(url.strip())
    if partes.username is not None or partes.password is not None:
        raise PublicacionError(
            "la URL lleva usuario o clave: no los ponga en la URL. Use --usuario USUARIO y la variable "
            "de entorno GRAFO_CLAVE (o escriba la clave cuando se pida)."
        )
    if partes.scheme not in ("http", "https") or not partes.hostname:
        raise PublicacionError(
            f"'{url}' no es una URL http(s) de un Graph Store (SPARQL 1.1 Graph Store HTTP Protocol). "
            f"Rutas típicas: {rutas_tipicas()}."
        )
    try:
        _ = partes.port
    except ValueError as e:
        raise PublicacionError(
            f"'{url}' no es una URL válida: el puerto no es un número entre 0 y 65535."
        ) from e
    return partes


def _url_de_grafo(partes: urllib.parse.SplitResult, iri: str | None) -> str:
    """``URL?graph=<IRI>`` (IRI codificado) o ``URL?default``, conservando la consulta que ya tuviera."""
    parametro = "default" if iri is None else "graph=" + urllib.parse.quote(iri, safe="")
    consulta = f"{partes.query}&{parametro}" if partes.query else parametro
    return urllib.parse.urlunsplit((partes.scheme, partes.netloc, partes.path or "/", consulta, ""))


class _Cliente:
    """Envía cuerpos N-Triples al Graph Store con la autenticación que haga falta."""

    def __init__(self, endpoint: str, credenciales: tuple[str, str] | None, tiempo_maximo: float) -> None:
        self.endpoint = endpoint
        self.credenciales = credenciales
        self.tiempo_maximo = tiempo_maximo
        self._abridor = urllib.request.build_opener(_SinRedirecciones)
        self._digest: _Digest | None = None
        self._reto: dict[str, str] | None = None  # el último reto Digest del servidor

    def _basic(self) -> str:
        assert self.credenciales is not None
        usuario, clave = self.credenciales
        return "Basic " + base64.b64encode(f"{usuario}:{clave}".encode()).decode("ascii")

    def _peticion(self, metodo: str, url: str, cuerpo: IO[bytes], longitud: int) -> urllib.request.Request:
        cuerpo.seek(0)
        peticion = urllib.request.Request(url, data=cuerpo, method=metodo)
        peticion.add_header("Content-Type", f"{_NTRIPLES}; charset=utf-8")
        peticion.add_header("Content-Length", str(longitud))
        if self.credenciales is not None:
            if self._reto is not None and self._digest is not None:
                try:
                    autorizacion = self._digest.get_authorization(peticion, self._reto)
                except (ValueError, urllib.error.URLError) as e:
                    motivo = getattr(e, "reason", e)
                    raise _FalloError(
                        f"el Graph Store {self.endpoint} pide una autenticación Digest que no se sabe "
                        f"contestar: {motivo}."
                    ) from e
                if not autorizacion:
                    raise _FalloError(f"el reto Digest del Graph Store {self.endpoint} está incompleto.")
                peticion.add_header("Authorization", f"Digest {autorizacion}")
            else:
                peticion.add_header("Authorization", self._basic())
        return peticion

    def _reto_digest(self, e: urllib.error.HTTPError) -> dict[str, str] | None:
        """El reto Digest de una respuesta 401, si lo hay y se puede contestar."""
        for cabecera in e.headers.get_all("WWW-Authenticate") or []:
            esquema, _sep, resto = cabecera.strip().partition(" ")
            if esquema.lower() == "digest":
                reto = urllib.request.parse_keqv_list(
                    [p for p in urllib.request.parse_http_list(resto) if "=" in p]
                )
                if "realm" in reto and "nonce" in reto:
                    return reto
        return None

    def enviar(self, metodo: str, url: str, cuerpo: IO[bytes], longitud: int) -> None:
        """Envía ``cuerpo`` a ``url``; ``_FalloError`` con el motivo en palabras si no sale bien."""
        for _intento in range(3):
            peticion = self._peticion(metodo, url, cuerpo, longitud)
            try:
                with self._abridor.open(peticion, timeout=self.tiempo_maximo) as r:
                    r.read()
                return
            except urllib.error.HTTPError as e:
                if e.code == 401 and self.credenciales is not None:
                    reto = self._reto_digest(e)
                    # Un reto nuevo (primera vez, o nonce caducado): se contesta y se reintenta.
                    if reto is not None and reto != self._reto:
                        if self._digest is None:
                            gestor = _Clave(*self.credenciales)
                            self._digest = _Digest(gestor)
                        self._reto = reto
                        e.close()
                        continue
                raise _FalloError(self._motivo_http(e, metodo)) from e
            except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
                raise _FalloError(self._motivo_red(e)) from e
            except ValueError as e:  # http.client.InvalidURL, una cabecera que no se puede codificar
                raise _FalloError(f"la petición a {self.endpoint} no se pudo enviar: {e}.") from e
        raise _FalloError(
            f"el servidor rechazó las credenciales del usuario '{self._usuario()}' (HTTP 401, Digest). "
            "Compruebe el usuario y la clave (GRAFO_CLAVE)."
        )

    def _usuario(self) -> str:
        return self.credenciales[0] if self.credenciales else ""

    def _motivo_red(self, e: Exception) -> str:
        motivo = getattr(e, "reason", None) or e
        return (
            f"no se pudo contactar el Graph Store {self.endpoint}: {motivo}. "
            "Compruebe la URL y que el servidor está en marcha."
        )

    def _motivo_http(self, e: urllib.error.HTTPError, metodo: str) -> str:
        try:
            detalle = e.read().decode("utf-8", "replace").strip()[:_DETALLE]
        except (OSError, http.client.HTTPException):
            detalle = ""
        finally:
            e.close()
        cola = f" Respuesta: {detalle}" if detalle else ""
        codigo, url = e.code, self.endpoint
        if codigo == 401:
            if self.credenciales is None:
                return (
                    f"el Graph Store {url} pide credenciales (HTTP 401). Use --usuario USUARIO; la clave "
                    "se toma de la variable de entorno GRAFO_CLAVE o se pide en la terminal."
                )
            return (
                f"el Graph Store {url} rechazó las credenciales del usuario '{self._usuario()}' (HTTP 401). "
                "Compruebe el usuario y la clave (GRAFO_CLAVE)."
            )
        if codigo == 403:
            return (
                f"el Graph Store {url} no permite escribir (HTTP 403): las credenciales no tienen permiso "
                f"de escritura, faltan, o el servidor es de solo lectura.{cola}"
            )
        if codigo == 404:
            return (
                f"{url} no existe en el servidor (HTTP 404): no es la URL de un Graph Store o el "
                f"conjunto/repositorio no existe. Rutas típicas: {rutas_tipicas()}.{cola}"
            )
        if codigo == 405:
            return (
                f"{url} no admite {metodo} (HTTP 405): no parece un Graph Store (SPARQL 1.1 Graph Store "
                f"HTTP Protocol) o es de solo lectura. Rutas típicas: {rutas_tipicas()}.{cola}"
            )
        if codigo == 415:
            return (
                f"{url} no acepta N-Triples (HTTP 415): no parece un Graph Store; ¿es la URL de consultas "
                f"(/query, /sparql) en lugar de la del Graph Store? Rutas típicas: {rutas_tipicas()}.{cola}"
            )
        if 300 <= codigo < 400:
            destino = e.headers.get("Location", "")
            return (
                f"{url} redirige (HTTP {codigo}){f' a {destino}' if destino else ''}: use directamente la "
                "URL final del Graph Store."
            )
        clase = "rechazó la petición" if codigo < 500 else "falló"
        return f"el Graph Store {url} {clase} (HTTP {codigo}).{cola}"


# --- entrada -------------------------------------------------------------------------------------------


def publicar(
    almacen: Almacen,
    endpoint: str,
    *,
    grafo: str | None = None,
    reemplazar: bool = False,
    credenciales: tuple[str, str] | None = None,
    tiempo_maximo: float = 300.0,
    al_publicar: Callable[[GrafoPublicado], None] | None = None,
) -> Publicacion:
    """Envía los grafos de ``almacen`` al Graph Store ``endpoint``.

    ``grafo``: solo ese grafo con nombre (``PublicacionError`` con los grafos del almacén si no está).
    ``reemplazar``: ``PUT`` (reemplaza cada grafo) en lugar de ``POST`` (añade; un ``POST`` repetido
    duplica las tripletas con nodos en blanco, porque el servidor los crea nuevos cada vez).
    ``credenciales``: ``(usuario, clave)`` para HTTP Basic (o Digest si el servidor lo pide).
    ``al_publicar`` se llama después de cada grafo enviado (para informar del avance).

    Un fallo es un ``PublicacionError`` que dice qué grafo falló y cuántos se habían enviado ya.
    """
    partes = _validar_url(endpoint)
    store = almacen.store
    grafos = grafos_del_almacen(store)
    if grafo is not None:
        if grafo not in grafos:
            raise PublicacionError(
                f"el grafo <{grafo}> no está en el almacén ({almacen.descripcion}). "
                f"Grafos del almacén (los mayores):\n{_listado(store)}"
            )
        grafos = [grafo]
    metodo = "PUT" if reemplazar else "POST"
    cliente = _Cliente(endpoint.strip(), credenciales, tiempo_maximo)
    resultado = Publicacion(endpoint.strip(), metodo)
    for numero, iri in enumerate(grafos, 1):
        with tempfile.SpooledTemporaryFile(max_size=_EN_MEMORIA) as cuerpo:
            tripletas = _escribir_grafo(store, iri, cuerpo)
            longitud = cuerpo.tell()
            try:
                cliente.enviar(metodo, _url_de_grafo(partes, iri), cuerpo, longitud)
            except _FalloError as e:
                nombre = GrafoPublicado(iri, tripletas).nombre
                enviados = (
                    f"ya se habían enviado {len(resultado.grafos)}, con {resultado.tripletas} tripletas"
                    if resultado.grafos
                    else "aún no se había enviado ninguno"
                )
                raise PublicacionError(
                    f"falló el grafo {nombre} ({numero} de {len(grafos)}; {enviados}): {e}"
                ) from e
        publicado = GrafoPublicado(iri, tripletas)
        resultado.grafos.append(publicado)
        if al_publicar is not None:
            al_publicar(publicado)
    return resultado
