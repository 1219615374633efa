"""La orden grafo: cada orden, sus salidas y sus errores (códigos 0, 1, 2)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from grafo import razonamiento
from grafo.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_todas_las_ordenes_tienen_ayuda(runner: CliRunner) -> None:
    for nombre, orden in cli.commands.items():
        assert orden.help, nombre
        r = runner.invoke(cli, [nombre, "--help"])
        assert r.exit_code == 0, nombre
        assert "Usage" in r.output


def test_version(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("grafo ")


def test_construir(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["construir", "--salida", str(tmp_path / "x")])
    assert r.exit_code == 0, r.output
    assert "competencias" in r.output and "0 violaciones" in r.output
    assert (tmp_path / "x" / "grafo.trig").exists()


def test_construir_en_ruta_imposible(runner: CliRunner, tmp_path: Path) -> None:
    archivo = tmp_path / "archivo"
    archivo.write_text("x", encoding="utf-8")
    r = runner.invoke(cli, ["construir", "--salida", str(archivo / "sub")])
    assert r.exit_code == 1
    assert r.output.startswith("Error: no se pudo escribir")
    assert "Traceback" not in r.output


def test_validar(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["validar"])
    assert r.exit_code == 0 and "0 violaciones" in r.output
    malo = tmp_path / "malo.ttl"
    malo.write_text(
        "@prefix gt: <https://w3id.org/grafo-territorial/ontologia#> .\n"
        "<https://w3id.org/grafo-territorial/competencia/x> a gt:Competencia .\n",
        encoding="utf-8",
    )
    r = runner.invoke(cli, ["validar", str(malo)])
    assert r.exit_code == 1
    assert "gtk:x" in r.output and "titular" in r.output and "violaciones SHACL" in r.output
    roto = tmp_path / "roto.ttl"
    roto.write_text("esto no es turtle\n", encoding="utf-8")
    r = runner.invoke(cli, ["validar", str(roto)])
    assert r.exit_code == 1 and "roto.ttl" in r.output and "Traceback" not in r.output


def test_validar_archivo_inexistente_es_error_de_uso(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["validar", "/no/existe.ttl"])
    assert r.exit_code == 2


@pytest.mark.usefixtures("java")
def test_razonar(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["razonar"])
    assert r.exit_code == 0, r.output
    assert "consistente" in r.output
    assert "gt:ActorDelNivelNacional" in r.output


def test_razonar_sin_java(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(razonamiento.shutil, "which", lambda _n: None)
    r = runner.invoke(cli, ["razonar"])
    assert r.exit_code == 1
    assert "Error: no se encontró 'java'" in r.output


@pytest.mark.parametrize("termino", ["ZEE", "acondicionamiento territorial", "demarcacion"])
def test_definir(runner: CliRunner, termino: str) -> None:
    r = runner.invoke(cli, ["definir", termino])
    assert r.exit_code == 0, r.output
    assert "Fuente: " in r.output and ", art. " in r.output
    assert "Competencias por nivel" in r.output


def test_definir_desconocido(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["definir", "zonificacion ecologica"])
    assert r.exit_code == 1
    assert "¿Quiso decir" in r.output and "Zonificación Ecológica y Económica" in r.output


def test_consultas_lista(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consultas"])
    assert r.exit_code == 0
    assert "competencias" in r.output and "--param nivel=VALOR" in r.output


def test_consulta_formatos(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consulta", "competencias", "--param", "nivel=Regional", "--formato", "md"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("| instrumento | titular | nivel | funcion |")
    r = runner.invoke(cli, ["consulta", "glosario", "--formato", "json"])
    filas = json.loads(r.output)
    assert filas and set(filas[0]) == {"termino", "sigla", "categoria", "definicion", "fuente"}
    r = runner.invoke(cli, ["consulta", "niveles_de_gobierno", "--formato", "csv"])
    assert r.output.splitlines()[0] == "nivel,entidades"
    r = runner.invoke(cli, ["consulta", "niveles_de_gobierno", "--motor", "rdflib"])
    assert r.exit_code == 0 and "Regional" in r.output


def test_consulta_archivo_y_entrada_estandar(runner: CliRunner, tmp_path: Path) -> None:
    rq = tmp_path / "cuenta.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }", encoding="utf-8")
    r = runner.invoke(cli, ["consulta", str(rq), "-f", "csv"])
    assert r.exit_code == 0 and r.output.startswith("n\n")
    r = runner.invoke(cli, ["consulta", "-", "-f", "csv"], input="ASK { ?s ?p ?o }")
    assert r.output.strip() == "resultado\ntrue"


def test_consulta_errores(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consulta", "no_existe"])
    assert r.exit_code == 1 and "Consultas disponibles" in r.output
    r = runner.invoke(cli, ["consulta", "competencias", "--param", "nivel"])
    assert r.exit_code == 2 and "clave=valor" in r.output
    r = runner.invoke(cli, ["consulta", "-"], input="DELETE WHERE { ?s ?p ?o }")
    assert r.exit_code == 1 and "solo lectura" in r.output
    r = runner.invoke(cli, ["consulta", "competencias", "--formato", "xml"])
    assert r.exit_code == 2


def test_python_m_grafo() -> None:
    r = subprocess.run([sys.executable, "-m", "grafo", "--help"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "construir" in r.stdout


DATOS = Path(__file__).parent / "datos"


def test_construir_con_otro_foro(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(
        cli, ["construir", "--salida", str(tmp_path), "--foro", str(DATOS / "foro-minimo.yaml")]
    )
    assert r.exit_code == 0, r.output
    assert re.search(r"foros\s+2\n", r.output)
    assert re.search(r"enunciados\s+222\n", r.output)


def test_construir_con_foro_malo_no_escribe(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(
        cli, ["construir", "--salida", str(tmp_path / "s"), "--foro", str(DATOS / "foro-malo.yaml")]
    )
    assert r.exit_code == 1
    assert "foro-malo.yaml:13:" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "s").exists()


def test_validar_foro(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["validar", str(DATOS / "foro-minimo.yaml")])
    assert r.exit_code == 0 and "0 violaciones" in r.output
    r = runner.invoke(cli, ["validar", str(DATOS / "foro-esquema-malo.yaml")])
    assert r.exit_code == 1
    assert "Error: 6 problema(s) en el foro" in r.output and "foro-esquema-malo.yaml:4:" in r.output


def test_consultas_del_foro(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consulta", "enunciados_por_concepto", "--param", "concepto=ZEE", "-f", "json"])
    filas = json.loads(r.output)
    assert filas and all(set(f) == {"id", "tipo", "autor", "sesion", "texto"} for f in filas)
    assert any("El MINAM no reconoce la ZEE" in f["texto"] for f in filas)
    r = runner.invoke(cli, ["consulta", "enunciados_por_concepto"])
    assert r.exit_code == 1 and "obligatorio 'concepto'" in r.output
    r = runner.invoke(cli, ["consulta", "foro_vs_norma", "-f", "csv"])
    assert r.exit_code == 0 and r.output.startswith("afirmacion,autor,norma,coincide")
    assert "coincide" in r.output and "sin correspondencia" in r.output
