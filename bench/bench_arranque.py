"""Benchmark de arranque en frío de la CLI ``grafo`` (no es una prueba).

Uso:
    python bench/bench_arranque.py [--repeticiones 7] [--almacen DIR] [--salida-md ARCHIVO]

Ejecuta lado a lado, cada vez en un proceso nuevo, ``python -c pass``, ``python -c "import rdflib"``,
``grafo --help``, ``grafo consulta glosario --formato json`` y ``grafo definir ZEE`` (con
``--almacen DIR`` si se da y la orden lo acepta). Primero un calentamiento de cada una (la primera
ejecución puede crear una caché por usuario) y luego ``--repeticiones`` rondas intercaladas. Antes
compila los ``.pyc`` del paquete y ejecuta las órdenes sin ``PYTHONDONTWRITEBYTECODE``, como quedan
tras ``pip install``. Imprime
una tabla Markdown con la mediana en ms, la razón frente a ``import rdflib`` y el objetivo
(≤ 1,5× ``import rdflib`` para ``consulta`` y ``definir``).

Usa ``sys.executable`` y la orden ``grafo`` que está junto a él.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = Path(sys.executable)
GRAFO = PYTHON.parent / "grafo"
OBJETIVO = 1.5


@dataclass
class Orden:
    """Una orden a medir."""

    nombre: str
    argv: list[str]
    objetivo: bool = False
    tiempos: list[float] = field(default_factory=list)
    error: str = ""


def acepta_opcion(subcomando: str, opcion: str) -> bool:
    """¿Menciona ``grafo SUBCOMANDO --help`` la opción dada?"""
    p = subprocess.run([str(GRAFO), subcomando, "--help"], capture_output=True, text=True)
    return opcion in p.stdout


def ordenes(almacen: Path | None) -> list[Orden]:
    """Las órdenes a medir, con ``--almacen`` donde se pidió y se acepta."""
    extra_consulta: list[str] = []
    extra_definir: list[str] = []
    if almacen is not None:
        if acepta_opcion("consulta", "--almacen"):
            extra_consulta = ["--almacen", str(almacen)]
        else:
            print("aviso: 'grafo consulta' no acepta --almacen; se mide sin él.", file=sys.stderr)
        if acepta_opcion("definir", "--almacen"):
            extra_definir = ["--almacen", str(almacen)]
        else:
            print("aviso: 'grafo definir' no acepta --almacen; se mide sin él.", file=sys.stderr)
    consulta = ["consulta", "glosario", "--formato", "json", *extra_consulta]
    definir = ["definir", "ZEE", *extra_definir]
    return [
        Orden("python -c pass", [str(PYTHON), "-c", "pass"]),
        Orden('python -c "import rdflib"', [str(PYTHON), "-c", "import rdflib"]),
        Orden("grafo --help", [str(GRAFO), "--help"]),
        Orden("grafo " + " ".join(consulta), [str(GRAFO), *consulta], objetivo=True),
        Orden("grafo " + " ".join(definir), [str(GRAFO), *definir], objetivo=True),
    ]


#: Como en una instalación con pip (que compila los .pyc al instalar): sin PYTHONDONTWRITEBYTECODE, que
#: haría compilar cada módulo del paquete desde su fuente en cada arranque (p. ej. 15 ms solo glosario.py).
ENTORNO = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compilar_paquete() -> None:
    """Compila los .pyc del paquete grafo (una instalación editable no los trae)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("grafo")
    if spec and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def ejecutar(orden: Orden) -> float:
    """Tiempo de reloj de una ejecución; anota el error si la orden falla."""
    t0 = time.perf_counter()
    p = subprocess.run(orden.argv, capture_output=True, text=True, env=ENTORNO)
    t = time.perf_counter() - t0
    if p.returncode != 0 and not orden.error:
        ultima = (p.stderr.strip().splitlines() or [""])[-1]
        orden.error = f"rc={p.returncode}: {ultima[:100]}"
    return t


def tabla(lista: list[Orden], repeticiones: int) -> str:
    """La tabla Markdown."""
    ref = next(o for o in lista if "import rdflib" in o.nombre)
    ref_ms = statistics.median(ref.tiempos) * 1000
    lineas = [
        f"Máquina: {os.cpu_count()} núcleos, Python {platform.python_version()}; "
        f"mediana de {repeticiones} procesos nuevos tras 1 calentamiento.",
        "",
        "| orden | mediana (ms) | razón a import rdflib | objetivo |",
        "|---|---|---|---|",
    ]
    for o in lista:
        ms = statistics.median(o.tiempos) * 1000
        razon = ms / ref_ms
        if o.objetivo:
            estado = "cumple" if razon <= OBJETIVO and not o.error else "NO cumple"
            objetivo = f"≤ {OBJETIVO}× import rdflib ({estado})"
        else:
            objetivo = ""
        nombre = f"`{o.nombre}`" + (f" (ERROR {o.error})" if o.error else "")
        lineas.append(f"| {nombre} | {ms:.0f} | {razon:.2f}× | {objetivo} |")
    return "\n".join(lineas) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description="Arranque en frío de la CLI grafo frente a import rdflib.")
    ap.add_argument("--repeticiones", type=int, default=7, help="procesos por orden (mediana; >= 5)")
    ap.add_argument("--almacen", type=Path, help="directorio construido para --almacen en consulta y definir")
    ap.add_argument("--salida-md", type=Path, help="escribe también la tabla en este archivo")
    args = ap.parse_args()
    if args.repeticiones < 1:
        ap.error("--repeticiones debe ser >= 1")
    if not GRAFO.exists():
        sys.exit(f"no se encuentra la orden grafo junto a {PYTHON}")
    compilar_paquete()
    lista = ordenes(args.almacen)
    for o in lista:  # calentamiento (cachés por usuario, caché de páginas)
        ejecutar(o)
    for _ in range(args.repeticiones):  # rondas intercaladas: la deriva afecta igual a todas
        for o in lista:
            o.tiempos.append(ejecutar(o))
    md = tabla(lista, args.repeticiones)
    print(md)
    if args.salida_md:
        args.salida_md.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
