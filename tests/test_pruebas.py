"""Lo que las demás pruebas dan por hecho: el árbol fuente importa, rdflib lee el almacén una sola vez
por proceso, las marcas y lo que falta en la CI es un fallo, no un salto."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from grafo.almacen.almacen import Almacen

RAIZ = Path(__file__).resolve().parents[1]


def test_el_arbol_fuente_importa_y_abre(salida: Path) -> None:
    """Desde la raíz del repositorio, './grafo' hace sombra al paquete instalado: tiene que funcionar
    igual (grafo/ontologia y grafo/queries son enlaces a ../ontologia y ../queries). ``salida`` deja el
    grafo incluido en la caché de la sesión (GRAFO_CACHE, heredada): abrir no construye."""
    r = subprocess.run(
        [sys.executable, "-c", "import grafo; grafo.abrir()"],
        cwd=RAIZ, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    # y era el árbol fuente el que se importó
    r = subprocess.run(
        [sys.executable, "-c", "import grafo; print(grafo.__file__)"],
        cwd=RAIZ, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert Path(r.stdout.strip()).resolve() == RAIZ / "grafo" / "__init__.py"


def test_rdflib_lee_el_almacen_una_vez_por_proceso(almacen: Almacen, monkeypatch: pytest.MonkeyPatch) -> None:
    """El motor rdflib convierte el almacén a un Dataset una sola vez: la segunda consulta y las
    siguientes no lo vuelven a leer (ni a volcar ni a analizar)."""
    from rdflib import Dataset

    from grafo.consultas import motores
    from grafo.consultas.ejecucion import pedido_de
    from grafo.consultas.politica import asegurar

    lecturas: list[object] = []
    original = Dataset.parse

    def espia(self: Dataset, *args: object, **kwargs: object) -> object:
        lecturas.append(self)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(motores, "_LEIDO", [])  # lo que haya leído otra prueba de este proceso, fuera
    monkeypatch.setattr(Dataset, "parse", espia)
    pedido = pedido_de(asegurar("SELECT (COUNT(*) AS ?n) WHERE { ?s a gt:Foro }"), "foros")
    resultados = [motores.evaluar_rdflib(almacen.store, pedido).filas for _ in range(3)]
    assert resultados == [[["1"]]] * 3
    assert len(lecturas) == 1


def test_las_marcas_estan_registradas(pytestconfig: pytest.Config) -> None:
    registradas = {linea.split(":")[0] for linea in pytestconfig.getini("markers")}
    assert {"chromium", "java", "servidor"} <= registradas


@pytest.mark.parametrize("ci", ["", "true"])
def test_lo_que_falta_salta_fuera_de_la_ci_y_falla_en_ella(
    falta: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    esperado = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(esperado, match="Chromium"):
        falta("Chromium", ".ci/run debe instalarlo")
    assert os.environ["CI"] == ci
