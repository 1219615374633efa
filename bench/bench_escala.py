"""Benchmark de escala de ``grafo construir`` y de la latencia en frío de las consultas (no es una prueba).

Uso:
    python bench/bench_escala.py [--tamanos 1,10,100] [--repeticiones 5] [--semilla 0]
                                 [--salida-md ARCHIVO] [--directorio DIR]

Para cada tamaño N de corpus (foros sintéticos de ``bench/generar_corpus.py``; el corpus de N es el
prefijo del de mayor tamaño, generado una vez en un directorio temporal):

1. mide ``grafo construir --salida OUT --foro F1 --foro F2 ...`` (un ``--foro`` por archivo):
   tiempo de reloj y pico de memoria (RSS) con ``/usr/bin/time -v``; si no existe, con
   ``resource.getrusage(RUSAGE_CHILDREN)`` desde un proceso intermedio;
2. mide el PISO en el mismo proceso: leer los mismos YAML con ``yaml.CSafeLoader`` (también el foro
   incluido en el paquete, que ``construir`` siempre carga) más cargar con pyoxigraph
   (``Store(dir).bulk_load``, N-Quads) las mismas quads en un almacén nuevo en disco. Las quads se
   vuelcan una vez de ``OUT/almacen`` (o, si aún no existe, de ``OUT/grafo.trig``). Razón =
   construir / piso;
3. mide la latencia en frío (un proceso nuevo cada vez, mediana de ``--repeticiones`` tras un
   calentamiento) de tres consultas del catálogo con ``--almacen OUT``; si la CLI no acepta
   ``--almacen`` se informa «sin --almacen» y se omiten.

Imprime una tabla Markdown (y la escribe en ``--salida-md`` si se da) con los objetivos a 100 foros:
construir ≤ 10× piso, pico ≤ 1 GB, cada consulta ≤ 0,5 s en frío.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generar_corpus import ORIGEN, generar_corpus

GRAFO = Path(sys.executable).parent / "grafo"
TIME = Path("/usr/bin/time")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: (nombre corto, argumentos tras ``grafo consulta``); ``--almacen OUT`` se añade al final.
CONSULTAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("enunciados json", ("enunciados", "--formato", "json")),
    ("competencias csv", ("competencias", "--formato", "csv", "--param", "nivel=Regional")),
    ("menciones_por_concepto csv", ("menciones_por_concepto", "--formato", "csv")),
)

#: Objetivos a 100 foros.
OBJ_RAZON = 10.0
OBJ_PICO_MB = 1024.0
OBJ_LATENCIA_S = 0.5

#: Proceso intermedio para medir el pico de RSS sin /usr/bin/time: solo ve a su hijo.
_ENVOLTORIO = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.call(sys.argv[1:])
t = time.perf_counter() - t0
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"__PICO_KB__ {kb}", file=sys.stderr)
print(f"__RELOJ_S__ {t}", file=sys.stderr)
sys.exit(rc)
"""


@dataclass
class Medida:
    """Resultado de un proceso medido."""

    rc: int
    reloj_s: float
    pico_kb: int | None
    stdout: str
    stderr: str


@dataclass
class Fila:
    """Una fila de la tabla: un tamaño de corpus."""

    n: int
    foros_grafo: int | None = None
    enunciados: int | None = None
    quads: int | None = None
    construir_s: float | None = None
    pico_mb: float | None = None
    yaml_s: float | None = None
    carga_s: float | None = None
    fuente_quads: str = ""
    latencias: dict[str, float | str] = field(default_factory=dict)
    notas: list[str] = field(default_factory=list)

    @property
    def piso_s(self) -> float | None:
        if self.yaml_s is None or self.carga_s is None:
            return None
        return self.yaml_s + self.carga_s

    @property
    def razon(self) -> float | None:
        piso = self.piso_s
        if piso is None or self.construir_s is None or piso <= 0:
            return None
        return self.construir_s / piso


def _reloj_de_time(texto: str) -> float | None:
    """Segundos de «Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34»."""
    m = re.search(r"Elapsed \(wall clock\) time.*?\):\s*([\d:.]+)", texto)
    if not m:
        return None
    segundos = 0.0
    for parte in m.group(1).split(":"):
        segundos = segundos * 60 + float(parte)
    return segundos


