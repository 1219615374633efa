"""--endpoint: el catálogo contra un servidor Oxigraph real (arrancado por la prueba en un puerto libre
de 127.0.0.1 y parado por ella) da las mismas filas que el almacén local."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from grafo.almacen.almacen import Almacen
from grafo.almacen.manifiesto import DIR_ALMACEN
from grafo.base.errores import AlmacenError
from grafo.cli import cli
from grafo.consultas.catalogo import Consulta, consulta_de_texto, consultas_disponibles
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.remoto import Endpoint
from grafo.fichas.definir import ficha, ficha_texto

if TYPE_CHECKING:
    from conftest import ServidorOxigraph


@pytest.fixture(scope="module")
def endpoint(salida: Path, servidor_oxigraph: ServidorOxigraph) -> Iterator[str]:
    """El endpoint SPARQL de un ``oxigraph serve-read-only`` sobre el almacén de la sesión."""
    with servidor_oxigraph("serve-read-only", salida / DIR_ALMACEN) as base:
        yield f"{base}/query"


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
    from grafo.consultas.catalogo import consulta_de_texto

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


def test_endpoint_caido_o_url_mala(puerto_libre: int) -> None:
    url = f"http://127.0.0.1:{puerto_libre}/query"
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


def test_endpoint_que_no_responde_a_tiempo(escucha: socket.socket) -> None:
    """Un servidor que acepta la conexión y no contesta: se deja de esperar a los --tiempo-maximo."""
    import time

    from grafo.base.errores import ConsultaDetenidaError

    url = f"http://127.0.0.1:{escucha.getsockname()[1]}/sparql"
    t0 = time.monotonic()
    with pytest.raises(ConsultaDetenidaError, match=r"no respondió en 0.5 s"):
        ejecutar(Endpoint(url, tiempo_maximo=0.5), consulta_de_texto("ASK { ?s ?p ?o }"))
    assert time.monotonic() - t0 < 10
