"""Enseñanza: preguntas de práctica sacadas del glosario y de las competencias.

Puede importar: grafo.fichas, grafo.consultas y lo de debajo.
Independiente de grafo.paginas y grafo.compartir.
"""
