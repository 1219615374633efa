"""Permite ``python -m grafo``."""

from grafo.cli import main

main()
