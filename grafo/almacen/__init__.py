"""Almacén: abrir en solo lectura un grafo construido, su manifiesto, dónde vive.

Puede importar: grafo.fuentes, grafo.base. Nunca construye:
la caché del grafo incluido la rehace grafo.construccion.
"""
