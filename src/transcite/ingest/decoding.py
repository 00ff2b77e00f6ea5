"""Turning the bytes of a capture into text: the one place that guesses an encoding.

Plain-text captures (:func:`decode_text`) and web pages
(:mod:`transcite.ingest.readers.html_source`) share the rules: what is a binary file, and
which legacy code page bytes that are not UTF-8 are most likely in.
"""

from __future__ import annotations

from transcite.core.charsets import bom_codec, text_codec
from transcite.core.errors import DataError, UsageError

#: captures (text or web page) larger than this are refused before they are read whole
MAX_CAPTURE_BYTES = 8 * 2**20


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start, in a file without a UTF-16 or UTF-32 byte-order mark."""
    return b"\x00" in data[:8192] and bom_codec(data) in (None, "utf-8-sig")


def legacy_codec(data: bytes) -> str:
    """For bytes that are not UTF-8: Windows-1251 when they read as mostly Cyrillic letters
    (over 30 % of the letters), else Windows-1252."""
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return "cp1251" if letters and cyrillic / len(letters) > 0.3 else "cp1252"


def decode_text(data: bytes, encoding: str | None, source: str) -> str:
    """Decode a capture, refusing binary data and explaining a wrong encoding."""
    if len(data) > MAX_CAPTURE_BYTES:
        raise DataError(
            f"{source}: the capture is larger than {MAX_CAPTURE_BYTES // 2**20} MiB; refused"
        )
    if not data.strip():
        raise DataError(f"{source}: the file is empty; give a capture of an article")
    if is_binary(data):
        raise DataError(f"{source}: this is a binary file, not a text capture")
    if encoding:
        codec = text_codec(encoding)
        if codec is None:
            raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or cp1251")
        return _decode(data, codec, source, encoding, "; check --encoding")
    bom = bom_codec(data)
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
    if legacy_codec(data) == "cp1251":
        return "; it looks like Windows-1251 (Cyrillic): re-run with --encoding cp1251"
    return "; re-run with --encoding NAME (e.g. cp1252, latin-1)"
