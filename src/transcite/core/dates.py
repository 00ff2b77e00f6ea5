"""Dates as records store them (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): their parts, and the
check of a date given on the command line or found in a page."""

from __future__ import annotations

import re

#: a date as records store it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def date_parts(value: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` of a :data:`DATE` (month and day ``None`` when not given), or
    ``None`` when the value does not have that shape (whether the date is real is not checked:
    see :func:`check_date`)."""
    match = DATE.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def check_date(value: str, what: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date; refuse anything else."""
    import datetime

    from transcite.core.errors import UsageError

    parts = date_parts(value)
    if parts:
        year, month, day = parts
        try:
            datetime.date(year, month or 1, day or 1)
            return value
        except ValueError:
            pass
    raise UsageError(f"{what}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
