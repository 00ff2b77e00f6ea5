"""REF parsing and resolution against a record, with one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcite.core.errors import UsageError
from transcite.core.model import Record
from transcite.core.refs import SentenceRange, parse_ref, resolve_ref
from transcite.storage.corpus import Corpus

from conftest import SEED_ID


@pytest.fixture
def seed(texts: Path) -> Record:
    return Corpus(texts).load(SEED_ID)


@pytest.mark.parametrize(
    ("text", "start", "end", "sentences"),
    [
        ("kartsev-islamists", None, None, None),
        ("kartsev-islamists#p5", "p5", None, None),
        ("kartsev-islamists#p5-p7", "p5", "p7", None),
        ("kartsev-islamists#p5-7", "p5", "p7", None),
        ("kartsev-islamists#p5-p5", "p5", None, None),
        ("kartsev-islamists#fig1", "fig1", None, None),
        ("kartsev-islamists#p5:s2", "p5", None, SentenceRange(2, 2)),
        ("kartsev-islamists#p5:s2-3", "p5", None, SentenceRange(2, 3)),
        ("kartsev-islamists#p5:s2-s3", "p5", None, SentenceRange(2, 3)),
    ],
)
def test_parse_shapes(
    text: str, start: str | None, end: str | None, sentences: SentenceRange | None
) -> None:
    ref = parse_ref(text)
    assert (ref.record_id, ref.start, ref.end, ref.sentences) == (SEED_ID, start, end, sentences)


@pytest.mark.parametrize(
    "text",
    ["", "#p5", "kartsev-islamists#", "kartsev-islamists#5", "kartsev-islamists#q5",
     "kartsev-islamists#p5-fig1", "kartsev-islamists#fig1-fig2", "../etc#p1",
     "kartsev-islamists#p5 ", "kartsev-islamists#p5:", "kartsev-islamists#fig1:s1"],
)
def test_malformed_refs(text: str) -> None:
    with pytest.raises(UsageError, match=r"^malformed REF .*: use ID, ID#p5, ID#p5-p7"):
        parse_ref(text)


def test_reversed_ranges() -> None:
    with pytest.raises(UsageError, match="reversed range in REF 'x#p7-p5': write p5-p7"):
        parse_ref("x#p7-p5")
    with pytest.raises(UsageError, match="bad sentence range"):
        parse_ref("x#p5:s3-2")
    with pytest.raises(UsageError, match="bad sentence range"):
        parse_ref("x#p5:s0")


def test_resolve_paragraph_range(seed: Record) -> None:
    pin = resolve_ref(parse_ref("kartsev-islamists#p5-p7"), seed)
    assert pin is not None
    assert (pin.kind, pin.first, pin.last, pin.label) == ("paragraph", 5, 7, "p5-p7")
    assert [b.id for b in pin.blocks] == ["p5", "p6", "p7"]


def test_resolve_figure_and_whole(seed: Record) -> None:
    pin = resolve_ref(parse_ref("kartsev-islamists#fig2"), seed)
    assert pin is not None and (pin.kind, pin.first, pin.blocks[0].id) == ("figure", 2, "fig2")
    assert resolve_ref(parse_ref("kartsev-islamists"), seed) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kartsev-islamists#p40", "no paragraph p40; kartsev-islamists has p1–p16"),
        ("kartsev-islamists#p5-p40", "no paragraph p40; kartsev-islamists has p1–p16"),
        ("kartsev-islamists#p0", "no paragraph p0; kartsev-islamists has p1–p16"),
        ("kartsev-islamists#fig9", "no figure fig9; kartsev-islamists has fig1–fig3"),
        ("other#p1", "REF 'other#p1' names 'other', not 'kartsev-islamists'"),
    ],
)
def test_unresolvable(seed: Record, text: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve_ref(parse_ref(text), seed)
    assert str(info.value) == message
