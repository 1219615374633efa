"""Recursos web estaticos: plantilla de la vista de red (red.html) y vis-network vendorizado."""
