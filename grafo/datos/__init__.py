"""Fuentes de foros (YAML) incluidas en el paquete."""
