"""Las capas de docs/arquitectura.md se cumplen: contratos de import-linter, sin ciclos entre módulos
(con las importaciones dentro de funciones), módulos de a lo sumo 500 líneas, cada paquete dice qué
puede importar y solo la CLI termina el proceso."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

RAIZ = Path(__file__).resolve().parent.parent
PYPROJECT = RAIZ / "pyproject.toml"


def _paquete() -> Path:
    """El directorio del paquete ``grafo`` que se importa (el instalado en la CI)."""
    spec = importlib.util.find_spec("grafo")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def _modulos() -> list[Path]:
    paquete = _paquete()
    return sorted(
        p for p in paquete.rglob("*.py") if not {"ontologia", "queries"} & set(p.relative_to(paquete).parts)
    )


def test_import_linter_cumple_los_contratos() -> None:
    orden = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run(
        [str(orden), "--config", str(PYPROJECT), "--no-cache"], capture_output=True, text=True, cwd=RAIZ
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout
    assert "Capas: de la CLI a la base, las flechas solo bajan KEPT" in r.stdout
    assert "Sin ciclos entre los módulos de un paquete KEPT" in r.stdout


def test_sin_ciclos_entre_modulos() -> None:
    """Ningún ciclo en el grafo de importaciones módulo a módulo, contando las de dentro de funciones
    y las de ``TYPE_CHECKING`` (grimp las lee todas)."""
    g = grimp.build_graph(
        "grafo", include_external_packages=False, cache_dir=None
    )  # nada en el directorio actual
    red = nx.DiGraph()
    for m in g.modules:
        red.add_node(m)
        for importado in g.find_modules_directly_imported_by(m):
            red.add_edge(m, importado)
    ciclos = list(nx.simple_cycles(red))
    assert ciclos == []


def test_la_prueba_de_ciclos_puede_fallar() -> None:
    red = nx.DiGraph([("a", "b"), ("b", "a")])
    assert list(nx.simple_cycles(red))


def test_ningun_modulo_pasa_de_500_lineas() -> None:
    largos = {
        str(p.relative_to(_paquete())): n
        for p in _modulos()
        if (n := len(p.read_text("utf-8").splitlines())) > 500
    }
    assert largos == {}


@pytest.mark.parametrize(
    "capa",
    [
        "base",
        "fuentes",
        "almacen",
        "busqueda",
        "consultas",
        "fichas",
        "paginas",
        "compartir",
        "ensenanza",
        "construccion",
        "razonamiento",
        "cli",
    ],
)
def test_cada_capa_dice_que_puede_importar(capa: str) -> None:
    doc = ast.get_docstring(ast.parse((_paquete() / capa / "__init__.py").read_text("utf-8")))
    assert doc, f"grafo/{capa}/__init__.py sin docstring"
    assert "importa" in doc
    assert f"`{'grafo.' + capa}`" in (RAIZ / "docs" / "arquitectura.md").read_text("utf-8")


def test_solo_la_cli_termina_el_proceso() -> None:
    """``sys.exit``, ``os._exit`` y ``exit()`` solo en ``grafo/cli`` (y en ``__main__``)."""
    paquete = _paquete()
    culpables = []
    for p in _modulos():
        partes = p.relative_to(paquete).parts
        if partes[0] in ("cli", "cli.py", "__main__.py"):
            continue
        for nodo in ast.walk(ast.parse(p.read_text("utf-8"))):
            if isinstance(nodo, ast.Call):
                f = nodo.func
                nombre = (
                    f"{f.value.id}.{f.attr}"
                    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                    else getattr(f, "id", "")
                )
                if nombre in ("sys.exit", "os._exit", "exit", "quit"):
                    culpables.append(f"{'/'.join(partes)}:{nodo.lineno} {nombre}")
    assert culpables == []
