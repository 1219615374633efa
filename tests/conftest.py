"""Fixtures compartidas: el grafo construido una vez por sesión."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from grafo.almacen import Almacen, abrir_almacen
from grafo.construccion import construir, construir_dataset
from grafo.triples import grafo_union

DATOS = Path(__file__).parent / "datos"


@pytest.fixture(scope="session")
def ds() -> Dataset:
    """El grafo completo (ontología, glosario y foros incluidos) desde los archivos empaquetados."""
    return construir_dataset()


@pytest.fixture(scope="session")
def salida(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Una construcción de ``grafo construir`` (vocabulario y foro incluido), una vez por sesión."""
    directorio = tmp_path_factory.mktemp("construido") / "salida"
    construir(directorio)
    return directorio


@pytest.fixture(scope="session")
def almacen(salida: Path) -> Almacen:
    """El almacén construido, abierto en solo lectura."""
    return abrir_almacen(salida)


@pytest.fixture(autouse=True)
def _fuera_del_arbol_fuente(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cada prueba corre en un directorio vacío: ni './salida' del repositorio ni './grafo' (el árbol
    fuente, que haría sombra al paquete instalado en 'python -m grafo' o 'python -c')."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(autouse=True, scope="session")
def _cache_aislada(tmp_path_factory: pytest.TempPathFactory) -> None:
    """La caché del grafo incluido va a un directorio temporal, no a la del usuario."""
    os.environ["GRAFO_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def union(ds: Dataset) -> Graph:
    """La unión de los grafos con nombre."""
    return grafo_union(ds)


@pytest.fixture(scope="session")
def java() -> None:
    """Salta sin Java en una máquina de desarrollo; en CI (variable CI) falla."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI sin Java: .ci/run debe instalarlo")
        pytest.skip("Java no está instalado (HermiT lo necesita)")
