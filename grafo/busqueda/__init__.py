"""Búsqueda: nombres, siglas y etiquetas de un almacén -> el IRI de un término, actor, nivel, norma o foro.

Puede importar: grafo.almacen y lo de debajo.
"""
