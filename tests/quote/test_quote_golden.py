"""The quote goldens as a whole: every case × style × format has its file.

Files are ``tests/golden/quote/<case>.<style>.<ext>`` (stdout of ``transcite quote REF --style
STYLE --format FORMAT --with-reference``). How a quotation is set is the style's (its quote
rules), so each style's quote goldens are checked in the style's own test file
(``tests/cite/styles/test_<style>.py``, through ``style_rules.StyleRules``). Regenerate on
purpose with ``TRANSCITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/cite tests/quote``
and read every changed file against the manual (docs/quoting.md) before committing it.

The goldens pin how a quotation is set; the citation and the reference entry in it are the
style's citations, checked by its oracle, manual cases and citation goldens. So the golden
files hold them as ``⟦citation⟧``, ``⟦reference⟧`` and, in LaTeX, the biblatex postnote
``⟦locator⟧``: the test puts in their place what ``transcite cite`` makes of the same REF,
which must be found in the output exactly (a quotation with another citation fails).
"""

from __future__ import annotations

from transcite.cite.styles import style_names
from transcite.quote.formats import FORMATS

from citing import QUOTE_CASES as CASES
from conftest import ROOT
from style_rules import QUOTE_EXTENSIONS

GOLDEN = ROOT / "tests" / "golden" / "quote"


def test_every_format_has_goldens() -> None:
    assert set(QUOTE_EXTENSIONS) == set(FORMATS)
    expected = {
        f"{c}.{s}.{QUOTE_EXTENSIONS[f]}" for c in CASES for s in style_names() for f in FORMATS
    }
    assert {p.name for p in GOLDEN.glob("*.*")} == expected
