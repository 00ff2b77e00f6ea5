"""A corpus in PostgreSQL: the second backend, selected by a ``postgresql://`` URL.

``db`` connects (one clear line for every way a connection fails) and applies the schema's
migrations (``migrations/NNNN_*.sql``, in order, recorded in ``transcite_schema``); ``rows``
turns a record's TEI bytes into the rows that store it; ``corpus`` is
:class:`~transcite.storage.pg.corpus.PgCorpus`, the records (a ``Corpus`` with the same
methods as the folder); ``index`` is its :class:`~transcite.storage.index.CorpusIndex`;
``copy`` moves records between a folder and a database. See docs/corpus.md.
"""

from __future__ import annotations

SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str) -> bool:
    """Whether a corpus location names a PostgreSQL database rather than a folder."""
    return location.lower().startswith(SCHEMES)
