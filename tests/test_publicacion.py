"""grafo publicar: el almacén enviado a un servidor Oxigraph real (arrancado por la prueba en un puerto libre
de 127.0.0.1 y parado por ella) por el Graph Store Protocol queda igual que el local (cuentas por grafo,
conjunto isomorfo, mismas filas en todo el catálogo); los errores, contra un servidor HTTP mínimo de prueba."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset
from rdflib.compare import isomorphic

from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError, PublicacionError
from grafo.cli import cli
from grafo.compartir.publicacion import grafos_del_almacen, publicar
from grafo.consultas.catalogo import Consulta, consultas_disponibles
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.remoto import Endpoint

if TYPE_CHECKING:
    from conftest import ServidorOxigraph

GLOSARIO = "https://w3id.org/grafo-territorial/grafo/glosario"
ONTOLOGIA = "https://w3id.org/grafo-territorial/grafo/ontologia"
CLAVE = "s3creto-ñandú:con dos puntos"

# --- un servidor Oxigraph real -----------------------------------------------------------------------


@pytest.fixture
def oxigraph_vacio(tmp_path: Path, servidor_oxigraph: ServidorOxigraph) -> Iterator[str]:
    """Un servidor Oxigraph nuevo y vacío (lectura y escritura) para una sola prueba."""
    with servidor_oxigraph("serve", tmp_path / "oxigraph") as base:
        yield base


def _cli(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env or {"GRAFO_CLAVE": None})


@pytest.fixture(scope="module")
def publicado(
    salida: Path, tmp_path_factory: pytest.TempPathFactory, servidor_oxigraph: ServidorOxigraph
) -> Iterator[tuple[str, Result]]:
    """El almacén de la sesión publicado con 'grafo publicar' en un Oxigraph vacío: (URL base, resultado)."""
    with servidor_oxigraph("serve", tmp_path_factory.mktemp("publicado") / "oxigraph") as base:
        r = _cli("publicar", "--endpoint", f"{base}/store", "--almacen", str(salida))
        assert r.exit_code == 0, r.output
        yield base, r


def _seleccionar(base: str, consulta: str) -> list[dict[str, str]]:
    datos = urllib.parse.urlencode({"query": consulta}).encode()
    peticion = urllib.request.Request(
        f"{base}/query", data=datos, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(peticion, timeout=30) as r:
        filas = json.loads(r.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in f.items()} for f in filas]


_POR_GRAFO = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _cuentas_remotas(base: str) -> dict[str, int]:
    return {f["g"]: int(f["n"]) for f in _seleccionar(base, _POR_GRAFO)}


def _cuentas_locales(store: ox.Store) -> dict[str, int]:
    return Counter(q.graph_name.value for q in store if isinstance(q.graph_name, ox.NamedNode))


def _con_nodos_en_blanco(store: ox.Store) -> int:
    return sum(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in store)


def _nquads(base: str) -> bytes:
    peticion = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(peticion, timeout=30) as r:
        datos: bytes = r.read()
    return datos


# --- el almacén publicado en Oxigraph ----------------------------------------------------------------


def test_una_linea_por_grafo_y_total(publicado: tuple[str, Result], almacen: Almacen) -> None:
    base, r = publicado
    cuentas = _cuentas_locales(almacen.store)
    lineas = r.stdout.splitlines()
    esperadas = [f"{g}: {n} {'tripleta' if n == 1 else 'tripletas'}" for g, n in sorted(cuentas.items())]
    assert lineas[:-1] == esperadas
    assert lineas[-1] == (
        f"Total: {len(cuentas)} grafos, {sum(cuentas.values())} tripletas, añadidos (POST) en {base}/store"
    )


def test_mismas_cuentas_por_grafo(publicado: tuple[str, Result], almacen: Almacen) -> None:
    base, _r = publicado
    locales = _cuentas_locales(almacen.store)
    assert len(locales) > 3 and locales[GLOSARIO] > 1000
    assert _cuentas_remotas(base) == locales
    # y nada fuera de los grafos con nombre (el almacén no tiene grafo por defecto)
    assert _seleccionar(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"] == str(
        len(almacen.store)
    )


def test_conjunto_isomorfo(publicado: tuple[str, Result], almacen: Almacen) -> None:
    base, _r = publicado
    local_nq = almacen.store.dump(format=ox.RdfFormat.N_QUADS)
    assert local_nq is not None
    remoto_nq = _nquads(base)
    # Hay nodos en blanco (restricciones OWL de la ontología): sus etiquetas cambian en el servidor, así que
    # las líneas iguales solo se exigen sin ellos; con ellos, isomorfismo grafo a grafo (rdflib).
    assert _con_nodos_en_blanco(almacen.store) > 0
    sin_blancos = [{ln for ln in nq.decode().splitlines() if "_:" not in ln} for nq in (local_nq, remoto_nq)]
    assert sin_blancos[0] == sin_blancos[1]
    local, remoto = Dataset(), Dataset()
    local.parse(data=local_nq.decode(), format="nquads")
    remoto.parse(data=remoto_nq.decode(), format="nquads")
    nombres = {g.identifier for g in local.graphs() if len(g)}
    assert {g.identifier for g in remoto.graphs() if len(g)} == nombres
    for nombre in nombres:
        assert isomorphic(local.graph(nombre), remoto.graph(nombre)), nombre


@pytest.mark.parametrize("consulta", consultas_disponibles(), ids=lambda c: c.nombre)
def test_catalogo_igual_en_el_servidor(
    consulta: Consulta, almacen: Almacen, publicado: tuple[str, Result]
) -> None:
    base, _r = publicado
    remoto = Endpoint(f"{base}/query")
    params = consulta.parametros_de_ejemplo()
    local, desde_servidor = ejecutar(almacen, consulta, params), ejecutar(remoto, consulta, params)
    assert local.filas, consulta.nombre
    assert (desde_servidor.columnas, desde_servidor.filas, desde_servidor.booleano) == (
        local.columnas,
        local.filas,
        local.booleano,
    )
    # sin parámetros: las mismas filas, o el mismo error si alguno es obligatorio
    if any(p.obligatorio for p in consulta.parametros):
        with pytest.raises(ConsultaInvalidaError) as e_local:
            ejecutar(almacen, consulta)
        with pytest.raises(ConsultaInvalidaError) as e_remoto:
            ejecutar(remoto, consulta)
        assert str(e_remoto.value) == str(e_local.value)
    else:
        sin_local, sin_remoto = ejecutar(almacen, consulta), ejecutar(remoto, consulta)
        assert (sin_remoto.columnas, sin_remoto.filas) == (sin_local.columnas, sin_local.filas)


# --- repetir, reemplazar, un solo grafo --------------------------------------------------------------------


def test_reemplazar_dos_veces_no_duplica(oxigraph_vacio: str, almacen: Almacen) -> None:
    locales = _cuentas_locales(almacen.store)
    for _ in range(2):
        res = publicar(almacen, f"{oxigraph_vacio}/store", reemplazar=True)
        assert res.metodo == "PUT" and res.tripletas == len(almacen.store)
        assert {g.iri: g.tripletas for g in res.grafos} == locales
        assert _cuentas_remotas(oxigraph_vacio) == locales


def test_post_dos_veces_duplica_solo_lo_que_tiene_nodos_en_blanco(
    oxigraph_vacio: str, almacen: Almacen
) -> None:
    """POST añade: las tripletas sin nodos en blanco ya estaban (un grafo es un conjunto), pero el servidor
    crea nodos en blanco nuevos en cada POST, así que las que los tienen se duplican. Por eso existe
    --reemplazar."""
    locales = _cuentas_locales(almacen.store)
    blancos = Counter(
        q.graph_name.value
        for q in almacen.store
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
    )
    assert set(blancos) == {ONTOLOGIA}
    publicar(almacen, f"{oxigraph_vacio}/store")
    publicar(almacen, f"{oxigraph_vacio}/store")
    remotas = _cuentas_remotas(oxigraph_vacio)
    assert remotas == {g: n + blancos[g] for g, n in locales.items()}
    assert remotas[ONTOLOGIA] == locales[ONTOLOGIA] + blancos[ONTOLOGIA] > locales[ONTOLOGIA]
    # --reemplazar lo deja como en el almacén
    publicar(almacen, f"{oxigraph_vacio}/store", reemplazar=True)
    assert _cuentas_remotas(oxigraph_vacio) == locales


def test_un_solo_grafo(oxigraph_vacio: str, salida: Path, almacen: Almacen) -> None:
    r = _cli(
        "publicar", "--endpoint", f"{oxigraph_vacio}/store", "--grafo", GLOSARIO, "--almacen", str(salida)
    )
    assert r.exit_code == 0, r.output
    n = _cuentas_locales(almacen.store)[GLOSARIO]
    assert r.stdout.splitlines() == [
        f"{GLOSARIO}: {n} tripletas",
        f"Total: 1 grafo, {n} tripletas, añadidos (POST) en {oxigraph_vacio}/store",
    ]
    assert _cuentas_remotas(oxigraph_vacio) == {GLOSARIO: n}


def test_grafo_que_no_esta_en_el_almacen(salida: Path) -> None:
    r = _cli(
        "publicar",
        "--endpoint",
        "http://127.0.0.1:9/store",
        "--grafo",
        "http://ejemplo.org/nada",
        "--almacen",
        str(salida),
    )
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert r.output.startswith("Error: el grafo <http://ejemplo.org/nada> no está en el almacén")
    assert GLOSARIO in r.output and ONTOLOGIA in r.output and "Traceback" not in r.output


def test_grafo_por_defecto_y_url_con_consulta(oxigraph_vacio: str) -> None:
    """Lo que hay en el grafo por defecto del almacén va a URL?default; los nodos en blanco viajan."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("por defecto")))
    blanco = ox.BlankNode()
    g = ox.NamedNode("http://e/g?x=1&y=ñ")
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), blanco, g))
    store.add(ox.Quad(blanco, ox.NamedNode("http://e/q"), ox.Literal("á", language="es"), g))
    falso: Any = SimpleNamespace(store=store, descripcion="prueba")
    assert grafos_del_almacen(store) == [None, "http://e/g?x=1&y=ñ"]
    res = publicar(falso, f"{oxigraph_vacio}/store")
    assert [(p.iri, p.tripletas) for p in res.grafos] == [(None, 1), ("http://e/g?x=1&y=ñ", 2)]
    remoto = ox.Store()
    remoto.load(_nquads(oxigraph_vacio), format=ox.RdfFormat.N_QUADS)
    assert len(list(remoto.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 1
    assert _cuentas_remotas(oxigraph_vacio) == {"http://e/g?x=1&y=ñ": 2}


# --- errores, contra un servidor HTTP mínimo ---------------------------------------------------------------


@dataclass
class _Peticion:
    metodo: str
    ruta: str
    cabeceras: Message
    cuerpo: bytes


Respuesta = tuple[int, dict[str, str], str]


class _ServidorDePrueba(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Manejador)
        self.peticiones: list[_Peticion] = []
        self.responder: Callable[[_Peticion, int], Respuesta] = lambda _p, _n: (204, {}, "")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class _Manejador(BaseHTTPRequestHandler):
    server: _ServidorDePrueba

    def _atender(self) -> None:
        cuerpo = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        peticion = _Peticion(self.command, self.path, self.headers, cuerpo)
        self.server.peticiones.append(peticion)
        codigo, cabeceras, texto = self.server.responder(peticion, len(self.server.peticiones))
        datos = texto.encode()
        self.send_response(codigo)
        for clave, valor in cabeceras.items():
            self.send_header(clave, valor)
        self.send_header("Content-Length", str(len(datos)))
        self.end_headers()
        self.wfile.write(datos)

    def do_GET(self) -> None:
        self._atender()

    def do_POST(self) -> None:
        self._atender()

    def do_PUT(self) -> None:
        self._atender()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_prueba() -> Iterator[_ServidorDePrueba]:
    servidor = _ServidorDePrueba()
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    try:
        yield servidor
    finally:
        servidor.shutdown()
        servidor.server_close()
        hilo.join(timeout=10)


def test_sin_servidor_escuchando(salida: Path, puerto_libre: int) -> None:
    url = f"http://127.0.0.1:{puerto_libre}/store"
    r = _cli("publicar", "--endpoint", url, "--almacen", str(salida))
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert r.output.startswith("Error: falló el grafo ")
    assert "aún no se había enviado ninguno" in r.output
    assert f"no se pudo contactar el Graph Store {url}" in r.output
    assert "Compruebe la URL y que el servidor está en marcha." in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    ("codigo", "pista"),
    [
        (401, "pide credenciales (HTTP 401). Use --usuario"),
        (403, "no permite escribir (HTTP 403)"),
        (404, "(HTTP 404)"),
        (405, "no admite POST (HTTP 405)"),
        (415, "no acepta N-Triples (HTTP 415)"),
        (500, "falló (HTTP 500)"),
        (400, "rechazó la petición (HTTP 400)"),
    ],
)
def test_respuestas_de_error(codigo: int, pista: str, http_prueba: _ServidorDePrueba, salida: Path) -> None:
    cuerpo = "motivo del servidor " + "x" * 1000
    http_prueba.responder = lambda _p, _n: (codigo, {"Content-Type": "text/plain"}, cuerpo)
    r = _cli("publicar", "--endpoint", http_prueba.url, "--almacen", str(salida))
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert r.output.startswith("Error: falló el grafo ") and pista in r.output
    assert "Traceback" not in r.output
    assert len(http_prueba.peticiones) == 1  # se detiene en el primer fallo
    if codigo != 401:
        # los primeros 300 caracteres del cuerpo de la respuesta, no más
        assert "Respuesta: motivo del servidor " + "x" * 280 in r.output and "x" * 290 not in r.output
    if codigo in (404, 405, 415):
        for ruta in (
            "7878/store",
            "3030/CONJUNTO/data",
            "/repositories/REPOSITORIO/rdf-graphs/service",
            "sparql-graph-crud-auth",
        ):
            assert ruta in r.output


def test_fallo_a_mitad_dice_que_grafo_y_cuantos_se_enviaron(
    http_prueba: _ServidorDePrueba, almacen: Almacen
) -> None:
    http_prueba.responder = lambda _p, n: (204, {}, "") if n <= 3 else (503, {}, "lleno")
    grafos = grafos_del_almacen(almacen.store)
    enviadas = sum(_cuentas_locales(almacen.store)[g or ""] for g in grafos[:3])
    with pytest.raises(PublicacionError) as e:
        publicar(almacen, http_prueba.url)
    assert str(e.value).startswith(
        f"falló el grafo {grafos[3]} (4 de {len(grafos)}; ya se habían enviado 3, con {enviadas} tripletas): "
    )
    assert "(HTTP 503)" in str(e.value) and "lleno" in str(e.value)


def test_peticiones_del_protocolo(http_prueba: _ServidorDePrueba, almacen: Almacen) -> None:
    """Método, URL (IRI codificado, consulta previa conservada), tipo, longitud conocida (sin troceado) y
    cuerpo N-Triples con las tripletas del grafo."""
    for reemplazar, metodo in ((False, "POST"), (True, "PUT")):
        http_prueba.peticiones.clear()
        publicar(almacen, http_prueba.url + "?token=abc", grafo=GLOSARIO, reemplazar=reemplazar)
        (p,) = http_prueba.peticiones
        assert p.metodo == metodo
        assert p.ruta == "/store?token=abc&graph=" + urllib.parse.quote(GLOSARIO, safe="")
        assert p.cabeceras["Content-Type"] == "application/n-triples; charset=utf-8"
        assert p.cabeceras["Transfer-Encoding"] is None
        assert int(p.cabeceras["Content-Length"]) == len(p.cuerpo)
        assert p.cabeceras["Authorization"] is None  # sin --usuario, sin credenciales
        tripletas = list(ox.parse(p.cuerpo, format=ox.RdfFormat.N_TRIPLES))
        assert len(tripletas) == _cuentas_locales(almacen.store)[GLOSARIO]


def test_redireccion_no_se_sigue(http_prueba: _ServidorDePrueba, salida: Path) -> None:
    """Un POST redirigido se volvería un GET (200) y parecería un éxito: se informa en lugar de seguirlo."""
    http_prueba.responder = lambda _p, _n: (302, {"Location": "http://otro/store"}, "")
    r = _cli("publicar", "--endpoint", http_prueba.url, "--almacen", str(salida))
    assert r.exit_code == 1 and "redirige (HTTP 302) a http://otro/store" in r.output
    assert [p.metodo for p in http_prueba.peticiones] == ["POST"]


def test_clave_de_grafo_clave_como_basic(http_prueba: _ServidorDePrueba, salida: Path) -> None:
    r = _cli(
        "publicar", "--endpoint", http_prueba.url, "--usuario", "ana", "--grafo", GLOSARIO, "--almacen", str(salida),
        env={"GRAFO_CLAVE": CLAVE},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    (p,) = http_prueba.peticiones
    assert p.cabeceras["Authorization"] == "Basic " + base64.b64encode(f"ana:{CLAVE}".encode()).decode()
    assert CLAVE not in r.output and CLAVE not in p.ruta


def test_clave_rechazada_no_aparece(http_prueba: _ServidorDePrueba, salida: Path) -> None:
    http_prueba.responder = lambda _p, _n: (401, {"WWW-Authenticate": 'Basic realm="grafo"'}, "no")
    r = _cli(
        "publicar", "--endpoint", http_prueba.url, "--usuario", "ana", "--almacen", str(salida),
        env={"GRAFO_CLAVE": CLAVE},
    )  # fmt: skip
    assert r.exit_code == 1 and "rechazó las credenciales del usuario 'ana' (HTTP 401)" in r.output
    assert CLAVE not in r.output and base64.b64encode(f"ana:{CLAVE}".encode()).decode() not in r.output
    assert len(http_prueba.peticiones) == 1


def test_usuario_sin_clave_ni_terminal(http_prueba: _ServidorDePrueba, salida: Path) -> None:
    r = _cli("publicar", "--endpoint", http_prueba.url, "--usuario", "ana", "--almacen", str(salida))
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert r.output.startswith("Error: falta la clave del usuario 'ana'") and "GRAFO_CLAVE" in r.output
    assert http_prueba.peticiones == []  # no se envió nada


def _md5(texto: str) -> str:
    return hashlib.md5(texto.encode()).hexdigest()


def _servidor_digest(usuario: str, clave: str) -> Callable[[_Peticion, int], Respuesta]:
    """Un Graph Store con autenticación Digest (como Virtuoso en /sparql-graph-crud-auth)."""
    reino, nonce = "SPARQL", "n0nce-1"
    reto = {
        "WWW-Authenticate": f'Digest realm="{reino}", nonce="{nonce}", qop="auth", algorithm="MD5", opaque="op"'
    }

    def responder(p: _Peticion, _n: int) -> Respuesta:
        autorizacion = p.cabeceras["Authorization"] or ""
        if not autorizacion.startswith("Digest "):
            return 401, reto, ""
        c = urllib.request.parse_keqv_list(urllib.request.parse_http_list(autorizacion[7:]))
        ha1, ha2 = _md5(f"{usuario}:{reino}:{clave}"), _md5(f"{p.metodo}:{c['uri']}")
        esperado = _md5(f"{ha1}:{nonce}:{c['nc']}:{c['cnonce']}:auth:{ha2}")
        valido = c["username"] == usuario and c["uri"] == p.ruta and c["response"] == esperado
        return (201, {}, "") if valido else (401, reto, "")

    return responder


def test_digest_si_el_servidor_lo_pide(http_prueba: _ServidorDePrueba, almacen: Almacen) -> None:
    http_prueba.responder = _servidor_digest("dba", CLAVE)
    res = publicar(almacen, http_prueba.url, credenciales=("dba", CLAVE))
    assert len(res.grafos) == len(grafos_del_almacen(almacen.store))
    # la primera petición (Basic) recibe el reto; desde ahí, Digest en cada petición, sin más retos
    assert len(http_prueba.peticiones) == len(res.grafos) + 1
    assert (http_prueba.peticiones[0].cabeceras["Authorization"] or "").startswith("Basic ")
    assert all((p.cabeceras["Authorization"] or "").startswith("Digest ") for p in http_prueba.peticiones[1:])
    assert all(CLAVE not in (p.cabeceras["Authorization"] or "") for p in http_prueba.peticiones[1:])


def test_digest_con_clave_mala(http_prueba: _ServidorDePrueba, almacen: Almacen) -> None:
    http_prueba.responder = _servidor_digest("dba", "la buena")
    with pytest.raises(
        PublicacionError, match=r"rechazó las credenciales del usuario 'dba' \(HTTP 401\)"
    ) as e:
        publicar(almacen, http_prueba.url, credenciales=("dba", CLAVE))
    assert CLAVE not in str(e.value)
    assert len(http_prueba.peticiones) == 2  # Basic, y Digest una vez: no insiste


@pytest.mark.parametrize(
    ("url", "mensaje"),
    [
        ("ftp://127.0.0.1/store", "no es una URL http(s) de un Graph Store"),
        ("127.0.0.1:7878/store", "no es una URL http(s) de un Graph Store"),
        ("http:///store", "no es una URL http(s) de un Graph Store"),
        ("http://127.0.0.1:puerto/store", "el puerto no es un número"),
        (f"http://ana:{urllib.parse.quote(CLAVE)}@127.0.0.1:9/store", "la URL lleva usuario o clave"),
    ],
)
def test_url_mala(url: str, mensaje: str, salida: Path) -> None:
    r = _cli("publicar", "--endpoint", url, "--almacen", str(salida))
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert r.output.startswith("Error: ") and mensaje in r.output
    assert urllib.parse.quote(CLAVE) not in r.output and "Traceback" not in r.output
