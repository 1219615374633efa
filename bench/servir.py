"""Lo común de los scripts de bench que necesitan un almacén o un ``grafo servir`` en marcha (no es una
prueba): el almacén dado o el grafo incluido construido en un directorio temporal, y arrancar y parar
``grafo servir`` en un puerto libre de loopback."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path


def almacen_o_construido(almacen: Path | None, tmp: Path) -> Path:
    """``almacen`` si se dio; si no, el grafo incluido construido
    (``grafo.construccion.proceso.construir``) en ``tmp/salida``."""
    if almacen is not None:
        return almacen
    from grafo.construccion.proceso import construir

    directorio = tmp / "salida"
    construir(directorio)
    return directorio


def arrancar_grafo_servir(
    almacen: Path, *args: str, salida: list[str] | None = None, plazo: float = 120
) -> tuple[subprocess.Popen[str], str]:
    """Arranca ``grafo servir --almacen almacen --puerto 0 *args`` y espera a que diga "Ctrl-C para
    parar". Devuelve (proceso, URL de la página de consultas, que termina en '/'; el endpoint es
    ``URL + "sparql"``). Un hilo sigue leyendo lo que escribe (así no se llena la tubería) y lo añade a
    ``salida`` si se da. Si no arranca en ``plazo`` segundos, termina con error y su salida."""
    orden = [sys.executable, "-m", "grafo", "servir", "--almacen", str(almacen), "--puerto", "0", *args]
    proceso = subprocess.Popen(
        orden, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
    )
    lineas = salida if salida is not None else []
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
    if not listo.wait(plazo) or not url:
        proceso.kill()
        proceso.wait()
        raise SystemExit("grafo servir no arrancó:\n" + "".join(lineas))
    return proceso, url[0]


def parar(proceso: subprocess.Popen[str]) -> int:
    """Ctrl-C (SIGINT) si sigue en marcha y espera a que termine (pasados 20 s, lo mata); da su código
    de salida. Se puede llamar más de una vez."""
    if proceso.poll() is None:
        proceso.send_signal(signal.SIGINT)
        try:
            return proceso.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proceso.kill()
    return proceso.wait()
