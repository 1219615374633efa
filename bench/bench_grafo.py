"""Benchmark: construir, validar y cada consulta con nombre en pyoxigraph y en rdflib (en proceso).

Uso: python bench/bench_grafo.py [--repeticiones N]
Construye el grafo incluido en un directorio temporal y mide, con la mediana de N ejecuciones
(segundos de reloj): ``construir``, ``validar_almacen`` y cada consulta del catálogo con sus
parámetros de ejemplo, en los dos motores, sobre el mismo almacén. Imprime una tabla Markdown.
No es una prueba: las pruebas no miden tiempos. Para el arranque en frío de la orden ``grafo``,
ver ``bench/bench_arranque.py``; para corpus grandes, ``bench/bench_escala.py``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_escala import mediana  # mismo directorio: python bench/bench_grafo.py

from grafo.almacen.almacen import abrir_almacen
from grafo.construccion.proceso import construir
from grafo.construccion.validacion import validar_almacen
from grafo.consultas.catalogo import consultas_disponibles
from grafo.consultas.ejecucion import ejecutar


def main() -> None:
    """Mide y muestra la tabla."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeticiones", type=int, default=5)
    n = ap.parse_args().repeticiones
    with tempfile.TemporaryDirectory() as tmp:
        salida = Path(tmp) / "salida"
        print("| paso | mediana (s) |\n|---|---|")
        print(f"| construir (vocabulario + foro incluido) | {mediana(lambda: construir(salida), n):.3f} |")
        almacen = abrir_almacen(salida)
        print(f"| validar (SHACL del almacén entero) | {mediana(lambda: validar_almacen(almacen), n):.3f} |")
        print("\n| consulta | filas | oxigraph (s) | rdflib (s) |\n|---|---|---|---|")
        for c in consultas_disponibles():
            params = c.parametros_de_ejemplo()
            filas = len(ejecutar(almacen, c, params).filas)
            ox = mediana(lambda c=c, p=params: ejecutar(almacen, c, p), n)  # type: ignore[misc]
            rd = mediana(lambda c=c, p=params: ejecutar(almacen, c, p, motor="rdflib"), max(1, n // 2))  # type: ignore[misc]
            print(f"| {c.nombre} | {filas} | {ox:.4f} | {rd:.4f} |")


if __name__ == "__main__":
    main()
