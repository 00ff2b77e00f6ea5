"""IEEE (``--style ieee``): every rule of the style, in this one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the IEEE Reference Guide,
never from transcite's output. A changed IEEE rule fails here and nowhere else.
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from transcite.cite.citation import render_citation
from transcite.core.model import Person

from conftest import SEED_URL
from style_rules import VARIANTS, LatexSentenceEnds, LatexSpaces, StyleRules, cite, dated

STYLE = "ieee"
TITLE = "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck"


class TestIEEE(StyleRules, LatexSpaces, LatexSentenceEnds):
    STYLE = STYLE
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces)
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        # months abbreviated before the day (IEEE Reference Guide)
        ("dated", "reference", "", r"Feb.\ 12, 2019"),
        ("accessed-early", "reference", "", r"Accessed: Jan.\ 5, 2019."),
        ("suffix", "reference", "", r"[1] M. L. King Jr.\ and A. Petrova,"),
        ("dated", "in-text", "fig1", r"[1, Fig.~1]"),
    ]
    #: LaTeX: (variant, form, words) whose periods end a sentence and stay as TeX sets them
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]] = [
        ("dated", "reference", r"2019. [Online]. Available:"),
    ]


def test_a_subtitle_after_a_colon_starts_with_a_capital() -> None:
    # IEEE: article titles capitalise the first word, the first word after a colon and
    # proper nouns
    record = dated(title="Neck and neck: a race to negotiate with the Taliban")
    assert "“Neck and neck: A race to negotiate with the Taliban,”" in cite(record, STYLE)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2019-09-05", "Sept. 5, 2019"),
        ("2019-06-30", "June 30, 2019"),
        ("2019-07-01", "July 1, 2019"),
        ("2019-05-12", "May 12, 2019"),
        ("2019-01-02", "Jan. 2, 2019"),
        ("2019-09", "Sept. 2019"),
    ],
)
def test_ieee_months_are_the_reference_guides(published: str, expected: str) -> None:
    # IEEE Reference Guide: Jan., Feb., Mar., Apr., May, June, July, Aug., Sept., Oct., Nov.,
    # Dec.; its examples write the day without a leading zero ("Accessed: Dec. 1, 2021")
    record = dated(published=published, accessed="2024-09-05")
    text = cite(record, STYLE)
    assert f"Meduza, {expected}. Accessed: Sept. 5, 2024. [Online]." in text


def test_ieee_translator_last_before_the_access_date_has_one_period() -> None:
    record = dated(publisher=None, published=None, accessed="2024-03-05")
    assert cite(record, STYLE) == (
        f"[1] D. Kartsev, “{TITLE},” H. Kohen, Trans. Accessed: Mar. 5, 2024. "
        f"[Online]. Available: {SEED_URL}"
    )


def test_ieee_spaces_initials() -> None:
    """IEEE: "M. L." with a space, as APA."""
    mary = Person("Mary Ann", "Smith")
    record = VARIANTS["dated"]._replace(authors=(mary,), translators=(mary,))
    assert render_citation(record, STYLE, "reference").render().startswith("[1] M. A. Smith,")
