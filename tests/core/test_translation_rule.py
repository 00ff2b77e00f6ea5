"""One rule says whether a record is a translation, and cite, credits and validate agree on it
(docs/record-format.md, "What counts as a translation")."""

from __future__ import annotations

import pytest

from transcite.cite.citation import render_citation
from transcite.core.model import Original, Person, Record
from transcite.credits.agencies import load_registry
from transcite.credits.sheet import credit_sheet
from transcite.validate.checks.attribution import translator_present
from transcite.validate.checks.base import Subject

BASE = Record(
    id="r", title="A title", language="en", publisher="P", url="https://x.org/a",
    published="2024", accessed=None, authors=(Person("Ann", "Lee"),), translators=(),
    original=None, blocks=(),
)


@pytest.mark.parametrize(
    ("changes", "translated"),
    [
        ({}, False),
        ({"original": Original()}, True),  # marked as a translation, nothing else known
        ({"original": Original(language="ru")}, True),
        ({"original": Original(language="en")}, False),  # the text's own language
        ({"original": Original(title="Заголовок", language="en")}, False),
        ({"provenance": (("translators", "byline"),)}, True),  # a translator line was seen
        ({"translators": (Person("Hilah", "Kohen"),)}, True),
    ],
)
def test_cite_credits_and_validate_agree(changes: dict[str, object], translated: bool) -> None:
    record = BASE._replace(**changes)  # type: ignore[arg-type]
    assert record.is_translation is translated
    unnamed = translated and not record.translators
    notices = render_citation(record, "apa", "reference").notices
    assert any("names no translator" in n for n in notices) is unnamed
    sheet = credit_sheet(record)
    assert any("names no translator" in gap for gap in sheet.gaps) is unnamed
    findings = list(translator_present(Subject("r", record, load_registry())))
    assert [f.code for f in findings] == (["missing-translator"] if unnamed else [])
