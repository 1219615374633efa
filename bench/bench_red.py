"""Benchmark de la red interactiva (no es una prueba): tamaño de la página, nodos, aristas y tiempo hasta
un dibujo quieto en Chromium sin cabeza.

Uso:
    python bench/bench_red.py [--repeticiones N] [--copias K] [--chromium RUTA]

Casos:
- el grafo incluido, vista por defecto (``grafo construir`` la escribe como ``grafo.html``);
- el grafo incluido, vista completa (``--vista completa``);
- el vocabulario con K copias del foro incluido, cada una con su propio ``foro.id`` (y por tanto sus
  propios IRI de foro, sesiones, grupos y enunciados), vista por defecto y completa.

Para cada página: se abre del disco en un contexto nuevo (toda petición que no sea ``file://`` se bloquea
y se cuenta), se mide el tiempo desde la navegación hasta el primer dibujo (``body[data-listo=1]``:
la física está apagada y las posiciones vienen calculadas, así que el primer dibujo es el definitivo) y
se comprueba que ninguna posición cambie en el segundo siguiente. Mediana de N aperturas.
Objetivos de la issue 7: incluido ≤ 2 MB y ≤ 2 s; 20 foros, vista por defecto ≤ 5 MB y ≤ 5 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from chromium import solo_archivo

from grafo.almacen.almacen import abrir_almacen
from grafo.construccion.cache import almacen_incluido
from grafo.construccion.proceso import construir
from grafo.paginas.red import construir_red, guardar_red

ORIGEN = Path(__file__).resolve().parent.parent / "grafo" / "datos" / "foro-cajamarca-2013.yaml"


def copias_del_foro(k: int, directorio: Path) -> list[Path]:
    """K copias del foro incluido, cada una con su ``foro.id``."""
    texto = ORIGEN.read_text(encoding="utf-8")
    rutas = []
    for i in range(1, k + 1):
        nuevo = f"  id: foro-cajamarca-2013-copia{i:02d}"
        copia, n = re.subn(r"(?m)^  id: foro-cajamarca-2013$", nuevo, texto)
        assert n == 1, "el foro incluido cambió de forma: no se encontró su foro.id"
        ruta = directorio / f"foro-copia-{i:02d}.yaml"
        ruta.write_text(copia, encoding="utf-8")
        rutas.append(ruta)
    return rutas


def medir_pagina(navegador: Any, ruta: Path, repeticiones: int) -> dict[str, Any]:
    tiempos = []
    fuera: list[str] = []
    errores: list[str] = []
    quieta = True
    for _ in range(repeticiones):
        contexto = navegador.new_context(viewport={"width": 1280, "height": 800})
        contexto.route("**/*", lambda r: solo_archivo(r, fuera))
        pagina = contexto.new_page()
        pagina.on("pageerror", lambda e: errores.append(str(e)))
        t0 = time.perf_counter()
        pagina.goto(ruta.as_uri())
        pagina.wait_for_selector("body[data-listo='1']", timeout=60_000)
        tiempos.append(time.perf_counter() - t0)
        leer = "() => grafoRed.getPositions(grafoDatos.nodos.map(n => n.id))"
        antes = pagina.evaluate(leer)
        pagina.wait_for_timeout(1000)
        quieta = quieta and pagina.evaluate(leer) == antes
        contexto.close()
    return {
        "listo_s": statistics.median(tiempos),
        "quieta": quieta,
        "peticiones_fuera": len(fuera),
        "errores": len(errores),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeticiones", type=int, default=5)
    ap.add_argument("--copias", type=int, default=20)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        foros = copias_del_foro(args.copias, d)
        t0 = time.perf_counter()
        construir(d / "salida", foros)
        t_construir = time.perf_counter() - t0
        casos = [
            ("incluido", "vocabulario", almacen_incluido()),
            ("incluido", "completa", almacen_incluido()),
            (f"incluido + {args.copias} copias", "vocabulario", abrir_almacen(d / "salida")),
            (f"incluido + {args.copias} copias", "completa", abrir_almacen(d / "salida")),
        ]
        filas = []
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"], headless=True)
            for nombre, vista, almacen in casos:
                t0 = time.perf_counter()
                red = construir_red(almacen, vista=vista)
                ruta = d / f"red-{len(filas)}.html"
                guardar_red(red, ruta)
                t_red = time.perf_counter() - t0
                m = medir_pagina(navegador, ruta, args.repeticiones)
                filas.append((nombre, vista, ruta.stat().st_size, len(red.nodos), len(red.aristas),
                              len(red.enunciados), t_red, m, bool(red.aviso)))  # fmt: skip
            navegador.close()
    print(f"construir con {args.copias} copias del foro (+ el incluido): {t_construir:.1f} s\n")
    print(
        "| grafo | vista | página (MB) | nodos | aristas | enunciados en la página | python: red+html (s) "
        "| listo en Chromium (s, mediana) | quieta 1 s después | peticiones fuera | errores | tope |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for nombre, vista, tam, nodos, aristas, enunciados, t_red, m, tope in filas:
        print(f"| {nombre} | {vista} | {tam / 1e6:.2f} | {nodos} | {aristas} | {enunciados} | {t_red:.2f} "
              f"| {m['listo_s']:.2f} | {'sí' if m['quieta'] else 'NO'} | {m['peticiones_fuera']} "
              f"| {m['errores']} | {'sí' if tope else 'no'} |")  # fmt: skip


if __name__ == "__main__":
    main()
