"""Benchmark: construir, validar y consultas con nombre en pyoxigraph y en rdflib.

Uso: python bench/bench_grafo.py [--repeticiones N]
Imprime una tabla Markdown con la mediana de N ejecuciones (segundos de reloj).
No es una prueba: las pruebas no miden tiempos.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from grafo.almacen import a_oxigraph
from grafo.construccion import construir_dataset
from grafo.consultas import consultas_disponibles, ejecutar_oxigraph, ejecutar_rdflib, parametros_a_vinculos
from grafo.triples import construir_base
from grafo.validacion import validar

#: Parámetros para las consultas que los exigen.
_PARAMETROS = {"enunciados_por_concepto": {"concepto": "ZEE"}}


def _mediana(f: Callable[[], object], n: int) -> float:
    tiempos = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        tiempos.append(time.perf_counter() - t0)
    return statistics.median(tiempos)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeticiones", type=int, default=5)
    n = ap.parse_args().repeticiones
    ds = construir_dataset()
    store = a_oxigraph(ds)
    print(f"| paso | mediana de {n} (s) |")
    print("|---|---|")
    print(f"| construir_base (ontología y glosario) | {_mediana(construir_base, n):.3f} |")
    t = _mediana(construir_dataset, n)
    print(f"| construir_dataset (con el foro: YAML, esquema, menciones) | {t:.3f} |")
    print(f"| a_oxigraph | {_mediana(lambda: a_oxigraph(ds), n):.3f} |")
    print(f"| validar (SHACL) | {_mediana(lambda: validar(ds), max(1, n // 2)):.3f} |")
    print()
    print("| consulta | filas | oxigraph (s) | rdflib (s) |")
    print("|---|---|---|---|")
    for c in consultas_disponibles():
        vinc = parametros_a_vinculos(ds, c, _PARAMETROS.get(c.nombre, {}))
        filas = len(ejecutar_oxigraph(store, c, vinc).filas)
        t_ox = _mediana(lambda c=c, v=vinc: ejecutar_oxigraph(store, c, v), n)  # type: ignore[misc]
        t_rdf = _mediana(lambda c=c, v=vinc: ejecutar_rdflib(ds, c, v), n)  # type: ignore[misc]
        print(f"| {c.nombre} | {filas} | {t_ox:.4f} | {t_rdf:.4f} |")


if __name__ == "__main__":
    main()
