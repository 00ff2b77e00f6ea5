"""``transcite ingest``, ``list`` and ``show`` as a user runs them: stdout, stderr, exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import SEED_CAPTURE, SEED_ID, SEED_TITLE, SEED_URL, corpus_files

HOSTILE = Path(__file__).resolve().parent.parent / "hostile"

Run = Callable[..., Result]


def _ingest(run: Run, out: Path, *args: str, input: bytes | None = None) -> Result:
    return run("ingest", *args, "--texts", str(out), input=input)


def test_ingest_reports_on_stderr_and_prints_path(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = _ingest(run, out, str(SEED_CAPTURE), "--id", "k", "--url", SEED_URL,
                     "--original-language", "ru")
    assert result.exit_code == 0
    assert result.stdout == f"{out / 'k.xml'}\n"
    assert result.stderr.splitlines() == [
        "recognised headline: Russia and the U.S. are racing to negotiate with Islamists. "
        "So far, they’re neck and neck.",
        "recognised publisher: Meduza",
        "recognised authors: Dmitry Kartsev",
        "recognised translators: Hilah Kohen",
        "recognised 16 paragraphs, 3 figures, 1 label, 5 sections",
        "recognised fig1 credit: Sergei Savostyanov / TASS / Vida Press "
        "(creator Sergei Savostyanov; agency TASS; distributor Vida Press)",
        "recognised fig2 credit: U.S Embassy / Reuters / Scanpix / LETA "
        "(creator U.S Embassy; agency Reuters; distributor Scanpix; distributor LETA)",
        "recognised fig3 credit: Yury Kadobnov / AFP / Scanpix / LETA "
        "(creator Yury Kadobnov; agency AFP; distributor Scanpix; distributor LETA)",
        "dropped (skip link): Skip to main content",
        "dropped (donation or subscription appeal): Meduza, working 24/7, always for our "
        "readers We need your help like never before",
    ]


def test_ingest_from_stdin(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = _ingest(run, out, "-", "--id", "k", input=SEED_CAPTURE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "note: original language unknown: pass --original-language (e.g. ru)" in result.stderr
    assert (out / "k.xml").is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the file is empty; give a capture of an article"),
        ("blank.txt", "the file is empty; give a capture of an article"),
        ("binary.txt", "this is a binary file, not a text capture"),
        ("cp1251.txt", "not UTF-8 (bad byte at offset 0); it looks like Windows-1251 "
                       "(Cyrillic): re-run with --encoding cp1251"),
        ("furniture-only.txt", "no body paragraphs recognised; is this an article capture?"),
        ("headline-only.txt", "no body paragraphs recognised; is this an article capture?"),
    ],
)
def test_bad_captures_give_one_line_and_write_nothing(
    run: Run, tmp_path: Path, name: str, message: str
) -> None:
    out = tmp_path / "corpus"
    path = HOSTILE / name
    result = _ingest(run, out, str(path), "--id", "x")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: {path}: {message}\n"
    assert not out.exists() or list(out.iterdir()) == []


def test_windows_1251_capture_reads_with_encoding(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = _ingest(run, out, str(HOSTILE / "cp1251.txt"), "--id", "ru", "--encoding", "cp1251")
    assert result.exit_code == 0, result.stderr
    shown = run("show", "ru", "--format", "json", "--texts", str(out))
    data = json.loads(shown.stdout)
    assert data["title"] == "Россия и США соревнуются в переговорах с исламистами"
    assert data["blocks"][-1]["text"] == (
        "Переговоры между палестинскими группировками ХАМАС и ФАТХ завершатся в Москве сегодня."
    )


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "", ".hidden", "x.xml", "a b"])
def test_unsafe_ids_are_refused(run: Run, tmp_path: Path, bad_id: str) -> None:
    out = tmp_path / "corpus"
    result = _ingest(run, out, str(SEED_CAPTURE), "--id", bad_id)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: invalid id {bad_id!r}: use letters, digits, '.', '_' and '-' "
        "(starting with a letter or digit), e.g. kartsev-islamists\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("bad_id", ["CON", "con", "nul", "Aux.txt", "COM1", "lpt9.draft", "PRN"])
def test_windows_device_names_are_refused(run: Run, tmp_path: Path, bad_id: str) -> None:
    """CON.xml, NUL.xml … cannot be files on Windows: a corpus must survive a clone there."""
    out = tmp_path / "corpus"
    result = _ingest(run, out, str(SEED_CAPTURE), "--id", bad_id)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: invalid id {bad_id!r}: {bad_id.split('.')[0]} is a device name on Windows, "
        "not a file name; choose another id, e.g. kartsev-islamists\n"
    )
    assert not out.exists()


def test_an_id_longer_than_100_characters_is_refused_saying_so(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    assert _ingest(run, out, str(SEED_CAPTURE), "--id", "a" * 100).exit_code == 0
    result = _ingest(run, out, str(SEED_CAPTURE), "--id", "a" * 101)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: invalid id {'a' * 101!r}: 101 characters; an id has at most 100\n"
    )


def test_existing_id_is_refused_without_force(run: Run, texts: Path) -> None:
    before = (texts / f"{SEED_ID}.xml").read_bytes()
    result = run("ingest", str(HOSTILE / "cp1251.txt"), "--id", SEED_ID, "--encoding", "cp1251")
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        f"Error: {texts / (SEED_ID + '.xml')} exists; pass --force to replace it, "
        "or choose another --id\n"
    )
    assert (texts / f"{SEED_ID}.xml").read_bytes() == before


def test_force_replaces(run: Run, texts: Path) -> None:
    result = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    assert result.exit_code == 0
    assert corpus_files(texts) == [f"{SEED_ID}.xml"]  # no temporary left


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--published", "2019-02-30", "--published: '2019-02-30' is not a date; "
                                      "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("--accessed", "yesterday", "--accessed: 'yesterday' is not a date; "
                                    "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("--url", "meduza.io/en", "--url: 'meduza.io/en' is not an http(s) URL"),
        ("--encoding", "klingon", "unknown encoding 'klingon'; try utf-8 or cp1251"),
    ],
)
def test_bad_option_values(
    run: Run, tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = _ingest(run, tmp_path / "c", str(SEED_CAPTURE), "--id", "x", option, value)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = _ingest(run, tmp_path / "c", str(tmp_path / "nope.txt"), "--id", "x")
    expected = f"Error: {tmp_path / 'nope.txt'}: no such file\n"
    assert (result.exit_code, result.stderr) == (2, expected)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("doctype", "has a DOCTYPE or entity declarations; refused (records never need them)"),
        ("external-entity",
         "has a DOCTYPE or entity declarations; refused (records never need them)"),
        ("billion-laughs",
         "has a DOCTYPE or entity declarations; refused (records never need them)"),
        ("not-well-formed", "not well-formed XML: line 33: Opening and ending tag mismatch: "
                            "titleStmt line 5 and fileDesc"),
        ("duplicate-id", "not well-formed XML: line 58: ID p1 already defined"),
        ("missing-paragraph-number", "not a valid transcite TEI record: line 59: Element p "
         "failed to validate attributes (fix the file, or re-ingest the capture with --force)"),
        ("unknown-element", "not a valid transcite TEI record: line 66: Did not expect element "
         "hi there (fix the file, or re-ingest the capture with --force)"),
        ("not-tei", "not a valid transcite TEI record: line 2: Expecting element TEI, got html "
         "(fix the file, or re-ingest the capture with --force)"),
    ],
)
def test_hostile_or_broken_records(run: Run, texts: Path, name: str, message: str) -> None:
    target = texts / f"{name}.xml"
    target.write_bytes((HOSTILE / f"{name}.xml").read_bytes())
    result = run("show", name)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: {target}: {message}\n"


def test_show_unknown_id(run: Run, texts: Path) -> None:
    result = run("show", "nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: no record 'nope' in {texts}/; known ids: {SEED_ID}\n"


def test_show_json_contract(run: Run) -> None:
    result = run("show", SEED_ID, "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["id", "title", "language", "publisher", "url", "published",
                          "accessed", "authors", "translators", "original", "blocks"]
    assert data["authors"] == [{"given": "Dmitry", "family": "Kartsev"}]
    assert data["translators"] == [{"given": "Hilah", "family": "Kohen"}]
    assert data["published"] is None and data["accessed"] is None
    assert data["original"] == {"language": "ru", "title": None, "url": None, "published": None}
    assert data["blocks"][5] == {
        "id": "fig1", "kind": "figure",
        "caption": "Participants in the Moscow negotiations concerning the Afghan conflict "
                   "pose for a photo op. November 9, 2018",
        "credit": {"text": "Sergei Savostyanov / TASS / Vida Press", "parts": [
            {"name": "Sergei Savostyanov", "role": "creator"},
            {"name": "TASS", "role": "agency"},
            {"name": "Vida Press", "role": "distributor"}]},
    }
    assert data["blocks"][6] == {"id": "lbl1", "kind": "label", "text": "Russia : USA"}
    assert set(data["blocks"][0]) == {"id", "kind", "n", "text", "fingerprint"}


def test_show_text_has_ids_in_margin(run: Run) -> None:
    result = run("show", SEED_ID)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        SEED_TITLE,
        "By Dmitry Kartsev. Translated by Hilah Kohen. Meduza.",
        f"URL: {SEED_URL}",
        "Published: unknown · Accessed: unknown",
    ]
    starts = [ln.split()[0] for ln in lines[4:] if ln and not ln.startswith(" ")]
    assert starts == ["p1", "p2", "p3", "p4", "p5", "fig1", "lbl1", "p6", "p7", "p8", "p9",
                      "fig2", "p10", "p11", "p12", "fig3", "p13", "p14", "p15", "p16"]
    assert "fig1  [photo] Participants in the Moscow negotiations" in result.stdout
    assert "      Credit: Sergei Savostyanov / TASS / Vida Press" in result.stdout


def test_list(run: Run) -> None:
    result = run("list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"{SEED_ID}  {SEED_TITLE}",
        f"{'':{len(SEED_ID)}}  by Dmitry Kartsev, translated by Hilah Kohen; "
        "16 paragraphs, 3 figures, 1 label",
    ]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_list_of_an_empty_or_missing_folder_says_so(run: Run, tmp_path: Path, fmt: str) -> None:
    """A mistyped --texts must not look like an empty corpus without a word."""
    for folder, state in ((tmp_path / "empty", "is empty"), (tmp_path / "nope", "does not exist")):
        if state == "is empty":
            folder.mkdir()
        result = run("list", "--texts", str(folder), "--format", fmt)
        assert result.exit_code == 0
        assert result.stdout == ("[]\n" if fmt == "json" else "")
        assert result.stderr == f"note: no records: {folder}/ {state}\n"


def test_a_record_already_stored_under_a_device_name_is_still_read(
    run: Run, texts: Path
) -> None:
    """Only new ids are refused: a corpus made before the rule keeps working."""
    data = (texts / f"{SEED_ID}.xml").read_bytes()
    (texts / "CON.xml").write_bytes(data.replace(f">{SEED_ID}<".encode(), b">CON<"))
    assert run("list").exit_code == 0
    assert run("show", "CON").exit_code == 0
    assert run("validate", "--all").exit_code == 0


RUSSIAN_CAPTURE = Path(__file__).resolve().parent.parent / "data" / "bilingual" / "library-ru.txt"


def test_a_capture_in_cyrillic_is_not_recorded_as_english(run: Run, tmp_path: Path) -> None:
    """The record's language is what the capture is written in, never a made-up "en"."""
    out = tmp_path / "c"
    result = _ingest(run, out, str(RUSSIAN_CAPTURE), "--id", "ru")
    assert result.exit_code == 0
    assert "note: language unknown: the capture is not in Latin script; pass --language " \
        "(e.g. ru)\n" in result.stderr
    data = json.loads(run("show", "ru", "--format", "json", "--texts", str(out)).stdout)
    assert data["language"] is None
    result = _ingest(run, out, str(RUSSIAN_CAPTURE), "--id", "ru", "--force", "--language", "ru")
    assert result.exit_code == 0 and "language unknown" not in result.stderr
    data = json.loads(run("show", "ru", "--format", "json", "--texts", str(out)).stdout)
    assert data["language"] == "ru"


