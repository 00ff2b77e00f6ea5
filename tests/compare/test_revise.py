"""``transcite revise``: a new version from a new capture keeps ids; history stays readable."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.core.errors import DataError
from transcite.core.model import Revision
from transcite.storage.corpus import Corpus
from transcite.storage.tei import record_to_bytes

from citing import cited
from conftest import DATA, SEED_ID
from golden_files import check_golden

Run = Callable[..., Result]
CORRECTED = DATA / "kartsev-islamists-corrected.txt"
CORRECTION_NOTE = "Correction: An earlier version of this article"


@pytest.fixture
def revised(run: Run, texts: Path) -> Path:
    result = run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    path = texts / f"{SEED_ID}.xml"
    assert result.stdout == f"{path}\n"
    return path


def test_revise_reports_what_happened_to_the_ids(run: Run, texts: Path) -> None:
    result = run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert result.stderr == (
        "13 paragraphs unchanged, 2 changed, 1 split, 1 inserted; "
        "2 figures unchanged, 1 changed; 1 label unchanged\n"
        "changed paragraph: p3 → p3\n"
        "changed paragraph: p8 → p8\n"
        "changed figure: fig2 → fig2\n"
        "split paragraph: p13 → p13, p17 (new)\n"
        "inserted paragraph: (none) → p18 (new)\n"
    )


def test_every_other_id_is_kept_and_numbers_follow_the_new_order(
    revised: Path, texts: Path
) -> None:
    record = Corpus(texts).load(SEED_ID)
    ids = [p.id for p in record.paragraphs]
    assert ids == [f"p{i}" for i in range(1, 14)] + ["p17", "p14", "p15", "p16", "p18"]
    assert [p.n for p in record.paragraphs] == list(range(1, 19))
    assert [f.id for f in record.figures] == ["fig1", "fig2", "fig3"]
    assert record.block("p17").text.startswith("Both sides are in conflict")  # type: ignore[union-attr]
    assert record.block("p18").text.startswith(CORRECTION_NOTE)  # type: ignore[union-attr]
    assert record.version == 2
    assert record.revisions == (
        Revision(1, None, "Version 1: the text as first recorded."),
        Revision(2, "2026-12-01", "Version 2: revised from kartsev-islamists-corrected.txt: "
                 "13 paragraphs unchanged, 2 changed, 1 split, 1 inserted; 2 figures unchanged, "
                 "1 changed; 1 label unchanged."),
    )


def test_show_version_1_is_the_text_as_it_was(run: Run) -> None:
    before = run("show", SEED_ID).stdout
    before_json = run("show", SEED_ID, "--format", "json").stdout
    run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert run("show", SEED_ID, "--version", "1").stdout == before
    assert run("show", SEED_ID, "--version", "1", "--format", "json").stdout == before_json
    now = run("show", SEED_ID).stdout
    assert now != before and now == run("show", SEED_ID, "--version", "2").stdout
    missing = run("show", SEED_ID, "--version", "3")
    assert (missing.exit_code, missing.stderr) == (
        2, f"Error: no version 3 of {SEED_ID}; it has versions 1–2\n"
    )


def test_compare_versions_is_golden(run: Run, revised: Path) -> None:
    """golden/compare/versions-1-2.text: the corrections again, now with the stable new ids."""
    result = run("compare", f"{SEED_ID}@1", f"{SEED_ID}@2")
    check_golden("compare/versions-1-2.text", result.stdout)


def test_compare_versions_reports_exactly_the_corrections(run: Run, revised: Path) -> None:
    data = json.loads(run("compare", f"{SEED_ID}@1", f"{SEED_ID}@2", "--format", "json").stdout)
    changes = [(ln["kind"], ln["old"], ln["new"]) for ln in data["links"] if ln["kind"] != "equal"]
    assert changes == [
        ("changed", ["p3"], ["p3"]), ("changed", ["p8"], ["p8"]),
        ("changed", ["fig2"], ["fig2"]), ("split", ["p13"], ["p13", "p17"]),
        ("inserted", [], ["p18"]),
    ]
    # the ids of every unchanged block are the same on both sides
    equal = [(ln["old"], ln["new"]) for ln in data["links"] if ln["kind"] == "equal"]
    assert all(old == new for old, new in equal) and len(equal) == 13 + 2 + 1


def test_a_ref_made_against_version_1_resolves_and_says_if_its_words_changed(
    run: Run, revised: Path
) -> None:
    # the words of a citation are the style's (tests/cite/styles/); its number is the
    # paragraph's place in the current version: p14 is the 15th paragraph now
    changed = run("cite", f"{SEED_ID}@1#p3", "--form", "in-text")
    assert (changed.exit_code, changed.stdout) == (0, cited(revised.parent, f"{SEED_ID}#p3") + "\n")
    assert changed.stderr.startswith("note: p3 has changed since version 1 (fingerprint ")
    assert changed.stderr.endswith(f"; see transcite compare {SEED_ID}@1 {SEED_ID}@2\n")
    p14 = cited(revised.parent, f"{SEED_ID}#p14")
    assert "15" in p14 and "14" not in p14
    same = run("cite", f"{SEED_ID}@1#p14", "--form", "in-text")
    assert (same.stdout, same.stderr) == (
        f"{p14}\n", "note: p14 is unchanged since version 1 (current: 2)\n"
    )
    plain = run("cite", f"{SEED_ID}#p14", "--form", "in-text")
    assert (plain.stdout, plain.stderr) == (f"{p14}\n", "")


def test_new_ids_never_reuse_a_removed_one(run: Run, texts: Path, tmp_path: Path) -> None:
    run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    text = CORRECTED.read_text(encoding="utf-8")
    start = text.index(CORRECTION_NOTE)
    third = text[:start] + "A new closing paragraph, written for this test of identifiers." \
        + text[text.index("\n", start):]
    capture = tmp_path / "third.txt"
    capture.write_text(third, encoding="utf-8")
    result = run("revise", SEED_ID, str(capture), "--date", "2026-12-02")
    assert result.exit_code == 0, result.stderr
    assert "deleted paragraph: p18 → (removed)\n" in result.stderr
    assert "inserted paragraph: (none) → p19 (new)\n" in result.stderr
    record = Corpus(texts).load(SEED_ID)
    assert record.version == 3 and record.block("p18") is None
    # a REF to the removed paragraph, made against version 2, resolves there
    gone = run("cite", f"{SEED_ID}@2#p18", "--form", "in-text")
    # p18 was the 18th paragraph, the place p19 has taken in version 3
    eighteenth = cited(texts, f"{SEED_ID}#p19")
    assert "18" in eighteenth and "19" not in eighteenth
    assert (gone.exit_code, gone.stdout) == (0, f"{eighteenth}\n")
    assert gone.stderr == (
        "note: p18 of version 2 is not in the current version (3); cited as it was in "
        "version 2\n"
    )


def test_the_same_text_makes_no_new_version(run: Run, texts: Path) -> None:
    before = (texts / f"{SEED_ID}.xml").read_bytes()
    result = run("revise", SEED_ID, str(DATA / "kartsev-islamists.txt"))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: kartsev-islamists.txt: the same text as version 1 of kartsev-islamists; "
        "no new version written\n"
    )
    assert (texts / f"{SEED_ID}.xml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", str(CORRECTED)], "Error: no record 'nope' in "),
        ([SEED_ID, "missing.txt"], "Error: missing.txt: no such file; give the new capture"),
        ([SEED_ID, str(CORRECTED), "--date", "2026-13-01"], "Error: --date: '2026-13-01' is not"),
    ],
)
def test_revise_errors(run: Run, args: list[str], message: str) -> None:
    result = run("revise", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_a_history_that_skips_a_version_is_refused(revised: Path, texts: Path) -> None:

    record = Corpus(texts).load(SEED_ID)
    broken = record._replace(revisions=record.revisions[1:])
    with pytest.raises(DataError, match=r"its history lists versions \[2\], not 1 to 2"):
        record_to_bytes(broken)


def test_a_quote_made_against_version_1_says_if_its_words_changed(
    run: Run, revised: Path
) -> None:
    changed = run("quote", f"{SEED_ID}@1#p8:s1", "--style", "apa")
    assert changed.exit_code == 0
    assert changed.stdout.startswith("“In January, it became clear that the American "
                                     "administration was not just planning")
    assert changed.stderr.startswith("note: p8 has changed since version 1 (fingerprint ")
    same = run("quote", f"{SEED_ID}@1#p14:s1", "--style", "apa")
    assert same.stderr == "note: p14 is unchanged since version 1 (current: 2)\n"
    p14 = cited(revised.parent, f"{SEED_ID}#p14")
    assert "15" in p14 and same.stdout.endswith(f"{p14}.\n")


def test_a_capture_with_other_credits_is_reported_not_silently_dropped(
    run: Run, texts: Path, tmp_path: Path
) -> None:
    """revise keeps the record's metadata; a credit the new capture changes is named on stderr."""
    text = CORRECTED.read_text(encoding="utf-8")
    assert text.endswith("\nTranslation by Hilah Kohen")
    capture = tmp_path / "credited.txt"
    capture.write_text(text + " and Kevin Rothrock", encoding="utf-8")
    result = run("revise", SEED_ID, str(capture), "--date", "2026-12-01")
    assert result.exit_code == 0
    assert result.stderr.endswith(
        "inserted paragraph: (none) → p18 (new)\n"
        "note: the capture's translation credit differs: “Hilah Kohen and Kevin Rothrock”, the "
        "record's is “Hilah Kohen” and is kept (revise records only the text); check the record\n"
    )
    record = Corpus(texts).load(SEED_ID)
    assert [t.full_name for t in record.translators] == ["Hilah Kohen"]


