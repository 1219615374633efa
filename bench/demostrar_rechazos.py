"""Lo que ``grafo servir`` rechaza o detiene, con estado y mensaje (no es una prueba: una demostración).

Uso:
    python bench/demostrar_rechazos.py [--almacen DIR] [--tiempo-maximo S]

Arranca ``grafo servir`` en un puerto libre de loopback y un socket que escucha en otro puerto, y manda
por HTTP las consultas hostiles (``SERVICE``, ``LOAD``, ``FROM``, una actualización por cada vía del
protocolo, un producto cartesiano) apuntando a ese socket. Imprime una tabla con el estado, los
segundos y el comienzo del mensaje, cuántas conexiones recibió el socket (debe ser 0) y si el
almacén quedó igual (huella de sus cuádruplos antes y después).
"""

from __future__ import annotations

import argparse
import hashlib
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from servir import almacen_o_construido, arrancar_grafo_servir, parar


def _huella(directorio: Path) -> str:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(directorio / "almacen"))
    datos = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    return hashlib.sha256(b"".join(sorted(datos.splitlines()))).hexdigest()[:16]


def _pedir(url: str, datos: dict[str, str] | None, cuerpo: bytes | None, tipo: str) -> tuple[int, str]:
    if datos is not None:
        cuerpo = urllib.parse.urlencode(datos).encode()
        tipo = "application/x-www-form-urlencoded"
    p = urllib.request.Request(url, data=cuerpo, headers={"Content-Type": tipo, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(p, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--almacen", type=Path, default=None)
    ap.add_argument("--tiempo-maximo", type=float, default=5.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directorio = almacen_o_construido(args.almacen, Path(tmp))
        escucha = socket.socket()
        escucha.bind(("127.0.0.1", 0))
        escucha.listen(8)
        escucha.setblocking(False)
        p = escucha.getsockname()[1]
        antes = _huella(directorio)
        servidor, base = arrancar_grafo_servir(directorio, "--tiempo-maximo", str(args.tiempo_maximo))
        url = base + "sparql"
        local = f"http://127.0.0.1:{p}"
        servicio = f"SELECT * {{ SERVICE <{local}/q> {{ ?s ?p ?o }} }}"
        cartesiano = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        casos: list[tuple[str, dict[str, str] | None, bytes | None, str]] = [
            ("SERVICE a un puerto local", {"query": servicio}, None, ""),
            ("LOAD de un archivo", {"query": "LOAD <file:///etc/passwd>"}, None, ""),
            ("LOAD por HTTP", {"query": f"LOAD <{local}/x.ttl>"}, None, ""),
            ("FROM <file:…>", {"query": "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"}, None, ""),
            ("FROM <http://…>", {"query": f"SELECT * FROM <{local}/x> {{ ?s ?p ?o }}"}, None, ""),
            ("actualización en query=", {"query": "DELETE WHERE { ?s ?p ?o }"}, None, ""),
            ("actualización en update=", {"update": "DROP ALL"}, None, ""),
            ("application/sparql-update", None, b"CLEAR ALL", "application/sparql-update"),
            ("producto cartesiano", {"query": cartesiano}, None, ""),
            ("consulta normal después", {"query": "ASK { ?f a gt:Foro }"}, None, ""),
        ]  # fmt: skip
        print(f"servidor: {url} (tiempo máximo {args.tiempo_maximo:g} s); socket que escucha: 127.0.0.1:{p}")
        print()
        print("| caso | estado | s | mensaje |")
        print("|---|---|---|---|")
        for nombre, datos, cuerpo, tipo in casos:
            t0 = time.perf_counter()
            estado, texto = _pedir(url, datos, cuerpo, tipo)
            primera = texto.strip().splitlines()[0] if texto.strip() else ""
            print(f"| {nombre} | {estado} | {time.perf_counter() - t0:.2f} | {primera[:150]} |")
        recibidas = 0
        while True:
            try:
                c, _ = escucha.accept()
            except BlockingIOError:
                break
            c.close()
            recibidas += 1
        parar(servidor)
        despues = _huella(directorio)
        print()
        print(f"conexiones que recibió el socket: {recibidas}")
        igual = "igual" if antes == despues else "DISTINTA"
        print(f"huella del almacén antes {antes}, después {despues}: {igual}")


if __name__ == "__main__":
    main()
