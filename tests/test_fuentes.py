"""Etapa fuentes: el cargador de foros valida el esquema y las referencias y cita archivo:línea."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from grafo.base import recursos
from grafo.base.errores import FuenteInvalidaError
from grafo.construccion.tripletas import resolutor
from grafo.fuentes.foro import leer_foro

DATOS = Path(__file__).parent / "datos"


def test_foro_minimo(union: Graph) -> None:
    foro = leer_foro(DATOS / "foro-minimo.yaml", resolutor(union))
    assert foro.id == "foro-prueba" and foro.fecha.isoformat() == "2020-01-15"
    assert [s.orden for s in foro.sesiones] == [1, 2, 3]
    assert [e.orden for e in foro.enunciados] == list(range(1, 9))
    e3 = foro.enunciados[2]
    assert e3.parte_de == "E2" and e3.linea == 31
    e7 = foro.enunciados[6]
    assert e7.sectores == ("sociedad_civil",)
    assert e7.menciona == ("https://w3id.org/grafo-territorial/concepto/ot",)
    assert [a.relacion for a in e7.afirmaciones] == ["tieneRol", "vigila"]
    assert foro.organizadores == ["https://w3id.org/grafo-territorial/actor/grufides"]


def test_foro_incluido_se_carga(union: Graph) -> None:
    archivo = next(f for f in recursos.archivos_foros() if f.name == "foro-cajamarca-2013.yaml")
    foro = leer_foro(archivo, resolutor(union), archivo.name)
    assert len(foro.enunciados) >= 200
    assert len(foro.sesiones) == 7 and len(foro.grupos) == 4 and len(foro.preguntas) == 3
    assert sum(len(e.afirmaciones) for e in foro.enunciados) >= 25


def test_todos_los_errores_a_la_vez_con_linea(union: Graph) -> None:
    with pytest.raises(FuenteInvalidaError) as e:
        leer_foro(DATOS / "foro-malo.yaml", resolutor(union))
    texto = str(e.value)
    assert texto.startswith("6 problema(s) en el foro:")
    esperados = [
        "foro-malo.yaml:13: el enunciado E1 cita la sesión 'S9', que no existe. Sesiones definidas: S1.",
        "foro-malo.yaml:13: id 'E1' repetido en 'enunciados'",
        "foro-malo.yaml:14: el enunciado E3 cita al autor 'nadie', que no existe.",
        "foro-malo.yaml:15: el enunciado E4 es parte de 'E99', que no existe.",
        "foro-malo.yaml:16: el enunciado E5 responde a 'E1', que no es de tipo 'pregunta'.",
        "foro-malo.yaml:17: 'gtc:no-existe' no es un concepto, actor ni nivel del grafo.",
    ]
    for parte in esperados:
        assert parte in texto, parte


def test_errores_de_esquema(union: Graph) -> None:
    with pytest.raises(FuenteInvalidaError) as e:
        leer_foro(DATOS / "foro-esquema-malo.yaml", resolutor(union))
    texto = str(e.value)
    for parte in [
        ":4: foro.fecha: '2020-13-45' no es una fecha válida AAAA-MM-DD.",
        ":7: sesiones[1].tipo: valor 'conferencia' no admitido.",
        ":9: enunciados[1].texto: el texto está vacío.",
        ":9: enunciados[1].tipo: valor 'opinion' no admitido.",
        ":10: enunciados[2]: clave desconocida 'color'.",
        ":10: enunciados[2]: falta la clave obligatoria 'pagina'.",
    ]:
        assert parte in texto, parte


@pytest.mark.parametrize(
    ("contenido", "mensaje"),
    [
        ('foro:\n  id: x\n  titulo: "sin cerrar\n', ":4: YAML mal formado"),
        ("", ":1: el archivo está vacío"),
        ("foro: {}\nforo: {}\n", "clave repetida"),
        ("- una lista\n", "debe ser un mapa"),
    ],
)
def test_yaml_mal_formado(tmp_path: Path, contenido: str, mensaje: str) -> None:
    ruta = tmp_path / "f.yaml"
    ruta.write_text(contenido, encoding="utf-8")
    with pytest.raises(FuenteInvalidaError, match=mensaje):
        leer_foro(ruta)


def test_respuesta_sin_pregunta_y_rol_sin_sector(tmp_path: Path) -> None:
    texto = (DATOS / "foro-minimo.yaml").read_text(encoding="utf-8")
    texto = texto.replace('responde_a: E4, texto: "Depende', 'texto: "Depende')
    texto = texto.replace("    sector: sociedad_civil\n", "")
    ruta = tmp_path / "f.yaml"
    ruta.write_text(texto, encoding="utf-8")
    with pytest.raises(FuenteInvalidaError) as e:
        leer_foro(ruta)
    assert "el enunciado E5 es una respuesta sin 'responde_a'" in str(e.value)
    assert "el enunciado E7 asigna un rol pero no dice a qué sector" in str(e.value)


def test_archivo_ilegible(tmp_path: Path) -> None:
    ruta = tmp_path / "binario.yaml"
    ruta.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(FuenteInvalidaError, match="UTF-8"):
        leer_foro(ruta)
