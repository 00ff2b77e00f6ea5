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

from transcite.cite.form import FORMS, Citation, Form, check_form
from transcite.cite.styles import get_style
from transcite.cite.work import PartialDate, Work, work_of
from transcite.core.errors import UsageError
from transcite.core.model import Record
from transcite.core.refs import Pinpoint, Ref, parse_ref, resolve_ref

#: the form and work names are defined in ``cite.form`` and ``cite.work``; they are re-exported
#: here, where a citation is made, for code that imports them from this module
__all__ = [
    "FORMS", "Citation", "Form", "PartialDate", "Work", "check_access_date", "check_form",
    "cite_ref", "render_citation", "work_of",
]


def check_access_date(value: str, what: str = "--accessed") -> str:
    """A real ``YYYY[-MM[-DD]]`` date that is not in the future (a day of grace for time zones
    ahead of UTC): an access date after today is a typo, and citations would print it."""
    import datetime

    from transcite.core.dates import check_date

    check_date(value, what)
    date = PartialDate.parse(value)
    assert date is not None
    latest = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)
    earliest_of_value = datetime.date(date.year, date.month or 1, date.day or 1)
    if earliest_of_value > latest:
        raise UsageError(f"{what}: {value} is in the future; give the date you read the page")
    return value


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