def medir_proceso(cmd: Sequence[str], *, con_time: bool) -> Medida:
    """Ejecuta ``cmd`` y devuelve su tiempo de reloj y su pico de RSS (kB)."""
    if con_time:
        t0 = time.perf_counter()
        p = subprocess.run([str(TIME), "-v", *cmd], capture_output=True, text=True)
        reloj = time.perf_counter() - t0
        m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", p.stderr)
        reloj_time = _reloj_de_time(p.stderr)
        return Medida(
            p.returncode,
            reloj_time if reloj_time else reloj,
            int(m.group(1)) if m else None,
            p.stdout,
            p.stderr,
        )
    p = subprocess.run([sys.executable, "-c", _ENVOLTORIO, *cmd], capture_output=True, text=True)
    pico = re.search(r"__PICO_KB__ (\d+)", p.stderr)
    reloj_m = re.search(r"__RELOJ_S__ ([\d.e+-]+)", p.stderr)
    return Medida(
        p.returncode,
        float(reloj_m.group(1)) if reloj_m else float("nan"),
        int(pico.group(1)) if pico else None,
        p.stdout,
        p.stderr,
    )


def mediana(f: Callable[[], object], n: int) -> float:
    """Mediana de ``n`` tiempos de reloj de ``f()``."""
    tiempos = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        tiempos.append(time.perf_counter() - t0)
    return statistics.median(tiempos)


def leer_yamls(rutas: Sequence[Path]) -> int:
    """Lee todos los YAML con ``CSafeLoader``; devuelve el número total de enunciados."""
    total = 0
    for r in rutas:
        datos = yaml.load(r.read_bytes(), Loader=_LOADER)
        total += len(datos.get("enunciados", []))
    return total


def volcar_quads(out: Path, destino: Path) -> str:
    """Vuelca las quads construidas en N-Quads; devuelve de dónde salieron."""
    almacen = out / "almacen"
    if almacen.is_dir():
        store = pyoxigraph.Store.read_only(str(almacen))
        store.dump(str(destino), pyoxigraph.RdfFormat.N_QUADS)
        del store
        return "almacen"
    trig = out / "grafo.trig"
    if not trig.is_file():
        raise FileNotFoundError(f"no hay {almacen} ni {trig}")
    mem = pyoxigraph.Store()
    mem.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    mem.dump(str(destino), pyoxigraph.RdfFormat.N_QUADS)
    return "grafo.trig"


def cargar_quads(nq: Path, trabajo: Path, n: int) -> float:
    """Mediana de ``n`` cargas de ``nq`` en un almacén nuevo en disco (crear + bulk_load)."""
    tiempos = []
    for i in range(n):
        destino = trabajo / f"piso-{i}"
        t0 = time.perf_counter()
        store = pyoxigraph.Store(str(destino))
        store.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store
        tiempos.append(time.perf_counter() - t0)
        shutil.rmtree(destino, ignore_errors=True)
    return statistics.median(tiempos)


def contar_lineas(ruta: Path) -> int:
    with ruta.open("rb") as f:
        return sum(1 for linea in f if linea.strip())


def admite_almacen() -> bool:
    """¿Acepta ``grafo consulta`` la opción ``--almacen``?"""
    p = subprocess.run([str(GRAFO), "consulta", "--help"], capture_output=True, text=True)
    return "--almacen" in p.stdout


