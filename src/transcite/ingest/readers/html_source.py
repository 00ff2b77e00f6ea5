"""Bytes of a web page -> an lxml tree, safely: size cap, charset, hardened parser.

The charset is taken, in this order, from a byte-order mark, ``--encoding``, the HTTP
``Content-Type`` header, a ``<meta charset>`` (or ``http-equiv``) in the first 4 KiB, and
otherwise UTF-8 with Windows-1252 as the fallback (the HTML standard's default). A declared
charset that the bytes contradict is not trusted: the page is read as what it is and a note
says so. The text is then re-encoded as UTF-8 and parsed by libxml2's HTML parser with no
network access, no processing instructions, comments dropped and ``huge_tree`` off, which caps
nesting at 256 levels; a page that hits that limit, or that declares entities, is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from transcite.core.charsets import bom_codec, text_codec
from transcite.core.errors import DataError, UsageError
from transcite.core.model import XML_INVALID
from transcite.ingest.decoding import is_binary, legacy_codec
from transcite.storage.parsers import html_parser, too_deep

#: pages larger than this are refused before parsing (real article pages are well under 3 MiB)
MAX_HTML_BYTES = 8 * 2**20
_PRESCAN = 4096
_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_XML_INVALID = re.compile(XML_INVALID)
#: labels the HTML standard reads as Windows-1252 (browsers never use true Latin-1 or ASCII)
_AS_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<article")


@dataclass(slots=True)
class Source:
    """A parsed page: its tree, the charset it was read in, and notes for the user."""

    root: etree._Element
    charset: str
    notes: list[str] = field(default_factory=list)


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes of ``data`` are HTML markup (used to detect the format)."""
    head = data[:2048]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n").lower()
    if not head.startswith(b"<"):
        return False
    return any(marker in head for marker in _HTML_MARKERS)


def _codec(name: str) -> str | None:
    """The Python codec name for a charset label, or ``None`` when it names no charset
    (unknown, or a codec such as base64 that is not a text encoding)."""
    codec = text_codec(name)
    return "cp1252" if codec in _AS_WINDOWS_1252 else codec


def _declared(data: bytes, http_charset: str | None) -> tuple[str | None, str]:
    """The charset the page declares and where: ``(label, "HTTP header" | "<meta>")``."""
    if http_charset:
        return http_charset, "the HTTP header"
    match = _META_CHARSET.search(data[:_PRESCAN])
    if match:
        return match.group(1).decode("ascii"), "its <meta> tag"
    return None, ""


def decode_page(
    data: bytes, source: str, encoding: str | None = None, http_charset: str | None = None
) -> tuple[str, str, list[str]]:
    """Decode page bytes: ``(text, codec used, notes)``; see the module docstring for order."""
    notes: list[str] = []
    bom = bom_codec(data)
    if bom is not None:  # a byte-order mark outranks every declaration
        try:
            return data.decode(bom), bom, notes
        except UnicodeDecodeError as exc:
            notes.append(f"the page starts with a {bom} byte-order mark but byte "
                         f"{exc.start} is not valid; bad bytes shown as U+FFFD")
            return data.decode(bom, errors="replace"), bom, notes
    if encoding:
        codec = _codec(encoding)
        if codec is None:
            raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or cp1251")
        try:
            return data.decode(codec), codec, notes
        except UnicodeError as exc:
            at = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
            raise DataError(f"{source}: not valid {encoding}{at}; check --encoding") from None
    label, where = _declared(data, http_charset)
    codec = _codec(label) if label else None
    if label and codec is None:
        notes.append(f"the page declares an unknown charset {label!r} in {where}; ignored")
    if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        # cannot be true of a page without a BOM
        codec = "utf-8"
    return _decode_declared(data, codec, label, where, notes)


def _decode_declared(
    data: bytes, codec: str | None, label: str | None, where: str, notes: list[str]
) -> tuple[str, str, list[str]]:
    is_utf8 = _valid_utf8(data)
    if codec is None or codec == "utf-8":
        if is_utf8:
            return data.decode("utf-8"), "utf-8", notes
        fallback = legacy_codec(data)
        said = f"declares {label!r} in {where} but" if label else "declares no charset and"
        notes.append(f"the page {said} is not valid UTF-8; read as {display_name(fallback)}")
        return data.decode(fallback, errors="replace"), fallback, notes
    if is_utf8 and not data.isascii():
        notes.append(
            f"the page declares {label!r} in {where} but its bytes are UTF-8; read as UTF-8"
        )
        return data.decode("utf-8"), "utf-8", notes
    try:
        return data.decode(codec), codec, notes
    except UnicodeError as exc:
        fallback = legacy_codec(data)
        at = f"byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else "its data"
        notes.append(
            f"the page declares {label!r} in {where} but {at} is not valid "
            f"{label}; read as {display_name(fallback)}"
        )
        return data.decode(fallback, errors="replace"), fallback, notes


def display_name(codec: str) -> str:
    """``cp1252`` -> ``windows-1252``: the names pages and browsers use."""
    return {"cp1252": "windows-1252", "cp1251": "windows-1251", "utf-8": "UTF-8"}.get(
        codec, codec
    )


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_page(
    data: bytes, source: str, encoding: str | None = None, http_charset: str | None = None
) -> Source:
    """Check, decode and parse a page; every refusal is one :class:`DataError` line."""
    if len(data) > MAX_HTML_BYTES:
        raise DataError(
            f"{source}: the page is larger than {MAX_HTML_BYTES // 2**20} MiB; refused"
        )
    if not data.strip():
        raise DataError(f"{source}: the file is empty; give a web page or a text capture")
    if is_binary(data):
        raise DataError(f"{source}: this is a binary file, not a web page")
    if _ENTITY_DECL.search(data):
        raise DataError(f"{source}: declares XML entities; refused (web pages never need them)")
    text, codec, notes = decode_page(data, source, encoding, http_charset)
    text, removed = _XML_INVALID.subn("", text)
    if removed:
        notes.append(f"removed {removed} control characters that a record cannot store")
    parser = html_parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:  # raised only when nothing at all could be parsed
        raise DataError(f"{source}: not an HTML page: {exc.msg}") from None
    if too_deep(parser):
        raise DataError(f"{source}: elements are nested more than 256 levels deep; refused")
    if root is None:
        raise DataError(f"{source}: not an HTML page (no elements found)")
    return Source(root, codec, notes)
