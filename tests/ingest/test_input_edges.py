"""Edges of user input found in the QA round: values with a final line break, a record given
where a capture is expected, click's own usage errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOT, SEED_CAPTURE

Run = Callable[..., Result]


def test_an_id_with_a_final_line_break_is_refused_and_nothing_is_written(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "new"
    result = run("ingest", str(SEED_CAPTURE), "--id", "abc\n", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: invalid id 'abc\\n': ")
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("option", ["--accessed", "--published"])
def test_a_date_with_a_final_line_break_is_refused(run: Run, option: str, tmp_path: Path) -> None:
    args = ["ingest", str(SEED_CAPTURE), "--id", "x", option, "2019-02-12\n"]
    result = run(*args, "--texts", str(tmp_path / "new"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and "is not a date" in result.stderr


def test_cite_accessed_with_a_final_line_break_is_refused(run: Run) -> None:
    result = run("cite", "kartsev-islamists", "--accessed", "2026-11-20\n")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "is not a date" in result.stderr and result.stderr.count("\n") == 1


def test_ingesting_a_record_instead_of_a_capture_is_refused(run: Run, tmp_path: Path) -> None:
    record = ROOT / "texts" / "kartsev-islamists.xml"
    out = tmp_path / "new"
    result = run("ingest", str(record), "--id", "copy", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: {record} is a TEI record, not a capture: copy it into the texts folder as "
        "ID.xml to use it, or compare or revise with it directly\n"
    )
    assert not (out / "copy.xml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cite"], "Missing argument 'REF...'. (see 'transcite cite --help')"),
        (["cite", "kartsev-islamists", "--style"],
         "Option '--style' requires an argument. (see 'transcite cite --help')"),
        (["export", "kartsev-islamists"], "give one of --to FORMAT or --csl STYLE"),
        (["nope"], "No such command 'nope'. (see 'transcite --help')"),
        (["--bogus"], "No such option '--bogus'. (see 'transcite --help')"),
        (["show", "kartsev-islamists", "--format", "xml"],
         "Invalid value for '--format': 'xml' is not one of 'text', 'json'. "
         "(see 'transcite show --help')"),
    ],
)
def test_click_usage_errors_are_one_line_too(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_transcite_alone_prints_its_help(run: Run) -> None:
    result = run()
    assert result.exit_code == 2 and "Commands:" in result.output


def test_a_missing_corpus_folder_is_named_as_missing(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run("show", "kartsev-islamists", "--texts", str(missing))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: no record 'kartsev-islamists' in {missing}/; there is no folder {missing}/ "
        "(check --texts or $TRANSCITE_TEXTS)\n"
    )


@pytest.mark.parametrize("command", ["ingest", "quote"])
def test_an_access_date_in_the_future_is_refused(run: Run, command: str, tmp_path: Path) -> None:
    if command == "ingest":
        args = ["ingest", str(SEED_CAPTURE), "--id", "x", "--texts", str(tmp_path / "new")]
    else:
        args = ["quote", "kartsev-islamists#p5"]
    result = run(*args, "--accessed", "2999-01-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --accessed: 2999-01-01 is in the future; give the date you read the page\n"
    )
