"""La orden grafo: cada orden, sus salidas y sus errores (códigos 0, 1, 2)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from grafo.cli import cli
from grafo.razonamiento import hermit

if TYPE_CHECKING:
    from conftest import Construccion


@pytest.fixture
def runner(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Cada prueba corre en un directorio vacío: sin ./salida, las órdenes leen el grafo incluido."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    return CliRunner()


def test_todas_las_ordenes_tienen_ayuda(runner: CliRunner) -> None:
    for nombre, orden in cli.commands.items():
        assert orden.help, nombre
        r = runner.invoke(cli, [nombre, "--help"])
        assert r.exit_code == 0, nombre
        assert r.output.startswith("Uso: ") and "Muestra esta ayuda y sale." in r.output


def test_version(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("grafo ")


def test_construir(construccion_minima: Construccion) -> None:
    """La construcción de la sesión hecha con 'grafo construir' (conftest): lo que dice y lo que deja."""
    informe, directorio = construccion_minima.informe, construccion_minima.directorio
    assert "competencias" in informe and "validación SHACL: 0 violaciones" in informe
    assert (directorio / "grafo.trig").exists() and (directorio / "almacen").is_dir()


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
    monkeypatch.setattr(hermit.shutil, "which", lambda _n: None)
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
    assert filas and set(filas[0]) == {
        "termino",
        "sigla",
        "categoria",
        "definicion",
        "fuente",
        "para_ensenar",
    }
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


def test_construir_con_otro_foro(construccion_minima: Construccion) -> None:
    """'grafo construir --foro foro-minimo.yaml' (la construcción de la sesión, en conftest)."""
    assert re.search(r"foros\s+2\n", construccion_minima.informe)
    assert re.search(r"enunciados\s+222\n", construccion_minima.informe)


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


# --- el grafo construido es lo que leen todas las órdenes -------------------------------------------


def test_foro_anadido_visible_para_consulta_y_definir(runner: CliRunner, salida_minimo: Path) -> None:
    r = runner.invoke(cli, ["consulta", "enunciados", "--almacen", str(salida_minimo), "--formato", "csv"])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 1 + 222
    r = runner.invoke(cli, ["consulta", "enunciados", "-f", "csv"])  # sin --almacen: el incluido
    assert len(r.output.splitlines()) == 1 + 214
    r = runner.invoke(cli, ["definir", "ZEE", "--almacen", str(salida_minimo)])
    assert r.exit_code == 0 and "Zonificación Ecológica y Económica" in r.output


def test_salida_por_defecto_y_ayuda_dice_que_grafo(
    runner: CliRunner, construccion_minima: Construccion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'grafo construir' sin --salida escribe ./salida (la construcción de la sesión, en conftest, se
    hizo así en un directorio vacío) y las órdenes sin --almacen leen ./salida si existe."""
    r = runner.invoke(cli, ["consulta", "--help"])
    assert "Ahora: el grafo incluido" in " ".join(r.output.split())
    assert construccion_minima.directorio.name == "salida"
    monkeypatch.chdir(construccion_minima.directorio.parent)
    r = runner.invoke(cli, ["consulta", "--help"])
    assert "Ahora: ./salida" in " ".join(r.output.split())
    r = runner.invoke(cli, ["consulta", "enunciados", "-f", "csv"])
    assert len(r.output.splitlines()) == 1 + 222
    r = runner.invoke(cli, ["consulta", "niveles_de_gobierno"])
    assert "3 filas · grafo: salida/ (construido" in r.output


