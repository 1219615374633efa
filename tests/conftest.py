"""Fixtures compartidas: el grafo construido una vez por sesión; servidores reales (``grafo servir``,
``oxigraph serve``) y Chromium para las pruebas que los necesitan.

Las pruebas se importan con ``--import-mode=importlib``: un módulo de pruebas no puede importar este
archivo (``import conftest`` falla), así que lo que se comparte llega por fixtures; las clases solo se
importan para las anotaciones, bajo ``TYPE_CHECKING``."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeAlias

import pytest
from rdflib import Dataset, Graph

from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.construccion.proceso import construir, construir_dataset
from grafo.construccion.tripletas import grafo_union

DATOS = Path(__file__).parent / "datos"

# --- marcas -------------------------------------------------------------------------------------------

#: Fixture -> marca: toda prueba que la usa (directa o indirectamente) lleva la marca, para poder
#: dejarla fuera en una pasada rápida (``-m "not chromium and not java and not servidor"``). Las marcas
#: están registradas en pyproject.toml (``--strict-markers``).
MARCAS_POR_FIXTURE = {
    "navegador": "chromium",
    "java": "java",
    "servidor": "servidor",
    "servir": "servidor",
    "servidor_oxigraph": "servidor",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        usadas = set(getattr(item, "fixturenames", ()))
        for marca in sorted({m for f, m in MARCAS_POR_FIXTURE.items() if f in usadas}):
            item.add_marker(marca)


# --- el grafo construido, una vez por sesión ----------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _cache_aislada(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """La caché del grafo incluido va a un directorio temporal, no a la del usuario (también la de los
    procesos ``grafo`` que arrancan las pruebas: heredan la variable)."""
    antes = os.environ.get("GRAFO_CACHE")
    os.environ["GRAFO_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if antes is None:
        os.environ.pop("GRAFO_CACHE", None)
    else:
        os.environ["GRAFO_CACHE"] = antes


@pytest.fixture(scope="session")
def ds() -> Dataset:
    """El grafo completo (ontología, glosario y foros incluidos) desde los archivos empaquetados."""
    return construir_dataset()


@pytest.fixture(scope="session")
def salida(tmp_path_factory: pytest.TempPathFactory, _cache_aislada: None) -> Path:
    """Una construcción de ``grafo construir`` (vocabulario y foro incluido), una vez por sesión, con
    umask 022 (``test_permisos_segun_umask`` lo cuenta). Solo se lee.

    Es también el grafo incluido: se copia a la caché de la sesión, así que las órdenes sin
    ``--almacen`` (en proceso o en un ``grafo`` aparte) leen esta misma construcción en vez de
    construir otra."""

    def construir_022(directorio: Path) -> None:
        viejo = os.umask(0o022)
        try:
            construir(directorio)
        finally:
            os.umask(viejo)

    directorio = _una_vez_por_corrida(tmp_path_factory, "construido", construir_022)
    _sembrar_cache(directorio)
    return directorio


def _una_vez_por_corrida(
    tmp_path_factory: pytest.TempPathFactory, nombre: str, hacer: Callable[[Path], None]
) -> Path:
    """El directorio ``salida`` que ``hacer`` construye, uno para toda la corrida: con pytest-xdist
    cada proceso tiene su directorio temporal, y el primero que llega construye en el padre común
    (con un candado) mientras el otro espera y lo reutiliza. Solo para construcciones que las
    pruebas solo leen."""
    import fcntl

    raiz = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        raiz = raiz.parent
    destino = raiz / f"compartido-{nombre}" / "salida"
    listo = raiz / f"compartido-{nombre}.listo"
    with open(raiz / f"compartido-{nombre}.candado", "w") as candado:
        fcntl.flock(candado, fcntl.LOCK_EX)
        if not listo.exists():
            shutil.rmtree(destino.parent, ignore_errors=True)
            destino.parent.mkdir()
            hacer(destino)
            listo.touch()
    return destino


def _sembrar_cache(construida: Path) -> None:
    """El grafo incluido de la caché (``almacen_incluido``) es una copia de ``construida``: la misma
    construcción (vocabulario y foros incluidos), sin construirla otra vez."""
    import grafo.construccion.proceso
    from grafo.construccion.cache import almacen_incluido

    copias: list[Path] = []

    def copiar(directorio: Path, foros: object = ()) -> None:
        assert foros == (), foros
        shutil.copytree(construida, directorio)
        copias.append(directorio)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(grafo.construccion.proceso, "construir", copiar)
        incluido = almacen_incluido()
    # vacía si una prueba anterior de este proceso ya construyó el grafo incluido (con las mismas fuentes)
    assert copias in ([incluido.directorio], []), copias
    incluido.cerrar()


@pytest.fixture(scope="session")
def almacen(salida: Path) -> Almacen:
    """El almacén construido, abierto en solo lectura."""
    return abrir_almacen(salida)


class LectorMemo:
    """Un ``Lector`` sobre un almacén de solo lectura que recuerda las filas de cada SELECT (no pueden
    cambiar): para las pruebas que resuelven cientos de nombres y releerían la misma lista."""

    def __init__(self, almacen: Almacen) -> None:
        self.almacen = almacen
        self.descripcion = almacen.descripcion
        self._filas: dict[str, list[dict[str, str]]] = {}

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        if consulta not in self._filas:
            self._filas[consulta] = self.almacen.seleccionar(consulta)
        return [dict(f) for f in self._filas[consulta]]


@pytest.fixture(scope="session")
def lector_memo(almacen: Almacen) -> LectorMemo:
    """``almacen`` tras un ``LectorMemo``."""
    return LectorMemo(almacen)


class Construccion:
    """Una construcción de ``grafo construir`` hecha por la CLI: su directorio, lo que escribió la
    orden y el foro extra con que se construyó (una copia: el manifiesto guarda su ruta y su huella).
    Quien cambie ``foro`` lo deja como estaba antes de terminar la prueba."""

    def __init__(self, directorio: Path, informe: str, foro: Path) -> None:
        self.directorio = directorio
        self.informe = informe
        self.foro = foro


@pytest.fixture(scope="session")
def construccion_minima(tmp_path_factory: pytest.TempPathFactory, _cache_aislada: None) -> Construccion:
    """``grafo construir --foro foro-minimo.yaml`` (sin ``--salida``: en ``./salida`` de un directorio
    vacío), una vez por sesión: el foro incluido y el de prueba (222 enunciados, 2 foros)."""
    from click.testing import CliRunner

    from grafo.cli import cli

    base = tmp_path_factory.mktemp("minimo")
    foro = base / "foros" / "foro-minimo.yaml"
    foro.parent.mkdir()
    shutil.copy(DATOS / "foro-minimo.yaml", foro)
    antes = Path.cwd()
    os.chdir(base)
    try:
        r = CliRunner().invoke(cli, ["construir", "--foro", str(foro)])
    finally:
        os.chdir(antes)
    assert r.exit_code == 0, r.output
    return Construccion(base / "salida", r.output, foro)


@pytest.fixture(scope="session")
def salida_minimo(construccion_minima: Construccion) -> Path:
    """El directorio de ``construccion_minima``: el foro incluido y el de prueba. Solo se lee."""
    return construccion_minima.directorio


#: Texto hostil de ``foro_hostil``: HTML, cierre de <script>, comillas, '&'.
HOSTIL = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> \"comillas\" 'simples' href & más"


class ForoHostil:
    """Una construcción con el foro mínimo cargado de ``texto`` (``HOSTIL``): la pregunta P1 y el
    enunciado E8 son ``texto``; el enunciado E1 es ``texto + " ZEE"`` (la ficha de la ZEE lo cita) y su
    autora (Ana Prueba) se llama ``texto``."""

    def __init__(self, directorio: Path, texto: str) -> None:
        self.directorio = directorio
        self.texto = texto


@pytest.fixture(scope="session")
def foro_hostil(tmp_path_factory: pytest.TempPathFactory, _cache_aislada: None) -> ForoHostil:
    """Una construcción con un foro de textos hostiles, una vez por sesión. Solo se lee."""
    foro = (DATOS / "foro-minimo.yaml").read_text(encoding="utf-8")
    carga = HOSTIL.replace('"', '\\"')
    cambios = {
        'texto: "¿Cómo aportar desde el OT?"': f'texto: "{carga}"',
        'texto: "El ente rector es el MINAM y la ZEE sustenta el OT; otros planes no."': f'texto: "{carga} ZEE"',
        'nombre: "Ana Prueba"': f'nombre: "{carga}"',
        'texto: "Débil institucionalidad / desarticulación de los tres niveles de gobierno."': f'texto: "{carga}"',
    }
    for viejo, nuevo in cambios.items():
        assert foro.count(viejo) == 1, viejo
        foro = foro.replace(viejo, nuevo)

    def construir_hostil(directorio: Path) -> None:
        ruta = directorio.parent / "foro-hostil.yaml"
        ruta.write_text(foro, encoding="utf-8")
        construir(directorio, [ruta])

    return ForoHostil(_una_vez_por_corrida(tmp_path_factory, "hostil", construir_hostil), HOSTIL)


@pytest.fixture(scope="session")
def union(ds: Dataset) -> Graph:
    """La unión de los grafos con nombre."""
    return grafo_union(ds)


@pytest.fixture(scope="session")
def java() -> None:
    """Salta sin Java en una máquina de desarrollo; en CI (variable CI) falla."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI sin Java: .ci/run debe instalarlo")
        pytest.skip("Java no está instalado (HermiT lo necesita)")


