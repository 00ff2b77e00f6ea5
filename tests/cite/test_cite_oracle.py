"""The citeproc-js oracle (tests/oracle/) itself: what it rendered, and its deviations.

The oracle's outputs were rendered by ``tests/oracle/regenerate.py`` from transcite's own
CSL-JSON export of every variant in ``tests/variants.py``. Each style's citations are compared
with them in the style's own test file (``tests/cite/styles/test_<style>.py``, through
``style_rules.StyleRules``): character for character, and the same words in italics, except in
the cases ``tests/oracle/deviations.toml`` lists, where the style manual and the CSL file
disagree. This file checks what no single style owns: every deviation is explained in
docs/styles.md, and the oracle rendered what transcite exports today.
"""

from __future__ import annotations

import json
from pathlib import Path

from transcite.cite.citation import Work
from transcite.exports.csl_json import csl_item

from style_rules import DEVIATIONS, ORACLE, ORACLE_VARIANTS
from variants import ORACLE_PENDING

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "styles.md"


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
    current = [csl_item(Work.from_record(r)) | {"id": n} for n, r in ORACLE_VARIANTS.items()]
    assert items == current
