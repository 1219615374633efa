"""Enseñanza: preguntas de práctica sacadas del glosario y de las competencias.

Un módulo por trabajo: ``hechos`` (leer el almacén), ``preguntas_*`` y ``candidato`` (las preguntas
posibles de cada tipo), ``practica`` (elegir con la semilla), ``textos`` y ``sesion`` (imprimir,
corregir y puntuar); ``modelo`` tiene ``Practica`` y ``Pregunta``.

Puede importar: grafo.fichas, grafo.consultas y lo de debajo.
Independiente de grafo.paginas y grafo.compartir.
"""
