"""Which backend keeps a corpus: a folder (:class:`transcite.storage.corpus.Corpus`) or a
PostgreSQL database (:class:`transcite.storage.pg.corpus.PgCorpus`), by its location."""

from __future__ import annotations

from transcite.storage.corpus import Corpus


def open_corpus(location: str) -> Corpus:
    """The corpus at ``location``: a database for a ``postgresql://`` URL, else a folder.
    Nothing is connected to until a record or the index is asked for."""
    from transcite.storage.pg import is_url

    if is_url(location):
        from transcite.storage.pg.corpus import PgCorpus

        return PgCorpus(location)
    return Corpus(location)
