"""Etapa glosario: fichas de términos leídas del almacén construido."""

from __future__ import annotations

import subprocess
import sys

from grafo.almacen import Almacen
from grafo.glosario import ficha, ficha_texto, normalizar


def test_normalizar() -> None:
    assert normalizar("  Demarcación   Territorial ") == "demarcacion territorial"
    assert normalizar("la ZEE") == "zee"
    assert normalizar("ÁMBITO") == "ambito"


def test_ficha_zee_completa(almacen: Almacen) -> None:
    f = ficha(almacen, "ZEE")
    assert "ZEE" in f.siglas
    assert "es un proceso dinámico y flexible" in f.definicion
    assert "D.S. 087-2004-PCM, art. 1" in f.fuente
    assert f.nota_alcance and f.definicion_en
    assert f.competencias and {c.nivel for c in f.competencias} >= {"Nacional", "Regional"}
    assert all(c.base_legal for c in f.competencias)
    assert f.relaciones
    assert f.mas_especificos
    texto = ficha_texto(f)
    for parte in ("Definición", "Fuente: ", "Competencias por nivel", "Instrumentos relacionados"):
        assert parte in texto


def test_ficha_demarcacion_e_historia(almacen: Almacen) -> None:
    f = ficha(almacen, "demarcacion")
    assert "Ley 27795" in f.fuente
    assert f.nota_historica
    assert any(c.hasta for c in f.competencias), "la rectoría de la DNTDT terminó (Ley 30918)"


def test_ficha_ordenada(almacen: Almacen) -> None:
    f = ficha(almacen, "ZEE")
    assert [c.orden for c in f.competencias] == sorted(c.orden for c in f.competencias)
    assert [r.texto for r in f.relaciones] == sorted(r.texto for r in f.relaciones)
    assert f.siglas == sorted(f.siglas) and f.mas_especificos == sorted(f.mas_especificos)
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
    codigo = "import sys, grafo.glosario; assert 'rdflib' not in sys.modules, 'rdflib importado'"
    subprocess.run([sys.executable, "-c", codigo], check=True)
