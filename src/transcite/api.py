"""The library's front door: what the commands do, for a script.

Every function takes the corpus (a folder of records, :class:`~transcite.storage.corpus.Corpus`)
and REFs as the CLI does, and returns plain data; nothing is printed. Errors are
:class:`~transcite.core.errors.TransciteError` subclasses with a one-line message. The CLI
commands ``cite`` and ``quote`` call these functions, so a script gets the same results.

Example::

    >>> from transcite import api
    >>> corpus = api.load_corpus("texts")
    >>> api.cite(corpus, "kartsev-islamists#p5", "apa", "in-text").render()
    '(Kartsev, n.d., para. 5)'
    >>> quote = api.quote(corpus, "kartsev-islamists#p16:s2", "mla")
    >>> api.render_quote(quote, "markdown")[:20]
    '“Russian Foreign Min'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from transcite.cite.citation import Citation, check_access_date, check_form, render_citation
from transcite.cite.styles import get_style
from transcite.core.model import Record
from transcite.core.refs import Pinpoint, Ref, parse_ref, resolve_ref
from transcite.storage.corpus import Corpus, RecordFile

if TYPE_CHECKING:  # pathlib and the rest load only when used: `transcite cite` needs none
    from pathlib import Path

    from transcite.cite.csl import CslOutput
    from transcite.compare.comparison import Comparison
    from transcite.find import Hit
    from transcite.ingest.readers import IngestReport
    from transcite.quote.quoting import Excerpt, Quotation
    from transcite.validate.runner import Report

__all__ = [
    "Found", "Ingested", "Quote", "cite", "cite_csl", "compare", "export", "find", "ingest",
    "load_corpus", "load_record", "quote", "render_quote", "validate",
]

#: where the records are when no folder is given: ``$TRANSCITE_TEXTS``, else ``texts``
TEXTS_VAR = "TRANSCITE_TEXTS"


def load_corpus(texts: str | os.PathLike[str] | None = None) -> Corpus:
    """The corpus: ``texts`` (a folder, or a ``postgresql://`` URL: docs/corpus.md), else
    ``$TRANSCITE_CORPUS``, else the folder ``$TRANSCITE_TEXTS``, else ``texts/``."""
    location = (os.fspath(texts) if texts is not None
                else os.environ.get("TRANSCITE_CORPUS") or os.environ.get(TEXTS_VAR) or "texts")
    if location.lower().startswith(("postgresql://", "postgres://")):
        from transcite.storage.backends import open_corpus

        return open_corpus(location)
    return Corpus(location)


def load_record(corpus: Corpus, record_id: str) -> Record:
    """One record by id (its current version)."""
    return corpus.load(record_id)


def _target(corpus: Corpus, parsed: Ref) -> tuple[Record, Pinpoint | None, list[str]]:
    """The record and pinpoint a parsed REF names, and notes on the version it was made
    against (whether its words changed since)."""
    record = corpus.load(parsed.record_id)
    version_notes: list[str] = []
    if parsed.version is not None:  # only then: the versions module is not needed otherwise
        from transcite.core.versions import resolve_version

        record, version_notes = resolve_version(parsed, record)
    pinpoint = resolve_ref(parsed, record)
    if parsed.sentences is not None:  # only then: sentence splitting is not needed otherwise
        from transcite.quote.excerpt import check_sentences

        check_sentences(record, parsed)
    return record, pinpoint, version_notes


def cite(
    corpus: Corpus, ref: str, style: str = "apa", form: str = "reference", *,
    accessed: str | None = None,
) -> Citation:
    """A citation of REF (``ID``, ``ID#p5``, ``ID#p5-p7``, ``ID#fig1``, ``ID@1#p5``), as
    ``transcite cite`` prints it: ``citation.render(fmt)`` and ``citation.notices`` (a REF
    made against an earlier version adds notes on whether its words changed, first)."""
    parsed = parse_ref(ref)
    get_style(style)
    check_form(form)
    if accessed is not None:
        check_access_date(accessed)
    record, pinpoint, version_notes = _target(corpus, parsed)
    citation = render_citation(record, style, form, pinpoint, accessed=accessed)
    if version_notes:
        citation = citation._replace(notices=(*version_notes, *citation.notices))
    return citation


def cite_csl(
    corpus: Corpus, refs: Sequence[str], style: str, form: str = "reference",
    fmt: str = "text", *, accessed: str | None = None,
) -> CslOutput:
    """Citations of the REFs in a CSL style (an id such as ``nature``, or a ``.csl`` file),
    rendered by pandoc in one run, as ``transcite cite --csl`` prints them: ``texts`` (one
    citation a REF, or with ``form="reference"`` the reference list of the works in the
    style's order) and ``notices`` (version notes first). Needs ``transcite[csl]``."""
    from transcite.cite.csl import render_csl

    parsed = [parse_ref(ref) for ref in refs]
    check_form(form)
    if accessed is not None:
        check_access_date(accessed)
    targets: list[tuple[Record, Pinpoint | None]] = []
    notes: list[str] = []
    for ref in parsed:
        record, pinpoint, version_notes = _target(corpus, ref)
        targets.append((record, pinpoint))
        notes += version_notes
    output = render_csl(targets, style, form, fmt, accessed=accessed)
    return output._replace(notices=(*notes, *output.notices))


class Quote(NamedTuple):
    """A quotation set in a style, and the notes on the version its REF was made against."""

    quotation: Quotation
    #: what changed since the version a REF such as ``ID@1#p3:s2`` names (shown first)
    version_notes: tuple[str, ...] = ()

    def notices(self, with_reference: bool = False) -> tuple[str, ...]:
        """Everything to tell the user, in order (the reference entry's too, if shown)."""
        own = (
            self.quotation.notices_with_reference() if with_reference
            else self.quotation.notices
        )
        return (*self.version_notes, *own)


def _excerpt(parsed: Ref, record: Record) -> tuple[Excerpt, list[str]]:
    """What the REF quotes; a REF made against an earlier version (``ID@1#p13:s3``) resolves
    in the current text where it still can, else in that version, with notes on what changed."""
    from transcite.quote.excerpt import select_excerpt

    if parsed.version is None:  # only then: the versions module is not needed otherwise
        return select_excerpt(record, parsed), []
    from dataclasses import replace

    from transcite.core.versions import record_version, resolve_version
    from transcite.quote.excerpt import sentences_as_in_version

    used, notes = resolve_version(parsed, record)
    if used is record:
        used, more = sentences_as_in_version(parsed, record, record_version(record, parsed.version))
        notes += more
    excerpt = select_excerpt(used, parsed)
    if used is not record:  # the words as they were in that version
        excerpt = replace(excerpt, version=parsed.version)
    return excerpt, notes


def quote(
    corpus: Corpus, ref: str, style: str = "apa", *, accessed: str | None = None
) -> Quote:
    """The exact words REF points at (``ID#p5``, ``ID#p5:s2``, ``ID#p5:s1,s3``, ``ID#fig1``,
    ``ID@1#p3:s2``), set as ``style`` sets quotations, with its citation."""
    from transcite.quote.quoting import set_quotation

    parsed = parse_ref(ref)
    get_style(style)
    if accessed is not None:
        check_access_date(accessed)
    excerpt, version_notes = _excerpt(parsed, corpus.load(parsed.record_id))
    quotation = set_quotation(excerpt, style, accessed=accessed)
    return Quote(quotation, tuple(version_notes))


def render_quote(
    quote: Quote | Quotation, fmt: str = "text", *, with_reference: bool = False,
    link: str | None = None,
) -> str:
    """A quotation as ``transcite quote --format`` prints it: ``text``, ``markdown``, ``html``,
    ``latex``, ``json`` or ``annotation`` (a W3C Web Annotation)."""
    import json

    from transcite.quote import formats

    quotation = quote.quotation if isinstance(quote, Quote) else quote
    formats.check_format(fmt)
    if fmt == "json":
        data = formats.quotation_json(quotation, link)
    elif fmt == "annotation":
        from transcite.quote.annotation import annotation

        data = annotation(quotation)
    else:
        return formats.write(quotation, fmt, with_reference, link)
    return json.dumps(data, ensure_ascii=False, indent=2)


def compare(corpus: Corpus, old: str, new: str) -> Comparison:
    """Two versions or texts compared paragraph by paragraph; each of ``old`` and ``new`` is a
    record id, ``ID@N``, a record file or a capture file (``comparison.to_json()``)."""
    from transcite.compare.comparison import compare_records
    from transcite.compare.sources import load_text

    return compare_records(load_text(old, corpus), load_text(new, corpus), old, new)


def validate(
    corpus: Corpus, record_ids: Sequence[str] | None = None, *,
    agencies: str | Path | None = None,
) -> Report:
    """The findings of ``transcite validate`` for these records (``None``: every record);
    ``report.failed(strict)`` is what sets its exit status."""
    from pathlib import Path

    from transcite.credits.agencies import load_registry
    from transcite.validate.runner import validate_files

    if record_ids is None:
        files = [(i, corpus.source(i)) for i in corpus.ids()]
    else:
        files = [(i, corpus.require(i)) for i in dict.fromkeys(record_ids)]
    return validate_files(files, load_registry(Path(agencies) if agencies else None))


def export(corpus: Corpus, record_ids: Sequence[str], fmt: str) -> str:
    """The records in an export format (``csl-json``, ``bibtex``, ``biblatex``, ``ris``), one
    entry each; an id named twice is one entry."""
    from transcite.exports import get_exporter

    exporter = get_exporter(fmt)
    return exporter.export([corpus.load(i) for i in dict.fromkeys(record_ids)])


class Found(NamedTuple):
    """A search's hits, best first, with their citations when a style was asked for, and the
    index's notes (what ``transcite find`` prints on stderr)."""

    hits: list[Hit]
    citations: list[str | None]
    notices: list[str]

    def to_json(self) -> list[dict[str, object]]:
        """``transcite find --format json``."""
        return [hit.to_json(c) for hit, c in zip(self.hits, self.citations, strict=True)]


def find(
    corpus: Corpus, query: str, *, limit: int = 10, record_id: str | None = None,
    style: str | None = None,
) -> Found:
    """``transcite find QUERY [--limit N] [--record ID] [--style S]``: where QUERY is in the
    corpus (or in record ``record_id``), exact or approximate."""
    from transcite.find import cite_hit
    from transcite.find import find as find_hits

    if style is not None:
        get_style(style)
    if record_id is not None:
        corpus.require(record_id)
    index = corpus.index()
    try:
        hits = find_hits(index, query, limit=limit, record_id=record_id)
        notices = list(index.notes)
        index.notes.clear()
    finally:
        index.close()
    citations: list[str | None] = [
        cite_hit(corpus.load(hit.record_id), hit, style) if style else None for hit in hits
    ]
    return Found(hits, citations, notices)


class Ingested(NamedTuple):
    """A capture made into a record and saved: where (a file of a folder, a row of a
    database), and what the reader reported."""

    path: RecordFile
    record: Record
    #: what was recognised, what was dropped as page furniture, and notes (``ingest``'s stderr)
    report: IngestReport


def ingest(
    corpus: Corpus, record_id: str, source: str | None = None, *, data: bytes | None = None,
    url: str | None = None, published: str | None = None, accessed: str | None = None,
    language: str | None = None, original_language: str | None = None,
    encoding: str | None = None, source_format: str | None = None, force: bool = False,
    source_name: str | None = None,
) -> Ingested:
    """One capture made into the record ``record_id``, as ``transcite ingest SOURCE --id ID``:
    ``source`` an http(s) URL (fetched, read as a web page) or a capture file; or the capture's
    bytes as ``data`` (named ``source_name`` in messages). An existing record is replaced only
    with ``force`` (its earlier versions lost: said in the report's notes)."""
    from dataclasses import replace

    from transcite.core.errors import ConflictError, UsageError
    from transcite.ingest.fetch import check_url, fetch, is_url
    from transcite.ingest.readers import IngestOptions, detect_reader, get_reader
    from transcite.storage.corpus import check_id

    if (source is None) == (data is None):
        raise UsageError("give a capture: a file, a URL or its text, one of them")
    check_id(record_id, new=True)
    check_values(published, accessed, language, original_language)
    if url:
        check_url(url, "--url")
    fetching = source is not None and is_url(source)
    if fetching:
        check_url(str(source), "URL")
    if corpus.exists(record_id) and not force:
        raise ConflictError(
            f"{corpus.path_for(record_id)} exists; pass --force to replace it, "
            "or choose another --id"
        )
    options = IngestOptions(
        id=record_id, url=url, published=published, accessed=accessed, language=language,
        original_language=original_language, encoding=encoding,
        source_name=source_name or source or "<input>",
    )
    if fetching:
        page = fetch(str(source))
        data = page.data
        options = replace(
            options, http_charset=page.charset, fetched=page.chain, fetched_on=page.accessed,
            source_name=page.final_url,
        )
        reader = get_reader(source_format or "html")
    else:
        if data is None:
            from transcite.ingest.readers import MAX_CAPTURE_BYTES
            from transcite.storage.inputs import read_capped

            data = read_capped(str(source), MAX_CAPTURE_BYTES, what="the capture",
                               hint="give a capture file")
        reader = (get_reader(source_format) if source_format
                  else detect_reader(data, options.source_name))
    result = reader.read(data, options)
    with corpus.locked(record_id):  # exists-then-write with no other writer between
        if force and corpus.exists(record_id):
            result.report.notes.extend(_replaced(corpus, record_id))
        path = corpus.save(result.record, force=force)
    return Ingested(path, result.record, result.report)


def check_values(
    published: str | None, accessed: str | None, language: str | None,
    original_language: str | None,
) -> None:
    """The dates and languages given for an ingest, checked before anything is read."""
    from transcite.core.dates import check_date
    from transcite.core.languages import check_language

    if published:
        check_date(published, "--published")
    if accessed:
        check_access_date(accessed)
    for value, what in ((language, "--language"), (original_language, "--original-language")):
        if value:
            check_language(value, what)


def _replaced(corpus: Corpus, record_id: str) -> list[str]:
    """What ``force`` throws away beyond the old text: earlier versions and align's links."""
    from transcite.core.errors import TransciteError
    from transcite.core.model import plural

    try:
        old = corpus.load(record_id)
    except TransciteError:
        return []  # a broken record: nothing of it can be kept anyway
    lost = []
    if old.earlier:
        lost.append(f"{plural(len(old.earlier), 'earlier version')} and the history")
    if any(p.corresp for p in old.paragraphs):
        lost.append("the links to the original (transcite align)")
    if not lost:
        return []
    return [
        f"{record_id} was replaced with {' and '.join(lost)} it held; restore the old file from "
        f"a copy if you need them (transcite revise {record_id} FILE adds a version and keeps "
        "everything)"
    ]
