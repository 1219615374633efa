"""Etapa *documentación*: ``ontologia.html``, la documentación de la ontología (clases, propiedades,
esquemas), generada sin conexión con pyLODE a partir de los Turtle de la ontología empaquetados.

Entrada: ``ontologia/nucleo.ttl`` y ``ontologia/vocabularios.ttl`` (los archivos del grafo con nombre de
la ontología). Salida: una página HTML autocontenida (pyLODE pone el estilo en línea y no enlaza hojas
de estilo, scripts ni fuentes externas) a la que se añade una política CSP que prohíbe recursos remotos.
Los enlaces a los vocabularios externos (Dublin Core, SKOS…) son solo enlaces: no se cargan.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from grafo.base import recursos
from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_texto_atomico

__all__ = ["CSP", "guardar_documentacion", "html_de_ontologia"]

CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
)


def _ontpub() -> Any:
    """La clase ``OntPub`` de pyLODE, sin que su importación cambie el registro (logging) del programa."""
    raiz = logging.getLogger()
    manejadores, nivel = list(raiz.handlers), raiz.level
    try:
        from pylode import OntPub  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - pylode es una dependencia
        raise GrafoError(f"no se pudo cargar pyLODE ({e}). Reinstale el paquete: pip install .") from e
    finally:
        raiz.handlers[:] = manejadores
        raiz.setLevel(nivel)
    import pylode.utils as utilidades  # type: ignore[import-untyped]

    # pyLODE junta los miembros de owl:unionOf/intersectionOf en un set() de elementos HTML (orden según
    # su dirección de memoria): se ordenan por su HTML para que la misma ontología dé la misma página
    original = utilidades.intersperse
    if not getattr(original, "_ordenado", False):

        def intersperse(lst: Any, sep: Any) -> Any:
            if isinstance(lst, set):
                lst = sorted(lst, key=str)
            return original(lst, sep)

        intersperse._ordenado = True  # type: ignore[attr-defined]
        utilidades.intersperse = intersperse
    return OntPub


def html_de_ontologia() -> str:
    """La documentación de la ontología: HTML de pyLODE con una política CSP (determinista)."""
    return _generar()


def _generar() -> str:
    """El HTML de pyLODE con la política CSP."""
    from rdflib import Graph

    from grafo.fuentes.ontologia import ARCHIVOS_ONTOLOGIA, leer_turtle

    g = Graph()
    for archivo in recursos.archivos_ontologia():
        if archivo.name in ARCHIVOS_ONTOLOGIA:
            leer_turtle(g, archivo)
    # nodos en blanco con nombres fijos (según la estructura del grafo): si no, el orden de los
    # miembros de owl:intersectionOf cambiaría de una ejecución a otra
    from rdflib.compare import to_canonical_graph

    html: str = _ontpub()(ontology=to_canonical_graph(g), sort_subjects=True).make_html()
    # el bloque JSON-LD de metadatos que añade pyLODE sale en un orden que depende del hash de Python:
    # se quita (la página sigue documentando todo; los metadatos están en los Turtle exportados)
    html = re.sub(
        r'\s*<script id="schema.org" type="application/ld\+json">.*?</script>', "", html, flags=re.S
    )
    if "<head>" not in html:
        raise GrafoError("pyLODE devolvió una página sin <head>: no se puede añadir la política CSP.")
    return html.replace("<head>", "<head>\n    " + CSP, 1)


def guardar_documentacion(ruta: Path) -> Path:
    """Escribe ``ontologia.html`` en ``ruta`` de forma atómica."""
    escribir_texto_atomico(Path(ruta), html_de_ontologia())
    return Path(ruta)
