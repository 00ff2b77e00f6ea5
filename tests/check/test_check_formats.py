"""LaTeX (pylatexenc) and DOCX (python-docx) manuscripts; the expected findings are written by
hand from the records' text, as in test_check.py."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import lxml.html
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


_FIRST = ("Kartsev notes that “Moscow and Washington have taken part in a lively contest to "
          "assert their influence in Middle Eastern conflicts.”")
_NOTED = f"""{_FIRST}[^1] He adds that “many experts said the negotiations could not be \
considered a real breakthrough.”[^2]

> The U.S. reached a preliminary deal with the Taliban, allowing Trump to claim that peace in \
Afghanistan had never been so nearly within reach.[^3]

Moscow and Washington, as one reporter put it, are “neck and neck”.

[^1]: Kartsev, n.d., para. 2.
[^2]: Kartsev, n.d., para. 5.
[^3]: See Sepp, 2021, para. 9.
"""


def _pandoc_docx(source: str, path: Path) -> Path:
    """A DOCX with real footnotes, written by pandoc's DOCX writer from Markdown (python-docx
    cannot write notes; pandoc is there with the ``csl`` extra the tests install)."""
    from transcite.cite.csl.pandoc import pandoc_path

    subprocess.run([pandoc_path(), "-f", "markdown", "-t", "docx", "-o", str(path)],
                   input=source.encode(), check=True)
    return path


def test_docx_footnote_is_the_citation(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = _pandoc_docx(_NOTED, tmp_path / "noted.docx")
    result = run("check", str(draft), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [q["citation"]["text"] if q["citation"] else None for q in data["quotations"]] == [
        "Kartsev, n.d., para. 2.", "Kartsev, n.d., para. 5.", "See Sepp, 2021, para. 9."]
    assert _findings(result) == [
        (None, 1, "exact", f"{K}#p1:s3"),
        (None, 1, "wrong-pinpoint", None),      # note 1 says para. 2: the words are in p1
        (None, 1, "marked", f"{K}#p5:s1"),      # "Many" in the record; note 2 is right
        (None, 2, "wrong-source", f"{K}#p9:s1"),  # a block quotation; note 3 names Sepp
    ]
    # the columns are those of the paragraph's own text: the marks [^1] are not in it
    columns = [f["column"] for f in data["findings"]]
    second = len(_FIRST) + len(" He adds that “") + 1
    assert columns == [len("Kartsev notes that “") + 1] * 2 + [second, 1]
    # the HTML report shows each note with its number
    page = lxml.html.fromstring(run("check", str(draft), "--format", "html").stdout)
    assert [(p.findtext("sup"), p.text_content()) for p in page.xpath(
        "//p[@class='block note']")] == [("1", "1 Kartsev, n.d., para. 2."),
                                         ("2", "2 Kartsev, n.d., para. 5."),
                                         ("3", "3 See Sepp, 2021, para. 9.")]


def test_docx_endnotes_are_read_as_footnotes(check_texts: Path, run: Run,
                                             tmp_path: Path) -> None:
    """The same document with its notes made endnotes (the parts and elements renamed as
    Word names them): the same citations."""
    footnoted = _pandoc_docx(_NOTED, tmp_path / "foot.docx")
    endnoted = tmp_path / "end.docx"
    with zipfile.ZipFile(footnoted) as source, \
            zipfile.ZipFile(endnoted, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info).replace(b"footnote", b"endnote").replace(
                b"Footnote", b"Endnote")
            target.writestr(info.filename.replace("footnotes", "endnotes"), data)
    manuscript = read_manuscript(endnoted.read_bytes(), "end.docx")
    assert [(b.kind, b.label, b.text) for b in manuscript.blocks if b.kind == "note"] == [
        ("note", "e1", "Kartsev, n.d., para. 2."), ("note", "e2", "Kartsev, n.d., para. 5."),
        ("note", "e3", "See Sepp, 2021, para. 9.")]
    assert "[^e1] He adds" in manuscript.blocks[0].text
    result = run("check", str(endnoted), "--format", "json")
    assert _findings(result) == _findings(run("check", str(footnoted), "--format", "json"))


def test_docx_with_broken_notes_is_one_line(run: Run, tmp_path: Path) -> None:
    good = _pandoc_docx(_NOTED, tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, \
            zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, b"<w:footnotes><w:footnote" if
                            info.filename == "word/footnotes.xml" else data)
    result = run("check", str(bad))
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {bad}: "), result.stderr


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
