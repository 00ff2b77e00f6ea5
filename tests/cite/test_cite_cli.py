"""``transcite cite``: exact stdout, stderr and exit code for each outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite import api

from citing import cited
from conftest import SEED_URL

Run = Callable[..., Result]


def test_apa_in_text_paragraph(run: Run, texts: Path) -> None:
    result = run("cite", "kartsev-islamists#p5", "--style", "apa", "--form", "in-text")
    expected = cited(texts, "kartsev-islamists#p5")  # the words: tests/cite/styles/
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{expected}\n", "")


def test_apa_reference(run: Run, texts: Path) -> None:
    result = run("cite", "kartsev-islamists", "--style", "apa")
    assert result.exit_code == 0
    expected = cited(texts, "kartsev-islamists", form="reference")
    assert result.stdout == f"{expected}\n"
    assert expected.endswith(f" {SEED_URL}")  # a reference is printed whole, URL and all
    assert result.stderr == ""


def notes(texts: Path, ref: str, style: str, form: str) -> str:
    """The notices of a citation as the CLI prints them: one ``note:`` line each on stderr
    (their words are the style's: tests/cite/styles/)."""
    corpus = api.load_corpus(texts)
    try:
        return "".join(f"note: {n}\n" for n in api.cite(corpus, ref, style, form).notices)
    finally:
        corpus.close()


def test_a_pinpoint_the_style_cannot_show_is_a_notice_on_stderr(run: Run, texts: Path) -> None:
    result = run("cite", "kartsev-islamists#p5", "--style", "mla", "--form", "in-text")
    expected = cited(texts, "kartsev-islamists#p5", "mla")
    assert (result.exit_code, result.stdout) == (0, f"{expected}\n")
    assert result.stderr == notes(texts, "kartsev-islamists#p5", "mla", "in-text")
    assert result.stderr.count("note: ") == 1


def test_reference_with_pinpoint_notes_where_it_goes(run: Run, texts: Path) -> None:
    result = run("cite", "kartsev-islamists#p5", "--style", "apa")
    assert (result.exit_code, result.stdout) == (
        0, cited(texts, "kartsev-islamists", form="reference") + "\n"
    )
    assert result.stderr == notes(texts, "kartsev-islamists#p5", "apa", "reference")
    assert result.stderr.count("note: ") == 1 and "p5" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kartsev-islamists#p40"], "no paragraph p40; kartsev-islamists has p1–p16"),
        (["kartsev-islamists#fig9"], "no figure fig9; kartsev-islamists has fig1–fig3"),
        (["kartsev-islamists#x"], "malformed REF 'kartsev-islamists#x': use ID, ID#p5, "
         "ID#p5-p7, ID#p5:s2, ID#p5:s2-3 or ID#fig1"),
        (["kartsev-islamists#p7-p5"], "reversed range in REF 'kartsev-islamists#p7-p5': "
         "write p5-p7"),
        (["kartsev-islamists", "--style", "nope"], "unknown style 'nope'; choose one of: "),
        (["kartsev-islamists", "--format", "rtf"], "unknown format 'rtf'; choose one of: "
         "html, latex, markdown, text"),
        (["kartsev-islamists", "--form", "footnote"], "unknown form 'footnote'; choose one of: "
         "reference, in-text, note, short-note"),
        (["kartsev-islamists", "--style", "apa", "--form", "note"],
         "apa has no note form; choose one of: reference, in-text"),
        (["nope#p1"], "no record 'nope' in "),
    ],
)
def test_usage_errors_are_one_line(run: Run, args: list[str], message: str) -> None:
    result = run("cite", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1


def test_a_sentence_the_paragraph_does_not_have_is_refused_as_quote_refuses_it(
    run: Run, texts: Path
) -> None:
    result = run("cite", "kartsev-islamists#p5:s99", "--style", "apa", "--form", "in-text")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: no sentence s99 in p5; it has ")
    assert result.stderr.count("\n") == 1
    ok = run("cite", "kartsev-islamists#p5:s1", "--style", "apa", "--form", "in-text")
    expected = cited(texts, "kartsev-islamists#p5")  # a sentence cites its paragraph
    assert (ok.exit_code, ok.stdout, ok.stderr) == (0, f"{expected}\n", "")


@pytest.mark.parametrize("value", ["2999-01-01", "2999-01", "2999"])
def test_an_access_date_in_the_future_is_refused(run: Run, value: str) -> None:
    result = run("cite", "kartsev-islamists", "--style", "ieee", "--accessed", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: --accessed: {value} is in the future; give the date you read the page\n"
    )


def test_an_access_date_of_today_is_accepted(run: Run) -> None:
    import datetime

    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    result = run("cite", "kartsev-islamists", "--style", "ieee", "--accessed", today)
    assert result.exit_code == 0 and result.stderr == ""
