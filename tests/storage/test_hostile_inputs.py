"""The tracebacks and misleading errors found by attacking transcite as a hostile user (issue
18), each as the one line and exit code it now gives.

The inputs are made here from the seed record and capture; nothing expected is copied from
transcite's own output except the messages it is meant to print.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.core.errors import DataError
from transcite.credits.agencies import load_registry
from transcite.storage import tei, tei_xml

from conftest import ROOT, SEED_CAPTURE, SEED_ID, corpus_files

Run = Callable[..., Result]
SEED_XML = (ROOT / "texts" / f"{SEED_ID}.xml").read_text(encoding="utf-8")
CAPTURE = SEED_CAPTURE.read_text(encoding="utf-8")
HUGE = "9" * 5000  # a valid xsd:positiveInteger past Python's 4,300-digit int() limit


def _record(texts: Path, record_id: str, text: str) -> Path:
    text = text.replace(f">{SEED_ID}</idno>", f">{record_id}</idno>")
    path = texts / f"{record_id}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def _with_change(n: str) -> str:
    """The seed record with a revisionDesc change numbered ``n`` (the schema's place for
    it: after the teiHeader's other children)."""
    change = f'<revisionDesc><change n="{n}" when="2020-01-01">x</change></revisionDesc>'
    return SEED_XML.replace("</teiHeader>", f"{change}</teiHeader>", 1)


BIG_N = {
    "section": SEED_XML.replace('<div type="section" n="1">', f'<div type="section" n="{HUGE}">',
                                1),
    "change": _with_change(HUGE),
}


@pytest.mark.parametrize("where", sorted(BIG_N))
@pytest.mark.parametrize(
    "command",
    [["show", "big"], ["cite", "big"], ["export", "big", "--to", "ris"], ["credits", "big"],
     ["quote", "big#p1"]],
)
def test_a_5000_digit_number_is_one_line_exit_3(
    run: Run, texts: Path, where: str, command: list[str]
) -> None:
    assert tei.schema_problem(tei.parse_bytes(BIG_N[where].encode(), "x")) is None  # valid TEI
    path = _record(texts, "big", BIG_N[where])
    result = run(*command)
    element = "div" if where == "section" else "change"
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f'Error: {path}: <{element}> has n="999999999999… (5,000 digits)", larger than '
        "999,999,999, the largest number transcite reads; refused\n"
    )


def test_a_5000_digit_number_is_a_finding_of_validate_and_list_goes_on(
    run: Run, texts: Path
) -> None:
    path = _record(texts, "big", BIG_N["change"])
    result = run("validate", "big")
    assert result.exit_code == 1
    assert "larger than 999,999,999, the largest number transcite reads" in result.stdout
    result = run("list")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{SEED_ID}  ")  # the good record is still listed
    assert result.stderr == (
        f'error: {path}: <change> has n="999999999999… (5,000 digits)", larger than '
        "999,999,999, the largest number transcite reads; refused\n"
        "Error: 1 record could not be read (listed above)\n"
    )


def test_export_all_leaves_out_a_broken_record_and_says_so(run: Run, texts: Path) -> None:
    (texts / "broken.xml").write_text("<TEI>", encoding="utf-8")
    result = run("export", "--all", "--to", "ris")
    assert result.exit_code == 1
    assert result.stdout.count("TY  - ") == 1 and f"ID  - {SEED_ID}" in result.stdout
    assert result.stderr.splitlines()[0].startswith(
        f"error: {texts}/broken.xml: not well-formed XML: line 1: "
    )
    assert result.stderr.splitlines()[1:] == [
        "Error: 1 record could not be read and was left out (listed above)",
    ]


