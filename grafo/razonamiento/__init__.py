"""Razonamiento: HermiT (el que trae owlready2), consistencia y tipos inferidos.

Un módulo por trabajo: ``razonar`` (las entradas), ``hermit`` (ejecutar HermiT con Java),
``depuracion``, ``piezas`` e ``informe`` (nombrar el conflicto de una ontología inconsistente) y
``resultado`` (los tipos inferidos).

Puede importar: grafo.construccion y lo de debajo.
"""
