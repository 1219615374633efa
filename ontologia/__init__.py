"""Ontología y datos del glosario (Turtle), instalados como grafo.ontologia."""
