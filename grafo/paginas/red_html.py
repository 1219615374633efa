"""La página de la red: una ``Red`` -> un solo archivo HTML autocontenido, sin conexión.

La plantilla Jinja2 ``plantillas/grafo.html.j2`` lleva el CSS y el JS de la página, y
vis-network (``web/vis-network.min.js``) va incrustado entero. Ningún texto se interpreta como HTML:

- el título pasa por el autoescape de Jinja2 (``grafo.paginas.entorno``, el de todas las páginas);
- los datos de la red van como JSON dentro de un ``<script type="application/json">``, con ``<``,
  ``>`` y ``&`` escapados (``\\u003c``, ``\\u003e``, ``\\u0026``) para que nada cierre el
  ``<script>``; la página los pone con ``textContent``. Ese JSON y vis-network son lo único marcado
  como seguro (``Markup``);
- una política CSP prohíbe cualquier recurso remoto.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grafo.base import recursos
from grafo.base.errores import GrafoError
from grafo.base.escritura import escribir_texto_atomico
from grafo.paginas.entorno import entorno
from grafo.paginas.red_modelo import Red

if TYPE_CHECKING:
    pass

__all__ = ["PLANTILLA", "guardar_red", "html_de_red"]

#: La plantilla de la página, en ``grafo/paginas/plantillas``.
PLANTILLA = "grafo.html.j2"


def _json_seguro(datos: dict[str, Any]) -> str:
    """JSON que no puede cerrar el ``<script>`` que lo contiene."""
    texto = json.dumps(datos, ensure_ascii=False, separators=(",", ":"))
    return texto.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_de_red(red: Red) -> str:
    """La página HTML autocontenida de ``red``."""
    from markupsafe import Markup

    visjs = recursos.archivo_web("vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in visjs.lower():
        raise GrafoError("vis-network.min.js contiene '</script': no se puede incrustar.")
    plantilla = entorno().get_template(PLANTILLA)
    return plantilla.render(
        titulo=red.titulo,
        visjs=Markup(visjs),  # recurso del paquete, comprobado arriba
        datos=Markup(_json_seguro(red.datos())),  # JSON con <, > y & escapados
    )


def guardar_red(red: Red, ruta: Path) -> None:
    """Escribe la página de ``red`` en ``ruta`` de forma atómica."""
    escribir_texto_atomico(Path(ruta), html_de_red(red))
