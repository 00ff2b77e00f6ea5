"""Chicago 17, notes and bibliography (``--style chicago-notes``): every rule of the style, in
this one file.

The oracle, the goldens and the rules every style follows come from
:class:`style_rules.StyleRules`; the cases below are written from the manual (sections named
beside each), never from transcite's output. A changed rule of this style fails here; a rule
both Chicago styles share (``cite/styles/_chicago.py``) fails here and in
test_chicago_author_date.py.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.citation import cite_ref, render_citation
from transcite.core.model import Original

from conftest import SEED_URL
from style_rules import (
    VARIANTS,
    ChicagoScripts,
    LatexSentenceEnds,
    LatexSpaces,
    ManualCases,
    ManualNotices,
    ReadmeTranscripts,
    StyleRules,
    TranslatorSuffix,
    cite,
    dated,
    script_notices,
)
from variants import HEADLINE, PHRASAL, RU_TRANSLATION, RU_TRANSLITERATION, URL

STYLE = "chicago-notes"


class TestChicagoNotes(
    StyleRules, ManualCases, ManualNotices, TranslatorSuffix, ChicagoScripts, LatexSpaces,
    LatexSentenceEnds, ReadmeTranscripts,
):
    STYLE = STYLE
    SCRIPT_FORMS = ("reference", "note", "short-note")
    #: LaTeX: (variant, form, pinpoint, words) with an abbreviation's ``\\ `` or a
    #: locator's ``~`` (style_rules.LatexSpaces)
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]] = [
        # trans. before the translator's name (CMOS 17 14.103)
        ("dated", "note", "", r"trans.\ Hilah Kohen"),
        # a suffix inside the sentence; initials are already followed by a normal space in
        # TeX (a period after a capital), so "M. L. King" is left as written
        ("suffix", "note", "", r"Martin Luther King Jr.\ and Anna Petrova"),
    ]
    #: LaTeX: (variant, form, words) whose periods end a sentence and stay as TeX sets them
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]] = [
        ("original-undated-translation", "reference", r"\textit{Meduza}, n.d. Orig"),
        ("dated", "reference", r"Islamists. So Far"),
    ]
    #: (variant, form) -> the plain-text citation CMOS 17 gives the variant (tests/variants.py)
    EXPECTED: ClassVar[dict[tuple[str, str], str]] = {
        # 14.76: more than ten authors, the first seven then "et al." in the bibliography;
        # four or more, the first and "et al." in a note
        ("eleven-authors", "reference"): (
            "Kartsev, Dmitry, Anna Petrova, Ivan Sidorov, Maria Ivanova, Olga Smirnova, Pavel "
            f"Orlov, Sergei Volkov, et al. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, "
            f"February 12, 2019. {URL}."
        ),
        ("eleven-authors", "note"): (
            f"Dmitry Kartsev et al., “{HEADLINE},” trans. Hilah Kohen, Meduza, February 12, "
            f"2019, {URL}."
        ),
        # 14.98 and 11.98: a title in Cyrillic transliterated, the bracketed translation
        # after the quoted title
        ("russian-title", "reference"): (
            f"Kartsev, Dmitry. “{RU_TRANSLITERATION}” [{RU_TRANSLATION}]. Meduza, February 12, "
            f"2019. {URL}."
        ),
        # 14.32: a short title of up to four key words of the main title, never a subtitle
        # (after a colon or, here, a dash); a quotation is not cut open. 6.9: the period
        # inside both closing quotation marks.
        ("dash-title", "short-note"): "Kartsev, “Neck and Neck.”",
        ("quoted-title", "short-note"): "Kartsev, “‘Deal of the Century.’”",
        # 6.9: punctuation inside closing quotation marks; an original title with no date,
        # in a note before the URL and in the bibliography
        ("original-untimed", "note"): (
            f"Dmitry Kartsev, “{HEADLINE},” trans. Hilah Kohen, Meduza, February 12, 2019, "
            f"originally published as “{RU_TRANSLITERATION},” {URL}."
        ),
        ("original-untimed", "reference"): (
            f"Kartsev, Dmitry. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, February 12, "
            f"2019. Originally published as “{RU_TRANSLITERATION}.” {URL}."
        ),
        # 8.159: a preposition used as an adverb is capitalised (Steps Up, Pull Out of), "as"
        # is lowercased in every use
        ("phrasal-title", "note"): (
            f"Dmitry Kartsev, “{PHRASAL.replace('{as}', 'as')},” trans. Hilah "
            f"Kohen, Meduza, February 12, 2019, {URL}."
        ),
        # 14.21 and the CMOS Q&A on "du Maurier": a bibliography entry keeps the lowercase
        # particle, a note capitalises it (8.5); 6.43 no comma before Jr. in running text; an
        # inverted name takes "King, Martin Luther, Jr."
        ("particle", "reference"): (
            f"van der Berg, Jan. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, February 12, "
            f"2019. {URL}."
        ),
        ("particle", "short-note"): "Van der Berg, “Russia and the U.S.”",
        ("suffix", "note"): (
            f"Martin Luther King Jr. and Anna Petrova, “{HEADLINE},” trans. Hilah Kohen, "
            f"Meduza, February 12, 2019, {URL}."
        ),
        ("suffix", "reference"): (
            f"King, Martin Luther, Jr., and Anna Petrova. “{HEADLINE}.” Translated by Hilah "
            f"Kohen. Meduza, February 12, 2019. {URL}."
        ),
    }
    #: (variant, form) -> words a notice must hold. 14.98: a title in another script is given
    #: in Latin letters (transliterated), an English translation in square brackets optional;
    #: without one the record's script is printed and the notice says so, for the title and
    #: for the original's title
    NOTICES: ClassVar[dict[tuple[str, str], str]] = {
        ("russian-title-bare", "reference"): "14.98",
        ("russian-title-bare", "note"): "transliterated into Latin letters",
        ("russian-title-bare", "short-note"): "no transliteration of the title",
        ("original", "note"): "no transliteration of the original's title",
        ("accessed-early", "reference"): "before the publication date",
    }


def test_chicago_bibliography_of_an_unsigned_article_starts_with_the_site() -> None:
    # CMOS 17, unsigned newspaper articles: the newspaper stands in place of the author
    record = dated(authors=())
    assert cite(record, STYLE, fmt="markdown") == (
        f"*Meduza*. “{HEADLINE}.” Translated by Hilah Kohen. February 12, 2019. "
        f"<{SEED_URL}>."
    )
    assert cite(record, STYLE, "note") == (
        f"“{HEADLINE},” trans. Hilah Kohen, Meduza, February 12, 2019, {SEED_URL}."
    )


def test_a_subtitle_after_a_colon_starts_with_a_capital() -> None:
    # CMOS 8.159: title case, subtitle capitalised
    record = dated(title="Neck and neck: a race to negotiate with the Taliban")
    assert "“Neck and Neck: A Race to Negotiate with the Taliban.”" in cite(record, STYLE)


def test_chicago_short_title_never_cuts_inside_a_quotation() -> None:
    # CMOS 14.30: a short title of up to four words of the main title; a cut inside a quoted
    # phrase would leave an unbalanced quotation mark
    record = dated(title="Putin calls talks “a historic success” in Doha")
    short = cite_ref(record, record.id, STYLE, "short-note").render()
    assert short == "Kartsev, “Putin Calls Talks.”"


def test_no_notice_where_the_rules_decide() -> None:
    """The phrasal verbs and the conjunction of ``phrasal-title`` are decided by rule."""
    assert render_citation(VARIANTS["phrasal-title"], STYLE, "reference").notices == ()


def test_the_original_title_notice_only_where_the_original_is_printed() -> None:
    """A short note prints neither the original nor (with an author) the title: no
    notice; the bibliography entry prints the original's title."""
    record = VARIANTS["dated"]._replace(
        original=Original("ru", "Россия и США", None, "2018-12-30"),
    )
    assert script_notices(record, STYLE, "short-note") == []
    assert len(script_notices(record, STYLE, "reference")) == 1
