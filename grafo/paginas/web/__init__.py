"""Recursos web estáticos: vis-network vendorizado, la página del endpoint (consultas, editor) y otros
archivos que se sirven o incrustan tal cual. Las plantillas Jinja2 están en ``grafo/paginas/plantillas``.
"""
