"""Attribution: the credits of the text itself (author, translator, publisher, URL, date)."""

from __future__ import annotations

from collections.abc import Iterator

from transcite.validate.checks.base import Finding, Subject, error, record_check, warning

_REINGEST = "re-ingest the capture with --force"


@record_check("missing-author")
def author_present(subject: Subject) -> Iterator[Finding]:
    if not subject.record.authors:
        yield error(
            "missing-author", None,
            "no author: citations will start with the title; add the byline's name as "
            "titleStmt/author/persName, or " + _REINGEST + " from a capture with its byline",
        )


@record_check("missing-title")
def title_present(subject: Subject) -> Iterator[Finding]:
    if not subject.record.title.strip():
        yield error(
            "missing-title", None,
            "no title: citations print the headline as published; fill in "
            "titleStmt/title type=\"main\", or " + _REINGEST,
        )


@record_check("blank-name")
def names_filled_in(subject: Subject) -> Iterator[Finding]:
    record = subject.record
    for what, people, where in (
        ("author", record.authors, "titleStmt/author"),
        ("translator", record.translators, "titleStmt/respStmt"),
    ):
        for n, person in enumerate(people, 1):
            if not person.family.strip():
                yield error(
                    "blank-name", None,
                    f"{what} {n} has no family name (“{person.full_name}”): citations would "
                    f"print an empty name; fill in its surname in {where}[{n}]/persName, or "
                    "remove the entry",
                )


@record_check("missing-translator")
def translator_present(subject: Subject) -> Iterator[Finding]:
    record = subject.record
    if record.translators or not record.is_translation:
        return
    original = record.original.language if record.original else None
    why = f"its original is in “{original}”" if original else "it is marked as a translation"
    yield error(
        "missing-translator", None,
        f"no translator, but {why}: the translator must be credited; add "
        "titleStmt/respStmt (resp “Translated by” and persName), or " + _REINGEST
        + " from a capture with its “Translated by” line",
    )


@record_check("missing-publisher")
def publisher_present(subject: Subject) -> Iterator[Finding]:
    if not subject.record.publisher:
        yield error(
            "missing-publisher", None,
            "no publisher: citations need the site's name (e.g. Meduza); fill in "
            "publicationStmt/publisher, or " + _REINGEST + " from a capture with its "
            "“Source:” line",
        )


@record_check("missing-url")
def url_present(subject: Subject) -> Iterator[Finding]:
    if not subject.record.url:
        yield error(
            "missing-url", None,
            "no URL: readers cannot find the page; " + _REINGEST + " and --url URL, or add "
            "publicationStmt/idno type=\"URL\"",
        )


@record_check("missing-date")
def date_present(subject: Subject) -> Iterator[Finding]:
    record = subject.record
    if record.published:
        return
    advice = (
        f"no publication date: citations will say “n.d.”; if the page gives one, "
        f"{_REINGEST} and --published YYYY-MM-DD"
    )
    if not record.accessed:
        advice += (
            "; there is no access date either: add one with --accessed YYYY-MM-DD "
            "(APA prints it as “Retrieved”, MLA as “Accessed”)"
        )
    yield warning("missing-date", None, advice)
