"""APA 7 (``--style apa``): every rule of the style, in this one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the manual (sections named
beside each), never from transcite's output. A changed APA rule fails here and nowhere else.
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from transcite.cite.citation import cite_ref, render_citation
from transcite.core.model import Person
from transcite.quote.formats import write_text
from transcite.quote.quoting import quote_ref

from style_rules import (
    VARIANTS,
    LatexSentenceEnds,
    LatexSpaces,
    ManualCases,
    ManualNotices,
    ReadmeTranscripts,
    StyleRules,
    cite,
    dated,
)
from variants import (
    ANNA,
    IVAN,
    KOHEN,
    RU_TITLE,
    RU_TRANSLATION,
    RU_TRANSLITERATION,
    SENTENCE,
    URL,
    record_with,
)

STYLE = "apa"


class TestAPA(
    StyleRules, ManualCases, ManualNotices, LatexSpaces, LatexSentenceEnds, ReadmeTranscripts
):
    STYLE = STYLE
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces): the locator's no-break space is already a
    #: tie, a normal space that does not break
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        ("seed", "in-text", "p5", r"(Kartsev, n.d., para.~5)"),
    ]
    #: LaTeX: (variant, form, words) whose periods end a sentence and stay as TeX sets them
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]] = [
        ("unsigned", "reference", r"(H. Kohen, Trans.). (2019, February 12). Meduza."),
    ]
    #: (variant, form) -> the plain-text citation APA 7 gives the variant (tests/variants.py)
    EXPECTED: ClassVar[dict[tuple[str, str], str]] = {
        # §8.17: three or more authors, "et al." in text (§9.8: up to twenty listed)
        ("eleven-authors", "in-text"): "(Kartsev et al., 2019)",
        # §9.38: a title in Cyrillic transliterated, its English translation in square
        # brackets (not italic)
        ("russian-title", "reference"): (
            f"Kartsev, D. (2019, February 12). {RU_TRANSLITERATION} [{RU_TRANSLATION}]. "
            f"Meduza. {URL}"
        ),
        ("russian-title-bare", "reference"): (
            f"Kartsev, D. (2019, February 12). {RU_TITLE}. Meduza. {URL}"
        ),
        # §8.19: the original's year, a slash, the translation's; with no date the
        # translation's is n.d. (§9.17), with a notice (no example in the manual)
        ("original-undated-translation", "in-text"): "(Kartsev, 2018/n.d.)",
        # APA Style (capitalisation of names with particles): the particle as the person
        # writes it, in the reference list too; §9.8 a suffix after the initials
        ("particle", "reference"): (
            f"van der Berg, J. (2019, February 12). {SENTENCE} (H. Kohen, Trans.). Meduza. {URL}"
        ),
        ("suffix", "reference"): (
            f"King, M. L., Jr., & Petrova, A. (2019, February 12). {SENTENCE} (H. Kohen, "
            f"Trans.). Meduza. {URL}"
        ),
        # §9.11: a group author as written
        ("organisation", "reference"): (
            f"Reuters. (2019, February 12). {SENTENCE} (H. Kohen, Trans.). Meduza. {URL}"
        ),
    }
    #: (variant, form) -> words a notice must hold (the manual's rule it reports)
    NOTICES: ClassVar[dict[tuple[str, str], str]] = {
        ("russian-title-bare", "reference"): "§9.38",
        ("accessed-early", "reference"): "before the publication date",
        ("original-undated-translation", "in-text"): "§8.19",
    }


# --- citations ------------------------------------------------------------------------------

def test_apa_in_text_without_author_gives_the_title_in_title_case() -> None:
    # APA 7 §8.14: the title in the author's place, italic as in the reference and in title
    # case (§6.17: words of four letters or more capitalised, "With" included)
    record = dated(authors=())
    assert cite(record, STYLE, "in-text", "markdown") == (
        "(*Russia and the U.S. Are Racing to Negotiate With Islamists*, 2019)"
    )


def test_apa_three_translators_take_the_serial_comma() -> None:
    # APA 7 §9.8 and §9.39: names in a series take a comma before the ampersand
    record = dated(translators=(KOHEN, ANNA, IVAN))
    assert "(H. Kohen, A. Petrova, & I. Sidorov, Trans.)" in cite(record, STYLE)
    two = dated(translators=(KOHEN, ANNA))
    assert "(H. Kohen & A. Petrova, Trans.)" in cite(two, STYLE)


def test_a_subtitle_after_a_colon_starts_with_a_capital() -> None:
    # APA 7 §6.17: sentence case capitalises the first word of a subtitle after a colon
    record = dated(title="Neck and neck: a race to negotiate with the Taliban")
    expected = "Neck and neck: A race to negotiate with the Taliban (H. Kohen, Trans.)."
    assert expected in cite(record, STYLE)


def test_apa_names_an_organisation_once_when_it_is_also_the_site() -> None:
    # APA 7 §10.16 (webpages on a website): when the author and the site name are the same,
    # the site name is left out
    record = dated(authors=(Person("", "Meduza"),))
    assert cite(record, STYLE).startswith(
        f"Meduza. (2019, February 12). {SENTENCE} (H. Kohen, "
    )
    assert " Meduza. https" not in cite(record, STYLE)


def test_apa_spaces_initials() -> None:
    """APA 7 §9.8: "M. L." with a space."""
    mary = Person("Mary Ann", "Smith")
    record = VARIANTS["dated"]._replace(authors=(mary,), translators=(mary,))
    apa = render_citation(record, STYLE, "reference").render()
    assert apa.startswith("Smith, M. A. (2019") and "(M. A. Smith, Trans.)" in apa


def test_reference_with_a_pinpoint_says_where_the_pinpoint_goes() -> None:
    record = VARIANTS["seed"]
    pinned = cite_ref(record, f"{record.id}#p5", STYLE, "reference")
    assert pinned.notices == (
        "APA 7: a reference entry cites the work as a whole; "
        "ask for --form in-text to pinpoint p5",
    )


# --- quotations (APA's quote rules) ---------------------------------------------------------

@pytest.mark.parametrize(("words", "setting"), [(39, "run-in"), (40, "block")])
def test_apa_sets_a_quotation_of_40_words_or_more_as_a_block(words: int, setting: str) -> None:
    # APA 7 (8.27): "If a quotation contains 40 words or more, treat it as a block quotation"
    text = " ".join(["word"] * (words - 1)) + " end."
    assert quote_ref(record_with(text), "synthetic#p1", STYLE).setting == setting


def test_apa_does_not_bracket_its_ellipsis_when_the_source_has_one() -> None:
    # MLA brackets its ellipsis where the source has one (test_mla.py); APA does not
    record = record_with("First it went... nowhere. Second. Third one.")
    apa = quote_ref(record, "synthetic#p1:s1,s3", STYLE)
    assert write_text(apa, False, None).startswith("“First it went... nowhere. . . . Third")
