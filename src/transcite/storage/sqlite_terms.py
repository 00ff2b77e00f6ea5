"""The word counts of a rebuilt SQLite index (table ``terms``), read from its full-text index.

``terms`` holds, for each word (:func:`~transcite.storage.index.folded_words`), how many blocks
hold it. FTS5 splits the same folded texts into words as it indexes them, and ``fts5vocab``
reads its counts back in C: splitting and counting every block in Python again cost a quarter
of a rebuild's CPU time (bench/bench_corpus.py). The two agree wherever FTS5's ``unicode61``
tokenizer and :func:`folded_words` agree, and they agree character by character: the
tokenizer starts a word at a letter or digit, goes on through letters, digits and
diacritics, and folds each character on its own. So a text made of characters that each, in
the middle of a word (``a?a``) and at its start (``?a``), give the same words both ways, gives
the same words both ways. Which characters do is asked of the SQLite in use, once per
character per process (:class:`TermCounts`), so that another SQLite cannot make the counts
differ: ``µ``, which FTS5 folds to ``μ``, or a combining accent, which it drops inside a word,
do not. FTS5 also cuts words of more than 32,768 bytes, so a text long enough to hold one is
not trusted either.

A block holding such a character (or long enough) is split and counted in Python, and what
FTS5 counts for it is read from a scratch full-text table of those blocks alone; the rebuild
adds the first and takes away the second (:func:`~transcite.storage.sqlite_rows.store_terms`).
The counts are those of Python, whatever the texts; a test holds them equal on hostile texts
(tests/storage/test_index_terms.py).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable

from transcite.storage.index import folded_words
from transcite.storage.sqlite_schema import TOKENIZE

#: a text of at most this many characters holds no word FTS5 cuts (4 bytes a character at most)
SHORT = 8_000
_LONG_WORD = re.compile(rf"[^\W_]{{{SHORT}}}")
_ANY = re.compile(r"(?s).")


class TermCounts:
    """Per process: which characters FTS5 and :func:`folded_words` split alike, and, for the
    blocks holding others, their words counted in Python (:attr:`python`) and as FTS5 counts
    them (:meth:`fts`)."""

    def __init__(self) -> None:
        self.python: Counter[str] = Counter()
        self._db: sqlite3.Connection | None = None
        self._rows = 0
        self._safe: set[str] = set()
        self._unsafe: set[str] = set()
        self._outside = _ANY  # the first character not known to be split alike

    def add(self, folded: Iterable[str]) -> None:
        """Count the blocks (their folded texts) FTS5 does not count alike."""
        for text in folded:
            if not self.alike(text):
                self.python.update(set(folded_words(text)))
                self._scratch().execute("INSERT INTO f(x) VALUES (?)", (text,))
                self._rows += 1

    def alike(self, text: str) -> bool:
        """Whether FTS5 makes the same words of ``text`` as :func:`folded_words`."""
        if len(text) > SHORT and _LONG_WORD.search(text):
            return False
        if self._outside.search(text) is None:
            return True
        new = set(text) - self._safe - self._unsafe
        if new:
            self._learn(sorted(new))
        return self._outside.search(text) is None

    def fts(self) -> Counter[str]:
        """FTS5's counts of the blocks :meth:`add` counted in Python."""
        if not self._rows:
            return Counter()
        return Counter(dict(self._scratch().execute("SELECT term, doc FROM v")))

    def _scratch(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(":memory:", isolation_level=None)
            self._db.execute(f"CREATE VIRTUAL TABLE f USING fts5(x, tokenize='{TOKENIZE}')")
            self._db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, row)")
        return self._db

    def _learn(self, chars: list[str]) -> None:
        """Ask SQLite how it splits each character in a word and at a word's start."""
        db = sqlite3.connect(":memory:")
        try:
            db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZE}')")
            db.execute("CREATE VIRTUAL TABLE i USING fts5vocab(t, instance)")
            probes = [probe for c in chars for probe in (f"a{c}a", f"{c}a")]
            db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(probes, 1))
            got: list[list[str]] = [[] for _ in probes]
            for doc, term in db.execute("SELECT doc, term FROM i ORDER BY doc, offset"):
                got[doc - 1].append(term)
        finally:
            db.close()
        for k, c in enumerate(chars):
            alike = all(got[2 * k + j] == folded_words(probes[2 * k + j]) for j in (0, 1))
            (self._safe if alike else self._unsafe).add(c)
        if self._safe:
            self._outside = re.compile(
                "[^" + "".join(map(re.escape, sorted(self._safe))) + "]")

