"""Consultas: catálogo (.rq), parámetros (VALUES), política (solo lectura), motores (Oxigraph, rdflib),
ejecutor con plazo, endpoints remotos, formatos de resultados.

Puede importar: grafo.busqueda y lo de debajo.
Independiente de grafo.fichas.
"""
