"""The reading room's tools as plain data (no web framework in here): corpus-wide search
(``transcite find``), checking a manuscript (``transcite check``) and, with
``--allow-ingest``, making a record of a capture (``transcite ingest``).

Each answer is built by the same library calls as the CLI command, so the JSON is the
command's ``--format json`` output. Nothing here names a file: a manuscript or a capture
arrives as bytes, with a display name that is never opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transcite.core.errors import UsageError
from transcite.storage.corpus import Corpus

if TYPE_CHECKING:
    from transcite.api import Ingested
    from transcite.check.run import Report
    from transcite.find import Hit

#: the most hits one search may ask for (as ``transcite find --limit``)
MAX_LIMIT = 1000
#: manuscript formats ``check`` reads (``--input-format``)
INPUT_FORMATS = ("plain", "markdown", "html", "latex", "docx")


def limit_number(value: str | None, default: int = 10) -> int:
    """``?limit=N``: a number of hits from 1 to :data:`MAX_LIMIT`."""
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 4 \
            or not 1 <= int(value) <= MAX_LIMIT:
        raise UsageError(f"limit={value!r}: give a number of hits from 1 to {MAX_LIMIT}")
    return int(value)


@dataclass(frozen=True, slots=True)
class Found:
    """A search's hits, with their citations when a style was asked for."""

    hits: list[Hit]
    citations: list[str | None]
    notices: list[str]

    def to_json(self) -> list[dict[str, Any]]:
        """``transcite find --format json``."""
        return [hit.to_json(c) for hit, c in zip(self.hits, self.citations, strict=True)]


def find(
    corpus: Corpus, query: str, *, limit: int = 10, record_id: str | None = None,
    style: str | None = None,
) -> Found:
    """``transcite find QUERY [--limit N] [--record ID] [--style S]``: the hits, best first."""
    from transcite.find import cite_hit
    from transcite.find import find as find_hits

    if style is not None:
        from transcite.cite.styles import get_style

        get_style(style)
    if record_id is not None:
        corpus.require(record_id)
    index = corpus.index()
    try:
        hits = find_hits(index, query, limit=limit, record_id=record_id)
        notices = list(index.notes)
    finally:
        index.close()
    citations: list[str | None] = [
        cite_hit(corpus.load(hit.record_id), hit, style) if style else None for hit in hits
    ]
    return Found(hits, citations, notices)


def manuscript_name(name: str | None, fallback: str = "manuscript.md") -> str:
    """The name a manuscript is shown under (its suffix also tells its format): the last
    part of what the browser says the file was called; never opened."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or name in (".", "..") or any(ord(c) < 32 for c in name) or len(name) > 255:
        return fallback
    return name


def check(
    corpus: Corpus, data: bytes, name: str, *, style: str = "apa",
    input_format: str | None = None, all_quotes: bool = False, reuse: bool = False,
) -> tuple[Report, list[str]]:
    """``transcite check MANUSCRIPT``: the report and the reader's notes (its stderr). A
    LaTeX manuscript's ``\\input`` files are never read (no folder is given)."""
    from transcite.check import check_manuscript, read_manuscript

    if input_format is not None and input_format not in INPUT_FORMATS:
        raise UsageError(f"input_format={input_format!r}: use one of "
                         + ", ".join(INPUT_FORMATS))
    parsed = read_manuscript(data, name, input_format or None, None)
    report = check_manuscript(corpus, parsed, style=style, all_quotes=all_quotes, reuse=reuse)
    return report, list(parsed.notes)


def ingest(
    corpus: Corpus, record_id: str, *, url: str | None = None, text: str | None = None,
    page_url: str | None = None, published: str | None = None,
    original_language: str | None = None,
) -> Ingested:
    """``transcite ingest URL --id ID`` (``url``: the page is fetched) or ``transcite ingest
    - --id ID`` with the pasted capture ``text`` (``page_url``: where it was published).
    Never replaces a record (no ``--force`` from a browser)."""
    from transcite import api

    if bool(url) == bool(text and text.strip()):
        raise UsageError("give either a URL to fetch or the text of a capture")
    if url:
        return api.ingest(corpus, record_id, url, published=published,
                          original_language=original_language)
    assert text is not None
    return api.ingest(corpus, record_id, data=text.encode("utf-8"), url=page_url,
                      published=published, original_language=original_language,
                      source_name="<pasted capture>")

