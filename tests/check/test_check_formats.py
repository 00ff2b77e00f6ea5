"""LaTeX (pylatexenc) and DOCX (python-docx) manuscripts; the expected findings are written by
hand from the records' text, as in test_check.py."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from check.check_data import CHECK, add_second_record
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.check.readers import read_manuscript

Run = Callable[..., Result]
K = "kartsev-islamists"
S = "sepp-harbour"


@pytest.fixture
def check_texts(texts: Path, run: Run) -> Path:
    return add_second_record(texts, run)


def _findings(result: Result) -> list[tuple[str | None, int, str, str | None]]:
    data = json.loads(result.stdout)
    return [(f["file"], f["line"], f["code"], f["ref"]) for f in data["findings"]]


def test_latex_manuscript(check_texts: Path, run: Run) -> None:
    result = run("check", str(CHECK / "latex" / "draft.tex"), "--format", "json")
    assert result.exit_code == 1
    # \input of a file outside the manuscript's folder is not read, and said so
    assert result.stderr == ("note: \\input{../../../../../etc/hostname} not read: it is "
                             "outside the manuscript's folder\n")
    assert _findings(result) == [
        (None, 5, "exact", f"{K}#p1:s3"),            # \enquote{…}, over a line break
        (None, 8, "marked", f"{K}#p10:s1"),          # ``the Kremlin…'': "The" in the record
        (None, 8, "wrong-pinpoint", None),           # \cite[para.~9]: the words are in p10
        (None, 11, "altered", f"{K}#p9:s1"),         # quote environment: "final"
        ("harbour.tex", 1, "exact", f"{S}#p1"),      # read through \input{harbour}
        (None, 19, "wrong-source", f"{S}#p4"),       # displayquote cited to the seed
    ]


def test_latex_from_stdin_reads_no_input(check_texts: Path, run: Run) -> None:
    data = (CHECK / "latex" / "draft.tex").read_bytes()
    result = run("check", "-", "--input-format", "latex", "--format", "json", input=data)
    assert "\\input{harbour} not read: a manuscript from stdin has no folder" in result.stderr
    assert "harbour.tex" not in result.stdout


def _docx(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def test_docx_manuscript(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = _docx(tmp_path / "draft.docx", [
        ("Quotations in a Word file", "Heading 1"),
        ("Kartsev notes that “Moscow and Washington have taken part in a lively contest to "
         "assert their influence in Middle Eastern conflicts” (Kartsev, n.d., para. 1).", None),
        ("", None),
        ("The U.S. reached a preliminary deal with the Taliban, allowing Trump to claim that "
         "peace in Afghanistan had never been so nearly within reach. (Kartsev, n.d., para. 8)",
         "Quote"),
        ("References", "Heading 1"),
        ("Kartsev, D. (n.d.). Russia and the U.S. are racing to negotiate with Islamists. So "
         "far, they’re neck and neck (H. Kohen, Trans.). Meduza.", None),
    ])
    result = run("check", str(draft), "--format", "json")
    # places are PARAGRAPH:COLUMN: paragraph 2, after "Kartsev notes that “" (20 characters)
    assert _findings(result) == [
        (None, 2, "exact", f"{K}#p1:s3"),
        (None, 4, "exact", f"{K}#p9:s1"),       # the "Quote" style is a block quotation
        (None, 4, "wrong-pinpoint", None),      # in paragraph 9, cited as 8
    ]
    assert json.loads(result.stdout)["findings"][0]["column"] == 21


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("members", "message"), [
    (None, "not a DOCX file (not a zip archive)"),
    ({"hello.txt": b"hi"}, "a zip archive but not a DOCX (no word/document.xml)"),
    ({"word/document.xml": b"\0" * (10 * 2**20)}, "the DOCX would unpack to 10 MiB from"),
    ({"word/document.xml": b"<w:document/>"}, "not a DOCX file that can be read"),
])
def test_hostile_docx(run: Run, tmp_path: Path, members: dict[str, bytes] | None,
                      message: str) -> None:
    path = tmp_path / "bad.docx"
    if members is None:
        path.write_bytes(b"this is not a zip file")
    else:
        _zip(path, members)
    result = run("check", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_docx_paragraphs_read_back(paragraphs: list[str]) -> None:
    """python-docx writes, the reader reads back the same paragraphs, each at its number."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    manuscript = read_manuscript(buffer.getvalue(), "m.docx")
    assert [b.text for b in manuscript.blocks] == paragraphs
    assert [b.position(0) for b in manuscript.blocks] == [
        (n, 1) for n in range(1, len(paragraphs) + 1)]


@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_latex_paragraphs_read_back(paragraphs: list[str]) -> None:
    source = ("\\documentclass{article}\n\\begin{document}\n" + "\n\n".join(paragraphs)
              + "\n\\end{document}\n")
    manuscript = read_manuscript(source.encode(), "m.tex")
    assert [b.text for b in manuscript.blocks] == paragraphs
    lines = source.split("\n")
    for block in manuscript.blocks:
        line, column = block.position(0)
        assert lines[line - 1][column - 1 :].startswith(block.text.split(" ")[0])
