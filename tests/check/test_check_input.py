"""Manuscript readers and hostile manuscripts: one line and a documented exit code, never a
traceback; properties of the readers and of quotation finding (Hypothesis)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.check.quotes import extract
from transcite.check.readers import read_manuscript

from conftest import ROOT

Run = Callable[..., Result]
HOSTILE = ROOT / "tests" / "hostile"


def _one_line_error(result: Result, code: int, start: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize(("name", "start"), [
    ("binary.txt", "binary.txt: this is a binary file, not a manuscript"),
    ("cp1251.txt", "cp1251.txt: not UTF-8"),
    ("empty.txt", "empty.txt: the manuscript is empty"),
    ("blank.txt", "blank.txt: the manuscript is empty"),
])
def test_unreadable_manuscripts(run: Run, tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    target.write_bytes((HOSTILE / name).read_bytes())
    result = run("check", str(target))
    _one_line_error(result, 3, str(tmp_path / start))


def test_huge_manuscript_is_refused(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"word " * (4 * 2**20 + 1))
    _one_line_error(run("check", str(big)), 3,
                    f"{big}: the manuscript is larger than 20 MiB; refused")


def test_folder_and_missing_file(run: Run, tmp_path: Path) -> None:
    _one_line_error(run("check", str(tmp_path)), 3, f"{tmp_path}: is a folder")
    _one_line_error(run("check", str(tmp_path / "nope.md")), 3,
                    f"{tmp_path / 'nope.md'}: cannot be read (No such file or directory)")


def test_unknown_style(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("text\n", encoding="utf-8")
    _one_line_error(run("check", str(draft), "--style", "nope"), 2, "unknown style 'nope'")


@pytest.mark.parametrize("name", ["html-malformed.html", "html-entities.html",
                                  "html-script-in-caption.html"])
def test_hostile_html_manuscripts(run: Run, name: str) -> None:
    result = run("check", str(HOSTILE / name))
    assert result.exit_code in (0, 1, 3), result.output
    assert "Traceback" not in result.output


def test_deeply_nested_html_is_refused(run: Run) -> None:
    """Read with the web pages' hardened parser and refused in one line, as a page is."""
    path = HOSTILE / "html-deeply-nested.html"
    _one_line_error(run("check", str(path)), 3,
                    f"{path}: HTML elements are nested more than 256 levels deep; refused")


def test_deeply_nested_markdown(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "deep.md"
    draft.write_text(">" * 5000 + " “" + "x " * 3 + "\n", encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code in (0, 1), result.output


def test_an_unclosed_quote_does_not_swallow_the_document(run: Run, tmp_path: Path) -> None:
    good = ("“the Russian government now struggles to pass them off as a diplomatic victory” "
            "(Kartsev, n.d., para. 13).")
    draft = tmp_path / "open.md"
    draft.write_text("He said “it never ends.\n\n" + "\n\n".join([good] * 5) + "\n",
                     encoding="utf-8")
    lines = run("check", str(draft)).stdout.splitlines()
    assert lines[0].startswith(f"{draft}:1:9: unbalanced-quote")
    assert [line.split(": ")[1] for line in lines[1:-1]] == \
        ["exact kartsev-islamists#p13:s4"] * 5


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@given(st.lists(_PARAGRAPH, min_size=1, max_size=6), st.sampled_from(["plain", "markdown"]))
def test_paragraphs_read_back_with_their_lines(paragraphs: list[str], fmt: str) -> None:
    source = "\n\n".join(paragraphs) + "\n"
    manuscript = read_manuscript(source.encode(), "m", fmt)
    assert [b.text for b in manuscript.blocks] == paragraphs
    lines = source.split("\n")
    for block in manuscript.blocks:
        line, column = block.position(0)
        assert lines[line - 1][column - 1 :].startswith(block.text)


@given(_PARAGRAPH, _PARAGRAPH, _PARAGRAPH,
       st.sampled_from([("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("»", "«"),
                        ("「", "」")]),
       st.sampled_from(["plain", "markdown", "html"]))
def test_a_quotation_is_found_where_it_is(
    before: str, quoted: str, after: str, marks: tuple[str, str], fmt: str
) -> None:
    opening, closing = marks
    body = f"{before} {opening}{quoted}{closing} {after}"
    source = f"<p>{body}</p>\n" if fmt == "html" else body + "\n"
    manuscript = read_manuscript(source.encode(), "m", fmt)
    quotations, unbalanced = extract(manuscript)
    assert [q.text for q in quotations] == [quoted]
    assert unbalanced == []
    line, column = manuscript.blocks[0].position(quotations[0].start)
    assert line == 1
    if fmt != "html":
        assert source[column - 2] == opening
