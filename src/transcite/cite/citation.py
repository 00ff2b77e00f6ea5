"""Citations of records: the metadata styles need and the call that renders one.

The public entry points:

- :func:`render_citation` ``(record, style, form, pinpoint) -> Citation`` — one citation of a
  record (or of a prepared :class:`Work`) in a registered style (``transcite.cite.styles``);
- :func:`cite_ref` ``(record, "ID#p5", style, form)`` — the same from a REF string
  (``transcite.core.refs``);
- :class:`Citation` — the rich text (``transcite.render.richtext``) plus the ``notices`` a user must
  see, e.g. "MLA does not count unnumbered paragraphs; citing the work as a whole". Render it
  with ``citation.render("html")``; the CLI prints notices on stderr.

Forms (``FORMS``): ``reference`` (bibliography / reference-list / works-cited entry),
``in-text`` (parenthetical or numeric citation), ``note`` (a full first note) and ``short-note``
(a subsequent, shortened note). Each style lists the forms it has; asking for another is a
:class:`~transcite.core.errors.UsageError`.

Example::

    >>> from transcite.storage.corpus import Corpus
    >>> record = Corpus("texts").load("kartsev-islamists")
    >>> cite_ref(record, "kartsev-islamists#p5", "apa", "in-text").render()
    '(Kartsev, n.d., para. 5)'
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from transcite.cite.casing import is_english
from transcite.core.errors import UsageError
from transcite.core.model import Person, Record
from transcite.core.refs import Pinpoint, Ref, parse_ref, resolve_ref
from transcite.render.richtext import Node, render

Form = Literal["reference", "in-text", "note", "short-note"]
FORMS: tuple[Form, ...] = ("reference", "in-text", "note", "short-note")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
#: a final run of single letters with periods ("U.S.") keeps its period
_ABBREVIATION_END = re.compile(r"(?:\b\w\.){2,}$")


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
        match = _DATE.match(value or "")
        if match is None:
            return None
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


def citable_title(title: str) -> str:
    """The headline as a title: white space trimmed, a final sentence period dropped."""
    title = title.strip()
    if title.endswith(".") and not title.endswith("..") and not _ABBREVIATION_END.search(title):
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
    #: the language of the text as published (``en``), when known
    language: str | None = None

    @property
    def is_translation(self) -> bool:
        """True when the record names a translator or anything of an original."""
        return bool(self.translators) or any((
            self.original_language, self.original_title, self.original_published,
            self.original_url,
        ))

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
            language=record.language,
        )


class Citation(NamedTuple):
    """A rendered citation: rich text and the notices to show the user (on stderr)."""

    style: str
    form: Form
    content: Node
    notices: tuple[str, ...] = ()

    def render(self, fmt: str = "text") -> str:
        """The citation in an output format (``text``, ``html``, ``markdown``, ``latex``)."""
        return render(self.content, fmt)


def check_access_date(value: str, what: str = "--accessed") -> str:
    """A real ``YYYY[-MM[-DD]]`` date that is not in the future (a day of grace for time zones
    ahead of UTC): an access date after today is a typo, and citations would print it."""
    import datetime

    from transcite.core.model import check_date

    check_date(value, what)
    date = PartialDate.parse(value)
    assert date is not None
    latest = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)
    earliest_of_value = datetime.date(date.year, date.month or 1, date.day or 1)
    if earliest_of_value > latest:
        raise UsageError(f"{what}: {value} is in the future; give the date you read the page")
    return value


def check_form(form: str) -> Form:
    for known in FORMS:
        if form == known:
            return known
    raise UsageError(f"unknown form {form!r}; choose one of: {', '.join(FORMS)}")


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


def render_citation(
    record: Record | Work,
    style: str = "apa",
    form: str = "reference",
    pinpoint: Pinpoint | None = None,
    *,
    accessed: str | None = None,
) -> Citation:
    """One citation of ``record`` in ``style`` and ``form``, pointing at ``pinpoint`` if given.

    ``accessed`` (``YYYY-MM-DD``) overrides the record's access date.
    """
    from transcite.cite.styles import get_style

    if isinstance(record, Work):
        work = record
    elif accessed is not None:
        work = Work.from_record(record, accessed=accessed)
    else:
        work = work_of(record)
    return get_style(style).cite(work, check_form(form), pinpoint)


def cite_ref(
    record: Record,
    ref: str | Ref,
    style: str = "apa",
    form: str = "reference",
    *,
    accessed: str | None = None,
) -> Citation:
    """A citation of the part of ``record`` that the REF (``ID``, ``ID#p5``…) points at."""
    parsed = parse_ref(ref) if isinstance(ref, str) else ref
    pinpoint = resolve_ref(parsed, record)
    return render_citation(record, style, form, pinpoint, accessed=accessed)
