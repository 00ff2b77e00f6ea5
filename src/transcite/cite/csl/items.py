"""CSL-JSON items (the Citation Style Language data schema, csl-data.json): one per record.

The one place a record becomes CSL data: ``transcite export --to csl-json`` writes these items
and ``transcite cite --csl`` gives them to pandoc's citeproc. A news site's article is
``article-newspaper`` with the site in ``container-title`` (what Zotero exports for a newspaper
article and what the official styles render as one). Names are ``{"family", "given"}``; dates
are ``{"date-parts": [[Y, M, D]]}`` with only the known parts; ``translator``,
``original-title``, ``original-date`` and ``URL`` carry the translation's credits. CSL has no
variable for the original's language, so it is left out (the title and date are enough for
every style's rules).
"""

from __future__ import annotations

from typing import Any

from transcite.cite.work import PartialDate, Work
from transcite.core.model import Person


def csl_name(person: Person) -> dict[str, str]:
    """``{"family", "given"}``; the particle of "van der Berg" as CSL's
    ``non-dropping-particle`` (kept with the surname: "van der Berg, J.") and a suffix as
    ``suffix``; an organisation or a one-part name as ``literal`` (never inverted)."""
    if not person.given:
        return {"literal": person.full_name}
    name = {"family": person.main_family, "given": person.given}
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return name


def csl_date(date: PartialDate) -> dict[str, list[list[int]]]:
    parts = [date.year]
    if date.month is not None:
        parts.append(date.month)
        if date.day is not None:
            parts.append(date.day)
    return {"date-parts": [parts]}


def csl_item(work: Work) -> dict[str, Any]:
    """The CSL-JSON item of a work; unknown values are left out, never made up."""
    item: dict[str, Any] = {"id": work.id, "type": "article-newspaper", "title": work.title}
    optional: dict[str, Any] = {
        "container-title": work.publisher,
        "author": [csl_name(p) for p in work.authors],
        "translator": [csl_name(p) for p in work.translators],
        "issued": csl_date(work.published) if work.published else None,
        "accessed": csl_date(work.accessed) if work.accessed else None,
        "URL": work.url,
        "language": work.language,
        "original-title": work.original_title,
        "original-date": csl_date(work.original_published) if work.original_published else None,
    }
    item.update((k, v) for k, v in optional.items() if v)
    return item
