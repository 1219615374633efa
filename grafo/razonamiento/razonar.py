"""Etapa *razonamiento*: ontología + glosario (+ Turtle extra) -> tipos inferidos (HermiT).

Entrada: los grafos ``gtg:ontologia`` y ``gtg:glosario`` de un ``Dataset`` (``razonar``) o los
Turtle empaquetados más archivos Turtle extra (``razonar_fuentes``).
Salida: ``ResultadoRazonamiento`` con los tipos que HermiT añadió a los individuos. Si la ontología
es inconsistente se lanza ``OntologiaInconsistenteError`` con las tripletas en conflicto.

El razonamiento, por trabajos: este módulo prepara el grafo y dice dónde buscar un conflicto;
``hermit`` ejecuta HermiT (con Java) y lee sus tipos inferidos; ``depuracion`` busca, si la
ontología es inconsistente, un conjunto mínimo de tripletas que choca (``piezas`` parte el grafo);
``informe`` lo describe en el mensaje de error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Dataset, Graph

from grafo.base import recursos
from grafo.base.espacios import GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, enlazar_prefijos
from grafo.construccion.tripletas import construir_base
from grafo.fuentes.ontologia import ARCHIVOS_ONTOLOGIA, leer_turtle
from grafo.razonamiento.depuracion import Etapa, diagnosticar, etapas_de_busqueda
from grafo.razonamiento.hermit import clasificar
from grafo.razonamiento.piezas import copia
from grafo.razonamiento.resultado import ResultadoRazonamiento

__all__ = ["razonar", "razonar_fuentes"]


def razonar(ds: Dataset, *, extra: Graph | None = None) -> ResultadoRazonamiento:
    """Ejecuta HermiT sobre la ontología y el glosario de ``ds`` (más ``extra``, si se da).

    Lanza ``RazonadorNoDisponibleError`` si falta Java y ``OntologiaInconsistenteError``, con las
    tripletas en conflicto, si la ontología es inconsistente.
    """
    base = _grafo_razonable(ds)
    g = copia(base)
    extra_nuevo = Graph()
    if extra is not None:
        for t in extra:
            g.add(t)
            if t not in base:
                extra_nuevo.add(t)

    def etapas() -> list[Etapa]:
        return etapas_de_busqueda(ds, fijo=base, nuevas=extra_nuevo)

    def fuentes() -> list[tuple[str, Graph]]:
        return ([("el grafo extra", extra)] if extra is not None else []) + _fuentes_empaquetadas()

    return _razonar(g, etapas, fuentes)


def razonar_fuentes(extras: Sequence[Path] = ()) -> ResultadoRazonamiento:
    """Razona sobre la ontología y el glosario empaquetados más los archivos Turtle ``extras``.

    Los extras se añaden al glosario como en ``tripletas.construir_base``. Lanza
    ``FuenteInvalidaError`` si un archivo no se lee, ``RazonadorNoDisponibleError`` si falta Java
    y ``OntologiaInconsistenteError``, con las tripletas y los archivos en conflicto, si la
    ontología resulta inconsistente.
    """
    ds = construir_base(extras)
    g = _grafo_razonable(ds)

    def etapas() -> list[Etapa]:
        # Lo que los extras añaden (incluidas las relaciones materializadas a partir de ellos).
        propio = construir_base().graph(GRAFO_GLOSARIO)
        fijo = copia(ds.graph(GRAFO_ONTOLOGIA))
        nuevas = Graph()
        for t in ds.graph(GRAFO_GLOSARIO):
            (fijo if t in propio else nuevas).add(t)
        return etapas_de_busqueda(ds, fijo=fijo, nuevas=nuevas)

    def fuentes() -> list[tuple[str, Graph]]:
        leidas = []
        for archivo in extras:
            h = Graph()
            leer_turtle(h, archivo, str(archivo))
            leidas.append((str(archivo), h))
        return leidas + _fuentes_empaquetadas()

    return _razonar(g, etapas, fuentes)


def _grafo_razonable(ds: Dataset) -> Graph:
    """La ontología y el glosario de ``ds`` en un solo grafo, con los prefijos del proyecto."""
    g = Graph()
    enlazar_prefijos(g)
    for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
        for t in ds.graph(nombre):
            g.add(t)
    return g


def _fuentes_empaquetadas() -> list[tuple[str, Graph]]:
    """Los Turtle empaquetados, cada uno con su nombre (para decir de qué archivo es un conflicto)."""
    leidas = []
    for archivo in recursos.archivos_ontologia():
        h = Graph()
        leer_turtle(h, archivo)
        nombre = f"ontologia/{archivo.name}"
        leidas.append((nombre, h))
    # primero el glosario: es donde suele estar el hecho nuevo que choca
    return sorted(leidas, key=lambda f: f[0].removeprefix("ontologia/") in ARCHIVOS_ONTOLOGIA)


def _razonar(
    g: Graph,
    etapas: Callable[[], list[Etapa]],
    fuentes: Callable[[], list[tuple[str, Graph]]],
) -> ResultadoRazonamiento:
    """Clasifica ``g`` con HermiT; si es inconsistente, busca el conflicto y lo nombra."""
    return clasificar(g, lambda: diagnosticar(g, etapas(), fuentes))
