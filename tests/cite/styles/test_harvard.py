"""Harvard, Cite Them Right (``--style harvard``): every rule of the style, in this one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the guide (Pears and
Shields, *Cite Them Right*, 12th ed.), never from transcite's output. A changed Harvard rule
fails here and nowhere else.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.citation import render_citation
from transcite.core.model import Person
from transcite.quote.formats import write_html, write_text
from transcite.quote.quoting import quote_ref

from citing import cited
from conftest import SEED_URL
from style_rules import (
    VARIANTS,
    LatexSpaces,
    ManualCases,
    StyleRules,
    TranslatorSuffix,
    cite,
    dated,
)
from variants import SENTENCE, URL, record_with

STYLE = "harvard"
TITLE = "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck"


class TestHarvard(StyleRules, ManualCases, TranslatorSuffix, LatexSpaces):
    STYLE = STYLE
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces)
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        ("eleven-authors", "reference", "", r"Kartsev, D. et al.\ (2019) ‘Russia"),  # et al.
        ("dated", "in-text", "fig1", r"fig.~1)"),
    ]
    #: (variant, form) -> the plain-text citation Cite Them Right gives (tests/variants.py):
    #: initials closed up, as in the book's own reference "Pears, R. and Shields, G.J."; "and"
    #: before the last author, no serial comma
    EXPECTED: ClassVar[dict[tuple[str, str], str]] = {
        ("suffix", "reference"): (
            f"King, M.L., Jr. and Petrova, A. (2019) ‘{SENTENCE}’, Meduza, 12 February. "
            f"Translated by H. Kohen. Available at: {URL}."
        ),
    }


def test_harvard_without_author_puts_the_title_first_and_the_year_after_it() -> None:
    # Cite Them Right: with no author the title takes the author's place, "Title (Year)"
    record = dated(authors=(), accessed="2024-03-05")
    assert cite(record, STYLE) == (
        f"‘{TITLE}’ (2019) Meduza, 12 February. Translated by H. Kohen. "
        f"Available at: {SEED_URL} (Accessed: 5 March 2024)."
    )


def test_harvard_closes_up_initials() -> None:
    """Cite Them Right: "Shields, G.J."."""
    mary = Person("Mary Ann", "Smith")
    record = VARIANTS["dated"]._replace(authors=(mary,), translators=(mary,))
    harvard = render_citation(record, STYLE, "reference").render()
    assert harvard.startswith("Smith, M.A. (2019)") and "Translated by M.A. Smith." in harvard


# --- quotations (Harvard's quote rules: British marks) --------------------------------------

NESTED = "He said, “They call it ‘the deal’ and they’re proud.” Then he left."
SINGLE = "The so-called ‘deal’ of the president’s was set. End."


def test_british_nesting_keeps_the_source_marks_at_three_levels() -> None:
    quotation = quote_ref(record_with(NESTED), "synthetic#p1:s1", STYLE)
    assert write_text(quotation, False, None) == (
        "‘He said, “They call it ‘the deal’ and they’re proud”’ "
        f"{cited(record_with(NESTED), 'synthetic#p1', STYLE)}."
    )


def test_a_single_quoted_phrase_turns_double_inside_british_marks() -> None:
    # Harvard's run-in quotation is in single marks: a ‘…’ of the source inside it becomes
    # “…” (British nesting, single then double), and the change is listed
    quotation = quote_ref(record_with(SINGLE), "synthetic#p1:s1", STYLE)
    assert write_text(quotation, False, None) == (
        "‘The so-called “deal” of the president’s was set’ "
        f"{cited(record_with(SINGLE), 'synthetic#p1', STYLE)}."
    )
    assert "single quotation marks inside the quotation set as double ones" in (
        quotation.alterations
    )
    assert "<q>deal</q>" in write_html(quotation, False, None)


def test_html_three_deep_gives_the_browser_british_marks() -> None:
    # a browser draws nested <q> with the `quotes` pairs (CSS Generated Content 3): British
    # marks start with single ones (test_quote_qa.py has the US pairs)
    uk = write_html(quote_ref(record_with(NESTED), "synthetic#p1:s1", STYLE), False, None)
    assert "style=\"quotes: '\\2018' '\\2019' '\\201C' '\\201D' '\\2018' '\\2019'\">" in uk
