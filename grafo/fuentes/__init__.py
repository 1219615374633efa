"""Fuentes: archivos de foro (YAML) y archivos de la ontología -> registros validados (errores con archivo:línea).

Puede importar: grafo.base.
"""
