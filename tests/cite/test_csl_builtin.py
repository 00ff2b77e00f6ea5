"""Each built-in style against its official CSL file rendered by ``--csl`` (pandoc).

The built-in styles follow their manuals; where a manual and the official CSL file disagree
the built-in style departs from the file, and ``tests/oracle/deviations.toml`` lists each such
case (explained in docs/styles.md). This test shows that ``--csl`` with the counterpart file
gives the built-in style's text everywhere else, character for character: every difference is
a documented deviation, or a listed difference between pandoc and citeproc-js on the file
itself (``tests/oracle/csl/engine-differences.toml``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style, style_names

from csl_oracle import differences, rendered
from variants import PINPOINTS, variants

DEVIATIONS = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "oracle" / "deviations.toml").read_text("utf-8")
)["deviation"]


def counterpart(style: str) -> tuple[str, str | None, str]:
    """(the official CSL file a built-in style names, the locale to force or ``None`` for the
    file's own, the style's citation form)."""
    builtin = get_style(style)
    assert builtin.csl is not None
    csl, locale = builtin.csl
    form = "note" if "note" in builtin.forms else "in-text"
    return csl, None if locale == "en-US" else locale, form


def deviation(style: str, kind: str, variant: str, pin: str) -> str | None:
    for dev in DEVIATIONS:
        if (dev["style"], dev["kind"], dev.get("aspect", "text")) != (style, kind, "text"):
            continue
        if variant in dev.get("variants", variants()) and pin in dev.get("pinpoints", PINPOINTS):
            return str(dev["id"])
    return None


@pytest.mark.slow
@pytest.mark.parametrize("style", [s for s in style_names() if get_style(s).csl])
def test_every_difference_from_the_csl_file_is_a_documented_deviation(style: str) -> None:
    csl, lang, citation_form = counterpart(style)
    theirs = rendered(csl, "text", lang)
    engine = differences(csl) if lang is None else {}
    wrong, documented = [], 0
    for variant, record in variants().items():
        for kind, pins in (("reference", ("",)), ("citation", PINPOINTS)):
            for pin in pins:
                case = f"bibliography:{variant}" if kind == "reference" else (
                    f"{variant}#{pin}" if pin else variant)
                form = "reference" if kind == "reference" else citation_form
                ref = f"{record.id}#{pin}" if pin else record.id
                ours = cite_ref(record, ref, style, form).render("text")
                dev = deviation(style, kind, variant, pin)
                if case in engine:
                    continue  # pandoc and citeproc-js differ on the file itself
                if dev is not None:
                    documented += 1
                    if ours == theirs[case]:
                        wrong.append(f"{case}: deviation {dev} listed, but --csl agrees")
                elif ours != theirs[case]:
                    wrong.append(f"{case}: undocumented difference\n  --style: {ours}\n"
                                 f"  --csl:   {theirs[case]}")
    assert not wrong, f"{style} vs {csl}:\n" + "\n".join(wrong)