def test_language_option_wins_over_the_page(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "c"
    page = Path(__file__).resolve().parent.parent / "data" / "html" / "kartsev-islamists.html"
    result = _ingest(run, out, str(page), "--id", "m", "--language", "en-GB")
    assert result.exit_code == 0, result.stderr
    data = json.loads(run("show", "m", "--format", "json", "--texts", str(out)).stdout)
    assert data["language"] == "en-GB"


@pytest.mark.parametrize("option", ["--language", "--original-language"])
def test_a_language_that_is_not_a_code_is_a_usage_error(
    run: Run, tmp_path: Path, option: str
) -> None:
    out = tmp_path / "c"
    result = _ingest(run, out, str(SEED_CAPTURE), "--id", "x", option, "Russian language")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {option}: 'Russian language' is not a language code; "
        "use one such as ru, uk or en-GB\n"
    )
    assert not out.exists()


def test_force_over_a_revised_record_says_what_was_lost(run: Run, texts: Path) -> None:
    corrected = Path(__file__).resolve().parent.parent / "data" / "kartsev-islamists-corrected.txt"
    assert run("revise", SEED_ID, str(corrected)).exit_code == 0
    result = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    assert result.exit_code == 0
    assert result.stderr.endswith(
        f"note: {SEED_ID} was replaced with 1 earlier version and the history it held; restore "
        f"the old file from a copy if you need them (transcite revise {SEED_ID} FILE adds a "
        "version and keeps everything)\n"
    )
    plain = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    assert "was replaced" not in plain.stderr  # nothing but the text was lost this time
