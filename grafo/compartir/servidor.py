"""Etapa *servidor*: un endpoint SPARQL 1.1 de solo lectura sobre el almacén, con su página de consultas.

Entrada: un almacén construido (``Almacen``). Salida: una aplicación WSGI (``Aplicacion``) y
``servir``, que la pone a escuchar con waitress (servidor WSGI de Pylons, en Python puro) en
127.0.0.1 salvo que se pida otra dirección. El análisis de HTTP lo hacen waitress y werkzeug; aquí
no se lee HTTP a mano.

Rutas:

- ``/sparql``: el protocolo SPARQL 1.1 (https://www.w3.org/TR/sparql11-protocol/#query-operation):
  ``GET ?query=``, ``POST`` con formulario (``query=``) o con el cuerpo ``application/sparql-query``;
  ``default-graph-uri`` y ``named-graph-uri`` solo con grafos del almacén. Resultados por
  negociación de contenido: JSON, XML, CSV o TSV (SELECT, ASK); N-Triples, Turtle o RDF/XML
  (CONSTRUCT, DESCRIBE). Sin ``PREFIX``, los prefijos del proyecto valen.
- ``/consulta/<nombre>``: una consulta del catálogo con sus parámetros (``?nivel=Regional``),
  enlazados como términos RDF y nunca pegados al texto; sin las columnas ``param_*`` y con las
  listas ordenadas, como ``grafo consulta``.
- ``/catalogo.json``: las consultas del catálogo con su descripción, parámetros y texto.
- ``/``: la página de consultas (editor CodeMirror incluido en el paquete, sin red).

Lo que se rechaza, antes de evaluar, con 403 y el motivo: actualizaciones (también por
``update=`` o ``application/sparql-update``), ``LOAD``, ``SERVICE`` y ``FROM``/``FROM NAMED`` fuera
del almacén. Cada consulta se evalúa en un proceso trabajador (``consultas.ejecutor``): si pasa del tiempo
máximo se mata (503) y los demás trabajadores siguen atendiendo.
"""

from __future__ import annotations

import ipaddress
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from grafo.base.errores import (
    AlmacenError,
    ConsultaDetenidaError,
    ConsultaInvalidaError,
    ConsultaProhibidaError,
    GrafoError,
)
from grafo.consultas.catalogo import Consulta, cargar_consulta, consultas_disponibles
from grafo.consultas.ejecucion import pedido_de, preparar
from grafo.consultas.ejecutor import Evaluador
from grafo.consultas.formato_protocolo import FORMATOS_GRAFO, FORMATOS_RESULTADOS
from grafo.consultas.pedido import TIEMPO_MAXIMO
from grafo.consultas.politica import asegurar

if TYPE_CHECKING:
    from werkzeug.wrappers import Request, Response

    from grafo.almacen.almacen import Almacen

__all__ = ["Aplicacion", "servir"]

#: Los archivos de la página (en ``grafo/web``) y su tipo.
_ESTATICOS = {
    "/": ("consultas.html", "text/html; charset=utf-8"),
    "/consultas.js": ("consultas.js", "text/javascript; charset=utf-8"),
    "/consultas.css": ("consultas.css", "text/css; charset=utf-8"),
    "/editor.js": ("editor.js", "text/javascript; charset=utf-8"),
    "/editor.css": ("editor.css", "text/css; charset=utf-8"),
}
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: Tipos aceptados, en orden de preferencia (el primero si el cliente no dice nada).
_TIPOS_RESULTADOS = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
_TIPOS_GRAFO = [
    ("application/n-triples", "nt"),
    ("text/turtle", "ttl"),
    ("application/rdf+xml", "rdfxml"),
    ("text/plain", "nt"),
]
_TOPE_PETICION = 1024 * 1024  # una consulta no pasa de 1 MB


class _RechazoError(Exception):
    """Una respuesta de error: estado HTTP y mensaje para el usuario."""

    def __init__(self, estado: int, mensaje: str) -> None:
        super().__init__(mensaje)
        self.estado = estado
        self.mensaje = mensaje


