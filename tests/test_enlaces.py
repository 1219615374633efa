"""Etapa enlaces: menciones automáticas y su precisión y exhaustividad frente al conjunto de oro."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import Graph

from grafo.base import recursos
from grafo.base.espacios import PREFIJOS
from grafo.construccion.menciones import Enlazador, crear_enlazador, precision_exhaustividad
from grafo.fuentes.foro import leer_foro

ORO = Path(__file__).parent / "datos" / "menciones_oro.yaml"


@pytest.fixture(scope="module")
def enlazador(union: Graph) -> Enlazador:
    return crear_enlazador(union)


def _cortos(iris: set[str]) -> set[str]:
    res = set()
    for iri in iris:
        for p in ("gtc", "gta", "gtv"):
            if iri.startswith(PREFIJOS[p]):
                res.add(f"{p}:{iri[len(PREFIJOS[p]) :]}")
    return res


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("la ZEE y el OT", {"gtc:zee", "gtc:ot"}),
        ("otros planes y otro plan", set()),
        ("Planes de Desarrollo Concertados", {"gtc:pdc"}),
        ("el Plan de Ordenamiento Territorial", {"gtc:pot"}),
        ("zonificacion ecologica y economica", {"gtc:zee"}),
        ("Ronald Ordóñez - SER", {"gta:ronald-ordonez", "gta:ser"}),
        ("no se puede ser así", set()),
        ("los tres niveles de gobierno", {"gtv:nacional", "gtv:regional", "gtv:local"}),
        (
            "los gobiernos regionales y locales",
            {"gta:gobiernos-regionales", "gta:gobiernos-locales", "gtv:regional", "gtv:local"},
        ),
        ("desarrollo regional", set()),
        ("GOBIERNO: facilita", {"gta:estado"}),
        ("el gobierno de turno", set()),
    ],
)
def test_reglas(enlazador: Enlazador, texto: str, esperado: set[str]) -> None:
    assert _cortos(enlazador.menciones(texto)) == esperado


def test_precision_exhaustividad_cuentas() -> None:
    p, r, vp, fp, fn = precision_exhaustividad({"a": {"x", "y"}}, {"a": {"x", "z"}, "b": set()})
    assert (vp, fp, fn) == (1, 1, 1) and p == 0.5 and r == 0.5


def test_conjunto_de_oro(enlazador: Enlazador, union: Graph) -> None:
    """El enlazador automático frente a las menciones etiquetadas a mano (≥ 60 enunciados)."""
    oro_crudo = yaml.safe_load(ORO.read_text(encoding="utf-8"))
    oro = {k: set(v or []) for k, v in oro_crudo.items()}
    assert len(oro) >= 60
    archivo = next(f for f in recursos.archivos_foros() if f.name == "foro-cajamarca-2013.yaml")
    foro = leer_foro(archivo, None, archivo.name)
    textos = {e.id: e.texto for e in foro.enunciados}
    assert set(oro) <= set(textos)
    predichas = {k: _cortos(enlazador.menciones(textos[k])) for k in oro}
    p, r, vp, fp, fn = precision_exhaustividad(predichas, oro)
    print(
        f"\nconjunto de oro: {len(oro)} enunciados; VP={vp} FP={fp} FN={fn}; precisión={p:.3f} exhaustividad={r:.3f}"
    )
    assert p >= 0.95
    assert r >= 0.90