@pytest.fixture
def escucha() -> Iterator[socket.socket]:
    """Un puerto de loopback que escucha y nunca responde: lo hostil no debe llegar a él."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.setblocking(False)
    yield s
    s.close()


#: Consultas hostiles (``datos/hostiles.json``, que también lee ``bench/bench_servidor.py``): nombre ->
#: (texto con {puerto}, "prohibida" o "detenida"). "prohibida": se rechaza antes de evaluar; "detenida":
#: se evalúa y se detiene por tiempo o tamaño.
HOSTILES: dict[str, tuple[str, str]] = {
    k: (v["texto"], v["tipo"])
    for k, v in json.loads((DATOS / "hostiles.json").read_text(encoding="utf-8")).items()
}
#: Bombas de expresiones regulares: Oxigraph (autómata lineal) las termina enseguida; rdflib (``re``,
#: con retroceso) tardaría años: se detienen.
BOMBAS_REGEX: dict[str, str] = {
    "retroceso": 'SELECT ?x WHERE { BIND(CONCAT("{a}", "!") AS ?x) FILTER(REGEX(?x, "^(a+)+$")) }'.replace(
        "{a}", "a" * 40
    ),
    "alternancia": 'SELECT ?x WHERE { BIND(CONCAT("{a}", "!") AS ?x) FILTER(REGEX(?x, "^(a|aa)+$")) }'.replace(
        "{a}", "a" * 60
    ),
    "tamano": 'SELECT ?x WHERE { ?s rdfs:label ?x FILTER(REGEX(?x, "((((a{100}){100}){100}){100})")) }',
}


@pytest.fixture
def hostiles(escucha: socket.socket) -> dict[str, tuple[str, str]]:
    """``HOSTILES`` con el puerto de ``escucha``."""
    puerto = str(escucha.getsockname()[1])
    return {k: (t.replace("{puerto}", puerto), tipo) for k, (t, tipo) in HOSTILES.items()}


@pytest.fixture
def bombas_regex() -> dict[str, str]:
    """``BOMBAS_REGEX``."""
    return dict(BOMBAS_REGEX)


def _falta(que: str, como: str) -> None:
    """Sin ``que`` se salta la prueba en una máquina de desarrollo; en la CI (variable CI) falla, con
    ``como`` (qué debe instalarlo) en el mensaje."""
    if os.environ.get("CI"):
        pytest.fail(f"CI sin {que}: {como}")
    pytest.skip(f"{que} no está instalado")


@pytest.fixture(scope="session")
def falta() -> Callable[[str, str], None]:
    """``falta(que, como)``: salta la prueba por no estar ``que``; en la CI (variable CI) falla."""
    return _falta


# --- grafo servir -------------------------------------------------------------------------------------


class Servidor:
    """Un ``grafo servir`` en marcha (proceso aparte, puerto libre de loopback): el proceso, su URL
    (termina en '/') y lo que escribió."""

    def __init__(self, proceso: subprocess.Popen[str], url: str, salida: list[str]) -> None:
        self.proceso = proceso
        self.url = url
        self.salida = salida

    def pedir(
        self, ruta: str, datos: dict[str, str] | None = None, *, acepta: str = "", cuerpo: bytes | None = None,
        tipo: str = "", metodo: str | None = None,
    ) -> tuple[int, str, bytes]:  # fmt: skip
        """(estado, tipo de contenido, cuerpo) de una petición."""
        cabeceras = {}
        if acepta:
            cabeceras["Accept"] = acepta
        if datos is not None:
            cuerpo = urllib.parse.urlencode(datos).encode()
            tipo = "application/x-www-form-urlencoded"
        if tipo:
            cabeceras["Content-Type"] = tipo
        p = urllib.request.Request(self.url + ruta, data=cuerpo, headers=cabeceras, method=metodo)
        try:
            with urllib.request.urlopen(p, timeout=60) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def parar(self) -> int:
        """Ctrl-C (SIGINT) y espera a que termine; da su código de salida."""
        self.proceso.send_signal(signal.SIGINT)
        return self.proceso.wait(timeout=20)


def _servir(*args: str) -> Servidor:
    # en un directorio vacío: un fixture de módulo se arranca antes del cambio de directorio de cada
    # prueba, y desde la raíz del repositorio 'python -m grafo' importaría el árbol fuente, no el paquete
    proceso = subprocess.Popen(
        [sys.executable, "-m", "grafo", "servir", "--puerto", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tempfile.mkdtemp(prefix="grafo-servir-"),
    )
    lineas: list[str] = []
    url: list[str] = []
    listo = threading.Event()

    def leer() -> None:
        assert proceso.stdout is not None
        for linea in proceso.stdout:
            lineas.append(linea)
            m = re.search(r"página de consultas: (http://\S+/)", linea)
            if m:
                url.append(m.group(1))
            if "Ctrl-C para parar" in linea:
                listo.set()
        listo.set()

    threading.Thread(target=leer, daemon=True).start()
    if not listo.wait(120) or not url:
        proceso.kill()
        raise AssertionError("grafo servir no arrancó: " + "".join(lineas))
    return Servidor(proceso, url[0], lineas)


@pytest.fixture(scope="session")
def servir() -> Callable[..., Servidor]:
    """``servir(*args)`` arranca ``grafo servir --puerto 0 *args`` y espera a que diga su URL; quien lo
    arranca lo para (``Servidor.parar()``)."""
    return _servir


@pytest.fixture(scope="session")
def plazo_servir() -> float:
    """El ``--tiempo-maximo`` (segundos) del ``grafo servir`` de la fixture ``servidor``."""
    return 2.0


@pytest.fixture(scope="module")
def servidor(salida: Path, plazo_servir: float) -> Iterator[Servidor]:
    """Un ``grafo servir`` del almacén de la sesión con ``--tiempo-maximo plazo_servir``, uno por módulo."""
    s = _servir("--almacen", str(salida), "--tiempo-maximo", str(plazo_servir))
    yield s
    if s.proceso.poll() is None:
        s.parar()


# --- oxigraph serve -----------------------------------------------------------------------------------


def _oxigraph() -> str | None:
    junto = Path(sys.executable).parent / "oxigraph"
    return str(junto) if junto.exists() else shutil.which("oxigraph")


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def puerto_libre() -> int:
    """Un puerto de 127.0.0.1 en el que nadie escucha."""
    return _puerto_libre()


@contextmanager
def _servidor_oxigraph(orden: str, ubicacion: Path) -> Iterator[str]:
    """``oxigraph <orden>`` (``serve``: lectura y escritura; ``serve-read-only``) sobre ``ubicacion``, con
    la unión como grafo por defecto, en un puerto libre de 127.0.0.1; espera a que responda, da la URL base
    (``/query`` es el endpoint SPARQL, ``/store`` el Graph Store) y lo para al salir."""
    binario = _oxigraph()
    if binario is None:
        if os.environ.get("CI"):
            pytest.fail("CI sin el servidor 'oxigraph': el extra [test] debe instalarlo")
        pytest.skip("no está el servidor 'oxigraph' (pip install oxigraph)")
    puerto = _puerto_libre()
    proc = subprocess.Popen(
        [binario, orden, "--location", str(ubicacion), "--bind", f"127.0.0.1:{puerto}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{puerto}"
    try:
        limite = time.monotonic() + 60  # arranca en menos de un segundo; 60 con la máquina cargada
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph no arrancó: {proc.stderr.read().decode() if proc.stderr else ''}")
                if time.monotonic() > limite:
                    pytest.fail("oxigraph no respondió en 60 s")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


#: El tipo de la fixture ``servidor_oxigraph``.
ServidorOxigraph: TypeAlias = Callable[[str, Path], AbstractContextManager[str]]


@pytest.fixture(scope="session")
def servidor_oxigraph() -> ServidorOxigraph:
    """``with servidor_oxigraph(orden, ubicacion) as base``: un ``oxigraph <orden>`` real en un puerto
    libre de loopback, parado al salir del ``with``. Sin el servidor 'oxigraph' salta; en CI falla."""
    return _servidor_oxigraph


# --- Chromium -----------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def navegador() -> Iterator[Any]:
    """Chromium de Debian sin cabeza, con playwright. Salta sin playwright o sin Chromium en una máquina
    de desarrollo; en la CI (variable CI) falla.

    Uno por módulo, no por sesión: mientras vive, la API síncrona de playwright deja un bucle de asyncio
    en marcha en el hilo, y un ``asyncio.run()`` de otra prueba (nbclient, por ejemplo) fallaría."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _falta("playwright", "el extra [test] debe instalarlo")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _falta("Chromium", ".ci/run debe instalarlo (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        yield b
        b.close()


class PaginaDeArchivo:
    """Un archivo del disco abierto en un contexto nuevo de Chromium, listo cuando su ``body`` lleva
    ``data-listo='1'``. Toda petición que no sea a un archivo local se bloquea y se anota en
    ``peticiones``; los errores y avisos de la consola y los errores de la página van a ``errores``; los
    diálogos se cierran y se anotan en ``dialogos``."""

    def __init__(self, navegador: Any, ruta: Path, *, alto: int = 800) -> None:
        self.peticiones: list[str] = []
        self.errores: list[str] = []
        self.dialogos: list[str] = []
        self.contexto = navegador.new_context(viewport={"width": 1280, "height": alto})
        self.contexto.route("**/*", self._ruta)
        self.p = self.contexto.new_page()
        self.p.on(
            "console", lambda m: self.errores.append(m.text) if m.type in ("error", "warning") else None
        )
        self.p.on("pageerror", lambda e: self.errores.append(str(e)))
        self.p.on("dialog", lambda d: (self.dialogos.append(d.message), d.dismiss()))
        self.p.goto(ruta.as_uri())
        self.p.wait_for_selector("body[data-listo='1']", timeout=20_000)

    def _ruta(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.peticiones.append(url)
            route.abort()

    def js(self, codigo: str) -> Any:
        return self.p.evaluate(codigo)

    def esperar(self, codigo: str, plazo: float = 20.0) -> Any:
        """Evalúa ``codigo`` hasta que dé algo verdadero (o falla pasado ``plazo``). No usa
        ``wait_for_function`` de texto: las páginas tienen CSP sin ``unsafe-eval`` y Chromium la
        rechaza si la navegación aún no terminó; ``evaluate`` no pasa por la CSP."""
        limite = time.monotonic() + plazo
        while True:
            try:
                valor = self.p.evaluate(codigo)
            except Exception:  # la página está cambiando: se vuelve a intentar
                valor = None
            if valor:
                return valor
            assert time.monotonic() < limite, f"no se cumplió en {plazo:g} s: {codigo}"
            self.p.wait_for_timeout(50)

    def cerrar(self) -> None:
        self.contexto.close()


@pytest.fixture(scope="module")
def abrir_archivo(navegador: Any) -> Callable[..., PaginaDeArchivo]:
    """``abrir_archivo(ruta, alto=800)``: una ``PaginaDeArchivo`` de ``ruta`` en ``navegador`` (ventana de
    1280 de ancho y ``alto`` de alto); quien la abre la cierra (``cerrar()``)."""
    return functools.partial(PaginaDeArchivo, navegador)
