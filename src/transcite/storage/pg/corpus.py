"""The records of a corpus kept in PostgreSQL: :class:`PgCorpus`, a ``Corpus`` whose records
are rows instead of files.

Reading a record reads its stored TEI bytes and parses them exactly as a file is parsed.
Every write runs in one transaction that holds the record's lock
(``pg_advisory_xact_lock`` on a hash of its id, with ``lock_timeout`` from
:func:`transcite.storage.locks.timeout`): a read-modify-write (``revise``, ``align``,
``ingest --force``) waits for the writer before it, so none loses its update, and "create if
absent" (``ingest`` of a new id) succeeds for exactly one of several writers. A writer killed
mid-way never commits: the database rolls its transaction back when its connection drops, so
the record is the old one or the new one, and readers (each statement sees one committed
state) never see half of one.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from transcite.core.errors import ConflictError, TransciteError, UsageError
from transcite.storage.corpus import Corpus, check_id, known_ids_hint
from transcite.storage.pg import db

# the TEI reader and writer (lxml) and the rows of a record are imported where they are used:
# `list` needs none of them
if TYPE_CHECKING:
    import psycopg

    from transcite.core.model import Record
    from transcite.storage.index import CorpusIndex

#: advisory lock class of records (the object is ``hashtext(id)``)
RECORD_LOCK = db.LOCK_CLASS + 1


class StoredRecord:
    """A record in the database where a folder would give a file: what ``validate`` reads
    (``name``, ``read_bytes()``) and what ``ingest`` and ``revise`` print."""

    def __init__(self, corpus: PgCorpus, record_id: str) -> None:
        self.corpus = corpus
        self.record_id = record_id
        self.name = f"{record_id}.xml"

    def read_bytes(self) -> bytes:
        return self.corpus.tei(self.record_id)

    def __str__(self) -> str:
        return f"{self.corpus.root}#{self.record_id}"

    def __fspath__(self) -> str:  # never a file: messages name it by its URL
        return str(self)


class PgCorpus(Corpus):
    """The records of the corpus database at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        #: the URL as messages show it (password hidden)
        self.root = db.shown(url)
        self._conn: psycopg.Connection[Any] | None = None

    @property
    def conn(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            conn = db.connect(self.url)
            try:
                db.check_schema(conn, self.url)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ reading
    def file_for(self, record_id: str) -> str:
        return str(StoredRecord(self, check_id(record_id)))

    def path_for(self, record_id: str) -> Any:
        return StoredRecord(self, check_id(record_id))

    def source(self, record_id: str) -> StoredRecord:
        return StoredRecord(self, check_id(record_id))

    def ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM records ORDER BY id")]

    def exists(self, record_id: str) -> bool:
        check_id(record_id)
        return self.conn.execute(
            "SELECT 1 FROM records WHERE id = %s", (record_id,)
        ).fetchone() is not None

    @property
    def shown(self) -> str:
        return self.root

    def state(self) -> str:
        return "is empty"

    def _unknown(self, record_id: str) -> UsageError:
        known = self.ids()
        hint = known_ids_hint(record_id, known) if known else f"; {self.root} is empty"
        return UsageError(f"no record {record_id!r} in {self.root}{hint}")

    def require(self, record_id: str) -> Any:
        if not self.exists(record_id):
            raise self._unknown(record_id)
        return StoredRecord(self, record_id)

    def tei(self, record_id: str) -> bytes:
        """The stored TEI document of a record, byte for byte."""
        row = self.conn.execute(
            "SELECT tei FROM records WHERE id = %s", (check_id(record_id),)
        ).fetchone()
        if row is None:
            raise self._unknown(record_id)
        return bytes(row[0])

    def load(self, record_id: str) -> Record:
        from transcite.storage.tei import MAX_RECORD_BYTES, record_from_bytes

        data = self.tei(record_id)
        if len(data) > MAX_RECORD_BYTES:  # as the folder refuses an oversized file
            from transcite.core.errors import DataError

            raise DataError(f"{self.file_for(record_id)}: the record is over "
                            f"{MAX_RECORD_BYTES // 2**20} MiB; refused")
        return record_from_bytes(data, self.file_for(record_id))

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def locked(self, record_id: str) -> Iterator[None]:
        """One transaction holding the record's lock: everything written in the ``with``
        body is committed together at its end, or not at all."""
        import psycopg

        from transcite.storage.locks import ENV_TIMEOUT, LockTimeout, timeout

        check_id(record_id)
        conn = self.conn
        with conn.transaction():
            limit = timeout()
            conn.execute("SELECT set_config('lock_timeout', %s, true)",
                         (f"{int(limit * 1000)}ms" if limit else "1ms",))
            try:
                conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                             (RECORD_LOCK, record_id))
            except psycopg.errors.LockNotAvailable:
                raise LockTimeout(
                    f"{self.file_for(record_id)} is being written by another transcite "
                    f"process (its lock was held for {limit:g} s); try again when it has "
                    f"finished, or set ${ENV_TIMEOUT} to wait longer"
                ) from None
            yield

    def save(self, record: Record, *, force: bool = False) -> Any:
        """Validate and store a record in one transaction holding its lock; refuse to
        replace one unless ``force``."""
        from transcite.storage.pg import rows
        from transcite.storage.tei import record_to_bytes

        data = record_to_bytes(record)
        item = rows.stored(data, self.file_for(record.id), record)
        with self.locked(record.id):
            if not force and self.exists(record.id):
                raise ConflictError(
                    f"{self.file_for(record.id)} exists; pass --force to replace it, or "
                    "choose another --id"
                )
            terms: Counter[str] = Counter()
            rows.write(self.conn, item, terms)
            rows.apply_terms(self.conn, terms)
        return StoredRecord(self, record.id)

    def remove(self, record_id: str) -> None:
        """Delete a record, its versions and blocks."""
        from transcite.storage.index import words
        from transcite.storage.pg import rows

        with self.locked(record_id):
            terms: Counter[str] = Counter()
            for (text,) in self.conn.execute(
                "SELECT text FROM blocks WHERE record_id = %s AND current", (record_id,)
            ):
                terms.subtract(set(words(text)))
            self.conn.execute("DELETE FROM records WHERE id = %s", (record_id,))
            rows.apply_terms(self.conn, terms)

    def index(self, *, jobs: int | None = None) -> CorpusIndex:
        from transcite.storage.pg.index import PgIndex

        return PgIndex(self)

    def _update_index(self, record: Record) -> None:  # the rows are written by save
        return None

    def _cannot_write(self, record: Record, exc: OSError) -> TransciteError:
        return TransciteError(f"{self.root}: cannot write the record {record.id}: {exc}")
