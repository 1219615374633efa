"""Benchmark de carga de ``grafo servir`` frente a ``oxigraph serve-read-only`` (no es una prueba).

Uso:
    python bench/bench_servidor.py [--almacen DIR] [--consultas 2000] [--clientes 8] [--procesos 4]
                                   [--tiempo-maximo 2] [--hostiles-cada 50] [--calentamiento 50]
                                   [--rondas 4] [--semilla 0] [--oxigraph RUTA] [--por-consulta]
                                   [--desglose] [--salida-md ARCHIVO]

Sin ``--almacen`` construye el grafo incluido (``grafo.construccion.proceso.construir``) en un directorio
temporal. La carga: las consultas del catálogo con los parámetros de su ejemplo (y sin parámetros si
ninguno es obligatorio), convertidas en el texto exacto que enviaría ``grafo consulta --endpoint``
(``resolver_parametros`` contra el almacén local, ``aplicar_valores`` y ``seguridad.asegurar(...).texto``,
que antepone los prefijos del proyecto): los dos servidores reciben los mismos textos autocontenidos.
Se recorren en rondas barajadas con ``random.Random(semilla)`` hasta ``--consultas``; un caso cuyos
parámetros de ejemplo no se resuelven en el almacén (p. ej. ``grupo=4`` con varios foros) se omite y
se informa.

``--clientes`` hilos, cada uno con su conexión persistente (``http.client.HTTPConnection``,
keep-alive), envían ``POST`` con formulario ``query=...`` y ``Accept: application/sparql-results+json``
y leen el cuerpo entero. Se arrancan los dos servidores sobre el mismo almacén y, tras
``--calentamiento`` consultas sin medir en cada uno:

1. ``oxigraph serve-read-only --location DIR/almacen --union-default-graph`` (ruta ``/query``) y
   ``grafo servir --almacen DIR --puerto 0 --procesos N --tiempo-maximo T`` (ruta ``/sparql``, URL
   leída de su salida) reciben las mismas consultas válidas en ``--rondas`` rondas alternadas: una
   ronda a Oxigraph, la misma a grafo servir, y así; nunca los dos a la vez. Alternar reparte entre
   los dos la deriva de una máquina compartida. La razón de rendimiento grafo/Oxigraph sale de aquí;
2. el mismo ``grafo servir`` con una consulta hostil cada ``--hostiles-cada`` válidas (las de las
   pruebas, leídas de ``tests/datos/hostiles.json``: actualizaciones, ``LOAD``, ``SERVICE``, ``FROM``
   fuera del almacén y productos cartesianos que deben vencer el plazo). Se cuentan los 403 y los 503
   y si las consultas válidas siguieron respondiendo; las hostiles no entran en las latencias.
   ``SERVICE`` y compañía apuntan a un puerto local que escucha y nunca responde: se comprueba que
   nadie llegó.

Corrección: toda respuesta válida debe ser HTTP 200, y los resultados JSON de ``grafo servir`` se
comparan con los de Oxigraph para cada texto (filas ordenadas de términos; las celdas de las columnas
``Lista:`` se ordenan por partes, porque el orden de ``GROUP_CONCAT`` no está definido). Se guardan
todos los cuerpos distintos de cada texto (por su SHA-256), así se comparan todas las respuestas.

Imprime una tabla Markdown por servidor (consultas válidas, errores, tiempo de reloj, consultas/s,
latencia p50/p95/p99/máx en ms, CPU del servidor por consulta —con sus procesos trabajadores, leída de
``/proc``—, CPU de los clientes y CPU ajena: la que gastó en la máquina todo lo demás durante la fase)
con la razón y el objetivo (≥ 0,5× Oxigraph), y la línea de órdenes. La CPU por consulta depende poco
de lo demás que corra en la máquina; las consultas/s, mucho: mírese la CPU ajena. Los clientes corren
en esta misma máquina y compiten por los núcleos con el servidor medido. ``--por-consulta``: mediana
de latencia por texto. ``--desglose``: en qué se va el tiempo de una consulta de ``grafo servir``
(motor en proceso, ``asegurar``, ida y vuelta al trabajador, aplicación WSGI sin motor, HTTP de punta
a punta con un cliente), una petición a la vez.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import http.client
import itertools
import json
import os
import platform
import random
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from servir import almacen_o_construido, arrancar_grafo_servir, parar

from grafo.almacen.almacen import abrir_almacen
from grafo.base.errores import GrafoError
from grafo.consultas.catalogo import SEPARADOR_LISTA, consultas_disponibles
from grafo.consultas.parametros import aplicar_valores, resolver_parametros
from grafo.consultas.politica import asegurar

OBJETIVO = 0.5  # rendimiento de grafo servir frente a Oxigraph
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"

#: Las consultas hostiles de las pruebas (``tests/conftest.py`` lee el mismo archivo): nombre -> (texto
#: con {puerto}, "prohibida" o "detenida"). "prohibida": 403 antes de evaluar; "detenida": se evalúa y
#: se detiene al pasar el plazo (503).
_HOSTILES_JSON = Path(__file__).resolve().parents[1] / "tests" / "datos" / "hostiles.json"
HOSTILES: dict[str, tuple[str, str]] = {
    k: (v["texto"], v["tipo"]) for k, v in json.loads(_HOSTILES_JSON.read_text(encoding="utf-8")).items()
}
_ESPERADO = {"prohibida": 403, "detenida": 503}


# --- la carga -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caso:
    """Un texto que se envía: una consulta del catálogo con sus parámetros, o una hostil."""

    nombre: str  # "competencias nivel=Regional" o "hostil: service"
    texto: str
    forma: str = "SELECT"
    listas: tuple[str, ...] = ()
    hostil: str = ""  # "", "prohibida" o "detenida"

    @property
    def acepta(self) -> str:
        return _NTRIPLES if self.forma in ("CONSTRUCT", "DESCRIBE") else _JSON


def casos_del_catalogo(directorio: Path) -> tuple[list[Caso], list[str]]:
    """Los textos del catálogo como los envía ``grafo consulta --endpoint``; y los omitidos, con motivo."""
    almacen = abrir_almacen(directorio)
    casos: list[Caso] = []
    omitidos: list[str] = []
    try:
        for c in consultas_disponibles():
            ejemplo = c.parametros_de_ejemplo()
            obligatorios = any(p.obligatorio for p in c.parametros)
            variantes = [ejemplo] if obligatorios or not ejemplo else [{}, ejemplo]
            for params in variantes:
                nombre = " ".join([c.nombre, *(f"{k}={v}" for k, v in params.items())])
                try:
                    asegurar(c.texto, c.nombre, None)
                    valores = resolver_parametros(almacen, c, params)
                    segura = asegurar(aplicar_valores(c, valores), c.nombre, None)
                except GrafoError as e:
                    omitidos.append(f"{nombre}: {e}")
                    continue
                casos.append(Caso(nombre, segura.texto, segura.forma, c.listas))
    finally:
        almacen.cerrar()
    return casos, omitidos


def secuencia(casos: list[Caso], n: int, semilla: int) -> list[Caso]:
    """``n`` casos en rondas barajadas (deterministas con ``semilla``)."""
    rnd = random.Random(semilla)
    res: list[Caso] = []
    while len(res) < n:
        ronda = list(casos)
        rnd.shuffle(ronda)
        res += ronda
    return res[:n]


def con_hostiles(validos: list[Caso], cada: int, puerto: int) -> list[Caso]:
    """``validos`` con una hostil tras cada ``cada`` válidas (todas las de ``HOSTILES``, en ciclo)."""
    todas = [
        Caso(f"hostil: {k}", t.replace("{puerto}", str(puerto)), hostil=tipo)
        for k, (t, tipo) in HOSTILES.items()
    ]
    detenidas = [c for c in todas if c.hostil == "detenida"]
    prohibidas = [c for c in todas if c.hostil != "detenida"]
    tramo = -(-len(prohibidas) // len(detenidas))
    orden: list[Caso] = []  # una detenida y luego un tramo de prohibidas: las que vencen el plazo, repartidas
    for i, d in enumerate(detenidas):
        orden += [d, *prohibidas[i * tramo : (i + 1) * tramo]]
    hostiles = itertools.cycle(orden)
    res: list[Caso] = []
    for i, caso in enumerate(validos, 1):
        res.append(caso)
        if cada > 0 and i % cada == 0:
            res.append(next(hostiles))
    return res


# --- los clientes ---------------------------------------------------------------------------------


@dataclass
class Respuesta:
    """Lo que se anota de cada petición."""

    caso: Caso
    estado: int  # 0: fallo de conexión
    segundos: float
    huella: str = ""
    detalle: str = ""


@dataclass
class Fase:
    """Una pasada de la carga contra un servidor."""

    servidor: str
    respuestas: list[Respuesta] = field(default_factory=list)
    reloj: float = 0.0
    reconexiones: int = 0
    cpu_servidor: float = 0.0  # segundos de CPU del servidor y sus procesos hijos durante la fase
    cpu_clientes: float = 0.0  # segundos de CPU de este proceso (los clientes) durante la fase
    cpu_ajena: float = 0.0  # segundos de CPU de todo lo demás en la máquina durante la fase
    cuerpos: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (texto, sha256) -> cuerpo

    def validas(self) -> list[Respuesta]:
        return [r for r in self.respuestas if not r.caso.hostil]

    def hostiles(self) -> list[Respuesta]:
        return [r for r in self.respuestas if r.caso.hostil]


def cargar(servidor: str, url: str, casos: list[Caso], clientes: int, pid: int | None = None) -> Fase:
    """Envía ``casos`` con ``clientes`` hilos (conexión persistente cada uno) y anota las respuestas; con
    ``pid``, también la CPU que gastó ese servidor (con sus procesos hijos)."""
    partes = urllib.parse.urlsplit(url)
    host, puerto, ruta = partes.hostname or "127.0.0.1", partes.port or 80, partes.path
    cuerpos = [urllib.parse.urlencode({"query": c.texto}).encode() for c in casos]
    siguiente = itertools.count()  # next() es atómico en CPython
    fase = Fase(servidor)
    cerrojo = threading.Lock()
    inicio = threading.Barrier(clientes + 1)

    def cliente() -> None:
        conexion = http.client.HTTPConnection(host, puerto, timeout=120)
        propias: list[Respuesta] = []
        reconexiones = 0
        inicio.wait()
        while (i := next(siguiente)) < len(casos):
            caso = casos[i]
            cabeceras = {"Content-Type": "application/x-www-form-urlencoded", "Accept": caso.acepta}
            t0 = time.perf_counter()
            for intento in range(2):  # un reintento si el servidor cerró la conexión persistente
                try:
                    conexion.request("POST", ruta, cuerpos[i], cabeceras)
                    r = conexion.getresponse()
                    datos = r.read()
                    estado = r.status
                    break
                except (OSError, http.client.HTTPException) as e:
                    conexion.close()
                    conexion = http.client.HTTPConnection(host, puerto, timeout=120)
                    reconexiones += 1
                    if intento == 1:
                        estado, datos = 0, f"{type(e).__name__}: {e}".encode()
            segundos = time.perf_counter() - t0
            huella = hashlib.sha256(datos).hexdigest()
            detalle = "" if estado == 200 else datos[:300].decode("utf-8", "replace").strip()
            propias.append(Respuesta(caso, estado, segundos, huella, detalle))
            if estado == 200 and not caso.hostil:
                fase.cuerpos.setdefault((caso.texto, huella), datos)
        conexion.close()
        with cerrojo:
            fase.respuestas += propias
            fase.reconexiones += reconexiones

    hilos = [threading.Thread(target=cliente, daemon=True) for _ in range(clientes)]
    for h in hilos:
        h.start()
    cpu0 = cpu_arbol(pid) if pid else 0.0
    inicio.wait()
    t0, propia0, maquina0 = time.perf_counter(), time.process_time(), cpu_maquina()
    for h in hilos:
        h.join()
    fase.reloj = time.perf_counter() - t0
    fase.cpu_clientes = time.process_time() - propia0
    fase.cpu_servidor = cpu_arbol(pid) - cpu0 if pid else 0.0
    fase.cpu_ajena = cpu_maquina() - maquina0 - fase.cpu_servidor - fase.cpu_clientes
    return fase


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_maquina() -> float:
    """Segundos de CPU ocupada de toda la máquina desde el arranque (``/proc/stat``; 0 si no hay)."""
    try:
        campos = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    usuario, amable, sistema, _ocioso, _espera, irq, softirq, robado = (int(x) for x in campos[:8])
    return (usuario + amable + sistema + irq + softirq + robado) / _TICK


def cpu_arbol(pid: int) -> float:
    """Segundos de CPU de ``pid`` (con sus hijos ya esperados, p. ej. trabajadores reemplazados) más los de
    sus hijos vivos (los trabajadores de ``grafo servir``), leídos de ``/proc`` (Linux; 0 si no hay)."""
    total = 0
    for d in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else ():
        if not d.name.isdigit():
            continue
        try:
            campos = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # tras el nombre: estado, ppid, ... utime (14), stime (15), cutime (16), cstime (17) de proc(5)
        if int(d.name) == pid:
            total += sum(int(x) for x in campos[11:15])
        elif int(campos[1]) == pid:
            total += int(campos[11]) + int(campos[12])
    return total / _TICK


def juntar(rondas: list[Fase]) -> Fase:
    """Las rondas de un servidor como una sola fase (tiempos y CPU sumados)."""
    res = Fase(rondas[0].servidor)
    for f in rondas:
        res.respuestas += f.respuestas
        res.reloj += f.reloj
        res.reconexiones += f.reconexiones
        res.cpu_servidor += f.cpu_servidor
        res.cpu_clientes += f.cpu_clientes
        res.cpu_ajena += f.cpu_ajena
        for k, v in f.cuerpos.items():
            res.cuerpos.setdefault(k, v)
    return res


# --- los servidores -------------------------------------------------------------------------------


class Proceso:
    """Un servidor en marcha (``oxigraph serve-read-only``): su proceso y lo que escribió."""

    def __init__(self, argv: list[str]) -> None:
        self.salida: list[str] = []
        self.proceso = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
        )
        threading.Thread(target=self._leer, daemon=True).start()

    def _leer(self) -> None:
        assert self.proceso.stdout is not None
        for linea in self.proceso.stdout:
            self.salida.append(linea)

    def parar(self) -> int:
        return parar(self.proceso)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def esperar_oxigraph(p: Proceso, url: str, plazo: float) -> None:
    """Espera a que ``url`` responda a ``ASK {}``."""
    limite = time.monotonic() + plazo
    partes = urllib.parse.urlsplit(url)
    while time.monotonic() < limite:
        if p.proceso.poll() is not None:
            break
        try:
            c = http.client.HTTPConnection(partes.hostname or "", partes.port or 80, timeout=2)
            c.request("GET", partes.path + "?query=ASK%7B%7D", headers={"Accept": _JSON})
            if c.getresponse().status == 200:
                c.close()
                return
        except OSError:
            time.sleep(0.1)
    p.parar()
    sys.exit("oxigraph serve-read-only no arrancó:\n" + "".join(p.salida))


def arrancar_oxigraph(binario: str, directorio: Path) -> tuple[Proceso, str]:
    puerto = puerto_libre()
    argv = [binario, "serve-read-only", "--location", str(directorio / "almacen"),
            "--bind", f"127.0.0.1:{puerto}", "--union-default-graph"]  # fmt: skip
    p = Proceso(argv)
    url = f"http://127.0.0.1:{puerto}/query"
    esperar_oxigraph(p, url, 60)
    return p, url


def arrancar_grafo(
    directorio: Path, procesos: int, tiempo_maximo: float
) -> tuple[subprocess.Popen[str], str, list[str]]:
    """``grafo servir`` sobre ``directorio``: (proceso, URL del endpoint, lo que va escribiendo)."""
    salida: list[str] = []
    proceso, url = arrancar_grafo_servir(
        directorio, "--procesos", str(procesos), "--tiempo-maximo", f"{tiempo_maximo:g}", salida=salida
    )
    return proceso, url + "sparql", salida


# --- corrección -----------------------------------------------------------------------------------


def normalizar(cuerpo: bytes, caso: Caso) -> Any:
    """Las filas de una respuesta, ordenadas y comparables entre servidores."""
    if caso.acepta == _NTRIPLES:
        return sorted(cuerpo.decode().splitlines())
    datos = json.loads(cuerpo)
    if "boolean" in datos:
        return bool(datos["boolean"])
    variables = datos["head"]["vars"]
    filas = []
    for sol in datos["results"]["bindings"]:
        fila = []
        for v in variables:
            t = sol.get(v)
            if t is None:
                fila.append(None)
                continue
            valor = "_:" if t["type"] == "bnode" else t["value"]
            if v in caso.listas and SEPARADOR_LISTA in valor:
                valor = SEPARADOR_LISTA.join(sorted(valor.split(SEPARADOR_LISTA)))
            fila.append((t["type"], valor, t.get("datatype", ""), t.get("xml:lang", "")))
        filas.append(tuple(fila))
    return variables, sorted(filas, key=repr)


@dataclass
class Comparacion:
    textos: int = 0
    iguales: int = 0
    identicos: int = 0  # mismos bytes
    distintos: list[str] = field(default_factory=list)


def comparar(referencia: Fase, otras: list[Fase], casos: list[Caso]) -> Comparacion:
    """Cada cuerpo distinto de ``otras`` frente a los de ``referencia``, texto por texto."""
    por_texto = {c.texto: c for c in casos}
    ref: dict[str, list[Any]] = {}
    ref_huellas: dict[str, set[str]] = {}
    for (texto, huella), cuerpo in referencia.cuerpos.items():
        ref.setdefault(texto, []).append(normalizar(cuerpo, por_texto[texto]))
        ref_huellas.setdefault(texto, set()).add(huella)
    iguales: dict[str, bool] = {}
    identicos: dict[str, bool] = {}
    res = Comparacion()
    for fase in otras:
        for (texto, huella), cuerpo in fase.cuerpos.items():
            caso = por_texto[texto]
            esperado = ref.get(texto)
            ok = esperado is not None and all(normalizar(cuerpo, caso) == e for e in esperado)
            if not ok and caso.nombre not in res.distintos:
                res.distintos.append(caso.nombre)
            iguales[texto] = iguales.get(texto, True) and ok
            identicos[texto] = identicos.get(texto, True) and huella in ref_huellas.get(texto, set())
    res.textos = len(iguales)
    res.iguales = sum(iguales.values())
    res.identicos = sum(identicos.values())
    return res


# --- informe --------------------------------------------------------------------------------------


def percentil(valores: list[float], p: float) -> float:
    """Percentil por rango más cercano."""
    if not valores:
        return float("nan")
    orden = sorted(valores)
    k = max(0, min(len(orden) - 1, round(p / 100 * len(orden) + 0.5) - 1))
    return orden[k]


@dataclass
class Cifras:
    validas: int
    errores: int
    reloj: float
    por_segundo: float
    p50: float
    p95: float
    p99: float
    maximo: float
    cpu_ms: float  # ms de CPU del servidor por consulta válida


def cifras(fase: Fase) -> Cifras:
    validas = fase.validas()
    ok = [r.segundos * 1000 for r in validas if r.estado == 200]
    return Cifras(
        len(validas), len(validas) - len(ok), fase.reloj, len(ok) / fase.reloj if fase.reloj else 0.0,
        percentil(ok, 50), percentil(ok, 95), percentil(ok, 99), max(ok, default=float("nan")),
        fase.cpu_servidor * 1000 / len(validas) if validas else float("nan"),
    )  # fmt: skip


def informe(
    fases: list[tuple[str, Fase]], comparacion: Comparacion, args: argparse.Namespace, orden: str,
    directorio: str, casos: list[Caso], omitidos: list[str], escucha_tocada: bool,
) -> str:  # fmt: skip
    ox = cifras(fases[0][1])
    lineas = [
        f"Fecha: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}. Máquina: {os.cpu_count()} núcleos, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}.",
        f"Orden: `{orden}`",
        f"Almacén: {directorio}; {len(casos)} textos distintos del catálogo"
        + (f" ({len(omitidos)} omitidos)" if omitidos else "")
        + f"; {args.consultas} consultas válidas por fase, {args.clientes} clientes con keep-alive, "
        f"calentamiento de {args.calentamiento} en cada servidor, {args.rondas} rondas alternadas "
        f"(Oxigraph, grafo servir, Oxigraph…; nunca los dos a la vez); grafo servir con --procesos "
        f"{args.procesos} --tiempo-maximo {args.tiempo_maximo:g}.",
        "",
        "| servidor | válidas | errores | reloj (s) | consultas/s | p50 (ms) | p95 (ms) | p99 (ms) "
        "| máx (ms) | CPU servidor (ms/consulta) | CPU clientes (s) | CPU ajena (s) | razón a Oxigraph |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for nombre, fase in fases:
        c = cifras(fase)
        razon = c.por_segundo / ox.por_segundo if ox.por_segundo else float("nan")
        lineas.append(
            f"| {nombre} | {c.validas} | {c.errores} | {c.reloj:.2f} | {c.por_segundo:.1f} | {c.p50:.1f} "
            f"| {c.p95:.1f} | {c.p99:.1f} | {c.maximo:.1f} | {c.cpu_ms:.2f} | {fase.cpu_clientes:.1f} "
            f"| {fase.cpu_ajena:.1f} | {razon:.2f}× |"
        )
    grafo = cifras(fases[1][1])
    razon = grafo.por_segundo / ox.por_segundo if ox.por_segundo else 0.0
    estado = "cumple" if razon >= OBJETIVO else "NO cumple"
    lineas += [
        "",
        f"Razón de rendimiento grafo servir / Oxigraph (fase sin hostiles): **{razon:.2f}×** "
        f"(objetivo ≥ {OBJETIVO}×: {estado})."
        + (
            f" CPU del servidor por consulta: grafo servir {grafo.cpu_ms:.2f} ms, Oxigraph "
            f"{ox.cpu_ms:.2f} ms ({grafo.cpu_ms / ox.cpu_ms:.2f}×)."
            if ox.cpu_ms
            else ""
        ),
        f"Resultados JSON frente a Oxigraph: {comparacion.iguales} de {comparacion.textos} textos con las "
        f"mismas filas en todas sus respuestas ({comparacion.identicos} idénticos byte a byte)"
        + (f"; distintos: {', '.join(comparacion.distintos)}" if comparacion.distintos else "")
        + ".",
    ]
    reconexiones = {n: f.reconexiones for n, f in fases if f.reconexiones}
    if reconexiones:
        lineas.append(f"Reconexiones: {reconexiones}.")
    if len(fases) > 2:
        hostiles = fases[2][1].hostiles()
        por_tipo = Counter((r.caso.hostil, r.estado) for r in hostiles)
        bien = sum(1 for r in hostiles if r.estado == _ESPERADO[r.caso.hostil])
        detenidas = [r.segundos for r in hostiles if r.caso.hostil == "detenida"]
        lineas += [
            "",
            f"Hostiles mezcladas (1 cada {args.hostiles_cada} válidas): {len(hostiles)}, "
            f"{len({r.caso.nombre for r in hostiles})} distintas; "
            + ", ".join(f"{t} → HTTP {e}: {n}" for (t, e), n in sorted(por_tipo.items()))
            + f". Con el estado esperado (403 prohibida, 503 detenida): {bien} de {len(hostiles)}."
            + (
                f" Las detenidas tardaron {min(detenidas):.1f}–{max(detenidas):.1f} s en volver."
                if detenidas
                else ""
            )
            + (" Alguien se conectó al puerto de prueba (SERVICE/LOAD/FROM salió)." if escucha_tocada else
               " Nadie se conectó al puerto que escucha (ni SERVICE ni LOAD ni FROM salieron)."),
        ]  # fmt: skip
    errores = [r for _, f in fases for r in f.validas() if r.estado != 200]
    if errores:
        lineas += ["", "Errores en consultas válidas (los primeros):"]
        lineas += [f"- {r.caso.nombre}: HTTP {r.estado}: {r.detalle[:200]}" for r in errores[:10]]
    if omitidos:
        lineas += [
            "",
            "Casos del catálogo omitidos (sus parámetros de ejemplo no se resuelven en este almacén):",
        ]
        lineas += [f"- {o if len(o) < 200 else o[:197] + '…'}" for o in omitidos]
    return "\n".join(lineas) + "\n"


def por_consulta(fases: list[tuple[str, Fase]]) -> str:
    """Mediana de latencia por texto del catálogo y servidor (para ver qué consultas pesan)."""
    nombres = sorted({r.caso.nombre for _, f in fases for r in f.validas()})
    cab = "| consulta | " + " | ".join(f"{n} p50 (ms)" for n, _ in fases) + " |"
    lineas = [cab, "|---|" + "---|" * len(fases)]
    for nombre in nombres:
        celdas = []
        for _, f in fases:
            ms = [r.segundos * 1000 for r in f.validas() if r.caso.nombre == nombre and r.estado == 200]
            celdas.append(f"{percentil(ms, 50):.1f}")
        lineas.append(f"| {nombre} | " + " | ".join(celdas) + " |")
    return "\n".join(lineas) + "\n"


# --- desglose -----------------------------------------------------------------------------------


def _mediana_ms(f: Any, n: int = 5) -> float:
    tiempos = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        tiempos.append(time.perf_counter() - t0)
    return sorted(tiempos)[n // 2] * 1000


class _EvaluadorFijo:
    """Un evaluador que devuelve un cuerpo ya hecho: la aplicación WSGI sin el motor."""

    datos = b""

    def evaluar(self, _pedido: Any) -> bytes:
        return self.datos


def desglose(directorio: Path, casos: list[Caso], urls: dict[str, str]) -> str:
    """En qué se va el tiempo de una consulta de ``grafo servir``, medido por partes y una petición a la
    vez: media sobre los textos del catálogo de la mediana de 5 repeticiones de cada paso."""
    import io
    from dataclasses import replace

    import pyoxigraph as ox
    from werkzeug.test import Client

    from grafo.compartir.servidor import Aplicacion
    from grafo.consultas.ejecucion import pedido_de
    from grafo.consultas.ejecutor import Evaluador

    almacen = abrir_almacen(directorio)
    fijo = _EvaluadorFijo()
    cliente_wsgi = Client(Aplicacion(almacen, fijo, tiempo_maximo=30))  # type: ignore[arg-type]
    evaluador = Evaluador(str(directorio / "almacen"), procesos=1)
    conexiones = {}
    for nombre, url in urls.items():
        partes = urllib.parse.urlsplit(url)
        conexiones[nombre] = (
            http.client.HTTPConnection(partes.hostname or "", partes.port or 80),
            partes.path,
        )
    pasos: dict[str, float] = {}

    def sumar(paso: str, ms: float) -> None:
        pasos[paso] = pasos.get(paso, 0.0) + ms / len(casos)

    try:
        for caso in casos:
            segura = asegurar(caso.texto, "consulta", lambda: almacen.grafos)
            pedido = replace(pedido_de(segura, "consulta"), salida="json", ocultas="", tiempo_maximo=30)

            def motor(texto: str = segura.texto) -> bytes:
                r = almacen.store.query(texto, use_default_graph_as_union=True)
                b = io.BytesIO()
                r.serialize(b, ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
                return b.getvalue()

            fijo.datos = motor()
            sumar("motor: Oxigraph en proceso (consulta + JSON)", _mediana_ms(motor))
            sumar(
                "asegurar (seguridad)",
                _mediana_ms(lambda c=caso: asegurar(c.texto, "consulta", lambda: almacen.grafos)),
            )
            sumar(
                "Evaluador.evaluar, 1 trabajador (motor + ida y vuelta)",
                _mediana_ms(lambda p=pedido: evaluador.evaluar(p)),
            )
            cab = {"Accept": caso.acepta}
            sumar(
                "Aplicacion WSGI sin motor (werkzeug, formulario, asegurar, respuesta)",
                _mediana_ms(
                    lambda c=caso, h=cab: cliente_wsgi.post("/sparql", data={"query": c.texto}, headers=h)
                ),
            )
            cab["Content-Type"] = "application/x-www-form-urlencoded"
            cuerpo = urllib.parse.urlencode({"query": caso.texto}).encode()
            for nombre, (conexion, ruta) in conexiones.items():

                def pedir(
                    c: http.client.HTTPConnection = conexion, r: str = ruta, b: bytes = cuerpo, h: Any = cab
                ) -> None:
                    c.request("POST", r, b, h)
                    c.getresponse().read()

                sumar(f"HTTP de punta a punta, 1 cliente: {nombre}", _mediana_ms(pedir))
    finally:
        evaluador.cerrar()
        almacen.cerrar()
        for conexion, _ in conexiones.values():
            conexion.close()
    lineas = ["| paso (una petición a la vez; media por texto del catálogo) | ms |", "|---|---|"]
    lineas += [f"| {paso} | {ms:.2f} |" for paso, ms in pasos.items()]
    return "\n".join(lineas) + "\n"


# --- principal ------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--almacen", type=Path, help="construcción de 'grafo construir' (por defecto: el grafo "
                    "incluido, construido en un directorio temporal)")  # fmt: skip
    ap.add_argument("--consultas", type=int, default=2000, help="consultas válidas por fase")
    ap.add_argument("--clientes", type=int, default=8, help="hilos cliente, cada uno con su conexión")
    ap.add_argument("--procesos", type=int, default=4, help="grafo servir --procesos (el de la orden)")
    ap.add_argument("--tiempo-maximo", type=float, default=2.0, help="grafo servir --tiempo-maximo (s)")
    ap.add_argument("--hostiles-cada", type=int, default=50, help="una hostil cada N válidas (0: sin fase 3)")
    ap.add_argument("--calentamiento", type=int, default=50, help="consultas sin medir antes de cada fase")
    ap.add_argument("--rondas", type=int, default=4, help="rondas alternadas Oxigraph / grafo servir")
    ap.add_argument("--semilla", type=int, default=0)
    ap.add_argument(
        "--oxigraph", default=shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    )
    ap.add_argument("--por-consulta", action="store_true", help="también la mediana por texto del catálogo")
    ap.add_argument(
        "--desglose", action="store_true", help="también en qué se va el tiempo de una consulta, por partes"
    )
    ap.add_argument("--salida-md", type=Path, help="escribe también el informe en este archivo")
    args = ap.parse_args()
    if min(args.consultas, args.clientes, args.procesos, args.rondas) < 1:
        ap.error("--consultas, --clientes, --procesos y --rondas deben ser >= 1")
    if not Path(args.oxigraph).exists():
        sys.exit(f"no se encuentra el servidor oxigraph ({args.oxigraph}); pip install oxigraph==0.5.13")
    orden = shlex.join(["python", *sys.argv])

    with contextlib.ExitStack() as pila:
        if args.almacen is None:
            print("construyendo el grafo incluido…", file=sys.stderr)
            descripcion = "grafo incluido (vocabulario + foro de Cajamarca 2013)"
        else:
            descripcion = str(args.almacen)
        directorio = almacen_o_construido(
            args.almacen, Path(pila.enter_context(tempfile.TemporaryDirectory()))
        )
        casos, omitidos = casos_del_catalogo(directorio)
        if not casos:
            sys.exit("ninguna consulta del catálogo se pudo preparar en este almacén")
        validos = secuencia(casos, args.consultas, args.semilla)
        calentamiento = secuencia(casos, args.calentamiento, args.semilla + 1)
        escucha = pila.enter_context(socket.socket())
        escucha.bind(("127.0.0.1", 0))
        escucha.listen(8)
        escucha.setblocking(False)
        mezcla = con_hostiles(validos, args.hostiles_cada, escucha.getsockname()[1])

        print(f"{len(casos)} textos; arrancando oxigraph serve-read-only y grafo servir…", file=sys.stderr)
        ox_p, ox_url = arrancar_oxigraph(args.oxigraph, directorio)
        pila.callback(ox_p.parar)
        gr_p, gr_url, gr_salida = arrancar_grafo(directorio, args.procesos, args.tiempo_maximo)
        pila.callback(parar, gr_p)
        ox_pid, gr_pid = ox_p.proceso.pid, gr_p.pid
        cargar("oxigraph", ox_url, calentamiento, args.clientes)
        cargar("grafo", gr_url, calentamiento, args.clientes)
        ox_rondas: list[Fase] = []
        gr_rondas: list[Fase] = []
        for r in range(args.rondas):  # una detrás de otra, nunca las dos a la vez
            trozo = validos[r * len(validos) // args.rondas : (r + 1) * len(validos) // args.rondas]
            print(f"ronda {r + 1}/{args.rondas}: {len(trozo)} consultas a cada servidor…", file=sys.stderr)
            ox_rondas.append(cargar("oxigraph", ox_url, trozo, args.clientes, ox_pid))
            gr_rondas.append(cargar("grafo", gr_url, trozo, args.clientes, gr_pid))
        fases = [
            ("oxigraph serve-read-only", juntar(ox_rondas)),
            (f"grafo servir --procesos {args.procesos}", juntar(gr_rondas)),
        ]
        if args.hostiles_cada > 0:
            print("grafo servir con hostiles…", file=sys.stderr)
            fases.append(
                ("grafo servir, con hostiles", cargar("grafo", gr_url, mezcla, args.clientes, gr_pid))
            )
        partes = (
            desglose(directorio, casos, {"oxigraph": ox_url, "grafo servir": gr_url}) if args.desglose else ""
        )
        ox_p.parar()
        rc = parar(gr_p)
        if rc != 0 or "Traceback" in "".join(gr_salida):
            print(f"aviso: grafo servir terminó con {rc}:\n" + "".join(gr_salida[-20:]), file=sys.stderr)
        try:
            escucha.accept()
            tocada = True
        except BlockingIOError:
            tocada = False

        comparacion = comparar(fases[0][1], [f for _, f in fases[1:]], casos)
        md = informe(fases, comparacion, args, orden, descripcion, casos, omitidos, tocada)
        if args.por_consulta:
            md += "\n" + por_consulta(fases)
        if partes:
            md += "\n" + partes
    print(md)
    if args.salida_md:
        args.salida_md.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
