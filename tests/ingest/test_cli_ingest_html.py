"""``transcite ingest`` of a saved web page, as a user runs it: stdout, stderr, exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import DATA, SEED_CAPTURE, SEED_URL

PAGE = DATA / "html" / "kartsev-islamists.html"
Run = Callable[..., Result]


def test_ingest_html_file_reports_values_and_origins(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", str(PAGE), "--id", "k", "--texts", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out / 'k.xml'}\n"
    assert result.stderr.splitlines() == [
        "recognised headline: Russia and the U.S. are racing to negotiate with Islamists. "
        "So far, they’re neck and neck. (from json-ld)",
        "recognised publisher: Meduza (from json-ld)",
        "recognised authors: Dmitry Kartsev (from json-ld)",
        "recognised translators: Hilah Kohen (from json-ld)",
        f"recognised url: {SEED_URL} (from json-ld)",
        "recognised published: 2019-02-13 (from json-ld)",
        "recognised modified: 2019-02-13 (from json-ld)",
        "recognised 16 paragraphs, 3 figures, 1 label, 5 sections",
        "recognised fig1 credit: Sergei Savostyanov / TASS / Vida Press "
        "(creator Sergei Savostyanov; agency TASS; distributor Vida Press) (from json-ld)",
        "recognised fig2 credit: U.S Embassy / Reuters / Scanpix / LETA "
        "(creator U.S Embassy; agency Reuters; distributor Scanpix; distributor LETA) "
        "(from page)",
        "recognised fig3 credit: Yury Kadobnov / AFP / Scanpix / LETA "
        "(creator Yury Kadobnov; agency AFP; distributor Scanpix; distributor LETA) "
        "(from page)",
        "dropped (page header outside the article): Meduza News Features Podcasts",
        "dropped (page footer outside the article): © 2019 Meduza",
        "dropped (share bar): Facebook Twitter Telegram",
        "dropped (donation or subscription appeal): Meduza, working 24/7, always for our "
        "readers We need your help like never before",
        "dropped (navigation or read-more line): Read more Another story about diplomacy",
        "dropped (article header or footer): February 13, 2019",
    ]


def test_html_and_text_ingest_show_the_same_blocks(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert run("ingest", str(PAGE), "--id", "h", "--texts", str(out)).exit_code == 0
    assert run("ingest", str(SEED_CAPTURE), "--id", "t", "--original-language", "ru",
               "--texts", str(out)).exit_code == 0
    html = json.loads(run("show", "h", "--format", "json", "--texts", str(out)).stdout)
    text = json.loads(run("show", "t", "--format", "json", "--texts", str(out)).stdout)
    assert html["blocks"] == text["blocks"]
    for key in ("title", "publisher", "authors", "translators", "original"):
        assert html[key] == text[key], key
    assert (html["url"], html["published"], html["language"]) == (SEED_URL, "2019-02-13", "en")


def test_from_option_overrides_detection(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", str(SEED_CAPTURE), "--from", "html", "--id", "x", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: {SEED_CAPTURE}: no headline found (no JSON-LD, og:title, h1 or title)\n"
    )
    result = run("ingest", str(PAGE), "--from", "text", "--id", "x", "--texts", str(out))
    assert result.exit_code == 0  # read as text on request: the markup becomes the "text"
    assert "recognised headline: <!DOCTYPE html>" in result.stderr


def test_unknown_format_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("ingest", str(PAGE), "--from", "pdf", "--id", "x", "--texts", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--from': 'pdf' is not one of 'html', 'text'." in result.stderr
