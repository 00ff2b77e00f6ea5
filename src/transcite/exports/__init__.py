"""Exports of a record for reference managers and typesetting: CSL-JSON, BibTeX, BibLaTeX, RIS.

Each format is a small registered unit in its own module here (``bibtex`` and ``biblatex``
share ``_tex``). An exporter has a ``name``, a ``media_type``, a one-line ``description`` and
``export(records) -> str``; :func:`register_exporter` adds one; third-party formats are entry
points of the group ``transcite.exports``.
The entry key (BibTeX, BibLaTeX) and item id (CSL-JSON, RIS ``ID``) is the record id, so a
LaTeX document that cites ``\\autocite{kartsev-islamists}`` finds the entry ``transcite quote
--format latex`` refers to.

Every export carries the translator and, when known, the original (title, language, date) in
the fields each format has for them; docs/exports.md maps every field.

Example::

    >>> from transcite.storage.corpus import Corpus
    >>> record = Corpus("texts").load("kartsev-islamists")
    >>> print(export([record], "biblatex").splitlines()[0])
    @article{kartsev-islamists,
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from transcite.core.registry import Registry

if TYPE_CHECKING:
    from transcite.core.model import Record


class Exporter(Protocol):
    name: str
    media_type: str
    description: str

    def export(self, records: Sequence[Record]) -> str: ...


#: the export formats: the modules of this folder, and the entry points ``transcite.exports``
EXPORTS: Registry[Exporter] = Registry(
    "export format", __name__, "transcite.exports", path=__path__
)


def register_exporter(exporter: Exporter) -> Exporter:
    """Add an export format to the registry under ``exporter.name``."""
    return EXPORTS.register(exporter.name, exporter)


def export_names() -> list[str]:
    """Every export format: registered ones and built-in ones not yet imported."""
    return EXPORTS.names()


def get_exporter(name: str) -> Exporter:
    """The exporter ``name``, importing its built-in module on first use."""
    return EXPORTS.get(name)


def export(records: Sequence[Record], fmt: str) -> str:
    """``records`` in the export format ``fmt`` (one entry each, in the order given)."""
    return get_exporter(fmt).export(records)
