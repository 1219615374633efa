"""Compartir: endpoint SPARQL de solo lectura, publicación (Graph Store Protocol) y exportaciones.

Puede importar: grafo.fichas, grafo.consultas y lo de debajo.
Independiente de grafo.paginas y grafo.ensenanza.
"""