def latencia(cmd: Sequence[str], n: int) -> float | str:
    """Mediana de ``n`` ejecuciones en frío (tras un calentamiento); o el error como texto."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return f"error rc={p.returncode}: {(p.stderr.strip().splitlines() or [''])[-1][:80]}"
    tiempos = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        tiempos.append(time.perf_counter() - t0)
    return statistics.median(tiempos)


def _conteo(stdout: str, clave: str) -> int | None:
    m = re.search(rf"^\s*{clave}\s+(\d+)\s*$", stdout, re.MULTILINE)
    return int(m.group(1)) if m else None


def medir_tamano(
    n: int, foros: Sequence[Path], trabajo: Path, repeticiones: int, con_time: bool, almacen_ok: bool
) -> Fila:
    """Todas las medidas de un tamaño de corpus."""
    fila = Fila(n)
    out = trabajo / f"salida-{n}"
    cmd = [str(GRAFO), "construir", "--salida", str(out)]
    for f in foros:
        cmd += ["--foro", str(f)]
    print(f"[{n} foros] grafo construir ({len(' '.join(cmd))} caracteres de orden) ...", file=sys.stderr)
    try:
        med = medir_proceso(cmd, con_time=con_time)
    except OSError as e:  # p. ej. E2BIG: lista de argumentos demasiado larga
        fila.notas.append(f"construir no arrancó: {e}")
        return fila
    if med.rc != 0:
        cola = "\n".join(med.stderr.strip().splitlines()[-8:])
        fila.notas.append(f"construir falló (rc={med.rc}): {cola}")
        return fila
    fila.construir_s = med.reloj_s
    fila.pico_mb = med.pico_kb / 1024 if med.pico_kb is not None else None
    fila.foros_grafo = _conteo(med.stdout, "foros")
    fila.enunciados = _conteo(med.stdout, "enunciados")

    # Piso: YAML (los mismos archivos más el foro incluido) + carga de las quads en pyoxigraph.
    yamls = [ORIGEN, *foros]
    total_yaml = leer_yamls(yamls)
    if fila.enunciados is None:
        fila.enunciados = total_yaml
        fila.notas.append("enunciados contados en los YAML (construir no los imprimió)")
    fila.yaml_s = mediana(lambda: leer_yamls(yamls), repeticiones)
    nq = trabajo / f"quads-{n}.nq"
    try:
        fila.fuente_quads = volcar_quads(out, nq)
        fila.quads = contar_lineas(nq)
        fila.carga_s = cargar_quads(nq, trabajo, repeticiones)
    except (OSError, ValueError, SyntaxError) as e:
        fila.notas.append(f"no se pudieron volcar/cargar las quads: {e}")
    finally:
        nq.unlink(missing_ok=True)

    if almacen_ok:
        for nombre, args in CONSULTAS:
            print(f"[{n} foros] consulta {nombre} ...", file=sys.stderr)
            fila.latencias[nombre] = latencia(
                [str(GRAFO), "consulta", *args, "--almacen", str(out)], repeticiones
            )
    shutil.rmtree(out, ignore_errors=True)
    return fila


def _f(valor: float | None, fmt: str = "{:.2f}") -> str:
    return "—" if valor is None else fmt.format(valor)


def tabla(filas: Sequence[Fila], almacen_ok: bool, repeticiones: int, con_time: bool) -> str:
    """La tabla Markdown con las medidas y los objetivos."""
    cab_lat = [f"{nombre} (s)" for nombre, _ in CONSULTAS]
    medidor = "/usr/bin/time -v" if con_time else "getrusage(RUSAGE_CHILDREN) (sin /usr/bin/time)"
    lineas = [
        f"Máquina: {os.cpu_count()} núcleos, Python {platform.python_version()}, "
        f"pyoxigraph {pyoxigraph.__version__}, PyYAML {yaml.__version__}. "
        f"Pico de RSS con {medidor}; "
        f"piso y latencias: mediana de {repeticiones}.",
        "",
        "| foros (sintéticos / en el grafo) | enunciados | quads | construir (s) | pico (MB) | piso (s) "
        "[yaml + carga] | razón construir/piso | " + " | ".join(cab_lat) + " |",
        "|" + "---|" * (7 + len(cab_lat)),
    ]
    for f in filas:
        piso = (
            f"{f.piso_s:.2f} [{f.yaml_s:.2f} + {f.carga_s:.2f}]"
            if f.piso_s is not None and f.yaml_s is not None and f.carga_s is not None
            else "—"
        )
        lat = []
        for nombre, _ in CONSULTAS:
            v = f.latencias.get(nombre)
            if not almacen_ok:
                lat.append("sin --almacen")
            elif isinstance(v, float):
                lat.append(f"{v:.3f}")
            else:
                lat.append(v or "—")
        en_grafo = "?" if f.foros_grafo is None else str(f.foros_grafo)
        lineas.append(
            f"| {f.n} / {en_grafo} | {f.enunciados if f.enunciados is not None else '—'} | "
            f"{f.quads if f.quads is not None else '—'} | {_f(f.construir_s)} | {_f(f.pico_mb, '{:.0f}')} | "
            f"{piso} | {_f(f.razon, '{:.1f}×')} | " + " | ".join(lat) + " |"
        )
    lineas.append(
        f"| objetivo (100 foros) | | | | ≤ {OBJ_PICO_MB:.0f} | | ≤ {OBJ_RAZON:.0f}× | "
        + " | ".join(f"≤ {OBJ_LATENCIA_S}" for _ in CONSULTAS)
        + " |"
    )
    notas = [f"- {f.n} foros: {nota}" for f in filas for nota in f.notas]
    fuentes = sorted({f.fuente_quads for f in filas if f.fuente_quads})
    if fuentes:
        notas.append(f"- quads del piso volcadas de: {', '.join(fuentes)}")
    if not almacen_ok:
        notas.append("- `grafo consulta` no acepta `--almacen`: latencias omitidas (sin --almacen).")
    cien = next((f for f in filas if f.n == 100), None)
    if cien is not None:
        notas.append("- objetivos a 100 foros: " + _veredicto(cien, almacen_ok))
    if notas:
        lineas += ["", *notas]
    return "\n".join(lineas) + "\n"


def _veredicto(f: Fila, almacen_ok: bool) -> str:
    partes = []
    r = f.razon
    partes.append("razón " + ("?" if r is None else ("cumple" if r <= OBJ_RAZON else "NO cumple")))
    p = f.pico_mb
    partes.append("pico " + ("?" if p is None else ("cumple" if p <= OBJ_PICO_MB else "NO cumple")))
    if almacen_ok:
        for nombre, _ in CONSULTAS:
            v = f.latencias.get(nombre)
            ok = isinstance(v, float) and v <= OBJ_LATENCIA_S
            partes.append(f"{nombre} " + ("cumple" if ok else "NO cumple"))
    return ", ".join(partes)


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark de escala de grafo construir y consultas en frío.")
    ap.add_argument("--tamanos", default="1,10,100", help="tamaños de corpus separados por comas")
    ap.add_argument("--repeticiones", type=int, default=5, help="repeticiones para las medianas")
    ap.add_argument("--semilla", type=int, default=0, help="semilla del generador de foros")
    ap.add_argument("--salida-md", type=Path, help="escribe también la tabla en este archivo")
    ap.add_argument(
        "--directorio", type=Path, help="directorio de trabajo (se conserva); por defecto uno temporal"
    )
    args = ap.parse_args()
    try:
        tamanos = sorted({int(t) for t in args.tamanos.split(",") if t.strip()})
    except ValueError:
        ap.error("--tamanos: enteros separados por comas, p. ej. 1,10,100")
    if not tamanos or min(tamanos) < 1 or args.repeticiones < 1:
        ap.error("los tamaños y --repeticiones deben ser >= 1")
    if not GRAFO.exists():
        sys.exit(f"no se encuentra la orden grafo junto a {sys.executable}")

    con_time = TIME.exists()
    if not con_time:
        print("aviso: no existe /usr/bin/time; pico de RSS con getrusage(RUSAGE_CHILDREN).", file=sys.stderr)
    almacen_ok = admite_almacen()
    if not almacen_ok:
        print("aviso: 'grafo consulta' no acepta --almacen (sin --almacen): se omiten.", file=sys.stderr)

    tmp = None
    if args.directorio is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-escala-")
        trabajo = Path(tmp.name)
    else:
        trabajo = args.directorio
        trabajo.mkdir(parents=True, exist_ok=True)
    try:
        foros = generar_corpus(max(tamanos), trabajo / "corpus", args.semilla)
        filas = [
            medir_tamano(n, foros[:n], trabajo, args.repeticiones, con_time, almacen_ok) for n in tamanos
        ]
    finally:
        if tmp is not None:
            tmp.cleanup()
    md = tabla(filas, almacen_ok, args.repeticiones, con_time)
    print(md)
    if args.salida_md:
        args.salida_md.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
