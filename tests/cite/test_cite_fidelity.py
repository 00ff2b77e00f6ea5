"""Issue 15 (citation fidelity): each class's variant cited as the manual's rule says.

The expected strings and notices are in ``tests/variants.py`` (``EXPECTED``,
``EXPECTED_NOTICES``), each written from the rule cited beside it; the goldens pin every other
form and format, and test_cite_oracle.py compares the same variants with citeproc-js.
"""

from __future__ import annotations

import pytest

from transcite.cite.citation import render_citation
from transcite.core.model import Original, Record

from variants import EXPECTED, EXPECTED_NOTICES, variants

VARIANTS = variants()


@pytest.mark.parametrize(("variant", "style", "form"), sorted(EXPECTED))
def test_citation_follows_the_manual(variant: str, style: str, form: str) -> None:
    citation = render_citation(VARIANTS[variant], style, form)
    assert citation.render() == EXPECTED[variant, style, form]


@pytest.mark.parametrize(("variant", "style", "form"), sorted(EXPECTED_NOTICES))
def test_citation_says_what_it_could_not_do(variant: str, style: str, form: str) -> None:
    notices = render_citation(VARIANTS[variant], style, form).notices
    assert any(EXPECTED_NOTICES[variant, style, form] in n for n in notices), notices


def test_no_notice_where_the_rules_decide() -> None:
    """The phrasal verbs and the conjunction of ``phrasal-title`` are decided by rule."""
    for style in ("mla", "chicago-notes"):
        assert render_citation(VARIANTS["phrasal-title"], style, "reference").notices == ()


CHICAGO_FORMS = [("chicago-notes", "reference"), ("chicago-notes", "note"),
                 ("chicago-notes", "short-note"), ("chicago-author-date", "reference")]


def _script_notices(record: Record, style: str, form: str) -> list[str]:
    notices = render_citation(record, style, form).notices
    return [n for n in notices if "14.98" in n]


@pytest.mark.parametrize(("style", "form"), CHICAGO_FORMS)
def test_no_script_notice_when_the_record_has_the_transliteration(style: str, form: str) -> None:
    """CMOS 17 14.98 is met: the title (``russian-title``) and the original's title
    (``original-untimed``) are printed in Latin letters, and a Latin-script title needs none."""
    for name in ("russian-title", "original-untimed", "dated"):
        assert _script_notices(VARIANTS[name], style, form) == [], name


@pytest.mark.parametrize("title", [
    "Η Ρωσία και οι ΗΠΑ διαπραγματεύονται με τους ισλαμιστές",  # Greek
    "روسيا والولايات المتحدة تتسابقان",  # Arabic
    "Росія і США наввипередки ведуть переговори",  # Ukrainian Cyrillic
])
@pytest.mark.parametrize(("style", "form"), CHICAGO_FORMS)
def test_any_other_script_without_transliteration_gets_the_notice(
    title: str, style: str, form: str,
) -> None:
    bare = VARIANTS["russian-title-bare"]._replace(title=title, language=None)
    assert len(_script_notices(bare, style, form)) == 1
    romanised = bare._replace(title_transliteration="Romanised title")
    assert _script_notices(romanised, style, form) == []


def test_the_original_title_notice_only_where_the_original_is_printed() -> None:
    """A short note and an author-date citation print neither the original nor (with an
    author) the title: no notice."""
    record = VARIANTS["dated"]._replace(
        original=Original("ru", "Россия и США", None, "2018-12-30"),
    )
    assert _script_notices(record, "chicago-notes", "short-note") == []
    assert _script_notices(record, "chicago-author-date", "in-text") == []
    assert len(_script_notices(record, "chicago-notes", "reference")) == 1
