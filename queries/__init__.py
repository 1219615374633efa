"""Consultas SPARQL con nombre (.rq), instaladas como grafo.queries."""
