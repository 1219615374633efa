"""Reproducibilidad: cada consulta del catálogo, 3 veces en cada motor, con la orden ``grafo``.

Uso: python bench/huellas_catalogo.py [--almacen DIR] [--formato csv] [--veces 3]

Ejecuta ``grafo consulta NOMBRE --formato F [--param ...del ejemplo...] --motor M`` en procesos
nuevos (``--veces`` por motor) y muestra el SHA-256 (12 primeras cifras) de cada salida, y si todas
son idénticas. Sale con 1 si alguna difiere. No es una prueba (la prueba equivalente está en
``tests/test_consultas.py``); sirve para mostrarlo con la orden real.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

from grafo.consultas.catalogo import consultas_disponibles

_GRAFO = Path(sys.executable).parent / "grafo"


def main() -> int:
    """Ejecuta y muestra la tabla; 1 si alguna salida difiere."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--almacen", default=None)
    ap.add_argument("--formato", default="csv", choices=["csv", "json", "md"])
    ap.add_argument("--veces", type=int, default=3)
    args = ap.parse_args()
    almacen = ["--almacen", args.almacen] if args.almacen else []
    veces = args.veces
    print(f"| consulta | parámetros | filas | sha256 ({veces}× oxigraph, {veces}× rdflib) | iguales |")
    print("|---|---|---|---|---|")
    todo_igual = True
    for c in consultas_disponibles():
        params = [a for k, v in c.parametros_de_ejemplo().items() for a in ("--param", f"{k}={v}")]
        huellas, filas = [], 0
        for motor in ("oxigraph", "rdflib"):
            for _ in range(veces):
                orden = [str(_GRAFO), "consulta", c.nombre, "--formato", args.formato, *params]
                r = subprocess.run([*orden, "--motor", motor, *almacen], capture_output=True, check=True)
                huellas.append(hashlib.sha256(r.stdout).hexdigest()[:12])
                filas = r.stdout.decode("utf-8").count("\n") - 1
        igual = len(set(huellas)) == 1
        todo_igual &= igual
        unicas = ", ".join(dict.fromkeys(huellas))
        print(f"| {c.nombre} | {' '.join(params[1::2])} | {filas} | {unicas} | {'sí' if igual else 'NO'} |")
    return 0 if todo_igual else 1


if __name__ == "__main__":
    sys.exit(main())
