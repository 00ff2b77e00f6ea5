"""The corpus folder: one TEI file per text, ``<dir>/<id>.xml``.

Reading uses ``os.path`` only (``pathlib`` is imported when a path object is asked for or a
record is written), because every read-only command starts here and must start quickly.
Writes are atomic and durable (:mod:`transcite.storage.atomic`) and hold the record's lock
(:mod:`transcite.storage.locks`), so an interrupted or failed write never leaves a
half-written record behind and concurrent writers never lose an update.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from transcite.core.errors import ConflictError, DataError, TransciteError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from transcite.core.model import Record
    from transcite.storage.index import CorpusIndex

ENV_VAR = "TRANSCITE_TEXTS"
#: a corpus named by its location: a ``postgresql://`` URL (or a folder)
CORPUS_VAR = "TRANSCITE_CORPUS"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")


#: names Windows keeps for devices, with any extension ("CON.xml", "nul.txt.xml")
_DEVICE = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\.|$)", re.I)
_ID_MAX = 100


def check_id(record_id: str, *, new: bool = False) -> str:
    """Refuse an id that is not a safe file name (no paths, no dot-files, not empty).

    A ``new`` id (of a record about to be made) must also be a file name on any system the
    corpus may be copied to: not a Windows device name. Records that already exist under
    such a name are still read.
    """
    if len(record_id) > _ID_MAX:
        raise UsageError(
            f"invalid id {record_id!r}: {len(record_id)} characters; an id has at most {_ID_MAX}"
        )
    device = _DEVICE.match(record_id) if new else None
    if device:
        raise UsageError(
            f"invalid id {record_id!r}: {device[1]} is a device name on Windows, not a file "
            "name; choose another id, e.g. kartsev-islamists"
        )
    if not _SAFE_ID.fullmatch(record_id) or record_id.endswith((".", ".xml")):
        raise UsageError(
            f"invalid id {record_id!r}: use letters, digits, '.', '_' and '-' "
            "(starting with a letter or digit), e.g. kartsev-islamists"
        )
    return record_id


def close_ids(record_id: str, known: list[str], limit: int = 3) -> list[str]:
    """The known ids closest to a mistyped one (rapidfuzz WRatio of at least 75), best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        record_id, known, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit,
        score_cutoff=75,
    )
    return [match for match, _score, _index in found]


def known_ids_hint(record_id: str, known: list[str]) -> str:
    """What an unknown id's message adds when the corpus has records: the close ids, else
    all of a few, else how many there are."""
    close = close_ids(record_id, known)
    if close:
        return f"; did you mean {' or '.join(close)}?"
    if len(known) <= 8:
        return f"; known ids: {', '.join(known)}"
    return f"; no id of its {len(known)} records is close (transcite list shows them)"


class RecordFile(Protocol):
    """Where a record is kept: a file (a ``Path``) in a folder, a row in a database. What
    ``validate`` reads and what ``ingest`` and ``revise`` print (``str()``)."""

    @property
    def name(self) -> str: ...

    def read_bytes(self) -> bytes: ...


def default_dir() -> str:
    return os.environ.get(ENV_VAR) or "texts"


