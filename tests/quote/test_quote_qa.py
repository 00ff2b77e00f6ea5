"""Defects found in the QA round of ``transcite quote``, each checked against the manuals or
the record: a REF after ``transcite revise`` (paragraph ids and visible numbers differ), the
period of an abbreviation ending a quotation, and quotations nested two deep."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.cite.styles import get_style
from transcite.quote.formats import write_html, write_latex, write_text
from transcite.quote.quoting import quote_ref

from citing import cited
from conftest import ROOT, SEED_ID
from variants import record_with

Run = Callable[..., Result]
CORRECTED = ROOT / "tests" / "data" / "kartsev-islamists-corrected.txt"


@pytest.fixture
def revised(run: Run, texts: Path) -> Path:
    """The seed revised: p13 is split (its second part is p17), so p14 is now paragraph 15."""
    result = run("revise", SEED_ID, str(CORRECTED), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    return texts


def test_json_ref_names_the_paragraph_id_not_its_number(run: Run, revised: Path) -> None:
    result = run("quote", f"{SEED_ID}#p14:s1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # p14 is the 15th paragraph now: the citation counts 15, the REF still names p14
    assert data["citation"]["text"] == cited(revised, f"{SEED_ID}#p14")
    assert "15" in data["citation"]["text"]
    assert data["ref"] == f"{SEED_ID}#p14:s1"
    assert [b["id"] for b in data["blocks"]] == ["p14"]


def test_annotation_id_and_notices_name_paragraph_ids(run: Run, revised: Path) -> None:
    result = run("quote", f"{SEED_ID}#p14:s1,s3", "--format", "annotation")
    assert json.loads(result.stdout)["id"] == f"urn:transcite:quote:{SEED_ID}:p14:s1,s3"
    mla = run("quote", f"{SEED_ID}#p14:s1", "--style", "mla")
    # MLA cannot pinpoint a paragraph (its words: tests/cite/styles/test_mla.py): the notice
    # names the REF's id, not the paragraph's number (15)
    assert "p14" in mla.stderr and "15" not in mla.stderr
    ranged = run("quote", f"{SEED_ID}#p12-p14")
    assert "note: p12-p14 runs past fig3 (a photo caption)" in ranged.stderr


@pytest.mark.parametrize("word", ["Inc.", "Ltd.", "Jr.", "etc."])
def test_an_abbreviation_keeps_its_period_when_it_ends_the_quotation(word: str) -> None:
    # the period of an abbreviation is part of the word, not the sentence's own: it stays and
    # the sentence's period follows the citation (as "U.S." does)
    record = record_with(f"The money went to Acme {word} The talks failed.")
    quotation = quote_ref(record, "synthetic#p1:s1", "apa")
    assert write_text(quotation, False, None) == (
        f"“The money went to Acme {word}” {cited(record, 'synthetic#p1')}."
    )
    assert "the final period moved after the citation" not in quotation.alterations


NESTED = "He said, “They call it ‘the deal’ and they’re proud.” Then he left."


def test_a_quotation_inside_an_inner_quotation_turns_double_again_us() -> None:
    # US nesting alternates double, single, double (CMOS 13.30; APA 8.32; MLA 9)
    quotation = quote_ref(record_with(NESTED), "synthetic#p1:s1", "apa")
    assert write_text(quotation, False, None) == (
        "“He said, ‘They call it “the deal” and they’re proud’” "
        f"{cited(record_with(NESTED), 'synthetic#p1')}."
    )
    assert any("single" in a and "double" in a and "inside" in a for a in quotation.alterations)
    html = write_html(quotation, False, None)
    assert "<q>They call it <q>the deal</q> and they’re proud</q>" in html
    latex = write_latex(quotation, False, None)
    assert r"\textquote{They call it \textquote{the deal} and they’re proud}" in latex


def test_a_block_keeps_the_source_marks_in_html_and_latex() -> None:
    long = NESTED + " " + " ".join(["More words follow here."] * 10)
    quotation = quote_ref(record_with(long), "synthetic#p1", "apa")
    assert quotation.setting == "block"
    assert "“They call it ‘the deal’ and they’re proud.”" in write_html(quotation, False, None)
    assert "“They call it ‘the deal’ and they’re proud.”" in write_latex(quotation, False, None)
    assert "“They call it ‘the deal’ and they’re proud.”" in write_text(quotation, False, None)


def test_apostrophes_are_not_quotation_marks() -> None:
    record = record_with("The officials’ view was “they’re fine, it’s the rivals’ turn.” End.")
    out = write_text(quote_ref(record, "synthetic#p1:s1", "apa"), False, None)
    assert out == (
        "“The officials’ view was ‘they’re fine, it’s the rivals’ turn’” "
        f"{cited(record, 'synthetic#p1')}."
    )


P13_S3_V1 = "Both sides are in conflict with each other as well as with Israeli forces"


def test_a_sentence_ref_of_an_earlier_version_quotes_that_sentence(
    run: Run, revised: Path
) -> None:
    # version 1's p13 had four sentences; the revision split it after the second, so s3 of
    # version 1 is not in the current p13: the words are quoted as they were in version 1
    result = run("quote", f"{SEED_ID}@1#p13:s3")
    citation = cited(revised, f"{SEED_ID}@1#p13")
    assert (result.exit_code, result.stdout) == (0, f"“{P13_S3_V1}” {citation}.\n")
    assert result.stderr.splitlines()[-1] == (
        "note: p13 has 2 sentences now, 4 in version 1; quoted as it was in version 1"
    )
    omission = run("quote", f"{SEED_ID}@1#p13:s1,s4")
    assert omission.exit_code == 0, omission.stderr
    # the omission is marked by APA's ellipsis (its spacing: test_quoting.py)
    rules = get_style("apa").quote_rules
    assert rules is not None
    ellipsis = rules.ellipsis.replace("\u00a0", " ")  # a no-break space is " " in text
    assert ellipsis in omission.stdout and "Meetings like these" in omission.stdout
    assert omission.stdout.index(ellipsis) < omission.stdout.index("Meetings like these")


def test_a_sentence_ref_still_in_range_quotes_the_current_words(run: Run, revised: Path) -> None:
    result = run("quote", f"{SEED_ID}@1#p3:s6")
    assert result.exit_code == 0
    assert "September 2018 negotiations" in result.stdout
    assert "p3 has changed since version 1" in result.stderr


def test_words_of_an_earlier_version_keep_the_version_in_their_ref(
    run: Run, revised: Path
) -> None:
    data = json.loads(run("quote", f"{SEED_ID}@1#p13:s3", "--format", "json").stdout)
    assert data["ref"] == f"{SEED_ID}@1#p13:s3"
    assert data["blocks"][0]["text"] == P13_S3_V1 + "."
    annotation = json.loads(run("quote", f"{SEED_ID}@1#p13:s3", "--format", "annotation").stdout)
    assert annotation["id"] == f"urn:transcite:quote:{SEED_ID}@1:p13:s3"
    current = json.loads(run("quote", f"{SEED_ID}@1#p3:s6", "--format", "json").stdout)
    assert current["ref"] == f"{SEED_ID}#p3:s6"  # the current words: the current REF


def test_an_original_rendered_by_two_quoted_paragraphs_names_both(run: Run, texts: Path) -> None:
    pair = ROOT / "tests" / "data" / "bilingual"
    for name, extra in (("library-ru", []), ("library-en", ["--original-language", "ru"])):
        assert run("ingest", str(pair / f"{name}.txt"), "--id", name, *extra).exit_code == 0
    assert run("align", "library-en", "library-ru").exit_code == 0
    result = run("quote", "library-en#p3-p4", "--with-original")
    assert result.exit_code == 0, result.stderr
    # library-ru#p3 is rendered by p3 and p4 (tests/data/bilingual): shown once, for both
    assert result.stdout.count("Original (ru), library-ru#p3") == 1
    assert "Original (ru), library-ru#p3 (for p3, p4):\n" in result.stdout


def test_html_three_deep_gives_the_browser_three_pairs_of_marks() -> None:
    # a browser draws nested <q> with the `quotes` pairs and repeats the last pair when they
    # run out (CSS Generated Content 3); Chromium's default for English has two pairs, so a
    # third level needs its own (checked in headless Chromium: “… ‘… “the deal” …’”); the
    # British pairs are Harvard's (tests/cite/styles/test_harvard.py)
    us = write_html(quote_ref(record_with(NESTED), "synthetic#p1:s1", "apa"), False, None)
    assert "style=\"quotes: '\\201C' '\\201D' '\\2018' '\\2019' '\\201C' '\\201D'\">" in us
    two_deep = quote_ref(record_with("He said “no” twice. End."), "synthetic#p1:s1", "apa")
    assert "quotes:" not in write_html(two_deep, False, None)


@pytest.mark.parametrize("ref", [f"{SEED_ID}#p5:s1\n", f"{SEED_ID}#p5\n", f"{SEED_ID}\n#p5"])
def test_a_ref_with_a_line_break_is_malformed_like_one_with_a_space(run: Run, ref: str) -> None:
    result = run("quote", ref)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: malformed REF {ref!r}: use ID, ID#p5,")
    assert result.stderr.count("\n") == 1


SINGLE = "The so-called ‘deal’ of the president’s was set. End."


def test_a_single_quoted_phrase_stays_single_in_us_styles_and_blocks() -> None:
    apa = quote_ref(record_with(SINGLE), "synthetic#p1:s1", "apa")
    assert write_text(apa, False, None).startswith("“The so-called ‘deal’ of the president’s")
    assert not any("single" in a for a in apa.alterations)
    long = SINGLE + " " + " ".join(["More words follow here."] * 40)
    for style in ("harvard", "apa"):
        block = quote_ref(record_with(long), "synthetic#p1", style)
        assert block.setting == "block"
        for write in (write_text, write_html, write_latex):
            assert "The so-called ‘deal’ of the president’s" in write(block, False, None)