def test_the_same_credits_make_no_note(run: Run) -> None:
    result = run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert "note:" not in result.stderr


def test_a_record_file_gives_its_text_not_its_tei_header(
    run: Run, texts: Path, tmp_path: Path
) -> None:
    """revise ID corrected.xml takes the record's body, as compare reads a record file.

    Read as a capture, the TEI header and notes became three new paragraphs.
    """
    other = tmp_path / "other"
    made = run("ingest", str(CORRECTED), "--id", "corrected", "--texts", str(other))
    assert made.exit_code == 0, made.stderr
    from_capture = run("compare", SEED_ID, str(CORRECTED)).stdout.split("\n", 1)[1]
    result = run("revise", SEED_ID, str(other / "corrected.xml"), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(from_capture.split("\n", 1)[0] + "\n")
    assert "p19" not in result.stderr
    record = Corpus(texts).load(SEED_ID)
    assert [p.id for p in record.paragraphs][-1] == "p18"
    assert record.block("p18").text.startswith(CORRECTION_NOTE)  # type: ignore[union-attr]


def test_a_hostile_record_file_is_refused_and_nothing_is_written(run: Run, texts: Path) -> None:
    before = (texts / f"{SEED_ID}.xml").read_bytes()
    result = run("revise", SEED_ID, str(DATA.parent / "hostile" / "billion-laughs.xml"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert (texts / f"{SEED_ID}.xml").read_bytes() == before


def test_a_version_dated_before_the_current_one_is_refused(
    run: Run, revised: Path, tmp_path: Path
) -> None:
    before = revised.read_bytes()
    capture = tmp_path / "third.txt"
    capture.write_text(CORRECTED.read_text(encoding="utf-8") + "\n\nOne more line.",
                       encoding="utf-8")
    result = run("revise", SEED_ID, str(capture), "--date", "2026-11-30")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: --date 2026-11-30 is before version 2 of {SEED_ID} (2026-12-01); versions "
        "are dated in the order they were published\n"
    )
    assert revised.read_bytes() == before
    assert run("revise", SEED_ID, str(capture), "--date", "2026-12").exit_code == 0


def test_a_photo_credit_the_capture_lacks_is_named(run: Run, tmp_path: Path) -> None:
    """Without its credit line, fig1's caption is read as a paragraph: the photo and its credit
    leave the record, which revise says rather than passing over."""
    text = CORRECTED.read_text(encoding="utf-8")
    capture = tmp_path / "uncredited.txt"
    capture.write_text(text.replace("Sergei Savostyanov / TASS / Vida Press\n", "", 1), "utf-8")
    result = run("revise", SEED_ID, str(capture), "--date", "2026-12-01")
    assert result.exit_code == 0
    assert "deleted figure: fig1 → (removed)\n" in result.stderr
    assert result.stderr.endswith(
        "note: fig1, the photo credited “Sergei Savostyanov / TASS / Vida Press”, is not in the "
        "capture (a caption without its credit line is read as a paragraph): check the "
        "capture\n"
    )


def test_a_photo_kept_without_its_credit_is_named(texts: Path) -> None:

    from transcite.compare.revise import revise_record

    seed = Corpus(texts).load(SEED_ID)
    fig = seed.figures[1]
    blocks = tuple(b._replace(credit=None) if b is fig else b for b in seed.blocks)
    revised = revise_record(seed, seed._replace(blocks=blocks), "x.txt", None)
    assert revised.notes == (
        "fig2, the photo credited “U.S Embassy / Reuters / Scanpix / LETA”, has no credit in "
        "the capture: check the capture",
    )
