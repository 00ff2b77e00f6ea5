"""Golden outputs of ``transcite quote``: every case × style × format.

Files are ``tests/golden/quote/<case>.<style>.<ext>`` (stdout of ``transcite quote REF --style
STYLE --format FORMAT --with-reference``). Regenerate on purpose with
``TRANSCITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/quote/test_quote_golden.py`` and read
every changed file against the manual (docs/quoting.md) before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.cite.styles import style_names
from transcite.quote.formats import FORMATS

from conftest import ROOT
from golden_files import check_golden

GOLDEN = ROOT / "tests" / "golden" / "quote"
CASES = {
    "one-sentence": "p5:s1",
    "short-paragraph": "p15",
    "long-paragraph": "p3",
    "paragraph-range": "p15-p16",
    "omission": "p14:s1,s3",
    "caption": "fig1",
    "inner-quotes": "p1",
}
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


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.*")), ids=lambda p: p.name)
def test_every_golden_names_the_translator(path: Path) -> None:
    assert "Kohen" in path.read_text("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(run: Callable[..., Result], case: str, style: str, fmt: str) -> None:
    ref = f"kartsev-islamists#{CASES[case]}"
    result = run("quote", ref, "--style", style, "--format", fmt, "--with-reference")
    assert result.exit_code == 0, result.stderr
    check_golden(f"quote/{golden_path(case, style, fmt).name}", result.stdout)
