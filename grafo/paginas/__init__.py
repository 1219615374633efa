"""Páginas: la red interactiva, el glosario y la documentación de la ontología
(plantillas Jinja2 y recursos web).

Puede importar: grafo.fichas, grafo.consultas y lo de debajo.
Independiente de grafo.compartir y grafo.ensenanza.
"""
