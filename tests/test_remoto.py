"""--endpoint: el catálogo contra un servidor Oxigraph real (arrancado por la prueba en un puerto libre
de 127.0.0.1 y parado por ella) da las mismas filas que el almacén local."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from grafo.almacen import DIR_ALMACEN, Almacen
from grafo.catalogo import Consulta, consultas_disponibles
from grafo.cli import cli
from grafo.consultas import ejecutar
from grafo.errores import AlmacenError
from grafo.glosario import ficha, ficha_texto
from grafo.remoto import Endpoint


def _oxigraph() -> str | None:
    junto = Path(sys.executable).parent / "oxigraph"
    return str(junto) if junto.exists() else shutil.which("oxigraph")


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(salida: Path) -> Iterator[str]:
    binario = _oxigraph()
    if binario is None:
        if os.environ.get("CI"):
            pytest.fail("CI sin el servidor 'oxigraph': el extra [test] debe instalarlo")
        pytest.skip("no está el servidor 'oxigraph' (pip install oxigraph)")
    puerto = _puerto_libre()
    proc = subprocess.Popen(
        [binario, "serve-read-only", "--location", str(salida / DIR_ALMACEN), "--bind", f"127.0.0.1:{puerto}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{puerto}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph no arrancó: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("consulta", consultas_disponibles(), ids=lambda c: c.nombre)
def test_catalogo_igual_por_endpoint(consulta: Consulta, almacen: Almacen, endpoint: str) -> None:
    params = consulta.parametros_de_ejemplo()
    local = ejecutar(almacen, consulta, params)
    remoto = ejecutar(Endpoint(endpoint), consulta, params)
    assert local.filas, consulta.nombre
    assert (remoto.columnas, remoto.filas) == (local.columnas, local.filas)
    # y sin parámetros
    if params and not any(p.obligatorio for p in consulta.parametros):
        assert ejecutar(Endpoint(endpoint), consulta).filas == ejecutar(almacen, consulta).filas


def test_consulta_propia_ask_y_construct_por_endpoint(almacen: Almacen, endpoint: str) -> None:
    from grafo.catalogo import consulta_de_texto

    for texto in (
        "SELECT ?n WHERE { ?n a gt:NivelDeGobierno } ORDER BY ?n",
        "ASK { gtc:zee a gt:Instrumento }",
        "CONSTRUCT { ?n a gt:NivelDeGobierno } WHERE { ?n a gt:NivelDeGobierno }",
    ):
        q = consulta_de_texto(texto)
        local, remoto = ejecutar(almacen, q), ejecutar(Endpoint(endpoint), q)
        assert (remoto.columnas, remoto.filas, remoto.booleano) == (
            local.columnas,
            local.filas,
            local.booleano,
        )


def test_cli_endpoint_misma_salida_byte_a_byte(salida: Path, endpoint: str) -> None:
    runner = CliRunner()
    for args in (["competencias", "--param", "nivel=Regional", "-f", "csv"], ["glosario", "-f", "json"]):
        local = runner.invoke(cli, ["consulta", *args, "--almacen", str(salida)])
        remoto = runner.invoke(cli, ["consulta", *args, "--endpoint", endpoint])
        assert local.exit_code == remoto.exit_code == 0, remoto.output
        assert remoto.output == local.output


def test_ficha_por_endpoint(almacen: Almacen, endpoint: str) -> None:
    assert ficha_texto(ficha(Endpoint(endpoint), "ZEE")) == ficha_texto(ficha(almacen, "ZEE"))


def test_endpoint_caido_o_url_mala() -> None:
    url = f"http://127.0.0.1:{_puerto_libre()}/query"
    with pytest.raises(AlmacenError, match="no se pudo contactar el endpoint"):
        Endpoint(url).seleccionar("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    with pytest.raises(AlmacenError, match="no es una URL"):
        Endpoint("file:///etc/passwd")
    r = CliRunner().invoke(cli, ["consulta", "glosario", "--endpoint", url])
    assert (
        r.exit_code == 1
        and r.output.startswith("Error: no se pudo contactar")
        and "Traceback" not in r.output
    )
