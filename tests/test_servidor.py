"""grafo servir: un endpoint SPARQL 1.1 de solo lectura, probado por HTTP contra un servidor real."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from grafo.almacen.almacen import Almacen
from grafo.consultas.catalogo import consulta_de_texto, consultas_disponibles
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.remoto import Endpoint

if TYPE_CHECKING:
    from conftest import Servidor


def _huella(almacen: Almacen) -> str:
    import pyoxigraph as ox

    datos = almacen.store.dump(format=ox.RdfFormat.N_QUADS)
    assert datos is not None
    return hashlib.sha256(b"".join(sorted(datos.splitlines()))).hexdigest()


def test_escucha_en_loopback_y_dice_la_url(servidor: Servidor) -> None:
    assert servidor.url.startswith("http://127.0.0.1:")
    texto = "".join(servidor.salida)
    assert f"endpoint SPARQL:     {servidor.url}sparql" in texto
    assert "Aviso" not in texto


def test_el_catalogo_por_el_endpoint_da_las_mismas_filas(servidor: Servidor, almacen: Almacen) -> None:
    """Cada consulta del catálogo, con y sin sus parámetros de ejemplo, vía --endpoint = local."""
    remoto = Endpoint(servidor.url + "sparql")
    n = 0
    for c in consultas_disponibles():
        obligatorios = any(p.obligatorio for p in c.parametros)
        for params in [c.parametros_de_ejemplo()] if obligatorios else [{}, c.parametros_de_ejemplo()]:
            local = ejecutar(almacen, c, params)
            por_http = ejecutar(remoto, c, params)
            assert por_http.columnas == local.columnas, c.nombre
            assert por_http.filas == local.filas, (c.nombre, params)
            n += 1
    assert n >= 30


def _filas_json(cuerpo: bytes) -> tuple[list[str], list[list[str]]]:
    datos = json.loads(cuerpo)
    variables = datos["head"]["vars"]
    return variables, [
        [s.get(v, {}).get("value", "") for v in variables] for s in datos["results"]["bindings"]
    ]


def test_consulta_con_nombre_y_parametros_como_grafo_consulta(servidor: Servidor, almacen: Almacen) -> None:
    """/consulta/<nombre>: parámetros enlazados en el servidor, sin columnas param_*, listas ordenadas."""
    for c in consultas_disponibles():
        params = c.parametros_de_ejemplo()
        estado, _, cuerpo = servidor.pedir(
            f"consulta/{c.nombre}?" + urllib.parse.urlencode(params), acepta="application/sparql-results+json"
        )
        assert estado == 200, (c.nombre, cuerpo)
        local = ejecutar(almacen, c, params)
        if local.booleano is not None:
            assert json.loads(cuerpo)["boolean"] is local.booleano
            continue
        variables, filas = _filas_json(cuerpo)
        assert variables == local.columnas, c.nombre
        assert [
            [v[:10] if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", v) else v for v in f] for f in filas
        ] == local.filas


def test_negociacion_de_contenido(servidor: Servidor) -> None:
    q = 'SELECT ?n ?l WHERE { ?n a gt:NivelDeGobierno ; rdfs:label ?l FILTER(lang(?l) = "es") } ORDER BY ?l'
    estado, tipo, cuerpo = servidor.pedir("sparql", {"query": q}, acepta="application/sparql-results+json")
    assert (estado, tipo) == (200, "application/sparql-results+json")
    _, esperado = _filas_json(cuerpo)
    assert [f[1] for f in esperado] == ["Local", "Nacional", "Regional"]

    estado, tipo, cuerpo = servidor.pedir("sparql?" + urllib.parse.urlencode({"query": q}), acepta="text/csv")
    assert (estado, tipo) == (200, "text/csv; charset=utf-8")
    filas = list(csv.reader(io.StringIO(cuerpo.decode())))
    assert filas[0] == ["n", "l"] and filas[1:] == esperado

    estado, tipo, cuerpo = servidor.pedir("sparql", {"query": q}, acepta="text/tab-separated-values")
    assert tipo == "text/tab-separated-values; charset=utf-8"
    lineas = cuerpo.decode().splitlines()
    assert lineas[0] == "?n\t?l" and lineas[1] == f'<{esperado[0][0]}>\t"Local"@es'

    estado, tipo, cuerpo = servidor.pedir("sparql", {"query": q}, acepta="application/sparql-results+xml")
    assert tipo == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literales = [e.text for e in ET.fromstring(cuerpo).iterfind(".//r:binding[@name='l']/r:literal", ns)]
    assert literales == ["Local", "Nacional", "Regional"]

    # la consulta como cuerpo application/sparql-query; sin Accept: JSON
    estado, tipo, cuerpo = servidor.pedir("sparql", cuerpo=q.encode(), tipo="application/sparql-query")
    assert (estado, tipo) == (200, "application/sparql-results+json") and _filas_json(cuerpo)[1] == esperado

    estado, tipo, cuerpo = servidor.pedir(
        "sparql", {"query": "CONSTRUCT { ?n a gt:NivelDeGobierno } WHERE { ?n a gt:NivelDeGobierno }"},
        acepta="application/n-triples",
    )  # fmt: skip
    assert tipo == "application/n-triples; charset=utf-8" and len(cuerpo.decode().splitlines()) == 3

    estado, _, cuerpo = servidor.pedir("sparql", {"query": q}, acepta="image/png")
    assert estado == 406 and b"Tipos disponibles" in cuerpo


def test_errores_del_protocolo(servidor: Servidor) -> None:
    casos = [
        (servidor.pedir("sparql"), 400, "exactamente un parámetro 'query'"),
        (servidor.pedir("sparql", {"query": "SELECT * WHERE {"}), 400, "SPARQL mal formado en la línea 1"),
        (servidor.pedir("sparql", cuerpo=b"x", tipo="text/plain"), 415, "application/sparql-query"),
        (servidor.pedir("sparql", {"query": "x" * 2_000_000}), 413, "pasa de 1024 KB"),
        (servidor.pedir("sparql", metodo="PUT", cuerpo=b"x"), 405, "use GET o POST"),
        (servidor.pedir("no-existe"), 404, "no existe /no-existe"),
        (servidor.pedir("consulta/no-existe"), 400, "no existe la consulta 'no-existe'"),
        (servidor.pedir("consulta/competencias?nivel=Marte"), 400, "Marte"),
        (
            servidor.pedir("consulta/competencias?color=rojo"),
            400,
            "parámetro desconocido 'color'. Parámetros admitidos",
        ),
        (
            servidor.pedir("sparql", {"query": "ASK {}", "default-graph-uri": "file:///etc/hostname"}),
            403,
            "no está en el almacén",
        ),
    ]
    for (estado, tipo, cuerpo), esperado, texto in casos:
        assert estado == esperado, (texto, cuerpo)
        assert tipo == "text/plain; charset=utf-8"
        assert texto in cuerpo.decode(), cuerpo


def test_default_graph_uri_del_almacen(servidor: Servidor, almacen: Almacen) -> None:
    g = sorted(almacen.grafos)[0]
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, todo = servidor.pedir("sparql", {"query": q}, acepta="application/json")
    _, _, solo = servidor.pedir("sparql", {"query": q, "default-graph-uri": g}, acepta="application/json")
    esperado = ejecutar(
        almacen,
        consulta_de_texto(f"{q[:-1]} FILTER EXISTS {{ GRAPH <{g}> {{ ?s ?p ?o }} }} }}"),
    )
    assert int(_filas_json(solo)[1][0][0]) == int(esperado.filas[0][0]) < int(_filas_json(todo)[1][0][0])


def test_hostiles_por_el_endpoint(
    servidor: Servidor,
    almacen: Almacen,
    escucha: socket.socket,
    hostiles: dict[str, tuple[str, str]],
    plazo_servir: float,
) -> None:
    antes = _huella(almacen)
    for nombre, (texto, tipo) in hostiles.items():
        t0 = time.monotonic()
        estado, ctipo, cuerpo = servidor.pedir("sparql", {"query": texto}, acepta="application/json")
        if tipo == "prohibida":
            assert estado == 403, (nombre, cuerpo)
            assert b"no est\xc3\xa1 permitido" in cuerpo or "actualización".encode() in cuerpo, cuerpo
        else:
            assert estado == 503, (nombre, cuerpo)
            assert b"se detuvo" in cuerpo, cuerpo
            assert time.monotonic() - t0 < plazo_servir + 10, nombre
        assert ctipo == "text/plain; charset=utf-8"
    # también como actualización del protocolo
    for datos, ctipo in (({"update": "DROP ALL"}, ""), (None, "application/sparql-update")):
        estado, _, cuerpo = servidor.pedir(
            "sparql", datos, cuerpo=b"DROP ALL" if datos is None else None, tipo=ctipo
        )
        assert estado == 403 and b"solo lectura" in cuerpo
    escucha.setblocking(False)
    with pytest.raises(BlockingIOError):
        escucha.accept()  # nadie llegó al puerto que escucha
    assert _huella(almacen) == antes
    estado, _, _ = servidor.pedir("consulta/niveles_de_gobierno", acepta="application/json")
    assert estado == 200  # y sigue respondiendo


def test_una_consulta_vencida_no_frena_a_las_demas(servidor: Servidor, plazo_servir: float) -> None:
    lenta: list[int] = []

    def pedir_lenta() -> None:
        q = "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRLEN(STR(?c)) + STRLEN(STR(?i)) < 0) }"
        lenta.append(servidor.pedir("sparql", {"query": q})[0])

    hilo = threading.Thread(target=pedir_lenta)
    hilo.start()
    time.sleep(0.3)
    estado, _, _ = servidor.pedir("sparql", {"query": "ASK { ?s a gt:Foro }"})
    seguia = hilo.is_alive()
    hilo.join()
    assert estado == 200 and lenta == [503]
    assert seguia  # respondió mientras la lenta seguía (hasta su plazo, plazo_servir)


def test_pagina_y_archivos_de_la_pagina(servidor: Servidor) -> None:
    estado, tipo, cuerpo = servidor.pedir("")
    assert (estado, tipo) == (200, "text/html; charset=utf-8")
    assert b"<script" in cuerpo and b"http://" not in cuerpo.replace(b"http://www.w3.org", b"")
    for ruta in ("editor.js", "editor.css", "consultas.js", "consultas.css"):
        assert servidor.pedir(ruta)[0] == 200, ruta
    estado, tipo, cuerpo = servidor.pedir("catalogo.json")
    catalogo = json.loads(cuerpo)
    assert [c["nombre"] for c in catalogo] == [c.nombre for c in consultas_disponibles()]
    comp = next(c for c in catalogo if c["nombre"] == "competencias")
    assert comp["ejemplo"]["nivel"] == "Regional" and comp["parametros"][0]["nombre"] == "nivel"


def test_ctrl_c_para_limpio(salida: Path, servir: Callable[..., Servidor]) -> None:
    s = servir("--almacen", str(salida))
    assert s.pedir("sparql", {"query": "ASK {}"})[0] == 200
    hijos = _trabajadores(s.proceso.pid)
    assert len(hijos) == 4  # --procesos por defecto
    assert s.parar() == 0
    texto = "".join(s.salida)
    assert "Servidor detenido." in texto and "Traceback" not in texto
    limite = time.monotonic() + 20  # terminan enseguida; 20 s con la máquina cargada
    while any(Path(f"/proc/{h}").exists() for h in hijos) and time.monotonic() < limite:
        time.sleep(0.05)
    assert all(not Path(f"/proc/{h}").exists() for h in hijos)


def _trabajadores(pid: int) -> list[int]:
    hijos = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                estado = (d / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s*{pid}$", estado, re.M):
                hijos.append(int(d.name))
    return hijos


def test_puerto_ocupado_y_host_abierto(salida: Path, servir: Callable[..., Servidor]) -> None:
    ocupado = socket.socket()
    ocupado.bind(("127.0.0.1", 0))
    ocupado.listen(1)
    puerto = ocupado.getsockname()[1]
    r = subprocess.run(
        [sys.executable, "-m", "grafo", "servir", "--almacen", str(salida), "--puerto", str(puerto)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    ocupado.close()
    assert r.returncode == 1
    assert f"no se puede escuchar en 127.0.0.1:{puerto}" in r.stderr and "--puerto" in r.stderr
    assert "Traceback" not in r.stderr
    s = servir("--almacen", str(salida), "--host", "0.0.0.0")
    try:
        assert "Aviso: escucha en 0.0.0.0" in "".join(s.salida) or _esperar_aviso(s)
    finally:
        s.parar()


def _esperar_aviso(s: Servidor) -> bool:
    for _ in range(50):
        if "Aviso: escucha en 0.0.0.0" in "".join(s.salida):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX")
def test_la_ayuda_de_servir() -> None:
    r = subprocess.run([sys.executable, "-m", "grafo", "servir", "--help"], capture_output=True, text=True)
    assert r.returncode == 0
    for opcion in ("--puerto", "--host", "--tiempo-maximo", "--almacen", "127.0.0.1"):
        assert opcion in r.stdout
