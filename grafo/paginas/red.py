"""La red interactiva (``grafo.html``): el grafo construido -> una red en un solo archivo HTML, sin
conexión. Es la entrada de ``grafo visualizar``, de ``grafo construir`` y de ``Grafo.red``.

Entrada: un ``Lector`` (el almacén) y la vista pedida. Salida: una ``Red`` (nodos, aristas, fichas)
con ``construir_red``, y su página autocontenida con ``html_de_red`` o ``guardar_red``.

El trabajo va por módulos, en este orden (ninguno importa a los de arriba en la lista):

- ``red`` (este): las vistas y ``construir_red``, que llama a los demás;
- ``red_lectura``: SPARQL -> nodos, aristas, fichas y registros de enunciados;
- ``red_disposicion``: networkx -> posiciones fijas (``spring_layout`` con semilla fija y posiciones
  iniciales por tipo), así que la página llega quieta (sin física) y la misma construcción da el
  mismo dibujo;
- ``red_html``: la página, con la plantilla Jinja2 ``plantillas/grafo.html.j2`` y vis-network
  incrustado;
- ``red_modelo``: ``Nodo``, ``Red`` y el JSON que lee la página; los tipos de nodo y sus estilos.

Tipos de nodo, cada uno con su color y forma: instrumento, concepto, actor (con su nivel), nivel de
gobierno, norma, sesión, orador (ponente, grupo de trabajo o público) y enunciado.

Vistas: ``vocabulario`` (por defecto: instrumentos, conceptos, actores, niveles y normas; los
enunciados se agregan en el tamaño de los conceptos y se listan en su ficha), ``foro`` (sesiones,
oradores, enunciados y lo que mencionan) y ``completa``. ``centro`` + ``radio`` dejan la vecindad de
un término; ``tipos`` deja solo algunos tipos. Con un corpus grande la vista se limita a
``TOPE_NODOS`` nodos y lo dice.

Seguridad: ningún texto se interpreta como HTML (ver ``red_html``); una política CSP prohíbe
cualquier recurso remoto.

No se usa pyvis: su plantilla carga Bootstrap de una CDN aun con ``in_line``, ``add_node`` es
cuadrático, un ``title`` con «href» pasa todos los títulos a ``innerHTML`` y ``heading`` no se escapa
(ver ``referencias/trampas.md``). La plantilla propia con vis-network cumple cada punto.
"""

from __future__ import annotations

from typing import Any

from grafo.base.errores import GrafoError
from grafo.base.espacios import GT
from grafo.busqueda.resolucion import resolver
from grafo.paginas.red_disposicion import disponer
from grafo.paginas.red_html import guardar_red, html_de_red
from grafo.paginas.red_lectura import fichas_vocabulario, leer_foro, leer_vocabulario
from grafo.paginas.red_modelo import ESTILOS, TIPOS, Nodo, Red

__all__ = [
    "ESTILOS",
    "TIPOS",
    "TOPE_NODOS",
    "VISTAS",
    "Nodo",
    "Red",
    "construir_red",
    "guardar_red",
    "html_de_red",
]

VISTAS = ("vocabulario", "foro", "completa")
TOPE_NODOS = 480  # por debajo de 500: spring_layout no necesita scipy
_VOCABULARIO = ("instrumento", "concepto", "actor", "nivel", "norma")
#: Lo que puede ser el centro de una vecindad: un concepto, un actor o un nivel.
_CLASES_CENTRO = (GT.iri("ConceptoTerritorial"), GT.iri("Actor"), GT.iri("NivelDeGobierno"))
_FORO = ("sesion", "orador", "enunciado")


def _vecindad(red: Red, centro: str, radio: int) -> set[str]:
    """Los nodos a ``radio`` aristas o menos de ``centro``."""
    vecinos = red.vecinos()
    dentro, frontera = {centro}, {centro}
    for _ in range(radio):
        frontera = {v for n in frontera for v in vecinos[n]} - dentro
        dentro |= frontera
    return dentro


def construir_red(
    lector: Any,
    *,
    vista: str = "vocabulario",
    centro: str | None = None,
    radio: int = 1,
    tipos: tuple[str, ...] = (),
    tope: int = TOPE_NODOS,
) -> Red:
    """La red de ``lector`` (un ``Almacen`` o un ``Lector``) según la vista, el centro y los tipos."""
    if vista not in VISTAS:
        raise GrafoError(f"vista desconocida '{vista}'. Vistas: {', '.join(VISTAS)}.")
    desconocidos = [t for t in tipos if t not in TIPOS]
    if desconocidos:
        raise GrafoError(f"tipo de nodo desconocido '{desconocidos[0]}'. Tipos: {', '.join(TIPOS)}.")
    if radio < 0:
        raise GrafoError("--radio debe ser 0 o más.")
    descripcion = getattr(lector, "descripcion", "")
    red = Red(titulo="Grafo territorial", grafo=descripcion)
    leer_vocabulario(lector, red)
    con_enunciados = vista in ("foro", "completa") or centro is not None or bool(set(tipos) & set(_FORO))
    citas = leer_foro(lector, red, con_enunciados)
    fichas_vocabulario(lector, red, citas)
    iri_centro = None
    if centro is not None:
        iri_centro = resolver(lector, centro, _CLASES_CENTRO)
        conservar = _vecindad(red, iri_centro, radio)
        red.foco = iri_centro
        red.titulo = f"Grafo territorial · {red.nodos[iri_centro].etiqueta} (radio {radio})"
    else:
        quedan = {
            "vocabulario": (*_VOCABULARIO, "sesion", "orador"),
            "foro": (*_FORO, "instrumento", "concepto", "actor", "nivel"),
            "completa": tuple(TIPOS),
        }[vista]
        conservar = {n for n, nodo in red.nodos.items() if nodo.tipo in quedan}
        if vista == "foro":  # del vocabulario, solo lo que el foro menciona
            mencionados = {b for a, b, et in red.aristas if et == "menciona"}
            conservar = {n for n in conservar if red.nodos[n].tipo in _FORO or n in mencionados}
    if tipos:
        conservar = {n for n in conservar if red.nodos[n].tipo in tipos or n == iri_centro}
    if len(conservar) > tope:
        # los más conectados primero (y el centro siempre)
        grado = red.grados()
        elegidos = sorted(conservar, key=lambda n: (n != iri_centro, -grado[n] - red.nodos[n].menciones, n))
        conservar = set(elegidos[:tope])
        red.aviso = (
            f"Vista limitada a {tope} de {len(elegidos)} nodos (los más conectados). Para ver otros: "
            "'grafo visualizar --centro TERMINO --radio N', '--tipo TIPO' o '--vista foro'."
        )
    red.nodos = {n: nodo for n, nodo in red.nodos.items() if n in conservar}
    vistas = set()
    aristas = []
    for a, b, et in red.aristas:
        if a in red.nodos and b in red.nodos and (a, b, et) not in vistas:
            vistas.add((a, b, et))
            aristas.append((a, b, et))
    red.aristas = sorted(aristas)
    red.posiciones = disponer(red)
    return red