class Corpus:
    """A folder of records."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        #: the folder, as given (a string)
        self.root: str = os.fspath(root) if root is not None else default_dir()

    def file_for(self, record_id: str) -> str:
        """The file name of a record (checked to be a safe id)."""
        return os.path.join(self.root, f"{check_id(record_id)}.xml")

    def path_for(self, record_id: str) -> Path:
        from pathlib import Path

        return Path(self.file_for(record_id))

    def source(self, record_id: str) -> RecordFile:
        """Where the record is kept (for a folder, its file; it may not exist)."""
        return self.path_for(record_id)

    def close(self) -> None:
        """Let go of what the corpus holds open (a folder holds nothing)."""

    def ids(self) -> list[str]:
        try:
            names = os.listdir(self.root)
        except OSError:
            return []
        stems = (n[:-4] for n in names if n.endswith(".xml"))
        return sorted(s for s in stems if _SAFE_ID.fullmatch(s))

    def exists(self, record_id: str) -> bool:
        return os.path.isfile(self.file_for(record_id))

    @property
    def shown(self) -> str:
        """The folder as messages name it: ``texts/``, ``/`` (never ``//``), and a file that
        is not a folder without the slash."""
        if self.root.endswith("/") or (
            os.path.lexists(self.root) and not os.path.isdir(self.root)
        ):
            return self.root
        return f"{self.root}/"

    def state(self) -> str:
        """Why the folder holds no records: "is empty", "does not exist", "is not a folder"."""
        if os.path.isdir(self.root):
            return "is empty"
        if os.path.lexists(self.root):
            return "is not a folder"
        return "does not exist"

    def _unknown(self, record_id: str) -> UsageError:
        known = self.ids()
        shown = self.shown
        if known:
            hint = known_ids_hint(record_id, known)
        elif os.path.isdir(self.root):
            hint = f"; {shown} is empty"
        elif os.path.lexists(self.root):
            hint = f"; {self.root} is not a folder (check --texts or ${ENV_VAR})"
        else:
            hint = f"; there is no folder {shown} (check --texts or ${ENV_VAR})"
        return UsageError(f"no record {record_id!r} in {shown}{hint}")

    def require(self, record_id: str) -> RecordFile:
        """The path of an existing record; a usage error naming the known ids otherwise."""
        path = self.path_for(record_id)
        if not path.is_file():
            raise self._unknown(record_id)
        return path

    def load(self, record_id: str) -> Record:
        # the TEI reader (lxml) is imported here: `list` reads the index, never a record
        from transcite.storage.inputs import read_capped
        from transcite.storage.tei import MAX_RECORD_BYTES, record_from_bytes

        path = self.file_for(record_id)
        if not os.path.lexists(path):
            raise self._unknown(record_id)
        data = read_capped(path, MAX_RECORD_BYTES, what="the record")
        record = record_from_bytes(data, path)
        if record.id != record_id:
            raise DataError(
                f"{path}: holds record {record.id!r}, not {record_id!r}; rename the file or "
                "fix its idno"
            )
        return record

    def __iter__(self) -> Iterator[Record]:
        for record_id in self.ids():
            yield self.load(record_id)

    def each(self) -> Iterator[tuple[str, Record | TransciteError]]:
        """Every record, or the error that stops it from being read: one broken record does
        not hide the others (``list``, ``export --all``)."""
        for record_id in self.ids():
            try:
                yield record_id, self.load(record_id)
            except TransciteError as exc:
                yield record_id, exc

    def locked(self, record_id: str) -> AbstractContextManager[None]:
        """Hold the record's lock (see :mod:`transcite.storage.locks`) for a read-modify-write:
        ``with corpus.locked(i): corpus.save(change(corpus.load(i)), force=True)``."""
        from transcite.storage.locks import locked

        return locked(self.root, check_id(record_id))

    def save(self, record: Record, *, force: bool = False) -> RecordFile:
        """Validate and write a record atomically and durably, holding its lock; refuse to
        replace one unless ``force`` (checked under the lock: of several processes creating
        the same new id at once, exactly one succeeds)."""
        from pathlib import Path

        from transcite.storage.atomic import FolderNotWritable, write_atomic
        from transcite.storage.tei import record_to_bytes

        path = self.path_for(record.id)
        data = record_to_bytes(record)
        try:
            Path(self.root).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_write(record, exc) from None
        with self.locked(record.id):
            if not force and os.path.lexists(path):
                raise ConflictError(
                    f"{path} exists; pass --force to replace it, or choose another --id"
                )
            try:
                write_atomic(os.fspath(path), data)
            except FolderNotWritable as exc:
                raise self._cannot_write(record, exc) from None
            except OSError as exc:
                unchanged = "; the old file is unchanged" if os.path.lexists(path) else ""
                raise TransciteError(
                    f"{path}: cannot write the record: {exc.strerror}{unchanged}"
                ) from None
            self._update_index(record)
        return path

    def index(self, *, jobs: int | None = None) -> CorpusIndex:
        """The index of this folder (SQLite, in ``.transcite/index.sqlite``), not yet
        refreshed: its reading methods bring it up to date with the folder first."""
        from transcite.storage.sqlite_index import SqliteIndex

        return SqliteIndex(self.root, jobs=jobs)

    def _update_index(self, record: Record) -> None:
        """Put a record just written into the index (under the record's lock, so that two
        writers of one record update the index in the order they wrote the file). The file
        is the truth: when the index cannot be written now, the next read finds the file
        changed and indexes it."""
        import sqlite3

        try:
            index = self.index()
        except (TransciteError, sqlite3.Error):
            return
        try:
            index.put(record)
        except (TransciteError, sqlite3.Error):
            pass
        finally:
            index.close()

    def _cannot_write(self, record: Record, exc: OSError) -> TransciteError:
        return TransciteError(
            f"{self.shown}: cannot write the record {record.id} there: {exc.strerror}; "
            "check the folder's permissions, or choose another --texts"
        )
