"""Orquestación de ``grafo construir``: fuentes -> almacén Oxigraph en disco + exportaciones.

Entrada: un directorio de salida y archivos de foro extra. Salida, en ese directorio y de una vez
(se construye en un directorio hermano temporal que reemplaza al anterior en un solo paso):

- ``almacen/``: el almacén ``pyoxigraph.Store`` que abren todos los lectores;
- ``manifiesto.json``: versión, cada fuente con su SHA-256, conteos, fecha, archivos;
- ``grafo.trig`` (con grafos con nombre), ``grafo.ttl`` (unión) y ``grafo.jsonld`` (con grafos
  con nombre), escritos desde el almacén;
- ``grafo.html`` (la red interactiva) y ``glosario.html`` (el glosario imprimible, que enlaza a ella);
- ``ontologia.html``: la documentación de la ontología (pyLODE, sin conexión).

El vocabulario (ontología y glosario) se valida con SHACL una vez; luego cada foro se comprueba y se
carga por separado: esquema y referencias (``fuentes``), tripletas, SHACL sobre el vocabulario más
ese foro, y al almacén. Ningún paso tiene en memoria más que el vocabulario y un foro como objetos
de rdflib: la memoria crece con el foro más grande, no con el corpus.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grafo.almacen.almacen import es_construccion
from grafo.almacen.lector import LectorDeStore
from grafo.almacen.manifiesto import DIR_ALMACEN, MANIFIESTO, FuenteHuella, Manifiesto
from grafo.base import recursos
from grafo.base.errores import FuenteInvalidaError, ValidacionError
from grafo.base.escritura import directorio_atomico
from grafo.base.espacios import PREFIJOS
from grafo.base.recursos import fuentes_incluidas, huella, version_paquete
from grafo.construccion.pasos import recordado
from grafo.construccion.validacion import Informe

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset

    from grafo.almacen.lector import Lector

__all__ = ["CONTEOS", "Resumen", "construir", "construir_dataset", "contar"]

#: Conteo -> consulta SPARQL que lo calcula sobre la unión de los grafos.
CONTEOS: dict[str, str] = {
    nombre: f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a/rdfs:subClassOf* {clase} }}"
    for nombre, clase in (
        ("conceptos", "gt:ConceptoTerritorial"),
        ("actores", "gt:Actor"),
        ("normas", "gt:Norma"),
        ("articulos", "gt:Articulo"),
        ("competencias", "gt:Competencia"),
        ("relaciones", "gt:RelacionEntreInstrumentos"),
        ("foros", "gt:Foro"),
        ("enunciados", "gt:Enunciado"),
    )
}
CONTEOS["menciones"] = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { ?s gt:menciona ?o } }"
CONTEOS["afirmaciones"] = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a gt:Afirmacion }"
CONTEOS["tripletas"] = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
# todo está en grafos con nombre (el grafo por defecto del almacén queda vacío)
CONTEOS["cuadruplos"] = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class Resumen:
    """Conteos del grafo construido, archivos escritos y violaciones SHACL halladas."""

    conteos: dict[str, int]
    archivos: list[Path] = field(default_factory=list)
    violaciones: int = 0


def contar(lector: Lector) -> dict[str, int]:
    """Los conteos de ``CONTEOS`` sobre un ``Almacen`` (o cualquier ``Lector``)."""
    return {nombre: int(lector.seleccionar(q)[0]["n"]) for nombre, q in CONTEOS.items()}


def _fallo_validacion(donde: str, informe: Informe) -> ValidacionError:
    detalle = "\n".join(f"  - {v.texto()}" for v in informe.violaciones[:20])
    mas = len(informe.violaciones) - 20
    return ValidacionError(
        f"{donde}: {len(informe.violaciones)} violaciones SHACL; no se escribió nada.\n"
        f"{detalle}" + (f"\n  ... y {mas} más (vea 'grafo validar')." if mas > 0 else "")
    )


def _fuentes_foro(foros: Sequence[Path], incluidos: bool) -> list[tuple[Traversable | Path, str]]:
    fuentes: list[tuple[Traversable | Path, str]] = []
    if incluidos:
        fuentes += [(f, f"grafo/datos/{f.name}") for f in recursos.archivos_foros()]
    fuentes += [(Path(p), str(p)) for p in foros]
    return fuentes


def construir_dataset(
    foros: Sequence[Path] = (), *, incluidos: bool = True, turtle: Sequence[Path] = ()
) -> Dataset:
    """El grafo completo en memoria (rdflib): para pruebas y para validar archivos sueltos.

    ``grafo construir`` no lo usa: carga los foros uno a uno en el almacén (ver ``construir``).
    """
    from grafo.construccion.menciones import crear_enlazador
    from grafo.construccion.tripletas import anadir_foro, construir_base, grafo_union, resolutor
    from grafo.fuentes.foro import leer_foro

    ds = construir_base(turtle)
    base = grafo_union(ds)
    resolver = resolutor(base)
    enlazador = crear_enlazador(base)
    cargados: dict[str, str] = {}
    for fuente, nombre in _fuentes_foro(foros, incluidos):
        foro = leer_foro(fuente, resolver, nombre)
        _no_repetido(cargados, foro.id, nombre)
        anadir_foro(ds, foro, {e.id: enlazador.menciones(e.texto) for e in foro.enunciados}, base)
    return ds


def _no_repetido(cargados: dict[str, str], foro_id: str, nombre: str) -> None:
    if foro_id in cargados:
        raise FuenteInvalidaError(
            f"{nombre}: el foro '{foro_id}' ya se cargó desde {cargados[foro_id]}. "
            "Cada foro necesita un 'foro.id' propio."
        )
    cargados[foro_id] = nombre


def _exportar(store: ox.Store, directorio: Path) -> list[Path]:
    """``grafo.trig``, ``grafo.ttl`` (unión, sin duplicados) y ``grafo.jsonld``, desde el almacén."""
    import pyoxigraph as ox

    trig, ttl, jsonld = (directorio / f"grafo.{ext}" for ext in ("trig", "ttl", "jsonld"))
    store.dump(str(trig), ox.RdfFormat.TRIG, prefixes=PREFIJOS)
    store.dump(str(jsonld), ox.RdfFormat.JSON_LD, prefixes=PREFIJOS)
    union = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        use_default_graph_as_union=True,
    )
    assert isinstance(union, ox.QueryTriples)
    ox.serialize(union, str(ttl), ox.RdfFormat.TURTLE, prefixes=PREFIJOS)
    return [jsonld, trig, ttl]


def _pagina_red(store: ox.Store, directorio: Path, salida: Path) -> Path:
    """``grafo.html``: la red interactiva (vista por defecto), desde el almacén."""
    from grafo.paginas.red import construir_red, html_de_red

    red = construir_red(LectorDeStore(store, f"{salida}/ (grafo construir)"))
    ruta = directorio / "grafo.html"
    ruta.write_text(html_de_red(red), encoding="utf-8")
    return ruta


def _pagina_glosario(store: ox.Store, directorio: Path, salida: Path) -> Path:
    """``glosario.html``: el glosario imprimible, cuyas citas del foro enlazan a ``grafo.html``."""
    from grafo.paginas.glosario import html_de_glosario, leer_glosario

    glosario = leer_glosario(LectorDeStore(store, f"{salida}/ (grafo construir)"))
    ruta = directorio / "glosario.html"
    ruta.write_text(html_de_glosario(glosario, red="grafo.html"), encoding="utf-8")
    return ruta


def _pagina_ontologia(directorio: Path) -> Path:
    """``ontologia.html``: la documentación de la ontología, generada con pyLODE (o la recordada para
    el mismo vocabulario, ``grafo.construccion.pasos``)."""

    def generar() -> bytes:
        from grafo.paginas.ontologia import html_de_ontologia

        return html_de_ontologia().encode("utf-8")

    ruta = directorio / "ontologia.html"
    ruta.write_bytes(recordado("ontologia-html", generar))
    return ruta


@dataclass
class _Procesado:
    """Un foro comprobado y convertido: lo que vuelve de un proceso de trabajo."""

    nombre: str
    foro_id: str
    nquads: bytes
    informe: Informe


#: Estado de los procesos de trabajo: el vocabulario (rdflib), el resolutor, el enlazador y la lista de
#: fuentes. Se llena antes de crear los procesos (``fork``), que lo heredan sin volver a construirlo.
_ESTADO: dict[str, Any] = {}


def _procesar(indice: int) -> _Procesado:
    """Esquema y referencias, tripletas, menciones y SHACL de un foro, frente al vocabulario."""
    from rdflib import Dataset

    from grafo.construccion.tripletas import anadir_foro
    from grafo.construccion.validacion import validar_foro
    from grafo.fuentes.foro import leer_foro

    fuente, nombre = _ESTADO["fuentes"][indice]
    base = _ESTADO["base"]
    foro = leer_foro(fuente, _ESTADO["resolver"], nombre)
    ds = Dataset()
    enlazador = _ESTADO["enlazador"]
    anadir_foro(ds, foro, {e.id: enlazador.menciones(e.texto) for e in foro.enunciados}, base)
    informe = validar_foro(base, ds)
    return _Procesado(nombre, foro.id, ds.serialize(format="nquads", encoding="utf-8"), informe)


def _procesos(n_foros: int) -> int:
    """Cuántos procesos de trabajo: uno por núcleo si hay varios foros y ``fork`` (Linux)."""
    import multiprocessing

    if n_foros < 4 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8, n_foros // 2))


def _foros_procesados(n: int) -> Iterator[_Procesado]:
    """Los foros procesados, en orden; en paralelo si conviene (cada proceso: un foro a la vez)."""
    procesos = _procesos(n)
    if procesos == 1:
        for i in range(n):
            yield _procesar(i)
        return
    import multiprocessing

    gc.collect()
    gc.freeze()  # el recolector de los hijos no toca lo heredado: sin copias de páginas al escribir
    try:
        with multiprocessing.get_context("fork").Pool(procesos) as pool:
            yield from pool.imap(_procesar, range(n), chunksize=1)
    finally:
        gc.unfreeze()


def _validar_vocabulario(base: Dataset) -> bytes:
    """Valida el vocabulario con SHACL; si tiene violaciones, ``ValidacionError``."""
    from grafo.construccion.validacion import validar

    informe = validar(base)
    if informe.violaciones:
        raise _fallo_validacion("vocabulario (ontologia/*.ttl)", informe)
    return b"0 violaciones\n"


def construir(salida: Path, foros: Sequence[Path] = ()) -> Resumen:
    """Construye el grafo (vocabulario, foros incluidos y ``foros``) en ``salida``.

    Si una fuente es inválida o la validación SHACL falla, lanza el error y ``salida`` queda como
    estaba (la construcción anterior, entera).
    """
    import pyoxigraph as ox

    from grafo.construccion.menciones import crear_enlazador
    from grafo.construccion.tripletas import construir_base, grafo_union, resolutor

    fuentes = _fuentes_foro(foros, incluidos=True)
    huellas = [FuenteHuella(n, r, huella(d)) for n, r, d in fuentes_incluidas()]
    por_huella = {h.sha256: h.ruta for h in huellas}
    for p in foros:
        try:
            nueva = FuenteHuella(Path(p).name, str(Path(p).resolve()), huella(Path(p).read_bytes()))
        except OSError as e:
            raise FuenteInvalidaError(f"{p}: no se puede leer ({e.strerror or e}).") from e
        if nueva.sha256 in por_huella:  # el mismo archivo dos veces: se sabe sin leer ningún foro
            raise FuenteInvalidaError(
                f"{p}: es idéntico a {por_huella[nueva.sha256]}: el foro ya se cargó desde ese archivo. "
                "Quite uno de los dos."
            )
        por_huella[nueva.sha256] = str(p)
        huellas.append(nueva)

    inicio = time.monotonic()
    with directorio_atomico(salida, es_construccion) as tmp:
        store = ox.Store(str(tmp / DIR_ALMACEN))
        base_ds = construir_base()
        # lo que sale bien se recuerda (una vez por vocabulario); con violaciones, el error
        recordado("vocabulario-shacl", partial(_validar_vocabulario, base_ds))
        violaciones = 0
        store.bulk_load(base_ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        base = grafo_union(base_ds)
        del base_ds
        _ESTADO.update(base=base, resolver=resolutor(base), enlazador=crear_enlazador(base), fuentes=fuentes)
        try:
            cargados: dict[str, str] = {}
            for procesado in _foros_procesados(len(fuentes)):
                _no_repetido(cargados, procesado.foro_id, procesado.nombre)
                violaciones += len(procesado.informe.violaciones)
                if procesado.informe.violaciones:
                    raise _fallo_validacion(procesado.nombre, procesado.informe)
                store.bulk_load(procesado.nquads, format=ox.RdfFormat.N_QUADS)
        finally:
            _ESTADO.clear()
        del base
        gc.collect()
        store.optimize()
        conteos = contar(LectorDeStore(store))
        archivos = _exportar(store, tmp)
        archivos.append(_pagina_red(store, tmp, salida))
        archivos.append(_pagina_glosario(store, tmp, salida))
        archivos.append(_pagina_ontologia(tmp))
        manifiesto = Manifiesto(
            version=version_paquete(),
            construido=datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            fuentes=huellas,
            conteos=conteos,
            archivos=sorted(p.name for p in archivos),
            violaciones=violaciones,
            duracion_s=round(time.monotonic() - inicio, 2),
        )
        (tmp / MANIFIESTO).write_text(manifiesto.a_json(), encoding="utf-8")
        store.flush()
        del store
        gc.collect()
    return Resumen(conteos, sorted(salida / p.name for p in archivos), violaciones)
