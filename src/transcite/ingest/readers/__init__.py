"""Input readers: each turns one kind of capture into a :class:`~transcite.core.model.Record`.

Readers are small registered units. ``transcite ingest`` picks one by ``--from`` or by asking
each registered reader whether it recognises the input (:meth:`Reader.sniff`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from transcite.core.errors import DataError, UsageError
from transcite.core.model import Record
from transcite.ingest.readers.html_source import MAX_HTML_BYTES

#: captures (text or web page) larger than this are refused before they are read whole
MAX_CAPTURE_BYTES = MAX_HTML_BYTES


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What the user tells ``ingest`` beyond the capture itself."""

    id: str
    url: str | None = None
    published: str | None = None
    accessed: str | None = None
    #: the language of the capture itself (``--language``)
    language: str | None = None
    original_language: str | None = None
    encoding: str | None = None
    source_name: str = "<input>"
    #: a fetched page: the charset its HTTP ``Content-Type`` names, the URL asked for and
    #: every redirect target (the last is where the page was read), and the date it was fetched
    http_charset: str | None = None
    fetched: tuple[str, ...] = ()
    fetched_on: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What a reader recognised and what it dropped, for the user to check."""

    recognised: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Ingested:
    record: Record
    report: IngestReport


class Reader(Protocol):
    name: str
    description: str

    def sniff(self, data: bytes) -> bool: ...

    def read(self, data: bytes, options: IngestOptions) -> Ingested: ...


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader to the registry (third-party readers register the same way)."""
    _READERS[reader.name] = reader
    return reader


def reader_names() -> list[str]:
    _load_builtin()
    return sorted(_READERS)


def get_reader(name: str) -> Reader:
    _load_builtin()
    try:
        return _READERS[name]
    except KeyError:
        raise UsageError(
            f"unknown input format {name!r}; choose one of: {', '.join(sorted(_READERS))}"
        ) from None


#: the opening of a TEI document (what transcite writes): a record, not a capture to read
_TEI_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<TEI[\s>]", re.S
)


def detect_reader(data: bytes, source: str = "<input>") -> Reader:
    """The first registered reader that recognises the data; plain text is the fallback.

    A TEI record is refused: read as a page or a capture, its header would become article text.
    """
    if _TEI_START.match(data[:4096]):
        raise DataError(
            f"{source} is a TEI record, not a capture: copy it into the texts folder as ID.xml "
            "to use it, or compare or revise with it directly"
        )
    _load_builtin()
    for name in sorted(_READERS, key=lambda n: n == "text"):
        if _READERS[name].sniff(data):
            return _READERS[name]
    return _READERS["text"]


def _load_builtin() -> None:
    if not _READERS:
        from transcite.ingest.readers import html, text  # noqa: F401  (they register themselves)


def decode_text(data: bytes, encoding: str | None, source: str) -> str:
    """Decode a capture, refusing binary data and explaining a wrong encoding."""
    if not data.strip():
        raise DataError(f"{source}: the file is empty; give a capture of an article")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{source}: this is a binary file, not a text capture")
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or cp1251") from None
        except UnicodeDecodeError as exc:
            raise DataError(
                f"{source}: not valid {encoding} at byte {exc.start}; check --encoding"
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = _guess_legacy_encoding(data)
        raise DataError(
            f"{source}: not UTF-8 (bad byte at offset {exc.start}){hint}"
        ) from None


def _guess_legacy_encoding(data: bytes) -> str:
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.3:
        return "; it looks like Windows-1251 (Cyrillic): re-run with --encoding cp1251"
    return "; re-run with --encoding NAME (e.g. cp1252, latin-1)"
