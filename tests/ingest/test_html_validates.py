"""A record ingested from a web page passes ``transcite validate`` like one from a text capture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import DATA

Run = Callable[..., Result]


def test_meduza_page_record_has_no_errors(run: Run, tmp_path: Path) -> None:
    texts = tmp_path / "web"
    page = DATA / "html" / "kartsev-islamists.html"
    ingested = run("ingest", str(page), "--id", "from-html", "--texts", str(texts))
    assert ingested.exit_code == 0
    result = run("validate", "from-html", "--texts", str(texts))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "1 record checked: 0 errors, 1 warning, 0 info"
    # the one warning is the published slip "U.S Embassy", kept as the page has it
    assert "inconsistent-form" in result.stdout


def test_page_without_metadata_is_reported_not_invented(run: Run, tmp_path: Path) -> None:
    texts = tmp_path / "web"
    run("ingest", str(DATA / "html" / "no-metadata.html"), "--id", "bare", "--texts", str(texts))
    result = run("validate", "bare", "--texts", str(texts))
    assert result.exit_code == 1
    assert "error missing-publisher" in result.stdout and "error missing-url" in result.stdout
