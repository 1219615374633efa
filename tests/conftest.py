"""Fixtures compartidas: el grafo construido una vez por sesión."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
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


@pytest.fixture
def escucha() -> Iterator[socket.socket]:
    """Un puerto de loopback que escucha y nunca responde: lo hostil no debe llegar a él."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.setblocking(False)
    yield s
    s.close()


#: Consultas hostiles: nombre -> (texto con {puerto}, "prohibida" o "detenida").
#: "prohibida": se rechaza antes de evaluar; "detenida": se evalúa y se detiene por tiempo o tamaño.
HOSTILES: dict[str, tuple[str, str]] = {
    "service": ("SELECT * WHERE { SERVICE <http://127.0.0.1:{puerto}/sparql> { ?s ?p ?o } }", "prohibida"),
    "service-silent": (
        "SELECT * WHERE { ?x a gt:Foro . SERVICE SILENT <http://127.0.0.1:{puerto}/> { ?x ?p ?o } }",
        "prohibida",
    ),
    "service-variable": (
        "SELECT * WHERE { BIND(<http://127.0.0.1:{puerto}/> AS ?u) SERVICE ?u { ?s ?p ?o } }",
        "prohibida",
    ),
    "load-archivo": ("LOAD <file:///etc/hostname>", "prohibida"),
    "load-http": ("LOAD SILENT <http://127.0.0.1:{puerto}/x.ttl> INTO GRAPH <http://g>", "prohibida"),
    "from-archivo": ("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "prohibida"),
    "from-http": ("SELECT * FROM <http://127.0.0.1:{puerto}/x> WHERE { ?s ?p ?o }", "prohibida"),
    "from-named-http": (
        "SELECT * FROM NAMED <http://127.0.0.1:{puerto}/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "prohibida",
    ),
    "insert-data": ("INSERT DATA { <http://a> <http://b> <http://c> }", "prohibida"),
    "delete-data": ("DELETE DATA { <http://a> <http://b> <http://c> }", "prohibida"),
    "delete-where": ("DELETE WHERE { ?s ?p ?o }", "prohibida"),
    "insert-where": ("INSERT { ?s a <http://x> } WHERE { ?s ?p ?o }", "prohibida"),
    "delete-insert": ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "prohibida"),
    "with": ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "prohibida"),
    "clear": ("CLEAR ALL", "prohibida"),
    "clear-graph": ("CLEAR SILENT GRAPH <http://g>", "prohibida"),
    "drop": ("DROP ALL", "prohibida"),
    "drop-default": ("DROP DEFAULT", "prohibida"),
    "create": ("CREATE GRAPH <http://g>", "prohibida"),
    "add": ("ADD DEFAULT TO <http://g>", "prohibida"),
    "move": ("MOVE <http://a> TO <http://g>", "prohibida"),
    "copy": ("COPY <http://a> TO DEFAULT", "prohibida"),
    "varias-operaciones": ("PREFIX x: <http://x/> CLEAR ALL ; INSERT DATA { x:a x:b x:c }", "prohibida"),
    "producto-cartesiano": ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "detenida"),
    "producto-cartesiano-filas": ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "detenida"),
    "producto-ordenado": (
        "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1",
        "detenida",
    ),
}
#: Bombas de expresiones regulares: Oxigraph (autómata lineal) las termina enseguida; rdflib (``re``,
#: con retroceso) tardaría años: se detienen.
BOMBAS_REGEX: dict[str, str] = {
    "retroceso": 'SELECT ?x WHERE { BIND(CONCAT("{a}", "!") AS ?x) FILTER(REGEX(?x, "^(a+)+$")) }'.replace(
        "{a}", "a" * 40
    ),
    "alternancia": 'SELECT ?x WHERE { BIND(CONCAT("{a}", "!") AS ?x) FILTER(REGEX(?x, "^(a|aa)+$")) }'.replace(
        "{a}", "a" * 60
    ),
    "tamano": 'SELECT ?x WHERE { ?s rdfs:label ?x FILTER(REGEX(?x, "((((a{100}){100}){100}){100})")) }',
}


@pytest.fixture
def hostiles(escucha: socket.socket) -> dict[str, tuple[str, str]]:
    """``HOSTILES`` con el puerto de ``escucha``."""
    puerto = str(escucha.getsockname()[1])
    return {k: (t.replace("{puerto}", puerto), tipo) for k, (t, tipo) in HOSTILES.items()}


@pytest.fixture
def bombas_regex() -> dict[str, str]:
    """``BOMBAS_REGEX``."""
    return dict(BOMBAS_REGEX)
