"""Permite ``python -m grafo``."""

from .cli import main

main()
