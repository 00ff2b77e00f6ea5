"""REFs after a revision that moved or merged paragraphs: ids keep their words, but their
reading order is no longer the order of their numbers, and some ids are gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from citing import cited as citation
from conftest import DATA, SEED_ID
from variants import seed

#: the seed as version 1 numbers its paragraphs; a citation's words are the style's
#: (tests/cite/styles/), its numbers are the paragraphs' places
VERSION_1 = seed()

Run = Callable[..., Result]
SEED = DATA / "kartsev-islamists.txt"
P2 = "In 2016, Russian diplomats devised"
P3 = "Almost two years passed before"
P5 = "Many experts said the negotiations"


def _paragraph(text: str, start: str) -> str:
    begin = text.index(start)
    return text[begin : text.index("\n", begin)]


def _revise(run: Run, tmp_path: Path, text: str, name: str) -> None:
    capture = tmp_path / name
    capture.write_text(text, encoding="utf-8")
    result = run("revise", SEED_ID, str(capture), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def moved(run: Run, tmp_path: Path) -> None:
    """Version 2: paragraphs p2 and p5 swapped places (p2 is now the fifth, p5 the second)."""
    text = SEED.read_text(encoding="utf-8")
    p2, p5 = _paragraph(text, P2), _paragraph(text, P5)
    _revise(run, tmp_path, text.replace(p2, "\0").replace(p5, p2).replace("\0", p5), "moved.txt")


@pytest.fixture
def merged(run: Run, tmp_path: Path) -> None:
    """Version 2: p3 joined to the end of p2 (p3 is gone)."""
    text = SEED.read_text(encoding="utf-8")
    p2, p3 = _paragraph(text, P2), _paragraph(text, P3)
    _revise(run, tmp_path, text.replace(f"{p2}\n\n{p3}", f"{p2} {p3}"), "merged.txt")


@pytest.mark.usefixtures("moved")
@pytest.mark.parametrize("command", ["cite", "quote"])
def test_a_range_whose_ends_moved_out_of_order_is_refused_in_one_line(
    run: Run, command: str
) -> None:
    result = run(command, f"{SEED_ID}#p2-p3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: p2–p3 is not a range in {SEED_ID}: p2 (paragraph 5) comes after p3 "
        "(paragraph 3) since a revision; cite the paragraphs one by one\n"
    )


@pytest.mark.usefixtures("moved")
def test_a_range_of_version_1_whose_paragraphs_moved_is_cited_as_it_was(run: Run) -> None:
    # in the current text p1-p3 would run p1, p5, p3: not the paragraphs the REF named
    result = run("quote", f"{SEED_ID}@1#p1-p3")
    assert result.exit_code == 0, result.stderr
    assert P2 in result.stdout and P5 not in result.stdout
    assert result.stdout.endswith(f"{citation(VERSION_1, f'{SEED_ID}#p1-p3')}\n")
    assert result.stderr.endswith(
        "note: p1–p3 of version 1 is not the same run of paragraphs in the current version "
        "(2); cited as it was in version 1\n"
    )
    cited = run("cite", f"{SEED_ID}@1#p2-p5", "--form", "in-text")
    assert (cited.exit_code, cited.stdout) == (0, f"{citation(VERSION_1, f'{SEED_ID}#p2-p5')}\n")
    assert "cited as it was in version 1\n" in cited.stderr


@pytest.mark.usefixtures("moved")
def test_a_range_of_version_1_still_in_place_resolves_in_the_current_text(run: Run) -> None:
    result = run("cite", f"{SEED_ID}@1#p6-p7", "--form", "in-text")
    assert (result.exit_code, result.stdout) == (
        0, f"{citation(VERSION_1, f'{SEED_ID}#p6-p7')}\n"
    )
    assert result.stderr == (
        "note: p6 is unchanged since version 1 (current: 2)\n"
        "note: p7 is unchanged since version 1 (current: 2)\n"
    )


@pytest.mark.usefixtures("moved")
def test_an_unknown_paragraph_lists_the_ids_in_reading_order(run: Run) -> None:
    result = run("cite", f"{SEED_ID}#p40")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: no paragraph p40; {SEED_ID} has p1, p5, p3–p4, p2, p6–p16\n"
    )


def test_an_unrevised_record_still_lists_its_ids_as_one_run(run: Run) -> None:
    result = run("cite", f"{SEED_ID}#p40")
    assert result.stderr == f"Error: no paragraph p40; {SEED_ID} has p1–p16\n"


@pytest.mark.usefixtures("merged")
def test_a_paragraph_gone_in_a_revision_points_to_the_version_that_has_it(run: Run) -> None:
    result = run("cite", f"{SEED_ID}#p3")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: no paragraph p3; {SEED_ID} has p1–p2, p4–p16 (p3 is in version 1: "
        f"{SEED_ID}@1#p3)\n"
    )
    assert run("cite", f"{SEED_ID}@1#p3", "--form", "in-text").exit_code == 0


@pytest.mark.usefixtures("merged")
def test_an_unknown_paragraph_of_an_earlier_version_names_that_version(run: Run) -> None:
    result = run("cite", f"{SEED_ID}@1#p40")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: no paragraph p40 in version 1; {SEED_ID} had p1–p16\n"
    )


def test_a_range_of_version_1_over_a_split_resolves_in_the_current_text(
    run: Run, texts: Path
) -> None:
    """p13 was split (its second part is p17, between p13 and p14): p13–p14 of version 1 are
    paragraphs 13–15 now, with p17 holding words that were in p13."""
    result = run("revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt"),
                 "--date", "2026-12-01")
    assert result.exit_code == 0
    cited = run("cite", f"{SEED_ID}@1#p13-p14", "--form", "in-text")
    now = citation(texts, f"{SEED_ID}#p13-p14")
    assert "13" in now and "15" in now and (cited.exit_code, cited.stdout) == (0, f"{now}\n")
    assert cited.stderr.startswith("note: p13 has changed since version 1")
    assert cited.stderr.endswith("note: p14 is unchanged since version 1 (current: 2)\n")
