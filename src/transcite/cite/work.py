"""What a citation says about a record: :class:`Work`, with its dates as :class:`PartialDate`.

Styles (``transcite.cite.styles``) and exports (``transcite.exports``) read a record through
this, never the record itself, so that a title is citable and dates are parsed once.
"""

from __future__ import annotations

from typing import NamedTuple

from transcite.cite.casing import is_english
from transcite.core.dates import date_parts
from transcite.core.model import Person, Record
from transcite.core.text import ends_with_abbreviation


# Value classes here are NamedTuples, not frozen dataclasses: every CLI start creates them, and
# a NamedTuple class costs about a quarter as much to create (start-up: bench/bench_cite.py).
class PartialDate(NamedTuple):
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` for unknown or unreadable."""
        parts = date_parts(value or "")
        return None if parts is None else cls(*parts)


def citable_title(title: str) -> str:
    """The headline as a title: white space trimmed, a final sentence period dropped."""
    title = title.strip()
    if title.endswith(".") and not title.endswith("..") and not ends_with_abbreviation(title):
        return title[:-1]
    return title


class Work(NamedTuple):
    """What a citation says about a record; unknown values are ``None``."""

    id: str
    title: str
    title_is_english: bool
    authors: tuple[Person, ...]
    translators: tuple[Person, ...]
    publisher: str | None
    url: str | None
    published: PartialDate | None
    accessed: PartialDate | None
    original_title: str | None = None
    original_language: str | None = None
    original_published: PartialDate | None = None
    original_url: str | None = None
    #: a title not in English: in Latin letters (another script) and in English (APA 7 §9.38)
    title_transliteration: str | None = None
    title_translation: str | None = None
    original_title_transliteration: str | None = None
    original_title_translation: str | None = None
    #: the language of the text as published (``en``), when known
    language: str | None = None
    #: the record is a translation (``Record.is_translation``, the one rule)
    is_translation: bool = False

    @classmethod
    def from_record(cls, record: Record, *, accessed: str | None = None) -> Work:
        """The citation metadata of a record; ``accessed`` overrides the record's access date."""
        title = citable_title(record.title)
        original = record.original
        return cls(
            id=record.id,
            title=title,
            title_is_english=is_english(record.language, title),
            authors=record.authors,
            translators=record.translators,
            publisher=record.publisher,
            url=record.url,
            published=PartialDate.parse(record.published),
            accessed=PartialDate.parse(accessed or record.accessed),
            original_title=citable_title(original.title) if original and original.title else None,
            original_language=original.language if original else None,
            original_published=PartialDate.parse(original.published) if original else None,
            original_url=original.url if original else None,
            title_transliteration=record.title_transliteration,
            title_translation=record.title_translation,
            original_title_transliteration=(
                citable_title(original.title_transliteration)
                if original and original.title_transliteration else None
            ),
            original_title_translation=original.title_translation if original else None,
            language=record.language,
            is_translation=record.is_translation,
        )


_WORKS: dict[int, tuple[Record, Work]] = {}


def work_of(record: Record) -> Work:
    """The :class:`Work` of a record, cached for repeated citations of the same record."""
    cached = _WORKS.get(id(record))
    if cached is not None and cached[0] is record:
        return cached[1]
    work = Work.from_record(record)
    if len(_WORKS) >= 64:
        _WORKS.clear()
    _WORKS[id(record)] = (record, work)
    return work


