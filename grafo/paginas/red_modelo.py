"""El modelo de la red: nodos, aristas, posiciones y fichas, y el JSON que lee la página.

Aquí no se lee el almacén ni se escribe HTML: ``red_lectura`` llena una ``Red``,
``red_disposicion`` le da posiciones y ``red_html`` la pone en la página. Los tipos de nodo
(``TIPOS``) y sus estilos en la página (``ESTILOS``: los actores, en un color por nivel de
gobierno) se definen una sola vez, aquí.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ESTILOS", "TIPOS", "Nodo", "Red", "tamano"]

#: id -> (etiqueta, color, forma)
TIPOS: dict[str, tuple[str, str, str]] = {
    "instrumento": ("Instrumento", "#2a9d8f", "dot"),
    "concepto": ("Concepto", "#8ab17d", "dot"),
    "actor": ("Actor", "#e76f51", "diamond"),
    "nivel": ("Nivel de gobierno", "#6d597a", "star"),
    "norma": ("Norma", "#457b9d", "square"),
    "sesion": ("Sesión", "#f4a261", "triangle"),
    "orador": ("Ponente o grupo", "#e9c46a", "hexagon"),
    "enunciado": ("Enunciado", "#adb5bd", "dot"),
}
#: Estilos de la página: los tipos, con los actores en un color por nivel de gobierno.
ESTILOS: dict[str, tuple[str, str, str]] = {
    "instrumento": TIPOS["instrumento"],
    "concepto": TIPOS["concepto"],
    "actor-nacional": ("Actor · nivel nacional", "#9b2226", "diamond"),
    "actor-regional": ("Actor · nivel regional", "#e63946", "diamond"),
    "actor-local": ("Actor · nivel local", "#f4978e", "diamond"),
    "actor": ("Actor sin nivel de gobierno", "#b5838d", "diamond"),
    **{t: v for t, v in TIPOS.items() if t not in ("instrumento", "concepto", "actor")},
}
_ESTILO_NIVEL = {"Nacional": "actor-nacional", "Regional": "actor-regional", "Local": "actor-local"}


def _estilo(n: Nodo) -> str:
    return _ESTILO_NIVEL.get(n.nivel, "actor") if n.tipo == "actor" else n.tipo


@dataclass
class Nodo:
    """Un nodo de la red."""

    id: str
    etiqueta: str
    tipo: str
    nivel: str = ""
    sesion: str = ""
    busqueda: list[str] = field(default_factory=list)
    menciones: int = 0
    ficha: dict[str, Any] = field(default_factory=dict)


@dataclass
class Red:
    """Nodos, aristas (desde, hasta, etiqueta) y posiciones, lista para dibujar."""

    titulo: str
    grafo: str
    nodos: dict[str, Nodo] = field(default_factory=dict)
    aristas: list[tuple[str, str, str]] = field(default_factory=list)
    posiciones: dict[str, tuple[float, float]] = field(default_factory=dict)
    aviso: str = ""
    foco: str | None = None  # el nodo de --centro: la página se abre mirándolo
    #: registro de cada enunciado (texto, autor, sesión, tipo, pregunta, menciones, afirmaciones)
    enunciados: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: entidad mencionada -> enunciados que la mencionan, en el orden del foro
    citados: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def datos(self) -> dict[str, Any]:
        """El JSON que lee la página."""
        grado = self.grados()
        sesiones = sorted(
            {(n.sesion, self._etiqueta_sesion(n.sesion)) for n in self.nodos.values() if n.sesion}
        )
        # los enunciados que la página puede mostrar: los que son nodos y los de las sesiones y
        # oradores presentes (se despliegan a pedido)
        registros = [
            r
            for r in self.enunciados.values()
            if r["id"] in self.nodos or r["sesion"] in self.nodos or r["autor"] in self.nodos
        ]
        indice = {r["id"]: i for i, r in enumerate(registros)}
        estilos = {n.id: _estilo(n) for n in self.nodos.values()}
        return {
            "titulo": self.titulo,
            "grafo": self.grafo,
            "aviso": self.aviso,
            "tipos": [
                {"id": t, "etiqueta": e, "color": c, "forma": f}
                for t, (e, c, f) in ESTILOS.items()
                if t in estilos.values()
            ],
            "niveles": ["Nacional", "Regional", "Local"],
            "sesiones": [{"id": i, "etiqueta": e} for i, e in sesiones],
            "nodos": [
                {
                    "id": n.id,
                    "etiqueta": n.etiqueta,
                    "tipo": estilos[n.id],
                    "nivel": n.nivel,
                    "sesion": n.sesion,
                    "x": round(self.posiciones[n.id][0], 1),
                    "y": round(self.posiciones[n.id][1], 1),
                    "tamano": tamano(grado[n.id], n.menciones),
                    "busqueda": n.busqueda,
                    "ficha": n.ficha,
                    "citas": [indice[e] for e in self.citados.get(n.id, []) if e in indice],
                }
                for n in sorted(self.nodos.values(), key=lambda n: n.id)
            ],
            **_tablas_de_enunciados(registros, self.nodos),
            "aristas": [{"desde": a, "hasta": b, "etiqueta": e} for a, b, e in self.aristas],
            "centro": self._centro(grado),
        }

    def _centro(self, grado: dict[str, int]) -> list[float]:
        """Dónde mira la página al abrirse: el foco, o la mediana de los nodos con aristas."""
        if self.foco in self.posiciones:
            return [round(v, 1) for v in self.posiciones[self.foco]]
        puntos = [self.posiciones[n] for n in self.nodos if grado[n]] or list(self.posiciones.values())
        if not puntos:
            return [0.0, 0.0]
        xs, ys = sorted(p[0] for p in puntos), sorted(p[1] for p in puntos)
        return [round(xs[len(xs) // 2], 1), round(ys[len(ys) // 2], 1)]

    def grados(self) -> dict[str, int]:
        """Cuántas aristas toca cada nodo."""
        grado: dict[str, int] = defaultdict(int)
        for a, b, _ in self.aristas:
            grado[a] += 1
            grado[b] += 1
        return grado

    def vecinos(self) -> dict[str, set[str]]:
        """Los nodos unidos a cada nodo por alguna arista, en cualquier sentido."""
        res: dict[str, set[str]] = defaultdict(set)
        for a, b, _ in self.aristas:
            res[a].add(b)
            res[b].add(a)
        return res

    def _etiqueta_sesion(self, ident: str) -> str:
        n = self.nodos.get(ident)
        return n.etiqueta if n else ident


def _tablas_de_enunciados(registros: list[dict[str, Any]], nodos: dict[str, Nodo]) -> dict[str, Any]:
    """Los registros de enunciados, compactos: lo que se repite (autor, sesión, tipo, foro, pregunta,
    lo mencionado) va una vez en una tabla y el registro lleva su índice."""
    entidades = sorted({x for r in registros for x in (r["autor"], r["sesion"], *r["menciona"])})
    e_i = {x: i for i, x in enumerate(entidades)}
    textos = {c: sorted({r[c] for r in registros if r[c]}) for c in ("tipo", "foro", "pregunta")}
    t_i = {c: {x: i for i, x in enumerate(v)} for c, v in textos.items()}
    return {
        "entidades": [{"id": x, "etiqueta": nodos[x].etiqueta if x in nodos else ""} for x in entidades],
        "tablas": {"tipos": textos["tipo"], "foros": textos["foro"], "preguntas": textos["pregunta"]},
        "enunciados": [
            {
                "id": r["id"],
                "ident": r["ident"],
                "texto": r["texto"],
                "tipo": t_i["tipo"][r["tipo"]],
                "autor": e_i[r["autor"]],
                "sesion": e_i[r["sesion"]],
                "foro": t_i["foro"][r["foro"]],
                "pregunta": t_i["pregunta"][r["pregunta"]] if r["pregunta"] else -1,
                "menciona": [e_i[m] for m in r["menciona"]],
                "afirma": r["afirma"],
            }
            for r in registros
        ],
    }


def tamano(grado: int, menciones: int) -> float:
    """Radio del nodo en la página (px): crece con sus aristas y con los enunciados que lo mencionan."""
    return round(10 + 4 * math.sqrt(grado + menciones), 1)
