"""Batch ingest: many captures, a folder of them, or a file listing files and URLs.

Each item is read and saved on its own (in worker processes with ``jobs`` > 1): an item that
fails is reported with its one-line error and the batch goes on; a record is written whole or
not at all (``Corpus.save``). Ids come from a rule (``--id-from``): the slug of the record's
title, of the URL, or of the file name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from transcite.core.errors import TransciteError, UsageError
from transcite.ingest.fetch import fetch, is_url
from transcite.ingest.readers import (
    MAX_CAPTURE_BYTES,
    IngestOptions,
    detect_reader,
    get_reader,
)
from transcite.storage.backends import open_corpus
from transcite.storage.corpus import check_id
from transcite.storage.index import fold
from transcite.storage.inputs import read_capped

IdRule = Literal["title", "url", "file"]
ID_RULES: tuple[IdRule, ...] = ("title", "url", "file")
#: file name endings taken from a folder
CAPTURE_ENDINGS = (".txt", ".html", ".htm", ".xhtml")
_SLUG_MAX = 80
#: a --from-list file (about 600,000 URLs of 100 characters)
MAX_LIST_BYTES = 64 * 2**20


def slug(text: str) -> str:
    """``"Russia and the U.S. are racing…"`` -> ``russia-and-the-u-s-are-racing``: folded,
    runs of other characters as one hyphen, at most 80 characters, cut at a hyphen."""
    value = re.sub(r"[^a-z0-9]+", "-", fold(text).encode("ascii", "ignore").decode()).strip("-")
    if len(value) > _SLUG_MAX:
        value = value[:_SLUG_MAX].rsplit("-", 1)[0]
    return value


def sources_from(items: tuple[str, ...], list_file: str | None) -> list[str]:
    """The captures named: files and URLs as given, every capture file of a folder (sorted),
    and the lines of ``list_file`` (blank lines and ``#`` comments skipped)."""
    out: list[str] = []
    for item in items:
        if not is_url(item) and os.path.isdir(item):
            names = sorted(n for n in os.listdir(item)
                           if n.lower().endswith(CAPTURE_ENDINGS) and not n.startswith("."))
            if not names:
                raise UsageError(f"{item}: a folder with no capture files "
                                 f"({', '.join(CAPTURE_ENDINGS)})")
            out.extend(os.path.join(item, n) for n in names)
        else:
            out.append(item)
    if list_file is not None:
        data = read_capped(list_file, MAX_LIST_BYTES, what="the list", hint="give a file")
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise UsageError(f"--from-list {list_file}: cannot read it: {exc}") from None
        out.extend(s for line in lines if (s := line.strip()) and not s.startswith("#"))
    return out


@dataclass(frozen=True, slots=True)
class Settings:
    """What applies to every item of a batch (``IngestOptions`` less the per-item values)."""

    root: str
    id_from: IdRule | None
    published: str | None = None
    accessed: str | None = None
    language: str | None = None
    original_language: str | None = None
    encoding: str | None = None
    source_format: str | None = None
    force: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """One item: the record written, or why not."""

    source: str
    record_id: str | None = None
    path: str | None = None
    error: str | None = None


def _id_for(rule: IdRule | None, source: str, title: str, final_url: str | None) -> str:
    """The id of an item by ``rule`` (default: ``url`` for a URL, ``file`` for a file)."""
    rule = rule or ("url" if is_url(source) else "file")
    if rule == "title":
        base = slug(title)
    elif rule == "url":
        url = final_url or (source if is_url(source) else None)
        if url is None:
            raise UsageError(f"{source}: a file, not a URL: no id from the URL; use "
                             "--id-from title or file")
        path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
        base = slug(path.rsplit("/", 1)[-1] if "/" in path else path)
    else:
        if is_url(source):
            raise UsageError(f"{source}: a URL, not a file: use --id-from url or title")
        base = slug(os.path.splitext(os.path.basename(source))[0])
    if not base:
        raise UsageError(f"{source}: no id can be made from its {rule}; use another --id-from")
    return check_id(base, new=True)


def ingest_one(settings: Settings, source: str) -> Outcome:
    """Read one capture and save its record; a failure is the outcome's ``error``."""
    try:
        options = IngestOptions(
            id="batch-item", published=settings.published, accessed=settings.accessed,
            language=settings.language, original_language=settings.original_language,
            encoding=settings.encoding, source_name=source,
        )
        final_url = None
        if is_url(source):
            page = fetch(source)
            data = page.data
            final_url = page.final_url
            options = replace(options, url=page.final_url, http_charset=page.charset,
                              fetched=page.chain, fetched_on=page.accessed,
                              source_name=page.final_url)
            reader = get_reader(settings.source_format or "html")
        else:
            # capped as every input is (one line, before it is read whole)
            data = read_capped(source, MAX_CAPTURE_BYTES, what="the capture",
                               hint="give a capture file")
            reader = (get_reader(settings.source_format) if settings.source_format
                      else detect_reader(data, source))
        record = reader.read(data, options).record
        record_id = _id_for(settings.id_from, source, record.title, final_url)
        corpus = open_corpus(settings.root)  # a folder, or a database's URL
        try:
            path = corpus.save(record._replace(id=record_id), force=settings.force)
        finally:
            corpus.close()
        return Outcome(source, record_id, str(path))
    except TransciteError as exc:
        return Outcome(source, error=exc.message)


def _one(args: tuple[Settings, str]) -> Outcome:
    return ingest_one(*args)


def ingest_many(
    settings: Settings,
    sources: list[str],
    *,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Outcome]:
    """Ingest every source (``jobs`` worker processes), yielding outcomes in source order."""
    work = [(settings, source) for source in sources]
    if jobs <= 1 or len(sources) <= 1:
        results: Iterator[Outcome] = map(_one, work)
        pool = None
    else:
        from multiprocessing import get_context

        pool = get_context("fork").Pool(jobs)
        results = pool.imap(_one, work)
    try:
        for done, outcome in enumerate(results, 1):
            if progress is not None:
                progress(done, len(sources))
            yield outcome
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
