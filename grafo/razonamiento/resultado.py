"""El resultado de un razonamiento consistente: los tipos inferidos y cuántos individuos hay."""

from __future__ import annotations

from dataclasses import dataclass, field

from grafo.base.espacios import abreviar

__all__ = ["Inferencia", "ResultadoRazonamiento"]


@dataclass(frozen=True)
class Inferencia:
    """Un tipo que el razonador añadió a un individuo."""

    individuo: str
    clase: str


@dataclass
class ResultadoRazonamiento:
    """Resultado de un razonamiento consistente: los tipos inferidos y cuántos individuos hay."""

    inferencias: list[Inferencia] = field(default_factory=list)
    individuos: int = 0

    def texto(self) -> str:
        """El informe de ``grafo razonar``: que es consistente y cada tipo inferido, abreviado."""
        lineas = [
            f"Ontología consistente (HermiT, {self.individuos} individuos).",
            f"Tipos inferidos: {len(self.inferencias)}",
        ]
        lineas += [f"  {abreviar(i.individuo)}  →  {abreviar(i.clase)}" for i in self.inferencias]
        return "\n".join(lineas)
