"""Turning the bytes of a capture into text: the one place that guesses an encoding.

Plain-text captures (:func:`decode_text`) and web pages
(:mod:`transcite.ingest.readers.html_source`) share the rules: what is a binary file, and
which legacy code page bytes that are not UTF-8 are most likely in.
"""

from __future__ import annotations

from transcite.core.errors import DataError, UsageError


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start, in a file without a UTF-16 byte-order mark."""
    return b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def legacy_codec(data: bytes) -> str:
    """For bytes that are not UTF-8: Windows-1251 when they read as mostly Cyrillic letters
    (over 30 % of the letters), else Windows-1252."""
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return "cp1251" if letters and cyrillic / len(letters) > 0.3 else "cp1252"


def decode_text(data: bytes, encoding: str | None, source: str) -> str:
    """Decode a capture, refusing binary data and explaining a wrong encoding."""
    if not data.strip():
        raise DataError(f"{source}: the file is empty; give a capture of an article")
    if is_binary(data):
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
    if legacy_codec(data) == "cp1251":
        return "; it looks like Windows-1251 (Cyrillic): re-run with --encoding cp1251"
    return "; re-run with --encoding NAME (e.g. cp1252, latin-1)"
