"""Pasos recordados de la construcción: se calculan una vez por vocabulario y código, nunca se recuerda
un fallo, y una caché inservible no impide construir."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from grafo.base import recursos
from grafo.base.errores import ValidacionError
from grafo.construccion import pasos, proceso
from grafo.construccion.pasos import recordado


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GRAFO_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Contador:
    def __init__(self, resultado: bytes) -> None:
        self.resultado = resultado
        self.veces = 0

    def __call__(self) -> bytes:
        self.veces += 1
        return self.resultado


def test_se_calcula_una_vez(cache: Path) -> None:
    paso = Contador(b"hecho")
    assert recordado("prueba", paso) == b"hecho"
    assert recordado("prueba", paso) == b"hecho"
    assert paso.veces == 1
    assert [p.name.split("-")[0] for p in (cache / "pasos").iterdir()] == ["prueba"]


def test_un_error_se_propaga_y_no_se_recuerda(cache: Path) -> None:
    def falla() -> bytes:
        raise ValidacionError("el vocabulario tiene violaciones")

    with pytest.raises(ValidacionError):
        recordado("prueba", falla)
    assert not (cache / "pasos").exists() or not list((cache / "pasos").iterdir())


def test_otra_fuente_u_otro_codigo_otra_clave(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paso = Contador(b"uno")
    recordado("prueba", paso)
    originales = recursos.fuentes_incluidas()
    cambiadas = [(n, r, d + b"\n# cambio\n" if n.endswith(".ttl") else d) for n, r, d in originales]
    monkeypatch.setattr(pasos, "fuentes_incluidas", lambda: cambiadas)
    paso.resultado = b"dos"
    assert recordado("prueba", paso) == b"dos" and paso.veces == 2
    assert len(list((cache / "pasos").iterdir())) == 1  # el del vocabulario anterior se borró
    monkeypatch.setattr(pasos, "huella_codigo", lambda: "otro código")
    assert recordado("prueba", paso) == b"dos" and paso.veces == 3


def test_una_cache_inservible_no_impide_calcular(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archivo = tmp_path / "no-es-un-directorio"
    archivo.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GRAFO_CACHE", str(archivo))
    paso = Contador(b"hecho")
    assert recordado("prueba", paso) == b"hecho"
    assert recordado("prueba", paso) == b"hecho"
    assert paso.veces == 2


def test_la_construccion_recuerda_el_vocabulario_valido_y_la_ontologia(
    cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Los dos pasos que la construcción recuerda, sin construir: el vocabulario se valida una vez (y
    un vocabulario con violaciones, siempre); la página de la ontología sale igual de la caché."""
    validaciones: list[int] = []

    class Informe:
        violaciones: ClassVar[list[str]] = []

    def validar(_base: object) -> Informe:
        validaciones.append(1)
        return Informe()

    monkeypatch.setattr("grafo.construccion.validacion.validar", validar)
    assert recordado("vocabulario-shacl", lambda: proceso._validar_vocabulario(object())) is not None  # type: ignore[arg-type]
    assert recordado("vocabulario-shacl", lambda: proceso._validar_vocabulario(object())) is not None  # type: ignore[arg-type]
    assert len(validaciones) == 1

    Informe.violaciones = ["gtc:x: falta la definición"]
    monkeypatch.setattr(pasos, "huella_codigo", lambda: "otro vocabulario")
    monkeypatch.setattr(proceso, "_fallo_validacion", lambda _n, _i: ValidacionError("violaciones"))
    for _ in range(2):
        with pytest.raises(ValidacionError):
            recordado("vocabulario-shacl", lambda: proceso._validar_vocabulario(object()))  # type: ignore[arg-type]
    assert len(validaciones) == 3

    paginas: list[int] = []

    def html_de_ontologia() -> str:
        paginas.append(1)
        return "<html>ontología</html>"

    monkeypatch.setattr("grafo.paginas.ontologia.html_de_ontologia", html_de_ontologia)
    for nombre in ("a", "b"):
        (tmp_path / nombre).mkdir()
        escrita = proceso._pagina_ontologia(tmp_path / nombre)
        assert escrita.read_text(encoding="utf-8") == "<html>ontología</html>"
    assert len(paginas) == 1
