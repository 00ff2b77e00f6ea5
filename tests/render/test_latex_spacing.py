"""LaTeX: an abbreviation's period inside a sentence is followed by ``\\ `` (normal space).

TeX sets a wider space after a period that follows a lowercase letter, taking it for the end
of a sentence (the TeXbook, ch. 12; the standard classes do not set ``\\frenchspacing``). The
LaTeX manual's remedy is ``\\ `` after an abbreviation's period and ``\\@.`` for a full stop
after a capital; biblatex writes its abbreviations so ("trans\\adddot\\ by", ``\\adddot``
setting the space factor of a word's end). The exact strings below were written from those
rules; each style's citations in LaTeX are checked against them in the style's own test file
(``tests/cite/styles/``, ``LATEX_SPACES`` and ``LATEX_SENTENCE_ENDS``); the compiled check
(the PDF against the same text under ``\\frenchspacing``) is in ``tests/exports/test_tex.py``
(``make test-tex``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.text import abbreviation_periods, sentence_periods_after_capitals
from transcite.render.backends import _latex_escape, sentence_spacing
from transcite.render.richtext import Emph, render, span


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
