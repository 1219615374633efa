"""Precisión y exhaustividad del enlazador automático frente al conjunto de oro.

Uso: python bench/evaluar_enlaces.py [--detalle]
El conjunto de oro (tests/datos/menciones_oro.yaml) se etiquetó a mano leyendo cada enunciado.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from grafo.base import recursos
from grafo.base.espacios import PREFIJOS
from grafo.construccion.menciones import crear_enlazador, precision_exhaustividad
from grafo.construccion.tripletas import construir_base, grafo_union
from grafo.fuentes.foro import leer_foro

ORO = Path(__file__).resolve().parent.parent / "tests" / "datos" / "menciones_oro.yaml"


def _cortos(iris: set[str]) -> set[str]:
    res = set()
    for iri in iris:
        for p in ("gtc", "gta", "gtv"):
            if iri.startswith(PREFIJOS[p]):
                res.add(f"{p}:{iri[len(PREFIJOS[p]) :]}")
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--detalle", action="store_true", help="lista los desacuerdos")
    detalle = ap.parse_args().detalle
    enlazador = crear_enlazador(grafo_union(construir_base()))
    archivo = next(f for f in recursos.archivos_foros() if f.name == "foro-cajamarca-2013.yaml")
    textos = {e.id: e.texto for e in leer_foro(archivo, None, archivo.name).enunciados}
    oro = {k: set(v or []) for k, v in yaml.safe_load(ORO.read_text(encoding="utf-8")).items()}
    predichas = {k: _cortos(enlazador.menciones(textos[k])) for k in oro}
    p, r, vp, fp, fn = precision_exhaustividad(predichas, oro)
    print(f"enunciados: {len(oro)}  menciones de oro: {sum(map(len, oro.values()))}")
    print(f"VP={vp} FP={fp} FN={fn}  precisión={p:.3f}  exhaustividad={r:.3f}")
    if detalle:
        for k in oro:
            if predichas[k] != oro[k]:
                print(k, "sobran", sorted(predichas[k] - oro[k]), "faltan", sorted(oro[k] - predichas[k]))


if __name__ == "__main__":
    main()
