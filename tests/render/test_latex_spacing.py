"""LaTeX: an abbreviation's period inside a sentence is followed by ``\\ `` (normal space).

TeX sets a wider space after a period that follows a lowercase letter, taking it for the end
of a sentence (the TeXbook, ch. 12; the standard classes do not set ``\\frenchspacing``). The
LaTeX manual's remedy is ``\\ `` after an abbreviation's period and ``\\@.`` for a full stop
after a capital; biblatex writes its abbreviations so ("trans\\adddot\\ by", ``\\adddot``
setting the space factor of a word's end). The exact strings below were written from those
rules; the compiled check (the PDF against the same text under ``\\frenchspacing``) is in
``tests/exports/test_tex.py`` (``make test-tex``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.cite.citation import cite_ref
from transcite.core.text import abbreviation_periods, sentence_periods_after_capitals
from transcite.render.backends import _latex_escape, sentence_spacing
from transcite.render.richtext import Emph, render, span

from variants import variants

VARIANTS = variants()

#: (variant, style, form, pinpoint) -> what the LaTeX citation must contain, and what it must
#: not (the same words with the plain space TeX would widen, or a sentence end made narrow)
CITATIONS = [
    # et al. before the year (CMOS 17 15.29, Harvard): inside the citation
    ("eleven-authors", "chicago-author-date", "in-text", "", r"(Kartsev et al.\ 2019)"),
    ("eleven-authors", "harvard", "reference", "", r"Kartsev, D. et al.\ (2019) ‘Russia"),
    # trans. before the translator's name (CMOS 17 14.103)
    ("dated", "chicago-notes", "note", "", r"trans.\ Hilah Kohen"),
    # months abbreviated before the day or year (MLA 9 §5.42, IEEE)
    ("dated", "mla", "reference", "", r"12 Feb.\ 2019,"),
    ("dated", "ieee", "reference", "", r"Feb.\ 12, 2019"),
    ("accessed-early", "ieee", "reference", "", r"Accessed: Jan.\ 5, 2019."),
    ("original-earlier", "mla", "reference", "", r"30 Dec.\ 2018."),
    # a suffix inside the sentence; initials are already followed by a normal space in TeX
    # (a period after a capital), so "M. L. King" is left as written
    ("suffix", "chicago-notes", "note", "", r"Martin Luther King Jr.\ and Anna Petrova"),
    ("suffix", "ieee", "reference", "", r"[1] M. L. King Jr.\ and A. Petrova,"),
    # the locator's no-break space is already a tie, a normal space that does not break
    ("seed", "apa", "in-text", "p5", r"(Kartsev, n.d., para.~5)"),
    ("dated", "harvard", "in-text", "fig1", r"fig.~1)"),
    ("dated", "ieee", "in-text", "fig1", r"[1, Fig.~1]"),
]
#: periods that end a sentence (an element of the reference) stay as TeX sets them
SENTENCE_ENDS = [
    ("three-translators", "mla", "reference", r"Hilah Kohen et al. \textit{Meduza}"),
    ("seed", "chicago-author-date", "reference", r"Kartsev, Dmitry. n.d. “Russia"),
    ("original-undated-translation", "chicago-notes", "reference", r"\textit{Meduza}, n.d. Orig"),
    ("dated", "ieee", "reference", r"2019. [Online]. Available:"),
    ("dated", "chicago-notes", "reference", r"Islamists. So Far"),
    ("unsigned", "apa", "reference", r"(H. Kohen, Trans.). (2019, February 12). Meduza."),
]


def _latex(variant: str, style: str, form: str, pin: str = "") -> str:
    record = VARIANTS[variant]
    ref = f"{record.id}#{pin}" if pin else record.id
    return cite_ref(record, ref, style, form).render("latex")


@pytest.mark.parametrize(("variant", "style", "form", "pin", "expected"), CITATIONS)
def test_an_abbreviations_period_is_followed_by_a_normal_space(
    variant: str, style: str, form: str, pin: str, expected: str
) -> None:
    out = _latex(variant, style, form, pin)
    assert expected in out, out
    # the other formats print the plain space
    text = expected.replace(".\\ ", ". ").replace("~", " ")
    assert text in _latex_free(variant, style, form, pin)


def _latex_free(variant: str, style: str, form: str, pin: str) -> str:
    record = VARIANTS[variant]
    ref = f"{record.id}#{pin}" if pin else record.id
    return cite_ref(record, ref, style, form).render("text")


@pytest.mark.parametrize(("variant", "style", "form", "expected"), SENTENCE_ENDS)
def test_a_sentence_end_stays_a_sentence_end(
    variant: str, style: str, form: str, expected: str
) -> None:
    assert expected in _latex(variant, style, form)


@pytest.mark.parametrize(("text", "latex"), [
    ("Mr. Smith and Dr. Jones", r"Mr.\ Smith and Dr.\ Jones"),
    ("ed. by Anna Petrova", r"ed.\ by Anna Petrova"),
    ("p. 5 and pp. 5–7", r"p.\ 5 and pp.\ 5–7"),
    ("para. 3", r"para.\ 3"),
    ("vol. 2, no. 3", r"vol.\ 2, no.\ 3"),
    ("Sept. 2019", r"Sept.\ 2019"),
    ("cf. the Taliban", r"cf.\ the Taliban"),
    ("the U.S. and Russia", "the U.S. and Russia"),  # after a capital: already normal
    ("M. L. King", "M. L. King"),
    ("for example, e.g. this", r"for example, e.g.\ this"),
    ("it ended in a no. The next", "it ended in a no. The next"),  # "no." not before a number
    ("in the year 2019. Then", "in the year 2019. Then"),
    ("photo op. November 9", "photo op. November 9"),
    ("by the BBC. Next", r"by the BBC\@. Next"),  # a full stop after a capital
    ("reported by TASS. 2019", r"reported by TASS\@. 2019"),
    ("DR. SMITH", "DR. SMITH"),  # a title in capitals, not an acronym
    ("Kartsev et al.", "Kartsev et al."),  # nothing follows: the end of the sentence
    # a period after a bracket ends the sentence, whatever the bracket closes (APA, unsigned)
    ("(H. Kohen, Trans.). (2019, February 12)", "(H. Kohen, Trans.). (2019, February 12)"),
    ("R&D Inc. and co.", r"R\&D Inc.\ and co."),
])
def test_latex_text(text: str, latex: str) -> None:
    assert render(text, "latex") == latex


def test_a_run_of_strings_is_read_whole() -> None:
    """The abbreviation and the space after it are often separate strings of the tree."""
    assert render(span("Kartsev et al.", " ", "2019"), "latex") == r"Kartsev et al.\ 2019"
    assert render(span(span("trans."), " Hilah"), "latex") == r"trans.\ Hilah"
    # a ligature across two strings is broken as within one ("--" would print an en dash)
    assert render(span("a-", "-b"), "latex") == "a-{}-b"
    # what follows markup is not known: the period is left as it is
    assert render(span("Kohen et al. ", Emph("Meduza")), "latex") == (
        r"Kohen et al. \textit{Meduza}"
    )


def test_a_postnote_with_a_space_keeps_its_tie() -> None:
    from transcite.render.richtext import Citing

    out = render(Citing("", "k", r"\parencite", "para. 5"), "latex")
    assert out == r"\parencite[para.~5]{k}"


@given(st.text(alphabet="aZ. \u00a0-&\\~()“", max_size=40))
def test_sentence_spacing_only_adds_spacing_commands(text: str) -> None:
    """Taking the ``\\ `` and ``\\@`` back out leaves the text as escaped before."""
    out = sentence_spacing(text)
    assert out.replace(".\\ ", ". ").replace("\\@.", ".") == _latex_escape(text)
    for i in abbreviation_periods(text) + sentence_periods_after_capitals(text):
        assert text[i] == "." and text[i + 1] == " "
