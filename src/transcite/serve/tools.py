"""The reading room's tools as plain data (no web framework in here): corpus-wide search
(``transcite find``), checking a manuscript (``transcite check``) and, with
``--allow-ingest``, making a record of a capture (``transcite ingest``).

Search is ``transcite.api.find`` itself. Each answer is built by the same library calls as
the CLI command, so the JSON is the
command's ``--format json`` output. Nothing here names a file: a manuscript or a capture
arrives as bytes, with a display name that is never opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transcite.core.errors import UsageError
from transcite.storage.corpus import Corpus

if TYPE_CHECKING:
    from transcite.api import Ingested
    from transcite.check.run import Report

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

