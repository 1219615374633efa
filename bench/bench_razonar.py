"""Cuánto tarda ``grafo razonar``: el grafo empaquetado solo y con un Turtle consistente.

Uso: python bench/bench_razonar.py [RONDAS]  (desde la raíz del clon; necesita Java).
Escribe, por caso, el tiempo de cada ronda, los individuos y las inferencias, para comparar
commits (p. ej. con ``git worktree``) sobre la misma máquina.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from grafo.razonamiento.razonar import razonar_fuentes

CONSISTENTE = Path(__file__).resolve().parents[1] / "tests" / "datos" / "razonar-consistente.ttl"


def main() -> None:
    rondas = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for nombre, extras in (("empaquetado", []), ("empaquetado + razonar-consistente.ttl", [CONSISTENTE])):
        tiempos = []
        for _ in range(rondas):
            t0 = time.perf_counter()
            r = razonar_fuentes(extras)
            tiempos.append(time.perf_counter() - t0)
        print(
            f"{nombre}: {', '.join(f'{t:.2f}' for t in tiempos)} s; "
            f"{r.individuos} individuos, {len(r.inferencias)} inferencias"
        )


if __name__ == "__main__":
    main()
