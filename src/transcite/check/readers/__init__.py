"""Manuscript readers, one small registered unit per format (``plain``, ``markdown``,
``html``, ``latex``, ``docx``); a third-party reader registers under the entry point group
``transcite.manuscripts``. A reader turns the bytes of a file into a
:class:`~transcite.check.manuscript.Manuscript`."""

from __future__ import annotations

import os
from collections.abc import Callable

from transcite.check.manuscript import MAX_BYTES, Manuscript
from transcite.core.errors import DataError, UsageError
from transcite.core.registry import Registry

#: (data, name, folder the manuscript is in or None for stdin) -> the manuscript
Reader = Callable[[bytes, str, "str | None"], Manuscript]

MANUSCRIPT_READERS: Registry[Reader] = Registry(
    "manuscript format", __name__, "transcite.manuscripts",
    modules={"plain": "plain", "markdown": "markdown", "html": "html", "latex": "latex",
             "docx": "docx"},
)

_SUFFIXES = {
    ".txt": "plain", ".text": "plain", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".tex": "latex", ".latex": "latex",
    ".docx": "docx",
}


def guess_format(name: str, data: bytes) -> str:
    """The format of a manuscript from its name's suffix, else from its first bytes."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:2048].lstrip().lower()
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if b"\\documentclass" in head or b"\\begin{document}" in head:
        return "latex"
    return "markdown"


def read_manuscript(
    data: bytes, name: str, fmt: str | None = None, folder: str | None = None
) -> Manuscript:
    """Read a manuscript of format ``fmt`` (guessed when None); refuse what is not one."""
    if len(data) > MAX_BYTES:
        raise DataError(
            f"{name}: the manuscript is larger than {MAX_BYTES // 2**20} MiB; refused "
            "(check a chapter at a time)"
        )
    if not data.strip():
        raise DataError(f"{name}: the manuscript is empty")
    fmt = fmt or guess_format(name, data)
    reader = MANUSCRIPT_READERS.get(fmt)
    return reader(data, name, folder)


def decode(data: bytes, name: str) -> str:
    """The text of a text manuscript: UTF-8 (or UTF-16 with a byte-order mark); binary data
    and other encodings refused in one line."""
    from transcite.ingest.decoding import decode_text

    try:
        text = decode_text(data, None, name)
    except DataError as exc:
        raise DataError(exc.message.replace("a text capture", "a manuscript")
                        .replace("--encoding", "save it as UTF-8 or use --encoding")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = ["MANUSCRIPT_READERS", "Reader", "UsageError", "decode", "guess_format",
           "read_manuscript"]
