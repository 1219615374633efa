"""Razonamiento: owlready2 + HermiT, consistencia y tipos inferidos.

Puede importar: grafo.construccion y lo de debajo.
"""
