"""``transcite quote``: exact stdout, stderr and exit code for each outcome."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite import api

from citing import cited
from conftest import ROOT, SEED_URL

Run = Callable[..., Result]

P5_S1 = (
    "Many experts said the negotiations could not be considered a real breakthrough, "
    "especially because the Taliban’s delegation was not entirely representative"
)


def test_apa_one_sentence_run_in(run: Run, texts: Path) -> None:
    result = run("quote", "kartsev-islamists#p5:s1", "--style", "apa")
    # APA 8.26: the quotation's period moves after the parenthetical citation
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"“{P5_S1}” {cited(texts, 'kartsev-islamists#p5')}.\n"


def test_the_citations_notice_goes_to_stderr(run: Run, texts: Path) -> None:
    # MLA cannot pinpoint a paragraph: its notice (words: tests/cite/styles/test_mla.py) is
    # printed once, the quotation set as usual
    result = run("quote", "kartsev-islamists#p5:s1", "--style", "mla")
    citation = cited(texts, "kartsev-islamists#p5", "mla")
    assert (result.exit_code, result.stdout) == (0, f"“{P5_S1}” {citation}.\n")
    corpus = api.load_corpus(texts)
    notices = api.cite(corpus, "kartsev-islamists#p5", "mla", "in-text").notices
    corpus.close()
    assert notices and result.stderr == "".join(f"note: {n}\n" for n in notices)


def test_with_reference_names_the_translator(run: Run, texts: Path) -> None:
    result = run("quote", "kartsev-islamists#p5:s1", "--with-reference")
    assert result.exit_code == 0
    quote, reference = result.stdout.rstrip("\n").split("\n\n")
    assert quote == f"“{P5_S1}” {cited(texts, 'kartsev-islamists#p5')}."
    assert reference == cited(texts, "kartsev-islamists", form="reference")
    assert "Kohen" in reference


def test_caption_carries_its_credit(run: Run) -> None:
    result = run("quote", "kartsev-islamists#fig2", "--style", "ieee")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "\n\nPhoto: U.S Embassy / Reuters / Scanpix / LETA\n"
    )
    assert result.stdout.startswith("“U.S. Special Representative")


def test_link_opens_the_quoted_words(run: Run) -> None:
    result = run("quote", "kartsev-islamists#p16:s2", "--link")
    assert result.exit_code == 0
    link = result.stdout.rstrip("\n").split("\n\n")[-1]
    assert link == (
        f"{SEED_URL}#:~:text=Russian%20Foreign%20Minister%20Sergei,more%20than%20two%20years."
    )


def test_json_is_data(run: Run) -> None:
    result = run("quote", "kartsev-islamists#p1:s2", "--format", "json", "--style", "mla")
    data = json.loads(result.stdout)
    assert data["ref"] == "kartsev-islamists#p1:s2"
    assert data["blocks"][0]["id"] == "p1"
    assert data["blocks"][0]["fingerprint"] == "03a1001be43f"
    assert data["setting"] == "run-in"
    assert data["translators"] == [{"given": "Hilah", "family": "Kohen"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope#p1"], "no record 'nope' in "),
        (["kartsev-islamists#p40"], "no paragraph p40; kartsev-islamists has p1–p16"),
        (["kartsev-islamists#fig9"], "no figure fig9; kartsev-islamists has fig1–fig3"),
        (["kartsev-islamists#p5:s3"], "no sentence s3 in p5; it has 2 sentences (s1–s2)"),
        (["kartsev-islamists#p5:s1-9"], "no sentence s9 in p5; it has 2 sentences (s1–s2)"),
        (["kartsev-islamists#p7-p5"], "reversed range in REF 'kartsev-islamists#p7-p5': "
         "write p5-p7"),
        (["kartsev-islamists#p5:s2-1"], "bad sentence range in REF 'kartsev-islamists#p5:s2-1'"
         ": sentences count from s1, low to high"),
        (["kartsev-islamists#p3:s3,s1"], "bad sentence range in REF "
         "'kartsev-islamists#p3:s3,s1': sentences count from s1, low to high"),
        (["kartsev-islamists#p5:s0"], "bad sentence range in REF"),
        (["kartsev-islamists#p5:"], "malformed REF 'kartsev-islamists#p5:'"),
        (["kartsev-islamists#p5:s1,"], "malformed REF 'kartsev-islamists#p5:s1,'"),
        (["kartsev-islamists#p\u0665"], "malformed REF 'kartsev-islamists#p\u0665'"),
        (["kartsev-islamists#lbl1"], "malformed REF 'kartsev-islamists#lbl1'"),
        (["kartsev-islamists"], "REF 'kartsev-islamists' names a whole text; quote a part"),
        (["kartsev-islamists#p5", "--style", "nope"], "unknown style 'nope'; choose one of: "),
        (["kartsev-islamists#p5", "--format", "rtf"], "unknown format 'rtf'; choose one of: "
         "text, markdown, html, latex, json, annotation"),
        (["kartsev-islamists#p5", "--accessed", "2024-13-01"], "--accessed: '2024-13-01' is "
         "not a date"),
    ],
)
def test_bad_refs_are_one_line_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run("quote", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1


def test_a_hostile_record_is_refused_with_a_data_error(run: Run, texts: Path) -> None:
    shutil.copy(ROOT / "tests" / "hostile" / "external-entity.xml", texts / "evil.xml")
    result = run("quote", "evil#p1")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_link_without_url_is_a_usage_error(run: Run, texts: Path) -> None:
    from transcite.storage.corpus import Corpus

    corpus = Corpus(texts)
    record = corpus.load("kartsev-islamists")
    corpus.save(record._replace(id="no-url", url=None))
    result = run("quote", "no-url#p5:s1", "--link")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: no-url has no URL, so there is no page for --link to open\n"
    )


def test_accessed_date_reaches_the_reference(run: Run, texts: Path) -> None:
    result = run("quote", "kartsev-islamists#p5:s1", "--style", "harvard", "--with-reference",
                 "--accessed", "2024-03-05")
    assert (result.exit_code, result.stderr) == (0, "")
    corpus = api.load_corpus(texts)
    reference = api.cite(corpus, "kartsev-islamists", "harvard", "reference",
                         accessed="2024-03-05").render()
    corpus.close()
    assert "2024" in reference and "2024" not in cited(texts, "kartsev-islamists", "harvard",
                                                      "reference")
    assert result.stdout.rstrip("\n").endswith(f"\n\n{reference}")
