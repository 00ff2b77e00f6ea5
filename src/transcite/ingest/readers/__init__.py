"""Input readers: each turns one kind of capture into a :class:`~transcite.core.model.Record`.

Readers are small registered units. ``transcite ingest`` picks one by ``--from`` or by asking
each registered reader whether it recognises the input (:meth:`Reader.sniff`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from transcite.core.charsets import bom_codec, text_codec
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
#: an XML prolog (declaration, processing instruction, comment, DOCTYPE) and a TEI root
#: element after it: a TEI document however it starts
_XML_PROLOG = re.compile(rb"^\s*<(?:\?|!--|!DOCTYPE)", re.I)
_TEI_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?TEI[\s>/]")


def _is_tei(data: bytes) -> bool:
    """Whether ``data`` is a TEI document, in UTF-8, UTF-16 or UTF-32, with any prolog."""
    head = data[:65536]
    codec = bom_codec(head)
    if codec is None and head.startswith((b"<\x00?\x00", b"\x00<\x00?")):
        codec = "utf-16-le" if head[0] == 0x3C else "utf-16-be"  # UTF-16 with no mark
    if codec is not None:
        head = head.decode(codec, errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _TEI_START.match(head[:4096]):
        return True
    return bool(_XML_PROLOG.match(head) and _TEI_ROOT.search(head))


def detect_reader(data: bytes, source: str = "<input>") -> Reader:
    """The first registered reader that recognises the data; plain text is the fallback.

    A TEI record is refused: read as a page or a capture, its header would become article text.
    """
    if _is_tei(data):
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
    if len(data) > MAX_CAPTURE_BYTES:
        raise DataError(f"{source}: the capture is larger than {MAX_CAPTURE_BYTES // 2**20} "
                        "MiB; refused")
    if not data.strip():
        raise DataError(f"{source}: the file is empty; give a capture of an article")
    bom = bom_codec(data)
    if b"\x00" in data[:8192] and bom in (None, "utf-8-sig"):
        raise DataError(f"{source}: this is a binary file, not a text capture")
    if encoding:
        codec = text_codec(encoding)
        if codec is None:
            raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or cp1251")
        return _decode(data, codec, source, f"{encoding}", "; check --encoding")
    if bom is not None and bom != "utf-8-sig":
        return _decode(data, bom, source, f"{bom.upper()} (it starts with a byte-order mark)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = _guess_legacy_encoding(data)
        raise DataError(
            f"{source}: not UTF-8 (bad byte at offset {exc.start}){hint}"
        ) from None


def _decode(data: bytes, codec: str, source: str, name: str, hint: str = "") -> str:
    try:
        return data.decode(codec)
    except UnicodeError as exc:
        at = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise DataError(f"{source}: not valid {name}{at}{hint}") from None


def _guess_legacy_encoding(data: bytes) -> str:
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.3:
        return "; it looks like Windows-1251 (Cyrillic): re-run with --encoding cp1251"
    return "; re-run with --encoding NAME (e.g. cp1252, latin-1)"