@pytest.mark.parametrize(
    "codec", ["base64", "rot13", "zlib", "hex", "bz2", "punycode", "undefined", "idna"]
)
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_encoding_naming_a_codec_that_is_no_charset_is_refused(
    run: Run, tmp_path: Path, codec: str, fmt: str
) -> None:
    result = run("ingest", str(SEED_CAPTURE), "--id", "x", "--from", fmt, "--encoding", codec,
                 "--texts", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: unknown encoding {codec!r}; try utf-8 or cp1251\n"


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib_codec", "undefined", "punycode"])
def test_a_page_declaring_a_codec_that_is_no_charset_is_read_as_utf8(
    run: Run, tmp_path: Path, codec: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><meta charset="{codec}"><title>T</title></head><body><article>'
        "<h1>A headline</h1><p>Привет, this paragraph is long enough to be read.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = run("ingest", str(page), "--id", "x", "--texts", str(tmp_path / "c"))
    assert result.exit_code == 0, result.stderr
    assert f"note: the page declares an unknown charset {codec!r} in its <meta> tag; ignored" \
        in result.stderr.splitlines()
    assert "Привет" in (tmp_path / "c" / "x.xml").read_text(encoding="utf-8")


def test_utf16_with_odd_length_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(CAPTURE.encode("utf-16") + b"\x0a")
    result = run("ingest", str(path), "--id", "x", "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert re.fullmatch(
        rf"Error: {re.escape(str(path))}: not valid UTF-16 \(it starts with a byte-order "
        r"mark\) at byte \d+\n", result.stderr
    )


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16", "utf-16-be"])
def test_utf32_and_utf16_captures_with_a_mark_read_as_what_they_are(
    run: Run, tmp_path: Path, codec: str
) -> None:
    """UTF-32-LE starts with the UTF-16-LE mark; it was read as UTF-16."""
    path = tmp_path / "capture.txt"
    data = CAPTURE.encode(codec)
    if not data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
                            codecs.BOM_UTF16_BE)):
        data = codecs.BOM_UTF32_BE + data if "32" in codec else codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    expected = run("ingest", str(SEED_CAPTURE), "--id", "x", "--texts", str(tmp_path / "a"))
    result = run("ingest", str(path), "--id", "x", "--texts", str(tmp_path / "b"))
    assert (result.exit_code, result.stderr) == (0, expected.stderr)
    assert (tmp_path / "b" / "x.xml").read_bytes() == (tmp_path / "a" / "x.xml").read_bytes()


@pytest.mark.parametrize(
    "variant",
    ["doctype", "stylesheet", "utf-16", "utf-16-no-mark", "comment-and-pi"],
)
def test_a_tei_record_is_refused_as_a_capture_however_it_starts(
    run: Run, tmp_path: Path, variant: str
) -> None:
    text = SEED_XML
    body = text.split("?>", 1)[1]
    data = {
        "doctype": text.replace("<TEI", "<!DOCTYPE TEI>\n<TEI", 1).encode(),
        "stylesheet": text.replace("<TEI", '<?xml-stylesheet href="tei.xsl"?>\n<TEI',
                                   1).encode(),
        "utf-16": ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16"),
        "utf-16-no-mark": ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode(
            "utf-16-le"),
        "comment-and-pi": ("<!-- saved -->\n<?pi x?>\n" + body).encode(),
    }[variant]
    path = tmp_path / "record.txt"
    path.write_bytes(data)
    result = run("ingest", str(path), "--id", "x", "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: {path} is a TEI record, not a capture: copy it into the texts folder as "
        "ID.xml to use it, or compare or revise with it directly\n"
    )


@pytest.mark.parametrize("shape", ["objects", "lists"])
def test_json_ld_nested_500_deep_is_ignored_with_a_note(
    run: Run, tmp_path: Path, shape: str
) -> None:
    deep = '{"a":' * 500 + "1" + "}" * 500 if shape == "objects" else "[" * 500 + "]" * 500
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><script type="application/ld+json">{deep}</script></head><body>'
        "<article><h1>A headline</h1><p>This paragraph is long enough to be read as one.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = run("ingest", str(page), "--id", "x", "--texts", str(tmp_path / "c"))
    assert result.exit_code == 0
    assert "note: JSON-LD block 1 is nested more than 32 levels deep; ignored" in \
        result.stderr.splitlines()