class Aplicacion:
    """La aplicación WSGI del endpoint (segura entre hilos)."""

    def __init__(
        self, almacen: Almacen, evaluador: Evaluador, *, tiempo_maximo: float = TIEMPO_MAXIMO
    ) -> None:
        from grafo.base import recursos

        self.almacen = almacen
        self.evaluador = evaluador
        self.tiempo_maximo = tiempo_maximo
        self._estaticos = {
            ruta: (recursos.archivo_web(nombre).read_bytes(), tipo)
            for ruta, (nombre, tipo) in _ESTATICOS.items()
        }
        self._catalogo = {c.nombre: c for c in consultas_disponibles()}
        self._catalogo_json = json.dumps(
            [_descripcion(c) for c in self._catalogo.values()], ensure_ascii=False, indent=1
        ).encode()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        from werkzeug.wrappers import Request

        peticion = Request(environ)
        peticion.max_content_length = _TOPE_PETICION
        peticion.max_form_memory_size = _TOPE_PETICION
        respuesta = self.responder(peticion)
        return respuesta(environ, start_response)

    def responder(self, peticion: Request) -> Response:
        """La respuesta a ``peticion``: nunca lanza; los errores son respuestas de texto."""
        from werkzeug.exceptions import RequestEntityTooLarge

        try:
            return self._despachar(peticion)
        except _RechazoError as r:
            return _texto(r.estado, r.mensaje)
        except RequestEntityTooLarge:
            return _texto(
                413, f"la petición pasa de {_TOPE_PETICION // 1024} KB: envíe una consulta más corta."
            )
        except ConsultaProhibidaError as e:
            return _texto(403, str(e))
        except ConsultaInvalidaError as e:
            return _texto(400, str(e))
        except ConsultaDetenidaError as e:
            return _texto(503, str(e))
        except GrafoError as e:
            return _texto(500, str(e))

    def _despachar(self, peticion: Request) -> Response:
        ruta = peticion.path
        if ruta in self._estaticos:
            _metodos(peticion, "GET", "HEAD")
            datos, tipo = self._estaticos[ruta]
            r = _respuesta(200, datos, tipo)
            if ruta == "/":
                r.headers["Content-Security-Policy"] = _CSP
            r.headers["Cache-Control"] = "no-cache"
            return r
        if ruta == "/catalogo.json":
            _metodos(peticion, "GET", "HEAD")
            return _respuesta(200, self._catalogo_json, "application/json")
        if ruta == "/sparql":
            return self._sparql(peticion)
        if ruta.startswith("/consulta/"):
            return self._consulta(peticion, ruta.removeprefix("/consulta/"))
        if ruta in ("/update", "/store", "/data"):
            raise _RechazoError(
                403, "este endpoint es de solo lectura: no acepta actualizaciones ni carga de datos."
            )
        raise _RechazoError(
            404, f"no existe {ruta}. Rutas: / (página), /sparql, /consulta/<nombre>, /catalogo.json."
        )

    # --- /sparql ---------------------------------------------------------------------------------

    def _sparql(self, peticion: Request) -> Response:
        _metodos(peticion, "GET", "POST")
        tipo = peticion.mimetype
        if peticion.method == "GET":
            valores = peticion.args
            texto = _unico(valores.getlist("query"), "query")
        elif tipo == "application/x-www-form-urlencoded":
            valores = peticion.form
            if "update" in valores:
                raise _RechazoError(403, _SOLO_LECTURA)
            texto = _unico(valores.getlist("query"), "query")
        elif tipo == "application/sparql-query":
            valores = peticion.args
            texto = peticion.get_data(as_text=True)
        elif tipo == "application/sparql-update":
            raise _RechazoError(403, _SOLO_LECTURA)
        else:
            raise _RechazoError(
                415,
                f"tipo de contenido '{tipo or '(ninguno)'}' no admitido. Envíe la consulta como formulario "
                "(application/x-www-form-urlencoded, parámetro query) o como application/sparql-query.",
            )
        segura = asegurar(texto, "/sparql", lambda: self.almacen.grafos)
        pedido = pedido_de(segura, "/sparql")
        por_defecto = valores.getlist("default-graph-uri")
        con_nombre = valores.getlist("named-graph-uri")
        if por_defecto or con_nombre:
            fuera = [g for g in por_defecto + con_nombre if g not in self.almacen.grafos]
            if fuera:
                raise _RechazoError(
                    403,
                    f"el grafo <{fuera[0]}> no está en el almacén: default-graph-uri y named-graph-uri "
                    "solo pueden nombrar grafos del almacén (otro IRI leería un archivo o la red).",
                )
            pedido = replace(
                pedido, grafos_por_defecto=tuple(por_defecto), grafos_con_nombre=tuple(con_nombre)
            )
        return self._evaluar(peticion, pedido, segura.forma, ocultas="")

    # --- /consulta/<nombre> ------------------------------------------------------------------------

    def _consulta(self, peticion: Request, nombre: str) -> Response:
        _metodos(peticion, "GET", "POST")
        consulta = self._catalogo.get(nombre)
        if consulta is None:
            cargar_consulta(nombre)  # el error con las consultas disponibles
            raise AssertionError(nombre)  # pragma: no cover
        valores = peticion.args if peticion.method == "GET" else peticion.form
        params = {k: v for k, v in valores.items() if v.strip()}
        segura = preparar(self.almacen, consulta, params)
        pedido = replace(pedido_de(segura, nombre), listas=consulta.listas)
        return self._evaluar(peticion, pedido, segura.forma, ocultas="param_")

    def _evaluar(self, peticion: Request, pedido: Any, forma: str, *, ocultas: str) -> Response:
        grafo = forma in ("CONSTRUCT", "DESCRIBE")
        ofrecidos = _TIPOS_GRAFO if grafo else _TIPOS_RESULTADOS
        tipo = _negociar(peticion, ofrecidos)
        salida = dict(ofrecidos)[tipo]
        pedido = replace(pedido, salida=salida, ocultas=ocultas, tiempo_maximo=self.tiempo_maximo)
        datos = self.evaluador.evaluar(pedido)
        mime = FORMATOS_GRAFO[salida] if grafo else FORMATOS_RESULTADOS[salida]
        texto = mime.startswith("text/") or mime == "application/n-triples"
        return _respuesta(200, datos, f"{mime}; charset=utf-8" if texto else mime)


