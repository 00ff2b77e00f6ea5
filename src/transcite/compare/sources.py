"""What a user can name as a text to compare: a record id, ``ID@N`` (version N of a record),
a record file (``.xml``, read and validated like any record) or a capture file, read with the
registered readers exactly as ``ingest`` would read it."""

from __future__ import annotations

import re
from pathlib import Path

from transcite.core.errors import UsageError
from transcite.core.model import Record
from transcite.ingest.readers import MAX_CAPTURE_BYTES, IngestOptions, detect_reader
from transcite.storage.corpus import Corpus
from transcite.storage.inputs import read_capped

_VERSION = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]{0,99})@(?P<n>\d{1,6})\Z")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
SHAPES = "a record id, ID@N (version N), a record file or a capture file"


def read_capture(path: Path, record_id: str) -> Record:
    """A capture file read by the reader that recognises it (as ``ingest`` does)."""
    data = read_capped(
        str(path), MAX_CAPTURE_BYTES, what="the capture", hint="give a capture file"
    )
    options = IngestOptions(id=record_id, source_name=str(path))
    return detect_reader(data, str(path)).read(data, options).record


def read_file(path: Path, record_id: str) -> Record:
    """A record file (``.xml``, read and validated like any record) or a capture file.

    A record file must not go through the capture readers: they would read its TEI header
    and notes as paragraphs of the article.
    """
    if path.suffix != ".xml":
        return read_capture(path, record_id)
    from transcite.storage.tei import MAX_RECORD_BYTES, record_from_bytes

    data = read_capped(
        str(path), MAX_RECORD_BYTES, what="the record", hint="give a capture file"
    )
    return record_from_bytes(data, str(path))


def _capture_id(path: Path) -> str:
    stem = _UNSAFE.sub("-", path.stem).strip("-._")
    return stem[:100] if stem and stem[0].isalnum() else "capture"


def load_text(spec: str, corpus: Corpus) -> Record:
    """The record ``spec`` names: an existing file is a capture; ``ID@N`` a version; else an id."""
    path = Path(spec)
    if path.is_file():
        return read_file(path, _capture_id(path))
    match = _VERSION.match(spec)
    if match:
        from transcite.core.versions import record_version

        return record_version(corpus.load(match["id"]), int(match["n"]))
    if "/" in spec or spec.endswith((".txt", ".html", ".xml")):
        if path.is_dir():
            raise UsageError(f"{spec}: is a folder; give a capture file or a record file")
        raise UsageError(f"{spec}: no such file (give {SHAPES})")
    return corpus.load(spec)
