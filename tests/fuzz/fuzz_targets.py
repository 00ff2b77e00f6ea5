"""The fuzzing targets shared by the Hypothesis suite (``test_fuzz.py``, in ``make test``) and
the long-run harness (``fuzz_atheris.py``): each feeds arbitrary bytes to one reader the way
a user's input reaches it. A target passes when it returns or raises a
:class:`~transcite.core.errors.TransciteError` (a one-line error with an exit code); any other
exception is a bug.

Where a reader produces a record, the record is also written and read back (``record_to_bytes``
then ``record_from_bytes``): whatever a reader accepts must be storable and readable.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from transcite.core.errors import TransciteError
from transcite.core.refs import parse_ref
from transcite.ingest.readers import IngestOptions, decode_text, detect_reader, get_reader
from transcite.ingest.readers.html_source import decode_page
from transcite.storage.tei import record_from_bytes, record_to_bytes

OPTIONS = IngestOptions(id="fuzz", source_name="<fuzz>")
#: charset labels tried by the charset target: real ones, aliases, and codecs that are not
#: character sets
LABELS = (
    None, "utf-8", "cp1251", "windows-1252", "latin-1", "utf-16", "utf-16-le", "utf-32",
    "shift_jis", "koi8-r", "gb18030", "base64", "rot13", "zlib", "undefined", "punycode",
    "idna", "hex", "bogus", "utf-7", "mac-cyrillic", "iso-2022-jp",
)


def _roundtrip(data: bytes, reader_name: str | None) -> None:
    reader = get_reader(reader_name) if reader_name else detect_reader(data, "<fuzz>")
    record = reader.read(data, OPTIONS).record
    written = record_to_bytes(record)
    again = record_from_bytes(written, "<written>")
    assert again.blocks == record.blocks, "a record read back differs from the one written"


def text_reader(data: bytes) -> None:
    _roundtrip(data, "text")


def html_reader(data: bytes) -> None:
    _roundtrip(data, "html")


def detected(data: bytes) -> None:
    _roundtrip(data, None)


def tei_reader(data: bytes) -> None:
    record_from_bytes(data, "<fuzz>")


def ref_parser(data: bytes) -> None:
    parse_ref(data.decode("utf-8", errors="replace"))


def charsets(data: bytes) -> None:
    label = LABELS[data[0] % len(LABELS)] if data else None
    body = data[1:]
    decode_page(body, "<fuzz>", http_charset=label)
    decode_text(body, label, "<fuzz>")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": text_reader,
    "html": html_reader,
    "detected": detected,
    "tei": tei_reader,
    "ref": ref_parser,
    "charset": charsets,
}


def run(target: Callable[[bytes], None], data: bytes) -> None:
    """Run one target; a :class:`TransciteError` is an expected outcome."""
    with contextlib.suppress(TransciteError):
        target(data)
