"""Huellas SHA-256 de todo lo que el programa produce, para comprobar que una reorganización del
código no cambia ni un byte (issue 14).

Uso: python bench/huellas_salidas.py DIR [--comparar HUELLAS.txt]

Construye el grafo en ``DIR/salida`` (siempre la misma ruta, porque las páginas la nombran) con
``grafo construir`` y ejecuta, en el mismo proceso con ``click.testing.CliRunner``:

- cada consulta del catálogo con sus parámetros de ejemplo, en los 4 formatos;
- ``grafo definir`` de cada entidad de ``grafo terminos``, en es/en y texto/md;
- ``grafo terminos`` y ``grafo consultas``;
- ``grafo glosario`` (html y md), ``grafo visualizar`` y ``grafo exportar`` en cada formato;
- ``grafo practicar --no-interactivo`` con las semillas 0–29;
- y los archivos que escribe ``grafo construir`` (sin el manifiesto, que lleva la fecha).

Escribe una línea ``sha256  nombre`` por salida en la salida estándar, con el código de salida de
la orden. Con ``--comparar`` muestra solo las que difieren y sale con 1 si alguna difiere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from grafo.cli import cli as grafo

_ENTORNO = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


#: Lo que cambia de una construcción a otra aunque el código y las fuentes sean los mismos (medido:
#: dos corridas del mismo código): las etiquetas de los nodos anónimos, que rdflib elige al azar (y
#: con ellas el orden de algunas líneas), la fecha de construcción y el directorio donde se
#: construyó, que las páginas muestran. Se normalizan antes de la huella: los archivos RDF por su
#: forma canónica (rdflib.compare, grafo por grafo), GraphML y CSV con cada nodo anónimo como
#: «B» y las líneas ordenadas, y la fecha y el directorio por «FECHA» y «DIR».
_NODO_ANONIMO = re.compile(rb"\b[0-9a-f]{32}\b")
_FIJOS: list[tuple[bytes, bytes]] = []
_RDF = {
    ".trig": "trig",
    ".nq": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdfxml": "xml",
}


def _canonico(datos: bytes, formato: str) -> bytes:
    from rdflib import Dataset
    from rdflib.compare import to_canonical_graph

    ds = Dataset()
    ds.parse(data=datos, format=formato)
    lineas = []
    for g in ds.graphs():
        nombre = str(g.identifier)
        for tr in to_canonical_graph(g):
            lineas.append(f"{nombre} {' '.join(t.n3() for t in tr)}")
    return "\n".join(sorted(lineas)).encode()


def _normalizar(datos: bytes, sufijo: str = "") -> bytes:
    for viejo, nuevo in _FIJOS:
        datos = datos.replace(viejo, nuevo)
    if sufijo in _RDF:
        return _canonico(datos, _RDF[sufijo])
    if sufijo == ".csv":  # un zip con nodos.csv y aristas.csv
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            datos = b"".join(n.encode() + b"\0" + z.read(n) for n in sorted(z.namelist()))
    if sufijo in (".csv", ".graphml"):
        return b"\n".join(sorted(_NODO_ANONIMO.sub(b"B", datos).splitlines()))
    return datos


def _sha(datos: bytes, sufijo: str = "") -> str:
    return hashlib.sha256(_normalizar(datos, sufijo)).hexdigest()


def _ordenes(salida: Path) -> Iterator[tuple[str, list[str], Path | None]]:
    """(nombre, argumentos, archivo que escribe o None si es la salida estándar)."""
    alm = ["--almacen", str(salida)]
    for nombre, params in _catalogo():
        extra = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
        for f in ("tabla", "csv", "json", "md"):
            yield f"consulta {nombre} {f}", ["consulta", nombre, "--formato", f, *extra, *alm], None
    r = CliRunner(env=_ENTORNO).invoke(grafo, ["terminos", *alm])
    for linea in r.output.splitlines():
        _tipo, termino = linea.split(" ", 1)
        # la lista añade la sigla entre paréntesis: se quita si sin ella el término se encuentra
        sin_sigla = termino.rsplit(" (", 1)[0] if termino.endswith(")") else termino
        if CliRunner(env=_ENTORNO).invoke(grafo, ["definir", sin_sigla, *alm]).exit_code == 0:
            termino = sin_sigla
        for idioma in ("es", "en"):
            for f in ("texto", "md"):
                yield (
                    f"definir {termino} {idioma} {f}",
                    ["definir", termino, "--idioma", idioma, "--formato", f, *alm],
                    None,
                )
    yield "terminos", ["terminos", *alm], None
    yield "consultas", ["consultas", *alm], None
    tmp = salida.parent / "archivos"
    tmp.mkdir(exist_ok=True)
    for f in ("html", "md"):
        yield (
            f"glosario {f}",
            ["glosario", "--formato", f, "-o", str(tmp / f"glosario.{f}"), *alm],
            tmp / (f"glosario.{f}"),
        )
    yield "visualizar", ["visualizar", "-o", str(tmp / "red.html"), *alm], tmp / "red.html"
    for f in ("trig", "nq", "ttl", "nt", "jsonld", "rdfxml", "graphml", "csv"):
        yield (
            f"exportar {f}",
            ["exportar", "-f", f, "-o", str(tmp / f"export.{f}"), *alm],
            tmp / f"export.{f}",
        )
    for s in range(30):
        yield f"practicar {s}", ["practicar", "--no-interactivo", "--semilla", str(s), *alm], None


def _catalogo() -> list[tuple[str, dict[str, str]]]:
    from grafo.consultas.catalogo import consultas_disponibles

    return [(c.nombre, c.parametros_de_ejemplo()) for c in consultas_disponibles()]


def main() -> int:
    """Construye, ejecuta y escribe o compara las huellas."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--comparar", type=Path)
    args = ap.parse_args()
    base: Path = args.dir.resolve()
    comparar: Path | None = args.comparar.resolve() if args.comparar else None
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    salida = base / "salida"
    os.chdir(base)
    huellas: dict[str, str] = {}
    r = CliRunner(env=_ENTORNO).invoke(grafo, ["construir", "--salida", str(salida)])
    if r.exit_code != 0:
        print(r.output, file=sys.stderr)
        return 1
    construido = json.loads((salida / "manifiesto.json").read_text(encoding="utf-8"))["construido"]
    _FIJOS[:] = [
        (construido.encode(), b"FECHA"),
        (construido[:16].encode(), b"FECHA"),
        (str(base).encode(), b"DIR"),
    ]
    for archivo in sorted(salida.iterdir()):
        if archivo.is_file() and archivo.name != "manifiesto.json":
            huellas[f"construir {archivo.name}"] = _sha(archivo.read_bytes(), archivo.suffix)
    for nombre, orden, archivo in _ordenes(salida):
        r = CliRunner(env=_ENTORNO).invoke(grafo, orden)
        if archivo is not None and archivo.exists():
            datos, sufijo = archivo.read_bytes(), archivo.suffix
        else:
            datos, sufijo = r.stdout_bytes, ""
        huellas[nombre] = f"{_sha(datos, sufijo)} {_sha(r.stderr_bytes)} rc={r.exit_code}"
    if comparar:
        antes = dict(
            reversed(linea.split("  ", 1)) for linea in comparar.read_text(encoding="utf-8").splitlines()
        )
        distintas = [n for n in sorted(set(antes) | set(huellas)) if antes.get(n) != huellas.get(n)]
        for n in distintas:
            print(f"DIFIERE {n}: antes {antes.get(n)} ahora {huellas.get(n)}")
        print(f"{len(huellas)} salidas, {len(distintas)} distintas")
        return 1 if distintas else 0
    for nombre, h in huellas.items():
        print(f"{h}  {nombre}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