def test_a_deeply_nested_agencies_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text("agency = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataError) as caught:
        load_registry(path)
    assert str(caught.value) == f"{path}: not an agencies file: values nested too deep"


def test_a_huge_agencies_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    with path.open("wb") as out:
        out.truncate(5 * 2**30)  # sparse: 5 GiB that take no room
    with pytest.raises(DataError) as caught:
        load_registry(path)
    assert str(caught.value) == f"{path}: the agencies file is larger than 4 MiB; refused"


def test_memory_error_is_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transcite.ingest.readers import text

    def exhausted(*_args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(text.TextReader, "read", exhausted)
    result = run("ingest", str(SEED_CAPTURE), "--id", "x", "--texts", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: the input is too large or too complex to process (out of memory); nothing "
        "was written\n"
    )


# -- byte caps before reading whole -------------------------------------------------------


def test_ingest_dev_zero_stops_at_the_cap(run: Run, tmp_path: Path) -> None:
    result = run("ingest", "/dev/zero", "--id", "x", "--texts", str(tmp_path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "Error: /dev/zero: the capture is larger than 8 MiB; refused\n"


def test_a_huge_sparse_capture_is_refused_before_reading(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(100 * 2**30)
    for args in (["ingest", str(path), "--id", "x"], ["revise", SEED_ID, str(path)],
                 ["compare", SEED_ID, str(path)]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (3, "")
        assert result.stderr == f"Error: {path}: the capture is larger than 8 MiB; refused\n"


def test_stdin_over_the_cap_is_refused(tmp_path: Path) -> None:
    """Through a real pipe from a real process: the reader stops at the cap + 1 bytes."""
    proc = subprocess.run(
        ["bash", "-c", f"head -c {9 * 2**20} /dev/zero | {sys.executable} -m "
         f"transcite.cli.main ingest - --id x --texts {tmp_path}"],
        capture_output=True, text=True, check=False,
    )
    assert (proc.returncode, proc.stdout) == (3, "")
    assert proc.stderr == "Error: <stdin>: the capture is larger than 8 MiB; refused\n"


def test_a_record_file_over_the_cap_is_refused_before_reading(run: Run, texts: Path) -> None:
    path = texts / "huge.xml"
    with path.open("wb") as out:
        out.truncate(60 * 2**20)
    result = run("show", "huge")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: {path}: the record is larger than 50 MiB; refused\n"


# -- what is written can be read: the same limits on both sides -----------------------------


def test_a_paragraph_over_the_text_limit_is_never_written(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("A headline\n\nBy Ann Writer\n\n" + "word " * 250_000 + "\n")
    result = run("ingest", str(path), "--id", "x", "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        'Error: record x: the text of <p xml:id="p1"> is 1,249,999 characters; one element '
        "holds at most 1,000,000; refused (nothing written)\n"
    )
    assert not (tmp_path / "c").exists() or corpus_files(tmp_path / "c") == []


def test_the_block_limit_is_the_same_for_writer_and_reader(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limit lowered to 10: a capture of 10 paragraphs is written and read back;
    one of 11 is refused on write; a hand-made record of 11 is refused on read."""
    monkeypatch.setattr(tei_xml, "MAX_BLOCKS", 10)
    for count in (10, 11):
        path = tmp_path / f"c{count}.txt"
        path.write_text("A headline\n\nBy Ann Writer\n\n" + "".join(
            f"Paragraph number {i} of the article.\n\n" for i in range(count)
        ))
        result = run("ingest", str(path), "--id", f"r{count}", "--texts", str(tmp_path / "c"))
        if count == 10:
            assert result.exit_code == 0, result.stderr
            assert run("show", "r10", "--texts", str(tmp_path / "c")).exit_code == 0
        else:
            assert (result.exit_code, result.stdout) == (3, "")
            assert result.stderr == (
                "Error: record r11: 11 paragraphs, figures and labels; a record holds at "
                "most 10; refused (nothing written)\n"
            )
    ten = (tmp_path / "c" / "r10.xml").read_text(encoding="utf-8")
    first = re.search(r"<p xml:id=\"p1\".*?</p>", ten, re.S)
    assert first is not None
    extra = first[0].replace('xml:id="p1"', 'xml:id="p99"')
    (tmp_path / "c" / "r11.xml").write_text(
        ten.replace(">r10<", ">r11<").replace(first[0], first[0] + extra, 1), encoding="utf-8"
    )
    result = run("show", "r11", "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: {tmp_path / 'c' / 'r11.xml'}: more than 10 paragraphs, figures and labels "
        "in one version; refused\n"
    )


def test_a_record_over_the_size_limit_is_never_written(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tei_xml, "MAX_RECORD_BYTES", 10_000)
    before = (texts / f"{SEED_ID}.xml").read_bytes()
    result = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    assert (result.exit_code, result.stdout) == (3, "")
    assert re.fullmatch(
        rf"Error: record {SEED_ID}: would be 0\.\d MiB; a record is at most 0 MiB; refused "
        r"\(nothing written\)\n", result.stderr
    )
    assert (texts / f"{SEED_ID}.xml").read_bytes() == before


# -- folders that are not folders -----------------------------------------------------------


def test_texts_at_a_fifo_or_the_root_is_named_as_it_is(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = run("list", "--texts", str(fifo))
    assert result.stderr == f"note: no records: {fifo} is not a folder\n"
    result = run("show", "x", "--texts", str(fifo))
    assert result.stderr == (
        f"Error: no record 'x' in {fifo}; {fifo} is not a folder (check --texts or "
        "$TRANSCITE_TEXTS)\n"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("list", "--texts", f"{empty}/")
    assert result.stderr == f"note: no records: {empty}/ is empty\n"  # not "empty//"
    if not any(name.endswith(".xml") for name in os.listdir("/")):
        result = run("show", "x", "--texts", "/")
        assert result.stderr == "Error: no record 'x' in /; / is empty\n"


def test_validate_removes_a_dead_writers_temp_file(run: Run, texts: Path) -> None:
    stale = texts / f".{SEED_ID}.xml.abcd1234.tmp"
    stale.write_bytes(b"<TEI")
    old_style = texts / f".{SEED_ID}.k2j3h4.tmp"  # the name earlier versions used
    old_style.write_bytes(b"<TEI")
    result = run("validate", "--all")
    assert not stale.exists() and not old_style.exists()
    assert f"note: removed 2 temporary files left by interrupted writes in {texts}/" in \
        result.stderr.splitlines()
    shutil.rmtree(texts / ".transcite", ignore_errors=True)
    assert corpus_files(texts) == [f"{SEED_ID}.xml"]
