"""The seed capture, ingested, against what the source text and its README say."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from transcite.core.model import Figure, Label, Paragraph, fold_whitespace
from transcite.storage.corpus import Corpus

from conftest import ROOT, SEED_CAPTURE, SEED_ID, SEED_URL

# Lines of the capture (1-based) that hold body paragraphs, read off the capture by hand and
# checked against shared/texts/README.md (furniture on 1 and 54, headline 3, source 5, photo
# captions/credits on 19-20, 32-33, 42-43, label 21, byline 56, translator 58).
PARAGRAPH_LINES = [7, 11, 13, 15, 17, 24, 26, 28, 30, 36, 38, 40, 46, 48, 50, 52]


def _ingest(run: Callable[..., Result], tmp_path: Path) -> Result:
    return run(
        "ingest", str(SEED_CAPTURE), "--id", "fresh", "--url", SEED_URL,
        "--original-language", "ru", "--texts", str(tmp_path / "out"),
    )


def test_committed_record_is_what_ingest_produces(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    result = _ingest(run, tmp_path)
    assert result.exit_code == 0, result.stderr
    fresh = (tmp_path / "out" / "fresh.xml").read_text("utf-8")
    committed = (ROOT / "texts" / f"{SEED_ID}.xml").read_text("utf-8")
    assert fresh.replace(">fresh<", f">{SEED_ID}<") == committed


def test_seed_counts_and_credits(texts: Path) -> None:
    record = Corpus(texts).load(SEED_ID)
    assert len(record.paragraphs) == 16
    assert [p.id for p in record.paragraphs] == [f"p{i}" for i in range(1, 17)]
    assert [p.n for p in record.paragraphs] == list(range(1, 17))
    assert [(f.id, f.credit.text if f.credit else None) for f in record.figures] == [
        ("fig1", "Sergei Savostyanov / TASS / Vida Press"),
        ("fig2", "U.S Embassy / Reuters / Scanpix / LETA"),
        ("fig3", "Yury Kadobnov / AFP / Scanpix / LETA"),
    ]
    parts = record.figures[0].credit.parts if record.figures[0].credit else ()
    assert [(p.name, p.role) for p in parts] == [
        ("Sergei Savostyanov", "creator"), ("TASS", "agency"), ("Vida Press", "distributor")
    ]
    assert [lb.text for lb in record.labels] == ["Russia : USA"]
    assert [(a.given, a.family) for a in record.authors] == [("Dmitry", "Kartsev")]
    assert [(t.given, t.family) for t in record.translators] == [("Hilah", "Kohen")]
    assert record.publisher == "Meduza"
    assert record.url == SEED_URL
    assert record.published is None  # not stated in the capture: never invented
    assert record.accessed is None
    assert record.original is not None and record.original.language == "ru"
    assert record.title == (
        "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck."
    )


def test_paragraph_texts_equal_the_capture(texts: Path) -> None:
    lines = SEED_CAPTURE.read_text("utf-8").splitlines()
    record = Corpus(texts).load(SEED_ID)
    expected = [fold_whitespace(lines[n - 1]) for n in PARAGRAPH_LINES]
    assert [p.text for p in record.paragraphs] == expected


def test_no_furniture_or_credit_in_paragraphs(texts: Path) -> None:
    record = Corpus(texts).load(SEED_ID)
    forbidden = ["Skip to main content", "We need your help", "Source: Meduza",
                 "Translation by", "Vida Press", "Scanpix", "Russia : USA"]
    for p in record.paragraphs:
        for text in forbidden:
            assert text not in p.text, (p.id, text)
    assert {f.reason for f in record.furniture} == {
        "skip link", "donation or subscription appeal"
    }


def test_blocks_in_reading_order(texts: Path) -> None:
    record = Corpus(texts).load(SEED_ID)
    kinds = ["P" if isinstance(b, Paragraph) else "F" if isinstance(b, Figure)
             else "L" if isinstance(b, Label) else "?" for b in record.blocks]
    assert "".join(kinds) == "PPPPPFLPPPPFPPPFPPPP"


def test_fingerprints_are_short_hashes_of_normalised_text(texts: Path) -> None:
    record = Corpus(texts).load(SEED_ID)
    prints = [p.fingerprint for p in record.paragraphs]
    assert all(re.fullmatch(r"[0-9a-f]{12}", fp) for fp in prints)
    assert len(set(prints)) == 16
