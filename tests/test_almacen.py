"""Etapa almacen: abrir lo construido, manifiesto, avisos, caché del grafo incluido, permisos,
escritura atómica y conversión de términos."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from grafo.almacen.almacen import Almacen, abrir_almacen, es_construccion
from grafo.almacen.manifiesto import DIR_ALMACEN, MANIFIESTO, Manifiesto
from grafo.base import recursos
from grafo.base.errores import AlmacenError, SalidaError
from grafo.base.escritura import directorio_atomico, escribir_atomico, escribir_varios
from grafo.construccion import cache as modulo_cache
from grafo.construccion.cache import almacen_incluido
from grafo.construccion.proceso import construir

if TYPE_CHECKING:
    from conftest import Construccion

DATOS = Path(__file__).parent / "datos"


def _enunciados(a: Almacen) -> int:
    return int(a.seleccionar("SELECT (COUNT(?e) AS ?n) WHERE { ?e a gt:Enunciado }")[0]["n"])


# --- abrir ------------------------------------------------------------------------------------


def test_abrir_lee_el_almacen_y_el_manifiesto(almacen: Almacen, salida: Path) -> None:
    m = Manifiesto.leer(salida / MANIFIESTO)
    assert m.conteos["enunciados"] == 214 == _enunciados(almacen)
    nombres = {f.nombre for f in m.fuentes}
    assert {"glosario.ttl", "foro-cajamarca-2013.yaml", "formas.ttl"} <= nombres
    assert all(len(f.sha256) == 64 for f in m.fuentes)
    assert almacen.avisos == []
    assert "construido" in almacen.descripcion


def test_abrir_solo_lectura(almacen: Almacen) -> None:
    import pyoxigraph as ox

    quad = ox.Quad(ox.NamedNode("http://ej/a"), ox.NamedNode("http://ej/p"), ox.Literal("x"))
    with pytest.raises(RuntimeError, match="read-write"):
        almacen.store.add(quad)


def test_directorio_que_no_es_construccion(tmp_path: Path) -> None:
    with pytest.raises(AlmacenError, match=r"no contiene un grafo construido.*grafo construir"):
        abrir_almacen(tmp_path)


def test_por_defecto_salida_si_existe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, salida: Path) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(salida, tmp_path / "salida")
    a = modulo_cache.abrir()
    assert a.directorio == Path("salida")
    assert a.descripcion.startswith("salida/")


def test_aviso_si_una_fuente_cambio(construccion_minima: Construccion) -> None:
    """Con la construcción de la sesión con un foro extra: se cambia el foro y se deja como estaba."""
    foro, construida = construccion_minima.foro, construccion_minima.directorio
    original = foro.read_bytes()
    assert abrir_almacen(construida).avisos == []
    try:
        foro.write_bytes(original + b"\n# cambiado\n")
        avisos = abrir_almacen(construida).avisos
        assert len(avisos) == 1
        assert "foro-minimo.yaml" in avisos[0] and "grafo construir" in avisos[0]
        foro.unlink()
        assert "foro-minimo.yaml (ya no existe)" in abrir_almacen(construida).avisos[0]
    finally:
        foro.write_bytes(original)
    assert abrir_almacen(construida).avisos == []


# --- caché del grafo incluido -------------------------------------------------------------------


def test_cache_se_construye_una_vez_y_se_rehace_si_cambia_una_fuente(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, salida: Path, salida_minimo: Path
) -> None:
    """Cuándo la caché construye y qué borra. Construir de verdad es de otras pruebas: aquí el espía
    copia la construcción de la sesión que corresponde a los foros empaquetados de ese momento (el
    incluido: 214 enunciados; con el foro mínimo añadido: 222)."""
    monkeypatch.setenv("GRAFO_CACHE", str(tmp_path / "cache"))
    construidos: list[Path] = []
    incluidos = len(recursos.archivos_foros())

    def espia(directorio: Path, foros: object = ()) -> None:
        assert foros == ()
        construidos.append(directorio)
        mas_uno = len(recursos.archivos_foros()) == incluidos + 1
        shutil.copytree(salida_minimo if mas_uno else salida, directorio)

    import grafo.construccion.proceso

    monkeypatch.setattr(grafo.construccion.proceso, "construir", espia)
    a = almacen_incluido()
    assert _enunciados(a) == 214 and len(construidos) == 1
    del a
    almacen_incluido()
    assert len(construidos) == 1  # reutiliza la caché

    # una fuente cambia (un foro más entre los empaquetados): la caché se rehace sola
    foros = recursos.archivos_foros()
    copia = tmp_path / "foro-minimo.yaml"
    shutil.copy(DATOS / "foro-minimo.yaml", copia)
    monkeypatch.setattr(recursos, "archivos_foros", lambda: [*foros, copia])
    b = almacen_incluido()
    assert len(construidos) == 2 and _enunciados(b) == 222
    # la vieja se usó hace un momento (otro proceso puede estar leyéndola): se queda
    viejas = [d for d in (tmp_path / "cache").glob("incluido-*") if d != b.directorio]
    assert len(viejas) == 1
    assert _enunciados(abrir_almacen(viejas[0])) == 214
    # sin uso en más de RETENER_CACHE_S, la próxima reconstrucción la borra
    hace_dos_dias = time.time() - 2 * modulo_cache.RETENER_CACHE_S
    for m in (viejas[0] / ".usado", viejas[0] / "manifiesto.json", viejas[0]):
        os.utime(m, (hace_dos_dias, hace_dos_dias))

    # la versión del paquete cambia: también
    monkeypatch.setattr(modulo_cache, "version_paquete", lambda: "99.0")
    c = almacen_incluido()
    assert len(construidos) == 3
    assert not viejas[0].exists()  # la de hace dos días se borró
    assert b.directorio.exists()  # la de hace un momento, no
    del c

    # el código cambia con la misma versión (instalación editable): también
    codigo = tmp_path / "codigo"
    shutil.copytree(Path(modulo_cache.__file__).parents[1], codigo, symlinks=True)
    monkeypatch.setattr(grafo.construccion.huellas, "_DIR_CODIGO", codigo)
    almacen_incluido()
    assert len(construidos) == 3  # mismo código, misma clave
    (codigo / "construccion" / "tripletas.py").write_text(
        (codigo / "construccion" / "tripletas.py").read_text() + "\n# cambio\n"
    )
    almacen_incluido()
    assert len(construidos) == 4


# --- permisos, construcción atómica -------------------------------------------------------------------


def _modos(directorio: Path) -> set[tuple[str, int]]:
    return {
        ("d" if p.is_dir() else "f", stat.S_IMODE(p.stat().st_mode))
        for p in [directorio, *directorio.rglob("*")]
    }


def test_permisos_segun_umask(tmp_path: Path, salida: Path) -> None:
    # umask 022: la construcción de la sesión (conftest la hace con esa umask)
    assert _modos(salida) == {("d", 0o755), ("f", 0o644)}
    viejo = os.umask(0o027)
    try:
        construir(tmp_path / "s")
    finally:
        os.umask(viejo)
    assert _modos(tmp_path / "s") == {("d", 0o750), ("f", 0o640)}


def test_directorio_atomico_reemplaza_y_limpia(tmp_path: Path) -> None:
    destino = tmp_path / "s"
    destino.mkdir()
    (destino / MANIFIESTO).write_text("{}", encoding="utf-8")
    (destino / DIR_ALMACEN).mkdir()
    (destino / "viejo.txt").write_text("viejo", encoding="utf-8")
    with directorio_atomico(destino, es_construccion) as tmp:
        (tmp / "nuevo.txt").write_text("nuevo", encoding="utf-8")
        assert (destino / "viejo.txt").exists()  # lo anterior sigue entero mientras tanto
    assert sorted(p.name for p in destino.iterdir()) == ["nuevo.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_directorio_atomico_fallo_deja_lo_anterior(tmp_path: Path) -> None:
    destino = tmp_path / "s"
    destino.mkdir()
    (destino / "a.txt").write_text("a", encoding="utf-8")
    (destino / MANIFIESTO).write_text("{}", encoding="utf-8")
    (destino / DIR_ALMACEN).mkdir()
    with pytest.raises(RuntimeError), directorio_atomico(destino, es_construccion) as tmp:
        (tmp / "b.txt").write_text("b", encoding="utf-8")
        raise RuntimeError("a medio construir")
    assert sorted(p.name for p in destino.iterdir()) == ["a.txt", DIR_ALMACEN, MANIFIESTO]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_no_reemplaza_un_directorio_ajeno(tmp_path: Path) -> None:
    (tmp_path / "mio.txt").write_text("no tocar", encoding="utf-8")
    with (
        pytest.raises(SalidaError, match="no es una construcción"),
        directorio_atomico(tmp_path, es_construccion),
    ):
        pass
    assert (tmp_path / "mio.txt").read_text(encoding="utf-8") == "no tocar"


def test_construccion_interrumpida_deja_la_anterior_entera(tmp_path: Path, salida_minimo: Path) -> None:
    destino = tmp_path / "s"
    # la construcción anterior: una copia de la de la sesión con el foro mínimo (222 enunciados)
    shutil.copytree(salida_minimo, destino)
    antes = (destino / MANIFIESTO).read_text(encoding="utf-8")
    orden = [sys.executable, "-m", "grafo", "construir", "--salida", str(destino)]
    for espera in (0.3, 0.8, 1.3, 1.8):
        proc = subprocess.Popen(orden, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
        time.sleep(espera)
        proc.kill()
        proc.wait()
        # la construcción anterior (con el foro mínimo, 222 enunciados) o la nueva entera (214)
        a = abrir_almacen(destino)
        n = _enunciados(a)
        assert n in (222, 214)
        if n == 222:
            assert (destino / MANIFIESTO).read_text(encoding="utf-8") == antes
        assert Manifiesto.leer(destino / MANIFIESTO).conteos["enunciados"] == n
        for nombre in ("grafo.trig", "grafo.ttl", "grafo.jsonld"):
            assert (destino / nombre).stat().st_size > 0
        a.cerrar()
        del a
        if n == 214:  # terminó antes de matarla: vuelve la anterior
            shutil.rmtree(destino)
            shutil.copytree(salida_minimo, destino)
    # los temporales de las construcciones matadas se limpian en la siguiente
    construir(destino, [DATOS / "foro-minimo.yaml"])
    assert _enunciados(abrir_almacen(destino)) == 222
    assert [p.name for p in tmp_path.iterdir()] == ["s"]


# --- escritura atómica de archivos sueltos --------------------------------------------------------------


def test_escribir_atomico_con_permisos_de_umask(tmp_path: Path) -> None:
    destino = tmp_path / "a.txt"
    viejo = os.umask(0o022)
    try:
        escribir_atomico(destino, lambda p: p.write_text("hola", encoding="utf-8"))
    finally:
        os.umask(viejo)
    assert destino.read_text(encoding="utf-8") == "hola"
    assert stat.S_IMODE(destino.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fallo_no_reemplaza_ni_deja_temporales(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("viejo", encoding="utf-8")

    def falla(_p: Path) -> None:
        raise RuntimeError("a medio escribir")

    with pytest.raises(RuntimeError):
        escribir_varios({a: lambda p: p.write_text("nuevo", encoding="utf-8"), b: falla})
    assert a.read_text(encoding="utf-8") == "viejo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_directorio_no_escribible(tmp_path: Path) -> None:
    bloqueo = tmp_path / "archivo"
    bloqueo.write_text("x", encoding="utf-8")
    with pytest.raises(SalidaError, match="no se pudo escribir"):
        escribir_atomico(bloqueo / "sub" / "a.txt", lambda p: p.write_text("x", encoding="utf-8"))


# --- respuestas recordadas ------------------------------------------------------------------------


def test_seleccionar_recuerda_respuestas_sin_compartirlas(
    salida: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import grafo.almacen.lector

    evaluadas: list[str] = []
    original = grafo.almacen.lector.seleccionar_en

    def espia(store: object, consulta: str) -> list[dict[str, str]]:
        evaluadas.append(consulta)
        return original(store, consulta)  # type: ignore[arg-type]

    monkeypatch.setattr(grafo.almacen.lector, "seleccionar_en", espia)
    monkeypatch.setattr(grafo.almacen.lector, "RESPUESTAS_RECORDADAS", 2)
    a = abrir_almacen(salida)
    consulta = "SELECT ?c WHERE { ?c a gt:Instrumento } ORDER BY ?c"
    primera = a.seleccionar(consulta)
    primera[0]["c"] = "cambiada"
    primera.clear()
    segunda = a.seleccionar(consulta)
    assert evaluadas == [consulta]  # la segunda vez, sin evaluar
    assert segunda and all(f["c"].startswith("https://") for f in segunda)  # lo que se cambió no quedó
    # solo las dos más recientes: una tercera consulta desplaza a la más antigua
    otras = ["SELECT ?a WHERE { ?a a gt:Actor } LIMIT 1", "SELECT ?n WHERE { ?n a gt:Norma } LIMIT 1"]
    for x in otras:
        a.seleccionar(x)
    a.seleccionar(consulta)
    assert evaluadas == [consulta, *otras, consulta]
    # otro almacén abierto no comparte lo recordado
    abrir_almacen(salida).seleccionar(consulta)
    assert evaluadas.count(consulta) == 3
