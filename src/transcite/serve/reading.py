"""What the reading room shows and answers, as plain data: no web framework in here.

Every answer of the JSON API is the contract of the CLI command it mirrors (``list``, ``show``,
``cite``, ``quote``, ``credits`` with ``--format json``): it is built by the same library
calls, so the two cannot drift apart. What the CLI prints on stderr as ``note: …`` comes back
as ``notices``. Requests never name a file: a record is named by its id, checked as the CLI
checks it (:func:`transcite.storage.corpus.check_id`), and loaded from the corpus folder.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from transcite.core.errors import UsageError
from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.core.refs import parse_ref
from transcite.storage.corpus import Corpus, check_id

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def flag(value: str | None, name: str) -> bool:
    """A boolean query parameter: ``1``/``true``/``yes``/``on`` or ``0``/``false``/… or absent."""
    if value is None:
        return False
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise UsageError(f"{name}={value!r}: use {name}=1 or {name}=0")


def version_number(value: str | None) -> int | None:
    """``?version=N``: a positive number, or absent."""
    if value is None or value == "":
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        raise UsageError(f"version={value!r}: give a version number, 1 or more")
    return int(value)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a paragraph's text: sentence ``n`` or the space between two (``n`` = 0)."""

    text: str
    n: int


@dataclass(frozen=True, slots=True)
class BlockView:
    """One block as the record page shows it."""

    block: Paragraph | Figure | Label
    #: the paragraph's text cut into sentences (what a selection maps to); empty otherwise
    segments: tuple[Segment, ...] = ()
    #: a new section starts here (the page draws a break)
    new_section: bool = False


def segments_of(paragraph: Paragraph) -> tuple[Segment, ...]:
    """The paragraph as sentences and the space between them, in order, covering its text."""
    from transcite.quote.sentences import split_sentences

    out: list[Segment] = []
    pos = 0
    for sentence in split_sentences(paragraph.text):
        if sentence.start > pos:
            out.append(Segment(paragraph.text[pos : sentence.start], 0))
        out.append(Segment(sentence.text, sentence.n))
        pos = sentence.end
    if pos < len(paragraph.text):
        out.append(Segment(paragraph.text[pos:], 0))
    return tuple(out)


def block_views(record: Record) -> list[BlockView]:
    views = []
    section = None
    for block in record.blocks:
        new_section = section is not None and block.section != section
        section = block.section
        segments = segments_of(block) if isinstance(block, Paragraph) else ()
        views.append(BlockView(block, segments, new_section))
    return views


def safe_url(url: str | None) -> str | None:
    """A URL the page may link to: ``http(s)`` only (a ``javascript:`` URL stays text)."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


class KeptCorpus(Corpus):
    """A corpus whose parsed records are kept while their file is unchanged (size and
    modification time), so that a page is not a re-parse of its TEI file. Records are
    immutable values, so threads may share them."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        super().__init__(root)
        self._kept: dict[str, tuple[tuple[int, int], Record]] = {}
        self._lock = threading.Lock()

    def load(self, record_id: str) -> Record:
        check_id(record_id)
        try:
            info = self.path_for(record_id).stat()
        except OSError:
            return super().load(record_id)  # the corpus's own "no record …" message
        key = (info.st_mtime_ns, info.st_size)
        kept = self._kept.get(record_id)
        if kept is not None and kept[0] == key:
            return kept[1]
        record = super().load(record_id)
        with self._lock:
            self._kept[record_id] = (key, record)
        return record


