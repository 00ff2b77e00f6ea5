"""Versions of a record: the current text and the earlier ones it keeps in its history."""

from __future__ import annotations

from transcite.errors import UsageError
from transcite.model import Record


def record_version(record: Record, n: int) -> Record:
    """The record as it was in version ``n`` (1 is the first ingested text)."""
    if n == 1:
        return record
    raise UsageError(f"no version {n} of {record.id}; it has version 1 only")
