"""Defects found in the QA round of ``transcite quote``, each checked against the manuals or
the record: a REF after ``transcite revise`` (paragraph ids and visible numbers differ), the
period of an abbreviation ending a quotation, and quotations nested two deep."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOT, SEED_ID

Run = Callable[..., Result]
CORRECTED = ROOT / "tests" / "data" / "kartsev-islamists-corrected.txt"


@pytest.fixture
def revised(run: Run, texts: Path) -> Path:
    """The seed revised: p13 is split (its second part is p17), so p14 is now paragraph 15."""
    result = run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    return texts


def test_json_ref_names_the_paragraph_id_not_its_number(run: Run, revised: Path) -> None:
    result = run("quote", f"{SEED_ID}#p14:s1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # p14 is the 15th paragraph now: the citation counts 15, the REF still names p14
    assert data["citation"]["text"] == "(Kartsev, n.d., para. 15)"
    assert data["ref"] == f"{SEED_ID}#p14:s1"
    assert [b["id"] for b in data["blocks"]] == ["p14"]


def test_annotation_id_and_notices_name_paragraph_ids(run: Run, revised: Path) -> None:
    result = run("quote", f"{SEED_ID}#p14:s1,s3", "--format", "annotation")
    assert json.loads(result.stdout)["id"] == f"urn:transcite:quote:{SEED_ID}:p14:s1,s3"
    mla = run("quote", f"{SEED_ID}#p14:s1", "--style", "mla")
    assert "(say in your sentence where p14 is)" in mla.stderr
    ranged = run("quote", f"{SEED_ID}#p12-p14")
    assert "note: p12-p14 runs past fig3 (a photo caption)" in ranged.stderr
