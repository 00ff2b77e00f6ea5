"""transcite: cite, quote, credit-check and compare translated journalism.

The library core lives in plain modules that never import click; ``transcite.cli.main`` is a thin
command-line layer over it.
"""

from __future__ import annotations

__version__ = "0.1.0"
