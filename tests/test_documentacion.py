"""ontologia.html: la documentación de la ontología con pyLODE, sin conexión y determinista."""

from __future__ import annotations

import logging
import re

from grafo.paginas.ontologia import CSP, html_de_ontologia


def test_documenta_clases_y_propiedades_sin_recursos_remotos() -> None:
    raiz = logging.getLogger()
    antes = (list(raiz.handlers), raiz.level)
    html = html_de_ontologia()
    assert (list(raiz.handlers), raiz.level) == antes  # pyLODE no toca el registro del programa
    assert CSP in html and "default-src 'none'" in html
    # clases y propiedades de la ontología, con sus etiquetas
    for termino in ("Instrumento", "Competencia", "Afirmacion", "modalidad", "fuenteCaracter", "derogadoPor"):
        assert termino in html, termino
    # nada se carga de fuera: ni hojas de estilo, ni scripts, ni fuentes, ni imágenes remotas
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link[^>]+rel=\"?stylesheet", html, re.I)
    assert not re.search(r"<img[^>]+src=\"?https?:", html, re.I)
    assert not re.search(r"@import|@font-face|url\(\s*['\"]?https?:", html, re.I)
    assert "<script" not in html  # ni código ni el bloque JSON-LD de pyLODE (su orden no era fijo)


def test_determinista() -> None:
    assert html_de_ontologia() == html_de_ontologia()


def test_misma_pagina_en_procesos_distintos() -> None:
    """El orden de los conjuntos de Python cambia con PYTHONHASHSEED: la página no."""
    import hashlib
    import os
    import subprocess
    import sys

    codigo = "import sys; from grafo.paginas.ontologia import html_de_ontologia as h; sys.stdout.write(h())"
    huellas = set()
    for semilla in ("1", "2"):
        r = subprocess.run(
            [sys.executable, "-c", codigo],
            env={**os.environ, "PYTHONHASHSEED": semilla},
            capture_output=True,
            check=True,
        )
        huellas.add(hashlib.sha256(r.stdout).hexdigest())
    assert len(huellas) == 1
