"""Etapa glosario: fichas de términos leídas del almacén construido."""

from __future__ import annotations

import subprocess
import sys

from grafo.almacen.almacen import Almacen
from grafo.fichas.definir import Texto, ficha, ficha_texto, normalizar, texto_ficha


def test_normalizar() -> None:
    assert normalizar("  Demarcación   Territorial ") == "demarcacion territorial"
    assert normalizar("la ZEE") == "zee"
    assert normalizar("ÁMBITO") == "ambito"


def test_ficha_zee_completa(almacen: Almacen) -> None:
    f = ficha(almacen, "ZEE")
    assert "ZEE" in f.siglas
    assert "es un proceso dinámico y flexible" in f.definicion.es
    assert "D.S. 087-2004-PCM, art. 1" in f.fuente.es
    assert f.nota_alcance and f.definicion.en
    assert f.competencias and {c.nivel.es for c in f.competencias} >= {"Nacional", "Regional"}
    assert all(c.base_legal for c in f.competencias)
    assert f.relaciones
    assert f.mas_especificos
    texto = ficha_texto(f)
    for parte in ("Definición", "Fuente: ", "Competencias por nivel", "Instrumentos relacionados"):
        assert parte in texto


def test_ficha_demarcacion_e_historia(almacen: Almacen) -> None:
    f = ficha(almacen, "demarcacion")
    assert "Ley 27795" in f.fuente.es
    assert f.nota_historica
    assert any(c.hasta for c in f.competencias), "la rectoría de la DNTDT terminó (Ley 30918)"


def test_ficha_ordenada(almacen: Almacen) -> None:
    f = ficha(almacen, "ZEE")
    assert [c.orden for c in f.competencias] == sorted(c.orden for c in f.competencias)
    assert [r.texto.es for r in f.relaciones] == sorted(r.texto.es for r in f.relaciones)
    especificos = [t.es for t in f.mas_especificos]
    assert f.siglas == sorted(f.siglas) and especificos == sorted(especificos)
    assert ficha(almacen, "la zee") == f


class _Contador:
    def __init__(self, lector: Almacen) -> None:
        self.lector = lector
        self.consultas = 0

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        self.consultas += 1
        return self.lector.seleccionar(consulta)


def test_ficha_con_pocas_consultas(almacen: Almacen) -> None:
    contador = _Contador(almacen)
    f = ficha(contador, "ZEE")
    assert f.competencias and f.relaciones
    assert contador.consultas <= 4


def test_glosario_no_importa_rdflib() -> None:
    codigo = "import sys, grafo.fichas.definir; assert 'rdflib' not in sys.modules, 'rdflib importado'"
    subprocess.run([sys.executable, "-c", codigo], check=True)


def test_ficha_en_ingles(almacen: Almacen) -> None:
    """La ficha de un concepto trae su par en inglés de lo que muestra, leído del grafo."""
    f = ficha(almacen, "ZEE")
    assert f.termino == Texto("Zonificación Ecológica y Económica", "Ecological and Economic Zoning")
    assert f.clase == Texto("Instrumento", "Instrument")  # sin skos:Concept
    assert f.nota_alcance.en and f.nota_alcance.en != f.nota_alcance.es
    assert f.rector == [Texto("Ministerio del Ambiente", "Ministry of the Environment")]
    assert f.aprobacion and all(t.en for t in f.aprobacion)
    assert all(c.titular.en and c.funcion.en and c.nivel.en for c in f.competencias)
    assert all(r.texto.en for r in f.relaciones)
    texto = texto_ficha(f, idioma="en")
    assert texto.startswith("Ecological and Economic Zoning (ZEE)\n")
    for parte in ("Definition", "Source: D.S. 087-2004-PCM, art. 1", "For teaching", "Competencies by level"):
        assert parte in texto
    # sin inglés para la historia: se muestra en español, marcado, y el pie lo dice
    assert f.nota_historica.es and not f.nota_historica.en
    assert (
        "What changed after 2013\n  [es] " in texto and "[es] = the graph has no English text here" in texto
    )


def test_derogadas_en_ingles(almacen: Almacen) -> None:
    pat = ficha(almacen, "PAT")
    assert "derogado el 2022-10-05 por D.S. 012-2022-VIVIENDA" in pat.fuente.es
    assert "repealed on 2022-10-05 by D.S. 012-2022-VIVIENDA" in pat.fuente.en
    assert "repealed on 2022-10-05" in " ".join(texto_ficha(pat, idioma="en").split())


def test_ficha_texto_cabe_en_80_columnas(almacen: Almacen) -> None:
    for termino in ("ZEE", "demarcacion", "acondicionamiento territorial", "PAT"):
        texto = ficha_texto(ficha(almacen, termino))
        assert max(len(x) for x in texto.splitlines()) <= 80, termino
        assert "Competencias por nivel" in texto and "Instrumentos relacionados" in texto
