"""``transcite validate`` on the seed record and on the command line."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.validate.checks import all_codes

from conftest import ROOT, SEED_ID
from golden_files import check_golden

Run = Callable[..., Result]
HOSTILE = Path(__file__).resolve().parent.parent / "hostile"
BROKEN = Path(__file__).resolve().parent.parent / "broken"


def test_seed_has_no_errors_and_the_two_known_warnings(run: Run) -> None:
    result = run("validate", SEED_ID, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert data["summary"] == {"records": 1, "error": 0, "warning": 2, "info": 0}
    findings = data["records"][0]["findings"]
    assert [(f["severity"], f["code"], f["block"]) for f in findings] == [
        ("warning", "missing-date", None),
        ("warning", "inconsistent-form", "fig2"),
    ]
    assert "no publication date" in findings[0]["message"]
    assert "“U.S Embassy”" in findings[1]["message"]
    assert "“U.S.” in the text (title, p6, p8, p9, fig2 caption)" in findings[1]["message"]


def test_seed_fails_with_strict(run: Run) -> None:
    result = run("validate", SEED_ID, "--strict")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.endswith("1 record checked: 0 errors, 2 warnings, 0 info\n")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_seed_output_is_golden(
    run: Run, texts: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(texts.parent)
    result = run("validate", SEED_ID, "--format", fmt, "--texts", "texts")
    check_golden(f"validate/{SEED_ID}.{fmt}", result.stdout)


def test_all_checks_every_record_in_order(run: Run, texts: Path) -> None:
    data = (texts / f"{SEED_ID}.xml").read_bytes()
    (texts / "b-copy.xml").write_bytes(data.replace(b">kartsev-islamists<", b">b-copy<"))
    result = run("validate", "--all", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""  # not a terminal: no progress bar
    assert [r["id"] for r in json.loads(result.stdout)["records"]] == ["b-copy", SEED_ID]


def test_consistency_compares_the_records_checked_together(run: Run, texts: Path) -> None:
    for name in ("credit-forms-differ", "clean"):
        shutil.copy(BROKEN / f"{name}.xml", texts)
    data = json.loads(run("validate", "clean", "credit-forms-differ", "--format", "json").stdout)
    (clean, differ) = data["records"]
    assert clean["findings"] == []
    (finding,) = differ["findings"]
    assert finding["message"].startswith("“REUTERS” (credit of fig2) is written “Reuters” in fig1")


def test_broken_file_does_not_hide_the_others(run: Run, texts: Path) -> None:
    shutil.copy(HOSTILE / "not-well-formed.xml", texts)
    result = run("validate", "--all")
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kartsev-islamists: warning missing-date")
    assert lines[2].startswith("not-well-formed: error unreadable: not-well-formed.xml: not well")
    assert lines[-1] == "2 records checked: 1 error, 2 warnings, 0 info"


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.xml")), ids=lambda p: p.stem)
def test_hostile_records_are_findings_not_crashes(run: Run, texts: Path, path: Path) -> None:
    shutil.copy(path, texts)
    result = run("validate", path.stem, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    findings = json.loads(result.stdout)["records"][0]["findings"]
    codes = {f["code"] for f in findings if f["severity"] == "error"}
    assert codes & {"unreadable", "schema-invalid", "duplicate-id"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Error: name the records to check (transcite validate ID ...), or pass --all\n"),
        ((SEED_ID, "--all"), "Error: give record IDs or --all, not both\n"),
        (("nope",), "Error: no record 'nope' in "),
        (("../etc",), "Error: invalid id '../etc'"),
    ],
)
def test_usage_errors(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run("validate", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


def test_all_on_an_empty_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", "--all", "--texts", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: no records in {tmp_path}/ to check (is --texts right?)\n"


def test_user_agencies_file_extends_the_registry(
    run: Run, texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(BROKEN / "credit-unknown-agency.xml", texts)
    extra = tmp_path / "agencies.toml"
    extra.write_text('[[agency]]\nname = "Fotobank Nord"\nkind = "agency"\n', "utf-8")
    plain = run("validate", "credit-unknown-agency")
    assert "info unknown-agency" in plain.stdout
    with_file = run("validate", "credit-unknown-agency", "--agencies", str(extra))
    assert with_file.stdout == "1 record checked: 0 errors, 0 warnings, 0 info\n"
    monkeypatch.setenv("TRANSCITE_AGENCIES", str(extra))
    assert run("validate", "credit-unknown-agency").stdout == with_file.stdout


def test_user_placeholders_are_added(run: Run, texts: Path, tmp_path: Path) -> None:
    shutil.copy(BROKEN / "clean.xml", texts)
    extra = tmp_path / "agencies.toml"
    extra.write_text('placeholders = ["Anna Petrova"]\n', "utf-8")
    result = run("validate", "clean", "--agencies", str(extra), "--format", "json")
    (finding,) = json.loads(result.stdout)["records"][0]["findings"]
    assert (finding["code"], finding["block"]) == ("placeholder-credit", "fig1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("agency = [", "not a TOML file: "),
        ("[[agency]]\nname = \"X\"\nkind = \"wire\"\n", "agency 1 (X): kind must be"),
        ("[[agency]]\nkind = \"agency\"\n", "agency 1: needs a name"),
        ("[[agency]]\nname = \"X\"\nkind = \"agency\"\nurl = \"u\"\n", "unknown key 'url'"),
        ("agencies = []\n", "unknown key 'agencies'"),
        ("placeholders = \"Pool\"\n", "placeholders: must be a list of names"),
    ],
)
def test_bad_agencies_file_is_one_line_exit_3(
    run: Run, tmp_path: Path, content: str, message: str
) -> None:
    extra = tmp_path / "agencies.toml"
    extra.write_text(content, "utf-8")
    result = run("validate", SEED_ID, "--agencies", str(extra))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {extra}: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_missing_agencies_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", SEED_ID, "--agencies", str(tmp_path / "none.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'none.toml'}: no such agencies file\n"


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "validate.md").read_text("utf-8")
    table = {line.split("`")[1] for line in doc.splitlines() if line.startswith("| `")}
    assert table == set(all_codes())


def test_progress_bar_on_stderr_only_on_a_terminal(texts: Path) -> None:
    """Run the installed command with stderr on a pseudo-terminal: the bar is drawn there."""
    data = (texts / f"{SEED_ID}.xml").read_bytes()
    (texts / "b-copy.xml").write_bytes(data.replace(b">kartsev-islamists<", b">b-copy<"))
    leader, follower = pty.openpty()
    command = [str(Path(sys.executable).parent / "transcite"), "validate", "--all"]
    try:
        # the timeout only bounds a hang; subprocess.run kills the process when it expires
        proc = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=follower, env={**os.environ,
            "TRANSCITE_TEXTS": str(texts)}, check=False, timeout=120,
        )
    finally:
        os.close(follower)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # Linux: EIO once the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "Checking records" in drawn
    assert "2/2" in drawn or "100%" in drawn
    assert "Checking records" not in proc.stdout.decode()


def _shape(value: object) -> object:
    """The keys of a JSON value, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else None


def test_documented_json_examples_have_the_real_shape(run: Run) -> None:
    doc = (ROOT / "docs" / "validate.md").read_text("utf-8")
    validate_doc, credits_doc = (
        json.loads(block) for block in re.findall(r"```json\n(.*?)```", doc, re.S)
    )
    validate_out = json.loads(run("validate", SEED_ID, "--format", "json").stdout)
    credits_out = json.loads(run("credits", SEED_ID, "--format", "json").stdout)
    assert _shape(validate_doc) == _shape(validate_out)
    assert _shape(credits_doc) == _shape(credits_out)


def test_binary_agencies_file_is_one_line_exit_3(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "agencies.toml"
    extra.write_bytes(b"\xff\xfe\x00placeholders = []\x00")
    result = run("validate", SEED_ID, "--agencies", str(extra))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Error: {extra}: not a TOML file: ")
    assert result.stderr.count("\n") == 1
