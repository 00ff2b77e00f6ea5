"""RIS (the Research Information Systems tagged format read by Zotero, EndNote, Mendeley).

``TY  - NEWS`` (newspaper article) with ``T2`` for the publication. Authors are ``AU``
(``Family, Given``), translators ``A4``, the tag the RIS specification gives the translator for
most reference types (Zotero reads it so). ``PY`` is the year, ``DA`` the full date
(``YYYY/MM/DD/``), ``Y2`` the access date, ``UR`` the URL, ``LA`` the language, ``OP`` the
original publication (its title, as the specification's "Original Publication"), and ``N1``
a note that credits the translation in words. Lines end with CRLF as the specification asks
(readers accept LF too); every record ends with ``ER  -``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from transcite.cite.styles._common import series
from transcite.cite.work import PartialDate, Work
from transcite.core.languages import english_name
from transcite.core.model import Person, Record
from transcite.exports import register_exporter


def ris_name(person: Person) -> str:
    """``Kartsev, Dmitry``; ``King, Martin Luther, Jr.`` (the RIS specification's
    "Lastname, Firstname, Suffix"); an organisation as written."""
    name = f"{person.family}, {person.given}" if person.given else person.family
    return f"{name}, {person.suffix}" if person.suffix and person.given else name


def ris_date(date: PartialDate) -> str:
    """``2019/02/12/``, ``2019/02//`` or ``2019///``."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _single(text: str) -> str:
    """RIS values are one line: fold any line break into a space."""
    return " ".join(text.split())


def translation_note(work: Work) -> str | None:
    if not work.translators:
        return None
    source = english_name(work.original_language)
    origin = f" from the {source}" if source else ""
    return f"Translated{origin} by " + series([p.full_name for p in work.translators])


def ris_lines(work: Work) -> Iterator[tuple[str, str]]:
    yield "TY", "NEWS"
    yield "ID", work.id
    for person in work.authors:
        yield "AU", ris_name(person)
    yield "TI", work.title
    for person in work.translators:
        yield "A4", ris_name(person)
    optional: list[tuple[str, str | None]] = [
        ("T2", work.publisher),
        ("PY", f"{work.published.year:04d}" if work.published else None),
        ("DA", ris_date(work.published) if work.published else None),
        ("Y2", ris_date(work.accessed) if work.accessed else None),
        ("UR", work.url),
        ("LA", work.language),
        ("OP", work.original_title),
        ("N1", translation_note(work)),
    ]
    yield from ((tag, value) for tag, value in optional if value)


class RisExporter:
    name = "ris"
    media_type = "application/x-research-info-systems"
    description = "RIS records, TY NEWS (translator in A4)"

    def export(self, records: Sequence[Record]) -> str:
        lines: list[str] = []
        for record in records:
            work = Work.from_record(record)
            lines += [f"{tag}  - {_single(value)}" for tag, value in ris_lines(work)]
            lines.append("ER  - ")
        return "\r\n".join(lines) + "\r\n"


register_exporter(RisExporter())