_SOLO_LECTURA = (
    "este endpoint es de solo lectura: no acepta actualizaciones (INSERT, DELETE, LOAD, CLEAR, DROP, "
    "CREATE, ADD, MOVE, COPY). Use SELECT, ASK, CONSTRUCT o DESCRIBE."
)


def _descripcion(c: Consulta) -> dict[str, Any]:
    return {
        "nombre": c.nombre,
        "titulo": c.titulo,
        "descripcion": c.descripcion,
        "parametros": [
            {"nombre": p.nombre, "tipo": p.tipo, "descripcion": p.descripcion, "obligatorio": p.obligatorio}
            for p in c.parametros
        ],
        "ejemplo": c.parametros_de_ejemplo(),
        "texto": c.texto,
    }


def _metodos(peticion: Request, *permitidos: str) -> None:
    if peticion.method not in permitidos:
        raise _RechazoError(405, f"método {peticion.method} no admitido aquí; use {' o '.join(permitidos)}.")


def _unico(valores: list[str], nombre: str) -> str:
    if len(valores) != 1:
        raise _RechazoError(
            400,
            f"se espera exactamente un parámetro '{nombre}' con la consulta SPARQL "
            f"(llegaron {len(valores)}).",
        )
    return valores[0]


def _negociar(peticion: Request, ofrecidos: list[tuple[str, str]]) -> str:
    tipos = [t for t, _ in ofrecidos]
    if not peticion.accept_mimetypes:
        return tipos[0]
    mejor = peticion.accept_mimetypes.best_match(tipos)
    if mejor is None:
        raise _RechazoError(
            406,
            f"no se puede responder en '{peticion.headers.get('Accept')}'. "
            f"Tipos disponibles: {', '.join(tipos)}.",
        )
    return str(mejor)


def _respuesta(estado: int, datos: bytes, tipo: str) -> Response:
    from werkzeug.wrappers import Response

    r = Response(datos, status=estado, content_type=tipo)
    r.headers["X-Content-Type-Options"] = "nosniff"
    r.headers["Referrer-Policy"] = "no-referrer"
    return r


def _texto(estado: int, mensaje: str) -> Response:
    return _respuesta(estado, (mensaje.rstrip() + "\n").encode(), "text/plain; charset=utf-8")


def es_loopback(host: str) -> bool:
    """Si ``host`` solo es alcanzable desde esta máquina."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def servir(
    almacen: Almacen,
    *,
    host: str = "127.0.0.1",
    puerto: int = 7879,
    tiempo_maximo: float = TIEMPO_MAXIMO,
    procesos: int = 4,
    hilos: int = 8,
    al_escuchar: Callable[[str], None] | None = None,
) -> None:
    """Sirve ``almacen`` hasta Ctrl-C (o SIGTERM). ``al_escuchar`` recibe la URL cuando ya escucha."""
    import signal

    from waitress.server import create_server  # type: ignore[import-untyped]

    evaluador = Evaluador(str(almacen.directorio / "almacen"), procesos=procesos)
    try:
        app = Aplicacion(almacen, evaluador, tiempo_maximo=tiempo_maximo)
        try:
            servidor: Any = create_server(
                app,
                host=host,
                port=puerto,
                threads=hilos,
                ident="grafo-territorial",
                clear_untrusted_proxy_headers=True,
            )
        except OSError as e:
            raise AlmacenError(
                f"no se puede escuchar en {host}:{puerto} ({e.strerror or e}). "
                "Elija otro puerto con --puerto (0: uno libre) u otra dirección con --host."
            ) from e
        url = f"http://{host if ':' not in host else '[' + host + ']'}:{servidor.effective_port}/"
        if al_escuchar is not None:
            al_escuchar(url)

        def terminar(_sig: int, _marco: Any) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, terminar)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # aunque se arranque con SIGINT ignorado
        try:
            servidor.run()
        except KeyboardInterrupt:
            pass
        finally:
            servidor.close()
            servidor.task_dispatcher.shutdown(timeout=1)
    finally:
        evaluador.cerrar()
        sys.stdout.flush()