def test_aviso_de_fuentes_cambiadas_en_stderr(construccion_minima: Construccion, tmp_path: Path) -> None:
    foro, original = construccion_minima.foro, construccion_minima.foro.read_bytes()
    try:
        foro.write_bytes(original + b"\n")
        r = subprocess.run(
            [sys.executable, "-m", "grafo", "consulta", "niveles_de_gobierno", "-f", "csv",
             "--almacen", str(construccion_minima.directorio)],
            capture_output=True, text=True, check=False, cwd=tmp_path,
        )  # fmt: skip
    finally:
        foro.write_bytes(original)  # la construcción de la sesión vuelve a estar al día
    assert r.returncode == 0 and r.stdout.startswith("nivel,entidades")
    avisos = r.stderr.strip().splitlines()
    assert (
        len(avisos) == 1
        and avisos[0].startswith("Aviso: las fuentes cambiaron")
        and "foro-minimo.yaml" in avisos[0]
    )


def test_tabla_cabe_en_la_terminal(runner: CliRunner) -> None:
    for ancho in (60, 100, 160):
        r = runner.invoke(cli, ["consulta", "competencias"], env={"COLUMNS": str(ancho)})
        assert r.exit_code == 0
        assert max(len(linea) for linea in r.output.splitlines()) <= ancho
        assert "filas · grafo: el grafo incluido" in " ".join(r.output.split())
    assert "Zonificación" in r.output  # a 160 columnas, las palabras caben enteras


def test_ask_da_booleano_json(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consulta", "-", "-f", "json"], input="ASK { gtc:zee a gt:Instrumento }")
    assert r.exit_code == 0 and json.loads(r.output) is True


def test_errores_de_uso_en_espanol_y_con_codigo_2(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["consulta", "--nope", "glosario"])
    assert r.exit_code == 2 and "No existe la opción '--nope'" in r.output and "Uso: cli consulta" in r.output
    r = runner.invoke(cli, ["consulta", "no-existe.rq"])
    assert r.exit_code == 2 and "no existe" in r.output
    r = runner.invoke(cli, ["consulta", "glosario", "--almacen", "/no/existe"])
    assert r.exit_code == 2 and "Directorio '/no/existe' no existe" in r.output
    r = runner.invoke(cli, ["definir", "ZEE", "--almacen", "/no/existe"])
    assert r.exit_code == 2


def test_consulta_vacia(runner: CliRunner) -> None:
    for entrada in ("", "  \n# solo un comentario\n"):
        r = runner.invoke(cli, ["consulta", "-"], input=entrada)
        assert r.exit_code == 1 and "está vacía" in r.output and "actualización" not in r.output


def _grafo() -> list[str]:
    return [sys.executable, "-m", "grafo"]


def test_disco_lleno_y_tuberia_cerrada(tmp_path: Path) -> None:
    with open("/dev/full", "w") as lleno:
        r = subprocess.run([*_grafo(), "consulta", "glosario", "-f", "csv"], stdout=lleno, stderr=subprocess.PIPE,
                           text=True, check=False, cwd=tmp_path)  # fmt: skip
    assert r.returncode == 1
    assert r.stderr.startswith("Error: no se pudo escribir la salida") and "Traceback" not in r.stderr
    orden = f"{shlex.join(_grafo())} consulta enunciados -f csv | head -1"
    r = subprocess.run(["bash", "-c", orden], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert r.stdout == "id,orden,tipo,autor,sesion,texto,pagina\n"
    assert r.stderr == ""


def test_el_camino_de_lectura_no_importa_rdflib_pyshacl_ni_owlready2(salida: Path) -> None:
    """consulta y definir abren el almacén con pyoxigraph y nada más (arranque en frío rápido)."""
    codigo = (
        "import sys\n"
        "from grafo.cli import main\n"
        "for args in (['consulta', 'glosario', '-f', 'json'], ['definir', 'ZEE'],\n"
        "             ['consulta', 'competencias', '--param', 'nivel=Regional', '-f', 'csv']):\n"
        f"    sys.argv = ['grafo', *args, '--almacen', {str(salida)!r}]\n"
        "    main()\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'owlready2') if m in sys.modules), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().splitlines()[-1] == "[]"
    assert "Zonificación Ecológica y Económica" in r.stdout
