"""Golden outputs of ``transcite quote``: every case × style × format.

Files are ``tests/golden/quote/<case>.<style>.<ext>`` (stdout of ``transcite quote REF --style
STYLE --format FORMAT --with-reference``). Regenerate on purpose with
``TRANSCITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/quote/test_quote_golden.py`` and read
every changed file against the manual (docs/quoting.md) before committing it.

The goldens pin how a quotation is set; the citation and the reference entry in it are the
style's, owned by tests/cite (oracle, manuals, citation goldens). So the golden files hold
them as ``⟦citation⟧``, ``⟦reference⟧`` and, in LaTeX, the biblatex postnote ``⟦locator⟧``:
the test puts in their place what ``transcite cite`` makes of the same REF, which must be
found in the output exactly (a quotation with another citation fails), and a changed style
rule fails in tests/cite alone (issue 10; ``bench/mutate_rules.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.cite.styles import style_names
from transcite.quote.formats import FORMATS

from citing import QUOTE_CASES as CASES
from citing import style_parts, with_placeholders
from conftest import ROOT
from golden_files import check_golden

GOLDEN = ROOT / "tests" / "golden" / "quote"
#: every style of the registry: a new style without goldens fails test_every_format_has_goldens
STYLES = tuple(style_names())
EXTENSIONS = {
    "text": "txt", "markdown": "md", "html": "html", "latex": "tex", "json": "json",
    "annotation": "jsonld",
}


def golden_path(case: str, style: str, fmt: str) -> Path:
    return GOLDEN / f"{case}.{style}.{EXTENSIONS[fmt]}"


def test_every_format_has_goldens() -> None:
    assert set(EXTENSIONS) == set(FORMATS)
    expected = {golden_path(c, s, f).name for c in CASES for s in STYLES for f in FORMATS}
    assert {p.name for p in GOLDEN.glob("*.*")} == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(run: Callable[..., Result], case: str, style: str, fmt: str) -> None:
    ref = f"kartsev-islamists#{CASES[case]}"
    result = run("quote", ref, "--style", style, "--format", fmt, "--with-reference")
    assert result.exit_code == 0, result.stderr
    assert "Kohen" in result.stdout  # the translator is named
    golden = with_placeholders(result.stdout, style_parts(ref, style, fmt), fmt)
    check_golden(f"quote/{golden_path(case, style, fmt).name}", golden)
