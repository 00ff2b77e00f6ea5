"""MLA 9 (``--style mla``): every rule of the style, in this one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the handbook (sections named
beside each), never from transcite's output. A changed MLA rule fails here and nowhere else.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.citation import cite_ref, render_citation
from transcite.core.model import Person
from transcite.quote.formats import write_text
from transcite.quote.quoting import quote_ref

from conftest import SEED_URL
from style_rules import (
    VARIANTS,
    LatexSentenceEnds,
    LatexSpaces,
    ManualCases,
    ReadmeTranscripts,
    StyleRules,
    TranslatorSuffix,
    cite,
    dated,
)
from variants import HEADLINE, PHRASAL, URL, record_with

STYLE = "mla"


class TestMLA(
    StyleRules, ManualCases, TranslatorSuffix, LatexSpaces, LatexSentenceEnds, ReadmeTranscripts
):
    STYLE = STYLE
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces)
    #: months abbreviated before the day or year (MLA 9 §5.42)
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        ("dated", "reference", "", r"12 Feb.\ 2019,"),
        ("original-earlier", "reference", "", r"30 Dec.\ 2018."),
    ]
    #: LaTeX: (variant, form, words) whose periods end a sentence and stay as TeX sets them
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]] = [
        ("three-translators", "reference", r"Hilah Kohen et al. \textit{Meduza}"),
    ]
    #: (variant, form) -> the plain-text citation MLA 9 gives the variant (tests/variants.py)
    EXPECTED: ClassVar[dict[tuple[str, str], str]] = {
        # §5.6: three or more authors, "et al."
        ("eleven-authors", "in-text"): "(Kartsev et al.)",
        # §2.90: prepositions used as adverbs capitalised (Steps Up, Pull Out of);
        # subordinating conjunctions, "as" among them, are capitalised
        ("phrasal-title", "reference"): (
            f"Kartsev, Dmitry. “{PHRASAL.replace('{as}', 'As')}.” Translated by Hilah Kohen. "
            f"Meduza, 12 Feb. 2019, {URL.removeprefix('https://')}."
        ),
        ("organisation", "in-text"): "(Reuters)",
    }



def test_a_subtitle_after_a_colon_starts_with_a_capital() -> None:
    # MLA 2.90: title case, subtitle capitalised
    record = dated(title="Neck and neck: a race to negotiate with the Taliban")
    assert "“Neck and Neck: A Race to Negotiate with the Taliban.”" in cite(record, STYLE)


def test_mla_skips_an_organisation_that_is_author_and_publisher() -> None:
    # MLA 9, corporate authors: a work by an organisation that is also its publisher begins
    # with the title; the organisation is listed as publisher only
    record = dated(authors=(Person("", "Meduza"),))
    assert cite(record, STYLE) == (
        f"“{HEADLINE}.” Translated by Hilah Kohen. Meduza, 12 Feb. 2019, "
        f"{SEED_URL.removeprefix('https://')}."
    )
    in_text = render_citation(record, STYLE, "in-text")
    assert in_text.render() == f"(“{HEADLINE}”)"
    assert in_text.notices == (
        "MLA shortens a long title in the in-text citation, usually to its first noun phrase; "
        "shorten it by hand",
    )


def test_mla_in_text_keeps_a_short_title_whole_without_a_notice() -> None:
    record = dated(authors=(), title="Neck and neck")
    in_text = render_citation(record, STYLE, "in-text")
    assert (in_text.render(), in_text.notices) == ("(“Neck and Neck”)", ())


def test_no_notice_where_the_rules_decide() -> None:
    """The phrasal verbs and the conjunction of ``phrasal-title`` are decided by rule."""
    assert render_citation(VARIANTS["phrasal-title"], STYLE, "reference").notices == ()


def test_title_case_leaves_domain_names_alone() -> None:
    title = "Why meduza.io moved to www.example.org"
    record = VARIANTS["dated"]._replace(title=title, language="en")
    assert "“Why meduza.io Moved to www.example.org.”" in cite(record, STYLE)


def test_a_paragraph_pinpoint_is_refused_with_a_notice() -> None:
    record = VARIANTS["seed"]
    citation = cite_ref(record, f"{record.id}#p5", STYLE, "in-text")
    assert (citation.render(), citation.notices) == ("(Kartsev)", (
        "MLA does not count unnumbered paragraphs; citing the work as a whole "
        "(say in your sentence where p5 is)",
    ))


# --- quotations (MLA's quote rules) ---------------------------------------------------------

def test_mla_brackets_its_ellipsis_when_the_source_has_one() -> None:
    record = record_with("First it went... nowhere. Second. Third one.")
    mla = quote_ref(record, "synthetic#p1:s1,s3", STYLE)
    assert write_text(mla, False, None) == "“First it went... nowhere. [. . .] Third one” (Author)."
