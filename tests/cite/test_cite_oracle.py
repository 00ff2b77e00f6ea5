"""Citations checked against citeproc-js with the official CSL styles (tests/oracle/).

The oracle's outputs were rendered by ``tests/oracle/regenerate.py`` from transcite's own
CSL-JSON export of every variant in ``tests/variants.py``. transcite must match them character
for character, and set the same words in italics, except in the cases
``tests/oracle/deviations.toml`` lists, where the style manual and the CSL file disagree; each of
those must really differ and be explained in docs/styles.md.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from lxml import html

from transcite.cite.citation import Work, cite_ref
from transcite.cite.styles import get_style, style_names
from transcite.exports.csl_json import csl_item

from variants import ORACLE_PENDING, PINPOINTS, variants

ORACLE = Path(__file__).resolve().parent.parent / "oracle"
DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "styles.md"
TEXT = json.loads((ORACLE / "citeproc-js.json").read_text(encoding="utf-8"))
HTML = json.loads((ORACLE / "citeproc-js.html.json").read_text(encoding="utf-8"))
DEVIATIONS = tomllib.loads((ORACLE / "deviations.toml").read_text(encoding="utf-8"))["deviation"]
#: the form each style's oracle "citation" is: in-text, or the first note; every style of the
#: registry is checked against its official CSL style (``Style.csl``)
CITATION_FORM = {
    name: "in-text" if "in-text" in get_style(name).forms else "note" for name in style_names()
}
VARIANTS = {n: r for n, r in variants().items() if n not in ORACLE_PENDING}

Case = tuple[str, str, str, str]  # style, kind, variant, pinpoint


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for style in CITATION_FORM:
        for variant in VARIANTS:
            cases.append((style, "reference", variant, ""))
            cases += [(style, "citation", variant, pin) for pin in PINPOINTS]
    return cases


def deviating(aspect: str) -> dict[Case, str]:
    """Every case a deviation covers for ``aspect``, with the deviation's id."""
    out: dict[Case, str] = {}
    for dev in DEVIATIONS:
        if dev.get("aspect", "text") != aspect:
            continue
        for case in all_cases():
            style, kind, variant, pin = case
            if (style, kind) != (dev["style"], dev["kind"]):
                continue
            if variant in dev.get("variants", VARIANTS) and pin in dev.get("pinpoints", PINPOINTS):
                out[case] = dev["id"]
    return out


def ours(case: Case, fmt: str) -> str:
    style, kind, variant, pin = case
    record = VARIANTS[variant]
    form = "reference" if kind == "reference" else CITATION_FORM[style]
    ref = f"{record.id}#{pin}" if pin else record.id
    return cite_ref(record, ref, style, form).render(fmt)


def oracle(case: Case, data: dict[str, dict[str, dict[str, str]]]) -> str:
    style, kind, variant, pin = case
    if kind == "reference":
        return data[style]["bibliography"][variant]
    return data[style]["citations"][f"{variant}#{pin}" if pin else variant]


def italics(fragment: str) -> list[str]:
    root = html.fragment_fromstring(fragment, create_parent="div")
    return [i.text_content() for i in root.iter("i")]


def case_id(case: Case) -> str:
    return "-".join(p for p in case if p)


TEXT_DEVIATIONS = deviating("text")
ITALIC_DEVIATIONS = deviating("italics")


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_plain_text_matches_the_official_style_or_a_documented_deviation(case: Case) -> None:
    expected = oracle(case, TEXT)
    if case in TEXT_DEVIATIONS:
        assert ours(case, "text") != expected, f"stale deviation {TEXT_DEVIATIONS[case]}"
    else:
        assert ours(case, "text") == expected


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_italics_match_the_official_style_or_a_documented_deviation(case: Case) -> None:
    expected = italics(oracle(case, HTML))
    if case in ITALIC_DEVIATIONS:
        assert italics(ours(case, "html")) != expected, f"stale {ITALIC_DEVIATIONS[case]}"
    else:
        assert italics(ours(case, "html")) == expected


def test_every_deviation_is_explained_in_the_style_docs() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = sorted({d["id"] for d in DEVIATIONS if f"`{d['id']}`" not in docs})
    assert missing == []


def test_pending_variants_are_not_in_the_oracle_yet() -> None:
    """Once regenerate.py has rendered a variant, it must leave ORACLE_PENDING."""
    items = json.loads((ORACLE / "items.json").read_text(encoding="utf-8"))
    assert sorted(ORACLE_PENDING & {i["id"] for i in items}) == []


def test_the_oracle_rendered_what_transcite_exports_today() -> None:
    """items.json is the CSL-JSON export of the variants: regenerate the oracle if it moved."""
    items = json.loads((ORACLE / "items.json").read_text(encoding="utf-8"))
    current = [csl_item(Work.from_record(r)) | {"id": n} for n, r in VARIANTS.items()]
    assert items == current
