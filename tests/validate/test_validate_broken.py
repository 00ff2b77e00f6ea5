"""The folder of broken records: each gives exactly its expected finding and exit status."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from transcite.cli.main import cli
from transcite.core.model import text_fingerprint

BROKEN = Path(__file__).resolve().parent.parent / "broken"
EXPECTED: dict[str, Any] = tomllib.loads((BROKEN / "expected.toml").read_text("utf-8"))


def _validate(name: str, tmp_path: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    folder = tmp_path / "texts"
    folder.mkdir(exist_ok=True)
    shutil.copy(BROKEN / f"{name}.xml", folder)
    result = CliRunner().invoke(
        cli, ["validate", name, "--format", "json", "--texts", str(folder), *extra],
        catch_exceptions=False,
    )
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_every_broken_record_has_an_expectation() -> None:
    assert sorted(p.stem for p in BROKEN.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_record_gives_exactly_its_finding(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    code, data, stderr = _validate(name, tmp_path)
    assert stderr == ""
    assert code == expected["exit"]
    (record,) = data["records"]
    got = [(f["severity"], f["code"], f["block"]) for f in record["findings"]]
    want = [(f["severity"], f["code"], f.get("block")) for f in expected["findings"]]
    assert got == want
    for finding, spec in zip(record["findings"], expected["findings"], strict=True):
        for words in spec.get("says", []):
            assert words in finding["message"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_strict_counts_warnings_as_errors(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    code, data, _ = _validate(name, tmp_path, "--strict")
    assert code == expected.get("strict_exit", expected["exit"])
    assert data["ok"] is (code == 0)
    assert data["strict"] is True


def test_broken_records_differ_from_clean_by_their_defect_only() -> None:
    """The defect is real: the stale paragraph's stored fingerprint is that of the clean text."""
    clean = (BROKEN / "clean.xml").read_text("utf-8")
    stale = (BROKEN / "stale-fingerprint.xml").read_text("utf-8")
    assert "development fund" in clean and "investment fund" in stale
    clean_p3 = (
        "The regional government paid for the repairs with a loan that a U.S. development fund "
        "guaranteed last spring."
    )
    assert text_fingerprint(clean_p3) == "863991637735"
    assert text_fingerprint(clean_p3.replace("development", "investment")) != "863991637735"
