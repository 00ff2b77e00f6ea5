"""Input readers: each turns one kind of capture into a :class:`~transcite.core.model.Record`.

Readers are small registered units. ``transcite ingest`` picks one by ``--from`` or by asking
each registered reader whether it recognises the input (:meth:`Reader.sniff`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from transcite.core.charsets import bom_codec
from transcite.core.errors import DataError
from transcite.core.model import Record
from transcite.core.registry import Registry
from transcite.ingest.decoding import MAX_CAPTURE_BYTES as MAX_CAPTURE_BYTES
from transcite.ingest.decoding import decode_text as decode_text  # readers import it here


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


#: the readers: the built-in modules (each registers its reader when imported) and the entry
#: points ``transcite.readers``
READERS: Registry[Reader] = Registry(
    "input format", __name__, "transcite.readers", modules=("html", "text")
)


def register(reader: Reader) -> Reader:
    """Add a reader to the registry (third-party readers register the same way)."""
    return READERS.register(reader.name, reader)


def reader_names() -> list[str]:
    """Every reader, third-party ones included (``ingest --from``)."""
    return READERS.names(plugins=True)


def get_reader(name: str) -> Reader:
    return READERS.get(name)


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
    readers = {reader.name: reader for reader in READERS.all()}
    for name in sorted(readers, key=lambda n: n == "text"):
        if readers[name].sniff(data):
            return readers[name]
    return readers["text"]
