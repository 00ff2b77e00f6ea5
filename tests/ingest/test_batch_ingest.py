"""Batch ingest: many captures, a folder, a list file; ids by rule; failures do not stop it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.ingest.batch import slug

from conftest import DATA, SEED_CAPTURE, SEED_TITLE, corpus_files

Run = Callable[..., Result]
HOSTILE = Path(__file__).resolve().parent.parent / "hostile"


@pytest.fixture
def captures(tmp_path: Path) -> Path:
    folder = tmp_path / "captures"
    folder.mkdir()
    shutil.copy(SEED_CAPTURE, folder / "seed.txt")
    shutil.copy(DATA / "html" / "wire-service.html", folder / "wire.html")
    shutil.copy(HOSTILE / "empty.txt", folder / "empty.txt")
    (folder / "notes.md").write_text("not a capture", encoding="utf-8")
    return folder


def test_a_folder_is_ingested_and_a_bad_item_does_not_stop_it(
    run: Run, captures: Path, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", str(captures), "--texts", str(out), "--jobs", "2")
    assert result.exit_code == 1
    assert result.stdout == f"{out}/seed.xml\n{out}/wire.xml\n"
    assert result.stderr == (
        f"failed: {captures}/empty.txt: the file is empty; give a capture of an article\n"
        "ingested 2 of 3 captures; 1 failed\n"
    )
    assert corpus_files(out) == ["seed.xml", "wire.xml"]
    listed = json.loads(run("list", "--texts", str(out), "--format", "json").stdout)
    assert [r["id"] for r in listed] == ["seed", "wire"]


def test_ids_from_titles_and_a_list_file(run: Run, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"# my reading list\n\n{SEED_CAPTURE}\n", encoding="utf-8")
    out = tmp_path / "corpus"
    result = run("ingest", "--from-list", str(listing), "--id-from", "title",
                 "--texts", str(out))
    expected_id = "russia-and-the-u-s-are-racing-to-negotiate-with-islamists-so-far-they-re-neck"
    assert (result.exit_code, result.stdout) == (0, f"{out}/{expected_id}.xml\n")
    assert result.stderr == "ingested 1 of 1 capture\n"
    again = run("ingest", "--from-list", str(listing), "--id-from", "title", "--texts", str(out))
    assert again.exit_code == 1
    assert f"{expected_id}.xml exists; pass --force" in again.stderr


def test_an_endless_or_oversized_capture_in_a_batch_is_refused_and_the_batch_goes_on(
    run: Run, captures: Path, tmp_path: Path
) -> None:
    """Read through the same cap as a single ingest (storage.inputs.read_capped): /dev/zero
    (which a plain read() would read until the memory is full) and a 9 MiB file (sparse: it
    takes no room) each fail in one line, nothing is written for them, the others are
    ingested, exit 1."""
    big = captures / "big.txt"
    with big.open("wb") as out:
        out.truncate(9 * 2**20)
    (captures / "empty.txt").unlink()
    out = tmp_path / "corpus"
    result = run("ingest", str(captures), "/dev/zero", "--id-from", "title",
                 "--texts", str(out), "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == (
        f"failed: {big}: the capture is larger than 8 MiB; refused\n"
        "failed: /dev/zero: the capture is larger than 8 MiB; refused\n"
        "ingested 2 of 4 captures; 2 failed\n"
    )
    assert len(corpus_files(out)) == 2  # nothing half-written
    assert [p.name for p in (out / ".transcite").iterdir() if p.suffix == ".tmp"] == []
    assert len(json.loads(run("list", "--texts", str(out), "--format", "json").stdout)) == 2


def test_a_list_file_that_is_a_device_or_too_large_is_refused_in_one_line(
    run: Run, tmp_path: Path
) -> None:
    result = run("ingest", "--from-list", "/dev/zero", "--id-from", "title",
                 "--texts", str(tmp_path / "corpus"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "Error: /dev/zero: the list is larger than 64 MiB; refused\n"
    assert not (tmp_path / "corpus").exists()


def test_slugs() -> None:
    assert slug(SEED_TITLE) == (
        "russia-and-the-u-s-are-racing-to-negotiate-with-islamists-so-far-they-re-neck-and-neck"
    )[:80].rsplit("-", 1)[0]
    assert slug("Zürich: “Naïve” — élan!") == "zurich-naive-elan"
    assert slug("Доклад") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "--id", "x"],
         "--id names one record; with many captures use --id-from"),
        (["a.txt", "b.txt", "--url", "https://example.org/"],
         "--url is for one capture; with many, each is its own"),
        ([], "give capture files, a folder, URLs or --from-list FILE"),
        (["a.txt"], "--id: give the id of the new record (or --id-from title|url|file)"),
    ],
)
def test_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run("ingest", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_a_capture_in_another_script_gets_no_id_from_its_title(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    source = DATA / "bilingual" / "library-ru.txt"
    result = run("ingest", str(source), "--id-from", "title", "--texts", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"failed: {source}: no id can be made from its title; use another --id-from\n"
        "ingested 0 of 1 capture; 1 failed\n"
    )