class Reading:
    """The corpus behind the reading room, and the answers of the API."""

    def __init__(self, texts_dir: str | os.PathLike[str]) -> None:
        location = os.fspath(texts_dir)
        self.corpus: Corpus
        if location.lower().startswith(("postgresql://", "postgres://")):
            from transcite.storage.backends import open_corpus

            self.corpus = open_corpus(location)  # a database: every page reads its rows
        else:
            self.corpus = KeptCorpus(location)

    # ---------------------------------------------------------------- records

    def load(self, record_id: str) -> Record:
        return self.corpus.load(record_id)

    def exists(self, record_id: str) -> bool:
        check_id(record_id)
        return self.corpus.exists(record_id)

    def records(self) -> list[Record]:
        return [self.load(record_id) for record_id in self.corpus.ids()]

    def version_of(self, record_id: str, version: int | None) -> Record:
        record = self.load(record_id)
        if version is None:
            return record
        from transcite.core.versions import record_version

        return record_version(record, version)

    # ---------------------------------------------------------------- the API's answers

    def records_json(self) -> list[dict[str, Any]]:
        """``transcite list --format json``."""
        return [record.summary_json() for record in self.records()]

    def record_json(self, record_id: str, version: int | None = None) -> dict[str, Any]:
        """``transcite show ID [--version N] --format json``."""
        return self.version_of(record_id, version).to_json()

    def credits_json(self, record_id: str) -> dict[str, Any]:
        """``transcite credits ID --format json``, with its stderr notes as ``notices``."""
        from transcite.credits.sheet import credit_sheet

        sheet = credit_sheet(self.load(record_id))
        return {**sheet.to_json(), "notices": list(sheet.gaps)}

    def cite(
        self, ref: str, style: str = "apa", form: str = "reference", fmt: str = "text",
        accessed: str | None = None,
    ) -> dict[str, Any]:
        """``transcite cite REF --style S --form F --format FMT``: its stdout as ``citation``,
        its notes as ``notices``."""
        from transcite import api
        from transcite.cite.citation import check_form
        from transcite.cite.styles import get_style
        from transcite.render.richtext import get_backend

        parse_ref(ref)  # usage errors in the CLI's order: REF, style, form, format
        get_style(style)
        check_form(form)
        get_backend(fmt)
        citation = api.cite(self.corpus, ref, style, form, accessed=accessed)
        return {
            "ref": ref, "style": style, "form": form, "format": fmt,
            "citation": citation.render(fmt), "notices": list(citation.notices),
        }

    def quote(
        self, ref: str, style: str = "apa", fmt: str = "json", *, with_reference: bool = False,
        link: bool = False, accessed: str | None = None,
    ) -> dict[str, Any]:
        """``transcite quote REF --style S --format FMT``: for ``json`` and ``annotation`` the
        object the CLI prints; for the other formats ``{"output": stdout, "notices": …}``."""
        import json

        from transcite import api
        from transcite.cite.styles import get_style
        from transcite.quote.formats import check_format

        parse_ref(ref)  # usage errors in the CLI's order: REF, style, format
        get_style(style)
        check_format(fmt)
        quoted = api.quote(self.corpus, ref, style, accessed=accessed)
        excerpt = quoted.quotation.excerpt
        url = None
        if link or fmt == "json":
            from transcite.quote.textfragment import excerpt_link

            url = excerpt_link(excerpt) if link or excerpt.record.url else None
        output = api.render_quote(quoted, fmt, with_reference=with_reference, link=url)
        if fmt in ("json", "annotation"):
            data: dict[str, Any] = json.loads(output)
            return data
        return {
            "ref": excerpt.canonical_ref, "style": style, "format": fmt, "output": output,
            "notices": list(quoted.notices(with_reference)),
        }

    def comparison_html(self, record_id: str, old: int, new: int) -> str:
        """The side-by-side page of ``transcite compare ID@A ID@B --format html``."""
        from transcite.compare.comparison import compare_records
        from transcite.compare.html import render_html
        from transcite.core.versions import record_version

        record = self.load(record_id)
        return render_html(compare_records(
            record_version(record, old), record_version(record, new),
            f"{record_id}@{old}", f"{record_id}@{new}",
        ))


def matches(record: Record, words: str, publisher: str) -> bool:
    """The corpus page's filter: every word in the title, an author, a translator, the
    publisher or the id (case-insensitive); and the publisher, when one is chosen."""
    if publisher and (record.publisher or "") != publisher:
        return False
    hay = " ".join([
        record.id, record.title, record.publisher or "",
        *(p.full_name for p in (*record.authors, *record.translators)),
    ]).casefold()
    return all(word in hay for word in words.casefold().split())
