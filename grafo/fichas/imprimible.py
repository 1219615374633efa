"""Una ficha que se imprime como ``grafo definir``: lo que devuelve ``Grafo.ficha`` (``grafo.api``).

``FichaImprimible`` envuelve el modelo de cualquier ficha (``FichaDeEntidad``, en ``.modelo``) sin
copiarlo: ``str(f)`` es su texto en español, el mismo que imprime ``grafo definir``;
``f.markdown(idioma)`` es el de ``grafo definir --formato md``, y en un cuaderno de Jupyter se ve en
Markdown (``_repr_markdown_``). Los campos del modelo se leen en ella tal cual (``f.definicion.es``).

Es una envoltura y no un método de cada ficha porque el modelo (``grafo.fichas.modelo``) es solo
datos y el texto (``grafo.fichas.texto``) lo importa: el modelo no puede importar su texto sin un
ciclo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grafo.fichas.modelo import FichaDeEntidad, Formato, Idioma
from grafo.fichas.texto import texto_ficha

__all__ = ["FichaImprimible"]


@dataclass(frozen=True)
class FichaImprimible:
    """Una ficha con su texto: ``str(f)``, ``f.texto(idioma, formato)``, ``f.markdown(idioma)``."""

    modelo: FichaDeEntidad

    def texto(self, idioma: Idioma = "es", formato: Formato = "texto") -> str:
        """El texto de la ficha en ``idioma`` y ``formato``, como ``grafo definir`` lo imprime."""
        return texto_ficha(self.modelo, idioma=idioma, formato=formato)

    def markdown(self, idioma: Idioma = "es") -> str:
        """La ficha en Markdown, como ``grafo definir --formato md``."""
        return self.texto(idioma, "md")

    def __str__(self) -> str:
        return self.texto()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __getattr__(self, nombre: str) -> Any:
        # solo se llama si el atributo no es de la envoltura: los campos del modelo
        return getattr(self.modelo, nombre)
