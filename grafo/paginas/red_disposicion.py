"""La disposición de la red: posiciones fijas y deterministas, calculadas en Python.

``spring_layout`` de networkx con semilla fija y posiciones iniciales por tipo de nodo, cada
componente conexa aparte, y luego los nodos apartados para que sus etiquetas no se pisen: la página
llega quieta (sin física) y la misma construcción da el mismo dibujo.
"""

from __future__ import annotations

import math
from typing import Any

from grafo.paginas.red_modelo import TIPOS, Nodo, Red, tamano

__all__ = ["disponer"]

#: Distancia típica (px de vis-network) entre un nodo y su vecino más cercano: etiquetas legibles.
_SEPARACION = 90.0


def _resorte(g: Any, red: Red) -> dict[str, tuple[float, float]]:
    """``spring_layout`` de una componente conexa ``g`` (semilla fija, punto de partida por tipo en
    anillos), escalado para que la distancia mediana al vecino más cercano sea ``_SEPARACION`` y
    trasladado para que su esquina superior izquierda quede en (0, 0)."""
    import networkx as nx

    conectados = sorted(g.nodes)
    orden_tipos = list(TIPOS)
    inicio = {}
    for i, n in enumerate(conectados):
        k = orden_tipos.index(red.nodos[n].tipo)
        angulo = 2 * math.pi * (k / len(orden_tipos)) + 0.37 * (i % 17) / 17
        inicio[n] = ((0.3 + 0.15 * k) * math.cos(angulo), (0.3 + 0.15 * k) * math.sin(angulo))
    crudo = nx.spring_layout(g, pos=inicio, seed=7, k=1.5 / math.sqrt(len(conectados)), iterations=100)
    puntos = {n: (float(x), float(y)) for n, (x, y) in crudo.items()}
    cercanos = sorted(
        min(math.dist(p, q) for m, q in puntos.items() if m != n) for n, p in puntos.items()
    ) if len(puntos) > 1 else [1.0]  # fmt: skip
    escala = _SEPARACION / (cercanos[len(cercanos) // 2] or 1.0)
    grado = red.grados()
    cajas = [_caja(red.nodos[n], tamano(grado[n], red.nodos[n].menciones)) for n in conectados]
    separados = _separar([(x * escala, y * escala) for x, y in (puntos[n] for n in conectados)], cajas)
    x0 = min(x for x, _ in separados)
    y0 = min(y for _, y in separados)
    return {n: (x - x0, y - y0) for n, (x, y) in zip(conectados, separados, strict=True)}


def _caja(nodo: Nodo, radio: float) -> tuple[float, float, float]:
    """Lo que ocupa un nodo con su etiqueta debajo (px): semiancho, alto sobre el centro, alto debajo.
    La etiqueta (14 px) se parte en líneas de a lo sumo 200 px (``widthConstraint`` de la página)."""
    largo = 7.2 * len(nodo.etiqueta)
    lineas = math.ceil(largo / 200) or 1
    return max(min(largo, 200) / 2, radio) + 6, radio + 4, radio + 17 * lineas + 6


def _separar(
    puntos: list[tuple[float, float]], cajas: list[tuple[float, float, float]], iteraciones: int = 300
) -> list[tuple[float, float]]:
    """Aparta los nodos cuyas cajas (nodo + etiqueta) se pisan: cada par solapado se separa por el eje
    en que menos se pisa, la mitad cada uno. Determinista; conserva la forma de la disposición."""
    import numpy as np

    if len(puntos) < 2:
        return puntos
    p = np.array(puntos, dtype=float)
    c = np.array(cajas, dtype=float)
    w, arriba, abajo = c[:, 0], c[:, 1], c[:, 2]
    # desempate fijo para nodos en el mismo punto
    p += np.stack([np.sin(np.arange(len(p))), np.cos(np.arange(len(p)))], axis=1) * 1e-3
    for _ in range(iteraciones):
        x, y = p[:, 0], p[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        sx = w[:, None] + w[None, :] - np.abs(dx)
        sy = np.minimum(y[:, None] + abajo[:, None], y[None, :] + abajo[None, :]) - np.maximum(
            y[:, None] - arriba[:, None], y[None, :] - arriba[None, :]
        )
        solapa = (sx > 0.5) & (sy > 0.5)
        np.fill_diagonal(solapa, False)
        if not solapa.any():
            break
        por_x = solapa & (sx <= sy)
        por_y = solapa & ~por_x
        p[:, 0] += 0.5 * np.where(por_x, np.sign(dx) * sx / 2, 0.0).sum(axis=1)
        p[:, 1] += 0.5 * np.where(por_y, np.sign(dy) * sy / 2, 0.0).sum(axis=1)
    return [(float(a), float(b)) for a, b in p]


def disponer(red: Red) -> dict[str, tuple[float, float]]:
    """Posiciones fijas y deterministas.

    Cada componente conexa con aristas se dispone aparte con ``_resorte`` (si entraran juntas, las
    pequeñas se irían lejos y encogerían la mayor): la mayor arriba, las demás en filas debajo, de
    mayor a menor. Los nodos sueltos van en una rejilla al final, por tipo y nombre.
    """
    import networkx as nx

    g = nx.Graph()
    g.add_edges_from((a, b) for a, b, _ in red.aristas)
    componentes = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    pos: dict[str, tuple[float, float]] = {}
    bloques = [_resorte(g.subgraph(c), red) for c in componentes]
    ancho = max((max(x for x, _ in b.values()) for b in bloques[:1]), default=0.0)
    margen = 2 * _SEPARACION
    x, y, alto_fila = 0.0, 0.0, 0.0
    for i, bloque in enumerate(bloques):
        bx = max(x for x, _ in bloque.values())
        by = max(y for _, y in bloque.values())
        if x > 0 and x + bx > ancho:  # no cabe en esta fila: otra debajo
            x, y, alto_fila = 0.0, y + alto_fila + margen, 0.0
        pos.update({n: (x + px, y + py) for n, (px, py) in bloque.items()})
        x += bx + margen
        alto_fila = max(alto_fila, by)
        if i == 0:  # la mayor ocupa sola su fila
            x, y, alto_fila = 0.0, by + margen, 0.0
    orden_tipos = list(TIPOS)
    sueltos = sorted(
        (n for n in red.nodos if n not in pos),
        key=lambda n: (orden_tipos.index(red.nodos[n].tipo), red.nodos[n].etiqueta, n),
    )
    if sueltos:
        abajo = (max((py for _, py in pos.values()), default=0.0) + margen) if pos else 0.0
        paso = 1.6 * _SEPARACION
        columnas = max(1, int(ancho // paso) + 1, math.ceil(math.sqrt(len(sueltos))))
        for i, n in enumerate(sueltos):
            pos[n] = (paso * (i % columnas), abajo + paso * (i // columnas))
    return pos
