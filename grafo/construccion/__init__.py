"""Construcción: fuentes -> tripletas, menciones, SHACL, el almacén y su manifiesto, las páginas; la caché
del grafo incluido.

Puede importar: grafo.paginas, grafo.compartir, grafo.ensenanza y lo de debajo.
"""
