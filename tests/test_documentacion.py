"""ontologia.html: la documentación de la ontología con pyLODE, sin conexión y determinista."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

from grafo.paginas.ontologia import CSP, html_de_ontologia


@pytest.fixture(scope="module")
def registro_y_pagina() -> tuple[bool, str]:
    """La página generada en este proceso (pyLODE tarda segundos: una vez por módulo) y si el registro
    del programa quedó como estaba."""
    raiz = logging.getLogger()
    antes = (list(raiz.handlers), raiz.level)
    html = html_de_ontologia()
    return (list(raiz.handlers), raiz.level) == antes, html


def test_documenta_clases_y_propiedades_sin_recursos_remotos(registro_y_pagina: tuple[bool, str]) -> None:
    intacto, html = registro_y_pagina
    assert intacto  # pyLODE no toca el registro del programa
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


def test_determinista(registro_y_pagina: tuple[bool, str], salida: Path) -> None:
    """Dos generaciones en este proceso: la de la prueba y la que escribió la construcción de la sesión."""
    assert registro_y_pagina[1] == (salida / "ontologia.html").read_text(encoding="utf-8")


def test_misma_pagina_en_procesos_distintos(registro_y_pagina: tuple[bool, str]) -> None:
    """El orden de los conjuntos de Python cambia con PYTHONHASHSEED: la página no. Se compara la de
    este proceso con la de otro con otra semilla."""
    import subprocess
    import sys

    codigo = "import sys; from grafo.paginas.ontologia import html_de_ontologia as h; sys.stdout.write(h())"
    semilla = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    r = subprocess.run(
        [sys.executable, "-c", codigo],
        env={**os.environ, "PYTHONHASHSEED": semilla, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        check=True,
    )
    assert r.stdout.decode("utf-8") == registro_y_pagina[1]
