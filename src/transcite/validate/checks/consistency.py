"""Consistency: one person, organisation or abbreviation written one way.

Two checks: within a record, a dotted abbreviation in a name ("U.S Embassy" in a credit)
against the form the text itself uses ("U.S."); across the records checked together, a name
(credit part, author, translator, publisher) written two ways ("Reuters" and "REUTERS").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.core.text import ABBREVIATION
from transcite.credits.agencies import Registry, name_key
from transcite.validate.checks.base import Finding, Subject, corpus_check, record_check, warning

#: "U.S", "U.S.", "U.N.", "E.U": two or more single capitals joined by periods
_SHOWN = 4


@dataclass(frozen=True, slots=True)
class _Name:
    """A name as written, where it is (``block`` or ``None`` for the header) and what it is."""

    form: str
    file_id: str
    block: str | None
    what: str


def _names(subject: Subject) -> Iterator[_Name]:
    """Every name in the record, as written; a "©" prefix is left to ``copyright-sign``."""
    record = subject.record
    for role, people in (("author", record.authors), ("translator", record.translators)):
        for person in people:
            yield _Name(person.full_name, subject.file_id, None, role)
    if record.publisher:
        yield _Name(record.publisher, subject.file_id, None, "publisher")
    for fig in record.figures:
        for part in fig.credit.parts if fig.credit else ():
            name = part.name.strip().removeprefix("©").strip()
            if name:
                yield _Name(name, subject.file_id, fig.id, f"credit of {fig.id}")


def _running_text(record: Record) -> Iterator[tuple[str, str]]:
    """``(place, text)`` of the title, paragraphs, captions and labels."""
    yield "title", record.title
    for block in record.blocks:
        if isinstance(block, Paragraph | Label):
            yield block.id, block.text
        elif isinstance(block, Figure):
            yield f"{block.id} caption", block.caption


def _places(places: Sequence[str]) -> str:
    unique = list(dict.fromkeys(places))
    if len(unique) <= _SHOWN + 1:
        return ", ".join(unique)
    return ", ".join(unique[:_SHOWN]) + f" and {len(unique) - _SHOWN} more"


@record_check("inconsistent-form")
def abbreviations_consistent(subject: Subject) -> Iterator[Finding]:
    in_names = [
        (name, match.group())
        for name in _names(subject)
        for match in ABBREVIATION.finditer(name.form)
    ]
    if not in_names:  # the usual case: no need to read the text
        return
    in_text = _abbreviations_in_text(subject.record, {name_key(f) for _, f in in_names})
    for name, form in in_names:
        text_forms = in_text.get(name_key(form), {})
        if not text_forms or form in text_forms:
            continue
        other, places = max(text_forms.items(), key=lambda item: len(item[1]))
        yield warning(
            "inconsistent-form", name.block,
            f"“{form}” in the {name.what} (“{name.form}”) is written “{other}” in the text "
            f"({_places(places)}): the same abbreviation two ways; reproduce it as "
            f"“{name.form.replace(form, other, 1)}”, or as published with [sic]",
        )


def _abbreviations_in_text(record: Record, keys: set[str]) -> dict[str, dict[str, list[str]]]:
    """key -> form -> places, for the abbreviations with these keys ("us") in the text."""
    # starts with a letter, not a look-behind, so that the regex engine can skip ahead fast
    letters = "|".join(r"\.?".join(key.upper()) for key in sorted(keys))
    pattern = re.compile(rf"(?:{letters})\.?(?!\w)")
    found: dict[str, dict[str, list[str]]] = {}
    for place, text in _running_text(record):
        for match in pattern.finditer(text):
            form, whole = match.group(), ABBREVIATION.match(text, match.start())
            if whole is None or whole.group() != form:
                continue  # "US", or part of "AU.S" or "U.S.S.R.": not "U.S" written otherwise
            forms = found.setdefault(name_key(form), {})
            forms.setdefault(form, []).append(place)
    return found


@corpus_check("inconsistent-form")
def names_consistent(subjects: Sequence[Subject]) -> Iterator[tuple[str, Finding]]:
    groups: dict[str, list[_Name]] = {}
    for subject in subjects:
        for name in _names(subject):
            groups.setdefault(name_key(name.form), []).append(name)
    registry = subjects[0].registry if subjects else None
    seen: set[tuple[str, str | None, str]] = set()
    for names in groups.values():
        counts = Counter(n.form for n in names)
        if len(counts) < 2:
            continue
        match = registry.lookup(names[0].form) if registry else None
        preferred = match.agency.name if match and match.agency.name in counts else None
        reference = preferred or counts.most_common(1)[0][0]
        for name in names:
            key = (name.file_id, name.block, name.form)
            if name.form == reference or key in seen or _misspelt_agency(name.form, registry):
                continue
            seen.add(key)
            others = sorted(  # the same record first
                (n for n in names if n.form == reference), key=lambda n: n.file_id != name.file_id
            )
            places = [_where(n, name.file_id) for n in others]
            yield name.file_id, warning(
                "inconsistent-form", name.block,
                f"“{name.form}” ({name.what}) is written “{reference}” in "
                f"{_places(places)}: the same name two ways; use one form",
            )


def _misspelt_agency(form: str, registry: Registry | None) -> bool:
    """A known agency written another way: reported as ``agency-form``, not twice."""
    match = registry.lookup(form) if registry else None
    return match is not None and not match.exact


def _where(name: _Name, here: str | None) -> str:
    """Where a name is, seen from record ``here``: "fig2", or "other-id fig2"."""
    place = name.block or name.what
    return place if name.file_id == here else f"{name.file_id} {place}"
