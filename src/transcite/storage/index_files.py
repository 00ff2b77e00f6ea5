"""Reading a corpus folder for the index: which files there are, and what each holds.

Used by :mod:`transcite.storage.sqlite_index` (and by any other index backend): the stat of
every ``ID.xml`` file, and the rows that index one file, read in this process or shared among
worker processes that also add up how many blocks hold each word.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from transcite.core.errors import TransciteError
from transcite.storage.atomic import remove_unlocked
from transcite.storage.index import (
    RACY_SECONDS,
    Progress,
    credits_line,
    fold,
    folded_words,
    json_value,
    summary_json_text,
)

if TYPE_CHECKING:
    from transcite.storage.sqlite_terms import TermCounts
    from transcite.storage.tei_index import IndexEntry

__all__ = ["RACY_SECONDS", "Row", "read_rows", "scan_folder"]
#: above this many records to read, reading is shared among worker processes
PARALLEL_FROM = 400

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
#: a record writer's temporary file (``tempfile.mkstemp``'s 8 random characters)
_RECORD_TEMP = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.[a-z0-9_]{8}\.tmp\Z")

#: a record read for the index: its records row and its block rows
Row = tuple[tuple[Any, ...], list[tuple[str, str, str, str | None, str, str]]]


def scan_folder(root: str) -> dict[str, tuple[int, int]]:
    """Record id -> (size, modification time in ns) of every ``ID.xml`` file of ``root``.

    Temporary files of record writers that have gone (a ``kill -9`` between the write and the
    rename: ``.ID.xml.XXXXXXXX.tmp``, or ``.ID.XXXXXXXX.tmp`` from earlier versions) are
    removed on the way, when the folder can be written (see :mod:`storage.atomic`)."""
    found: dict[str, tuple[int, int]] = {}
    temps: list[str] = []
    try:
        entries = os.scandir(root)
    except OSError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") and _RECORD_TEMP.match(name):
                temps.append(entry.path)
                continue
            if not name.endswith(".xml") or not _SAFE_ID.match(name[:-4]):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found[name[:-4]] = (st.st_size, st.st_mtime_ns)
    if temps:
        remove_unlocked(temps)
    return found


def _names(people: Iterable[str]) -> str:
    """``json.dumps(list(people), ensure_ascii=False)``."""
    return "[" + ", ".join(map(json_value, people)) + "]"


def entry_rows(entry: IndexEntry, size: int, mtime_ns: int, sha: str) -> Row:
    """The rows that index a record (read from a file of this size, time and hash)."""
    authors = [p.full_name for p in entry.authors]
    translators = [p.full_name for p in entry.translators]
    paragraphs = sum(1 for b in entry.blocks if b[1] == "paragraph")
    figures = sum(1 for b in entry.blocks if b[1] == "figure")
    labels = len(entry.blocks) - paragraphs - figures
    row = (
        entry.id, size, mtime_ns, sha, None, entry.title, entry.language, entry.publisher,
        entry.url, entry.published, entry.accessed, _names(authors), _names(translators),
        entry.version, paragraphs, figures, labels,
        fold(" | ".join(authors)), fold(" | ".join(translators)), fold(entry.publisher or ""),
        fold(entry.title), fold(" | ".join(f"{p.family} {p.given}" for p in entry.authors)),
        credits_line(authors, translators, paragraphs, figures, labels),
        summary_json_text({
            "id": entry.id, "title": entry.title, "authors": authors,
            "translators": translators, "paragraphs": paragraphs, "figures": figures,
            "labels": labels,
        }),
    )
    blocks = [(entry.id, *block, fold(block[3])) for block in entry.blocks]
    return row, blocks


def broken_row(record_id: str, size: int, mtime_ns: int, sha: str, error: str) -> Row:
    return (record_id, size, mtime_ns, sha, error, *([None] * 19)), []


def read_for_index(root: str, record_id: str, known_sha: str | None = None) -> Row | None:
    """Read and hash one file; ``None`` when its content hash is ``known_sha`` (unchanged) or
    the file is gone."""
    from transcite.storage.tei_index import index_entry_from_bytes

    path = os.path.join(root, f"{record_id}.xml")
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return broken_row(record_id, -1, 0, "", f"{path}: cannot read: {exc.strerror}")
    sha = hashlib.sha256(data).hexdigest()
    mtime = st.st_mtime_ns
    if time.time_ns() - mtime < RACY_SECONDS * 1e9:
        mtime = 0  # racily clean: hash it again next time
    if sha == known_sha:
        return (record_id, st.st_size, mtime, sha), []
    try:
        entry = index_entry_from_bytes(data, path)
    except TransciteError as exc:
        return broken_row(record_id, st.st_size, mtime, sha, exc.message)
    if entry.id != record_id:
        return broken_row(
            record_id, st.st_size, mtime, sha,
            f"{path}: holds record {entry.id!r}, not {record_id!r}; rename the file or fix "
            "its idno",
        )
    return entry_rows(entry, st.st_size, mtime, sha)


def count_terms(row: Row, counts: Counter[str]) -> None:
    """Add one to the count of each word for each block of ``row`` that holds it."""
    update = counts.update
    for block in row[1]:
        update(set(folded_words(block[5])))


def _count(row: Row, counts: Counter[str], terms: TermCounts | None) -> None:
    """Count the words of ``row`` in ``counts``, or, with ``terms``, only those of the blocks
    FTS5 does not count alike (:mod:`transcite.storage.sqlite_terms`)."""
    if terms is None:
        count_terms(row, counts)
    else:
        terms.add([block[5] for block in row[1]])


def _counter(fts: bool) -> TermCounts | None:
    if not fts:
        return None
    from transcite.storage.sqlite_terms import TermCounts

    return TermCounts()


def _worker(
    root: str, items: list[tuple[str, str | None]], queue: Any, fts: bool, batch: int = 100
) -> None:
    """Read ``items`` and put them on ``queue`` in batches, then the word counts (those to
    add, those FTS5 counts that are not to be trusted: see :func:`read_rows`), then None."""
    counts: Counter[str] = Counter()
    terms = _counter(fts)
    out: list[tuple[str, Row | None]] = []
    try:
        for record_id, sha in items:
            row = read_for_index(root, record_id, sha)
            if row is not None:
                _count(row, counts, terms)
            out.append((record_id, row))
            if len(out) >= batch:
                queue.put(out)
                out = []
        queue.put(out)
        queue.put((counts, Counter()) if terms is None else (terms.python, terms.fts()))
    finally:
        queue.put(None)


def read_in_workers(
    root: str,
    to_read: list[tuple[str, str | None]],
    jobs: int,
    progress: Progress | None,
    counts: Counter[str],
    fts: Counter[str] | None = None,
) -> Iterator[tuple[str, Row | None]]:
    """:func:`read_rows` with ``jobs`` worker processes, each adding up the word counts of
    its share (merging per record in one process would cost as much as reading)."""
    from multiprocessing import get_context

    context = get_context("fork")
    queue = context.Queue(maxsize=64)
    workers = [
        context.Process(target=_worker, args=(root, to_read[k::jobs], queue, fts is not None),
                        daemon=True)
        for k in range(jobs)
    ]
    for worker in workers:
        worker.start()
    running, done, total = len(workers), 0, len(to_read)
    try:
        while running:
            item = queue.get()
            if item is None:
                running -= 1
            elif isinstance(item, tuple):
                counts.update(item[0])
                if fts is not None:
                    fts.update(item[1])
            else:
                yield from item
                done += len(item)
                if progress is not None:
                    progress(done, total)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
    if done != total:
        raise TransciteError(f"{root}/: indexing stopped: a worker process failed")


def read_rows(
    root: str,
    to_read: list[tuple[str, str | None]],
    jobs: int,
    progress: Progress | None,
    counts: Counter[str],
    fts: Counter[str] | None = None,
) -> Iterator[tuple[str, Row | None]]:
    """Read the files (in ``jobs`` worker processes when there are many) as they come, so
    that the caller stores each while the workers read the next; ``counts`` gets, once all
    are read, the number of blocks holding each word in the records read anew.

    With ``fts`` (a rebuild, which reads the counts from its full-text index:
    :func:`~transcite.storage.sqlite_rows.store_terms`), ``counts`` gets only the words of
    the blocks FTS5 does not split alike, and ``fts`` what FTS5 counts for those blocks."""
    total = len(to_read)
    if jobs > 1 and total >= PARALLEL_FROM:
        yield from read_in_workers(root, to_read, jobs, progress, counts, fts)
        return
    terms = _counter(fts is not None)
    for k, (record_id, sha) in enumerate(to_read, 1):
        row = read_for_index(root, record_id, sha)
        if row is not None:
            _count(row, counts, terms)
        yield record_id, row
        if progress is not None and (k % 100 == 0 or k == total):
            progress(k, total)
    if terms is not None and fts is not None:
        counts.update(terms.python)
        fts.update(terms.fts())
