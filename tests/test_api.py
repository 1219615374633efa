"""API de Python: grafo.abrir(), consultas, SPARQL propio, fichas, el Store, pandas y el cuaderno."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import grafo
from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError, GrafoError
from grafo.consultas.catalogo import cargar_consulta
from grafo.consultas.ejecucion import ejecutar

DATOS = Path(__file__).parent / "datos"
CUADERNO = Path(__file__).parent.parent / "docs" / "ejemplo.ipynb"


@pytest.fixture(scope="module")
def g(salida: Path) -> grafo.Grafo:
    return grafo.abrir(salida)


def test_consulta_da_dicts_con_columnas_en_orden(g: grafo.Grafo, almacen: Almacen) -> None:
    filas = g.consulta("competencias", nivel="Regional")
    assert filas and all(list(f) == filas.columnas for f in filas)
    assert filas.columnas == [
        "instrumento",
        "titular",
        "nivel",
        "funcion",
        "base_legal",
        "vigente_desde",
        "vigente_hasta",
    ]
    assert {f["nivel"] for f in filas} == {"Regional"}
    # las mismas filas que la orden de la CLI (misma función de la biblioteca)
    res = ejecutar(almacen, cargar_consulta("competencias"), {"nivel": "Regional"})
    assert [list(f.values()) for f in filas] == res.filas


def test_dataframe_si_hay_pandas(g: grafo.Grafo) -> None:
    pd = pytest.importorskip("pandas")
    df = g.consulta("niveles_de_gobierno").df
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["nivel", "entidades"] and list(df["nivel"]) == [
        "Nacional",
        "Regional",
        "Local",
    ]


def test_dataframe_sin_pandas(g: grafo.Grafo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    filas = g.consulta("niveles_de_gobierno")
    assert len(filas) == 3
    with pytest.raises(GrafoError, match="pip install pandas"):
        _ = filas.df


def test_sparql_propio_sin_prefijos_y_de_solo_lectura(g: grafo.Grafo) -> None:
    filas = g.sparql("SELECT ?id WHERE { ?f a gt:Foro ; dct:identifier ?id }")
    assert [f["id"] for f in filas] == ["foro-cajamarca-2013"]
    assert g.sparql("ASK { gtc:zee a gt:Instrumento }").booleano is True
    with pytest.raises(ConsultaInvalidaError, match="solo lectura"):
        g.sparql("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(ConsultaInvalidaError, match="SERVICE"):
        g.sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_ficha_y_store(g: grafo.Grafo) -> None:
    f = g.ficha("zee")
    assert f.termino.es == "Zonificación Ecológica y Económica" and "D.S. 087-2004-PCM" in f.fuente.es
    assert isinstance(g.almacen, ox.Store)
    assert "construido" in g.descripcion and g.avisos == []


def test_foro_anadido_visible_por_la_api(salida_minimo: Path) -> None:
    g2 = grafo.abrir(str(salida_minimo))
    assert len(g2.consulta("enunciados")) == 222
    assert len(g2.consulta("enunciados", foro="foro-prueba")) == 8


def test_importar_grafo_no_carga_rdflib() -> None:
    codigo = "import grafo, sys; g = grafo.abrir; assert 'rdflib' not in sys.modules, 'rdflib'; print('ok')"
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr


def test_cuaderno_de_ejemplo_se_ejecuta(salida: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cuaderno = nbformat.read(CUADERNO, as_version=4)
    cliente = nbclient.NotebookClient(
        cuaderno, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    # el cuaderno abre ./salida: se la damos en su directorio de trabajo
    (tmp_path / "salida").symlink_to(salida, target_is_directory=True)
    cliente.execute()
    salidas = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in cuaderno.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "error" not in {o.get("output_type") for c in cuaderno.cells for o in c.get("outputs", [])}
    assert "Zonificación Ecológica y Económica" in salidas
    assert "Regional" in salidas and "foro-cajamarca-2013" in salidas


def test_celdas_tipadas_por_la_api(salida: Path) -> None:
    """Con celdas="python": fechas como date, IRIs como IRI, enteros como int; sin valor, None.
    El texto por defecto no cambia (es el de la CLI)."""
    from datetime import date

    fecha = "SELECT ?f ?d WHERE { ?f a gt:Foro ; schema:startDate ?d }"
    with grafo.abrir(salida, celdas="python") as gt, grafo.abrir(salida) as gs:
        assert gt.sparql(fecha) == [{"f": grafo.IRI(gs.sparql(fecha)[0]["f"]), "d": date(2013, 9, 20)}]
        assert gs.sparql(fecha)[0]["d"] == "2013-09-20"
        filas = gt.consulta("competencias", nivel="Regional")
        texto = gs.consulta("competencias", nivel="Regional")
        assert filas == texto  # esta consulta ya da textos (arma «ya regía en …» con STR): iguales
        n = gt.sparql("SELECT (COUNT(*) AS ?n) ?e WHERE { ?e a gt:Enunciado } GROUP BY ?e LIMIT 1")
        assert type(n[0]["n"]) is int and isinstance(n[0]["e"], grafo.IRI)
        sin = gt.sparql("SELECT ?x ?y WHERE { BIND(1 AS ?x) OPTIONAL { ?nada gt:noExiste ?y } }")
        assert sin[0] == {"x": 1, "y": None}
    with pytest.raises(GrafoError, match="celdas='numeros'"):
        grafo.abrir(salida, celdas="numeros")  # type: ignore[arg-type]


def test_grafo_se_cierra_y_se_usa_con_with(salida: Path) -> None:
    """cerrar() termina el proceso que evalúa las consultas; con 'with' se cierra solo; después de
    cerrar se puede volver a consultar (arranca otro)."""
    from grafo.consultas.ejecutor import evaluador_de

    with grafo.abrir(salida) as g2:
        assert g2.consulta("niveles_de_gobierno")
        assert isinstance(g2.fuente, Almacen)
        trabajadores = list(evaluador_de(g2.fuente)._todos)
        assert trabajadores and all(t.vivo() for t in trabajadores)
    assert not any(t.vivo() for t in trabajadores)
    assert g2.consulta("niveles_de_gobierno")  # uno nuevo


def test_se_distribuye_py_typed() -> None:
    from importlib.resources import files

    assert (files("grafo") / "py.typed").is_file()
