"""La orden ``grafo``: analiza argumentos, llama a una función de la biblioteca e imprime.

Códigos de salida: 0 bien, 1 error esperado (entrada inválida, consulta inválida, ontología
inconsistente, validación fallida, salida no escribible), 2 error de uso (opción desconocida,
archivo inexistente). Los mensajes de click también salen en español.

Una orden por función de click, agrupadas por lo que el usuario hace: ``construccion`` (construir,
validar, razonar), ``lectura`` (definir, terminos, consultas, consulta), ``paginas`` (visualizar,
glosario), ``compartir`` (exportar, publicar, servir) y ``ensenanza`` (practicar). ``grupo`` las
reúne en ``cli``; ``comun`` tiene las opciones que comparten; ``traduccion``, los textos de click en
español; ``proceso`` es el único lugar que termina el proceso.

Puede importar: todo lo de debajo (``grafo.api`` y las capas que esta usa).
"""

from __future__ import annotations

from grafo.cli.grupo import cli
from grafo.cli.proceso import ejecutar

__all__ = ["cli", "main"]


def main() -> None:
    """Punto de entrada de la orden ``grafo``."""
    ejecutar(cli)
