"""Fichas: un modelo de ficha (valores bilingües) de un concepto, actor, nivel o norma; su lectura del almacén
y su presentación en texto, Markdown y HTML.

Puede importar: grafo.busqueda y lo de debajo.
Independiente de grafo.consultas.
"""
