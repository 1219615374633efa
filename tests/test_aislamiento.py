"""Consultas en un proceso aparte: lo hostil no llega a nada y se detiene a tiempo (CLI y API)."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import grafo
from grafo.almacen.almacen import Almacen
from grafo.almacen.manifiesto import DIR_ALMACEN
from grafo.base.errores import ConsultaDetenidaError, ConsultaProhibidaError
from grafo.cli import cli
from grafo.consultas.catalogo import consulta_de_texto
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.ejecutor import Evaluador, evaluador_de
from grafo.consultas.pedido import Pedido

PLAZO = 1.0
#: Arranque del proceso y reemplazo, con la máquina cargada (más de 3 veces lo que tarda en una
#: tranquila); sin plazo, estas consultas no terminarían en horas.
HOLGURA = 20.0


def _huella(almacen: Almacen) -> str:
    import pyoxigraph as ox

    datos = almacen.store.dump(format=ox.RdfFormat.N_QUADS)
    assert datos is not None
    return hashlib.sha256(b"".join(sorted(datos.splitlines()))).hexdigest()


def _pendientes(s: socket.socket) -> int:
    n = 0
    while True:
        try:
            c, _ = s.accept()
        except BlockingIOError:
            return n
        c.close()
        n += 1


def test_api_hostiles_se_rechazan_o_se_detienen(
    salida: Path, escucha: socket.socket, hostiles: dict[str, tuple[str, str]]
) -> None:
    g = grafo.abrir(salida, tiempo_maximo=PLAZO)
    assert isinstance(g.fuente, Almacen)
    antes = _huella(g.fuente)
    for nombre, (texto, tipo) in hostiles.items():
        t0 = time.monotonic()
        if tipo == "prohibida":
            with pytest.raises(ConsultaProhibidaError):
                g.sparql(texto)
        else:
            with pytest.raises(ConsultaDetenidaError, match=r"pasó de 1 s y se detuvo|pasó de \d+ MB"):
                g.sparql(texto)
            assert time.monotonic() - t0 < PLAZO + HOLGURA, nombre
    assert _pendientes(escucha) == 0
    assert _huella(g.fuente) == antes
    assert g.consulta("niveles_de_gobierno")  # sigue respondiendo
    g.fuente.cerrar()


def _cli(*args: str, entrada: str = "") -> subprocess.CompletedProcess[str]:
    """``grafo`` en un proceso nuevo: al vencer el plazo, la CLI termina su propio proceso."""
    return subprocess.run(
        [sys.executable, "-m", "grafo", *args], input=entrada, capture_output=True, text=True, timeout=120
    )


def test_cli_hostiles_se_rechazan_o_se_detienen(
    salida: Path, escucha: socket.socket, hostiles: dict[str, tuple[str, str]]
) -> None:
    """Las detenidas, en un proceso nuevo (al vencer el plazo la CLI termina su propio proceso); las
    prohibidas se rechazan antes de evaluar: en este proceso (CliRunner), salvo la primera, que va
    también en un proceso nuevo."""
    muestra = next(n for n, (_t, tipo) in hostiles.items() if tipo == "prohibida")
    args = ["consulta", "-", "--almacen", str(salida), "--tiempo-maximo", str(PLAZO)]
    for nombre, (texto, tipo) in hostiles.items():
        t0 = time.monotonic()
        if tipo == "prohibida" and nombre != muestra:
            r = CliRunner().invoke(cli, args, input=texto)
            codigo, stdout, stderr = r.exit_code, r.stdout, r.stderr
        else:
            p = _cli(*args, entrada=texto)
            codigo, stdout, stderr = p.returncode, p.stdout, p.stderr
        assert codigo == 1, (nombre, stdout, stderr)
        assert stdout == ""  # nada a medias en la salida estándar
        assert stderr.startswith("Error: consulta 'entrada estándar': ") and "Traceback" not in stderr
        if tipo == "prohibida":
            assert "no está permitido" in stderr or "es una actualización" in stderr, (nombre, stderr)
        else:
            assert "se detuvo" in stderr, (nombre, stderr)
            assert time.monotonic() - t0 < PLAZO + HOLGURA, nombre
    assert _pendientes(escucha) == 0


def test_cli_bomba_de_regex_con_rdflib_se_detiene(salida: Path, bombas_regex: dict[str, str]) -> None:
    """Con rdflib, la CLI evalúa en otro proceso (una expresión regular retiene el GIL) y lo detiene."""
    t0 = time.monotonic()
    r = _cli(
        "consulta", "-", "--motor", "rdflib", "--almacen", str(salida), "--tiempo-maximo", str(PLAZO),
        entrada=bombas_regex["retroceso"],
    )  # fmt: skip
    assert r.returncode == 1 and "pasó de 1 s y se detuvo" in r.stderr, r.stderr
    assert time.monotonic() - t0 < PLAZO + HOLGURA


def test_cli_sin_plazo_vencido_da_las_filas(salida: Path) -> None:
    r = _cli(
        "consulta",
        "niveles_de_gobierno",
        "--formato",
        "csv",
        "--almacen",
        str(salida),
        "--tiempo-maximo",
        "5",
    )
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "nivel,entidades", r.stderr


@pytest.mark.parametrize("motor", ["oxigraph", "rdflib"])
def test_bombas_regex_terminan_o_se_detienen(
    almacen: Almacen, bombas_regex: dict[str, str], motor: str
) -> None:
    # Oxigraph tiene que terminar solo: con un plazo holgado (lo que tarda, arranque del proceso
    # incluido, es una fracción de segundo; con retroceso serían años). rdflib se detiene al plazo.
    plazo = PLAZO if motor == "rdflib" else 30.0
    for nombre, texto in bombas_regex.items():
        t0 = time.monotonic()
        try:
            res = ejecutar(almacen, consulta_de_texto(texto), motor=motor, tiempo_maximo=plazo)  # type: ignore[arg-type]
            assert res.filas == [], nombre  # nada coincide
        except ConsultaDetenidaError:
            assert motor == "rdflib", f"{nombre}: Oxigraph no debería necesitar detenerse"
        except ConsultaProhibidaError:  # pragma: no cover - no debería
            raise
        except grafo.GrafoError as e:  # p. ej. la expresión pasa del tamaño que admite el motor
            assert "consulta 'consulta'" in str(e), nombre
        assert time.monotonic() - t0 < plazo + HOLGURA, nombre


def test_la_bomba_de_retroceso_detiene_a_rdflib(almacen: Almacen, bombas_regex: dict[str, str]) -> None:
    """La prueba anterior podría pasar sin detener nada: esta exige que rdflib se detenga."""
    with pytest.raises(ConsultaDetenidaError, match="pasó de 1 s"):
        ejecutar(almacen, consulta_de_texto(bombas_regex["retroceso"]), motor="rdflib", tiempo_maximo=PLAZO)


def test_un_plazo_vencido_no_bloquea_las_demas(salida: Path) -> None:
    """Con dos procesos, una consulta que no termina no frena a otra; el proceso vencido se reemplaza."""
    import threading

    from grafo.base.espacios import prologo

    with Evaluador(str(salida / DIR_ALMACEN), procesos=2) as ev:
        # los dos trabajadores, ya arrancados (la cola los da por turno): lo que se mide es la
        # consulta, no el arranque de un proceso
        for _ in range(2):
            assert ev.evaluar(Pedido(prologo() + " ASK { ?s a gt:Foro }")).booleano is True
        errores: list[BaseException] = []

        def larga() -> None:
            try:
                ev.evaluar(
                    Pedido(
                        prologo()
                        + " "
                        + "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRLEN(STR(?c)) + STRLEN(STR(?i)) < 0) }",
                        tiempo_maximo=3.0,
                    )
                )
            except BaseException as e:
                errores.append(e)

        hilo = threading.Thread(target=larga)
        hilo.start()
        time.sleep(0.2)
        res = ev.evaluar(
            Pedido(prologo() + " SELECT (COUNT(*) AS ?n) WHERE { ?s a gt:Foro }", tiempo_maximo=3.0)
        )
        seguia = hilo.is_alive()
        hilo.join()
        assert res.filas == [["1"]]
        assert seguia  # respondió mientras la otra seguía (hasta su plazo, 3 s)
        assert len(errores) == 1 and isinstance(errores[0], ConsultaDetenidaError)
        assert ev.evaluar(Pedido(prologo() + " ASK { ?s a gt:Foro }")).booleano is True


def test_tope_de_tamano(almacen: Almacen) -> None:
    from dataclasses import replace

    from grafo.consultas.ejecucion import pedido_de
    from grafo.consultas.politica import asegurar

    segura = asegurar("SELECT * WHERE { ?s ?p ?o }")
    pedido = replace(pedido_de(segura, "todo"), tope_bytes=10_000)
    with pytest.raises(ConsultaDetenidaError, match="el resultado pasó de 0 MB"):
        evaluador_de(almacen).evaluar(pedido)
    assert evaluador_de(almacen).evaluar(replace(pedido, tope_bytes=10**9)).filas


def test_tiempo_maximo_invalido(almacen: Almacen) -> None:
    from grafo.base.errores import ConsultaInvalidaError

    with pytest.raises(ConsultaInvalidaError, match="mayor que 0"):
        ejecutar(almacen, consulta_de_texto("ASK {}"), tiempo_maximo=0)
    r = CliRunner().invoke(cli, ["consulta", "niveles_de_gobierno", "--tiempo-maximo", "0"])
    assert r.exit_code == 2 and "--tiempo-maximo" in r.output


def test_la_cli_usa_un_plazo_por_defecto() -> None:
    from grafo.consultas.pedido import TIEMPO_MAXIMO

    opcion = next(p for p in cli.commands["consulta"].params if p.name == "tiempo_maximo")
    assert opcion.default == TIEMPO_MAXIMO == 30.0


def test_el_proceso_se_cierra_cuando_el_almacen_deja_de_usarse(salida: Path) -> None:
    import gc

    g = grafo.abrir(salida)
    assert g.consulta("niveles_de_gobierno")
    assert isinstance(g.fuente, Almacen)
    ev = evaluador_de(g.fuente)
    trabajador = ev._libres.queue[0]  # el único proceso
    assert trabajador.vivo()
    del g, ev
    gc.collect()
    trabajador._proceso.wait(timeout=10)
    assert not trabajador.vivo()


def test_almacen_con_ruta_relativa(salida: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """El trabajador arranca en el directorio del almacén: una ruta relativa debe seguir valiendo."""
    (tmp_path / "salida").symlink_to(salida, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    g = grafo.abrir("salida")
    assert g.consulta("niveles_de_gobierno")
