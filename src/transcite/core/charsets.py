"""Which codec names are character sets of a document, and which byte-order mark starts one.

Python's codec registry also holds codecs that are not text encodings (``base64``, ``rot13``,
``zlib``, ``hex``, ``bz2``: bytes to bytes, or str to str), a codec that fails on every input
(``undefined``), and codecs for parts of names or escapes (``punycode``, ``idna``,
``unicode_escape``). None of them is the charset of a capture or a page: a page that names one
(``<meta charset="base64">``) is read as if it named an unknown charset, and ``--encoding``
naming one is an unknown encoding.
"""

from __future__ import annotations

import codecs

#: text codecs that are not the character set of a document
_NOT_CHARSETS = frozenset({
    "undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape",
    "unicode_escape", "raw_unicode_escape", "mbcs", "oem", "palmos",
})

#: byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def text_codec(label: str) -> str | None:
    """The Python codec name of a charset label, or ``None`` when it names no charset."""
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, or ``None``."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None
