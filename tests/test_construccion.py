"""Orquestación de construir: almacén y exportaciones desde él, conteos del informe, foros uno a uno,
y nada a medio escribir."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from grafo.almacen.almacen import Almacen, abrir_almacen
from grafo.almacen.manifiesto import MANIFIESTO
from grafo.base.errores import FuenteInvalidaError, ValidacionError
from grafo.construccion import validacion
from grafo.construccion.proceso import CONTEOS, construir, contar
from grafo.construccion.validacion import Informe, Violacion

DATOS = Path(__file__).parent / "datos"


def test_construir_escribe_almacen_manifiesto_y_exportaciones(salida: Path, almacen: Almacen) -> None:
    nombres = sorted(p.name for p in salida.iterdir())
    assert nombres == [
        "almacen",
        "glosario.html",
        "grafo.html",
        "grafo.jsonld",
        "grafo.trig",
        "grafo.ttl",
        "manifiesto.json",
        "ontologia.html",
    ]
    manifiesto = json.loads((salida / MANIFIESTO).read_text(encoding="utf-8"))
    assert manifiesto["conteos"] == contar(almacen)
    assert manifiesto["violaciones"] == 0
    assert 0 < manifiesto["duracion_s"] < 600
    assert manifiesto["version"] and manifiesto["archivos"] == [
        "glosario.html",
        "grafo.html",
        "grafo.jsonld",
        "grafo.trig",
        "grafo.ttl",
        "ontologia.html",
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", manifiesto["construido"])


def test_exportaciones_iguales_al_almacen(salida: Path, almacen: Almacen) -> None:
    # TriG y JSON-LD: el mismo conjunto de cuádruplos que el almacén
    esperado = set(almacen.store)
    for nombre, formato in (("grafo.trig", ox.RdfFormat.TRIG), ("grafo.jsonld", ox.RdfFormat.JSON_LD)):
        leidos = set(ox.parse(path=str(salida / nombre), format=formato))
        assert len(leidos) == len(esperado), nombre
        sin_bnodos = {q for q in esperado if not any(isinstance(t, ox.BlankNode) for t in q)}
        assert sin_bnodos <= leidos, nombre
    # Turtle: la unión, sin duplicados; y rdflib lee lo mismo
    ttl = Graph().parse(salida / "grafo.ttl", format="turtle")
    assert len(ttl) == contar(almacen)["tripletas"]
    trig = Dataset()
    trig.parse(salida / "grafo.trig", format="trig")
    assert len(list(trig.graphs())) >= 50  # ontología, glosario, foro y una por afirmación


def test_conteos_minimos(almacen: Almacen) -> None:
    c = contar(almacen)
    assert set(c) == set(CONTEOS)
    assert c["competencias"] >= 40 and c["conceptos"] >= 30 and c["normas"] >= 20
    assert c["actores"] >= 25 and c["relaciones"] >= 15
    # 48: el commit 3d2f6ac quitó «sociedad civil vigila OT» (E159 no lo dice)
    assert (c["foros"], c["enunciados"], c["afirmaciones"]) == (1, 214, 48)


def test_otro_foro_visible_y_contado(salida_minimo: Path) -> None:
    """La construcción de la sesión con el foro mínimo: los conteos del resumen (en el manifiesto) y
    el almacén."""
    conteos = json.loads((salida_minimo / MANIFIESTO).read_text(encoding="utf-8"))["conteos"]
    assert conteos["enunciados"] == 222 and conteos["foros"] == 2
    a = abrir_almacen(salida_minimo)
    assert contar(a) == conteos
    filas = a.seleccionar("SELECT ?f WHERE { ?f a gt:Foro }")
    assert len(filas) == 2


def test_violaciones_del_informe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, salida: Path) -> None:
    """El número de violaciones del resumen sale del informe, no de una constante."""
    shutil.copytree(salida, tmp_path / "s")  # la construcción anterior: una copia de la de la sesión
    antes = (tmp_path / "s" / MANIFIESTO).read_text(encoding="utf-8")
    malo = Informe([Violacion("gtk:x", "X", "gt:titular", "falta el titular.")], 10)
    monkeypatch.setattr(validacion, "validar", lambda _ds: malo)
    # una caché vacía: el vocabulario válido que recuerda la de la sesión no se vuelve a validar
    monkeypatch.setenv("GRAFO_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ValidacionError, match="1 violaciones SHACL; no se escribió nada") as e:
        construir(tmp_path / "s")
    assert "falta el titular" in str(e.value)
    assert (tmp_path / "s" / MANIFIESTO).read_text(encoding="utf-8") == antes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_foro_con_violacion_shacl_nombra_el_archivo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    malo = Informe([Violacion("gtforo:x/enunciado/E1", "E1", "gt:texto", "falta el texto.")], 10)
    original = validacion.validar_foro

    def falla_el_minimo(base: Graph, foro: Dataset) -> Informe:
        ids = {str(g.identifier) for g in foro.graphs()}
        return malo if any("foro-prueba" in i for i in ids) else original(base, foro)

    monkeypatch.setattr(validacion, "validar_foro", falla_el_minimo)
    with pytest.raises(ValidacionError, match=r"foro-minimo\.yaml: 1 violaciones SHACL"):
        construir(tmp_path / "s", [DATOS / "foro-minimo.yaml"])
    assert not (tmp_path / "s").exists()


def test_foro_repetido(tmp_path: Path) -> None:
    # el mismo archivo dos veces: se dice antes de leer nada
    copia = tmp_path / "otra-copia.yaml"
    shutil.copy(DATOS / "foro-minimo.yaml", copia)
    with pytest.raises(FuenteInvalidaError, match=r"otra-copia\.yaml: es idéntico a .*foro-minimo\.yaml"):
        construir(tmp_path / "s", [DATOS / "foro-minimo.yaml", copia])
    # otro archivo con el mismo foro.id: al leerlo
    copia.write_bytes(copia.read_bytes() + b"\n# otra version\n")
    with pytest.raises(FuenteInvalidaError, match=r"otra-copia\.yaml: el foro '[^']+' ya se cargó desde"):
        construir(tmp_path / "s", [DATOS / "foro-minimo.yaml", copia])
    assert not (tmp_path / "s").exists()


def test_foros_uno_a_uno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cada foro se valida solo, junto al vocabulario: nunca hay dos foros en memoria a la vez."""
    vistos: list[set[str]] = []
    original = validacion.validar_foro

    class BastaError(Exception):
        """Vistos los dos foros, la construcción se corta: el resto (exportar, páginas) no importa aquí."""

    def espia(base: Graph, foro: Dataset) -> Informe:
        vistos.append({str(g.identifier) for g in foro.graphs() if "/grafo/foro/" in str(g.identifier)})
        informe = original(base, foro)
        assert not informe.violaciones
        if len(vistos) == 2:
            raise BastaError
        return informe

    monkeypatch.setattr(validacion, "validar_foro", espia)
    with pytest.raises(BastaError):
        construir(tmp_path / "s", [DATOS / "foro-minimo.yaml"])
    assert len(vistos) == 2 and all(len(v) == 1 for v in vistos)
    assert vistos[0] != vistos[1]
    assert not (tmp_path / "s").exists()
