"""Chicago 17, author-date (``--style chicago-author-date``): every rule of the style, in this
one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the manual (sections named
beside each), never from transcite's output. A changed rule of this style fails here; a rule
both Chicago styles share (``cite/styles/_chicago.py``) fails here and in
test_chicago_notes.py.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.core.model import Original

from conftest import SEED_URL
from style_rules import (
    VARIANTS,
    ChicagoScripts,
    LatexSentenceEnds,
    LatexSpaces,
    ManualCases,
    ManualNotices,
    StyleRules,
    TranslatorSuffix,
    cite,
    dated,
    script_notices,
)
from variants import HEADLINE

STYLE = "chicago-author-date"


class TestChicagoAuthorDate(
    StyleRules, ManualCases, ManualNotices, TranslatorSuffix, ChicagoScripts, LatexSpaces,
    LatexSentenceEnds,
):
    STYLE = STYLE
    SCRIPT_FORMS = ("reference",)
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces)
    #: et al. before the year (CMOS 17 15.29)
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        ("eleven-authors", "in-text", "", r"(Kartsev et al.\ 2019)"),
    ]
    #: LaTeX: (variant, form, words) whose periods end a sentence and stay as TeX sets them
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]] = [
        ("seed", "reference", r"Kartsev, Dmitry. n.d. “Russia"),
    ]
    #: (variant, form) -> the plain-text citation CMOS 17 gives the variant (tests/variants.py)
    EXPECTED: ClassVar[dict[tuple[str, str], str]] = {
        # 15.38: the original's year in brackets; 15.44 n.d. after a comma; combined with a
        # notice (no example in the manual)
        ("original-undated-translation", "in-text"): "(Kartsev, [2018] n.d.)",
        # 14.21: the lowercase particle kept
        ("particle", "in-text"): "(van der Berg 2019)",
    }
    #: (variant, form) -> words a notice must hold (the manual's rule it reports)
    NOTICES: ClassVar[dict[tuple[str, str], str]] = {
        ("russian-title-bare", "reference"): "14.98",
        ("original-earlier", "reference"): "the original's title",
        ("original-undated-translation", "in-text"): "15.38",
    }


def test_chicago_author_date_of_an_unsigned_article_starts_with_the_site() -> None:
    # CMOS 17 §15.47 and unsigned articles: "New York Times. 2002. “Title.” July 30, 2002."
    record = dated(authors=())
    assert cite(record, STYLE, fmt="markdown") == (
        f"*Meduza*. 2019. “{HEADLINE}.” Translated by Hilah Kohen. February 12, 2019. "
        f"<{SEED_URL}>."
    )
    assert cite(record, STYLE, "in-text", "markdown") == "(*Meduza* 2019)"


def test_chicago_author_date_without_author_or_site_starts_with_the_title() -> None:
    record = dated(authors=(), publisher=None)
    assert cite(record, STYLE) == (
        f"“{HEADLINE}.” 2019. Translated by Hilah Kohen. February 12, 2019. {SEED_URL}."
    )


def test_chicago_author_date_puts_the_comma_before_n_d_inside_the_quotation_marks() -> None:
    # CMOS 6.9: commas go inside closing quotation marks; 15.32: a title in the author's place
    record = dated(authors=(), publisher=None, published=None)
    assert cite(record, STYLE, "in-text") == "(“Russia and the U.S.,” n.d.)"


def test_the_original_title_notice_only_where_the_original_is_printed() -> None:
    """An author-date citation prints neither the original nor (with an author) the title:
    no notice."""
    record = VARIANTS["dated"]._replace(
        original=Original("ru", "Россия и США", None, "2018-12-30"),
    )
    assert script_notices(record, STYLE, "in-text") == []


def test_an_author_date_citation_that_prints_the_title_gets_the_script_notice() -> None:
    """No author and no site: the short title stands in the citation (CMOS 15.32)."""
    bare = VARIANTS["russian-title-bare"]._replace(authors=(), publisher=None)
    assert len(script_notices(bare, STYLE, "in-text")) == 1
    named = VARIANTS["russian-title-bare"]
    assert script_notices(named, STYLE, "in-text") == []
