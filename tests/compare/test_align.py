"""Paragraph alignment (align.py) and word differences (worddiff.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from transcite.compare.align import Item, Link, align_versions
from transcite.compare.lengths import align_lengths
from transcite.compare.worddiff import Piece, new_text, old_text, word_diff

P = "paragraph"


def _items(*texts: str) -> list[Item]:
    return [Item(P, t) for t in texts]


def _kinds(links: list[Link]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(ln.kind, ln.a, ln.b) for ln in links]


LONG = [
    "The negotiations ultimately took place that November in Moscow with many delegations.",
    "Many experts said the negotiations could not be considered a real breakthrough at all.",
    "In late December the president announced his intent to decrease the military presence.",
    "The contingent in the country is much stronger than its counterpart in the other one.",
]


def test_one_to_one_change_split_insert_and_equal() -> None:
    old = _items(LONG[0], LONG[1] + " " + LONG[2], LONG[3])
    new = _items(LONG[0].replace("November", "December"), LONG[1], LONG[2],
                 "A paragraph that nobody had written before appears here now.", LONG[3])
    assert _kinds(align_versions(old, new)) == [
        ("changed", (0,), (0,)), ("split", (1,), (1, 2)), ("inserted", (), (3,)),
        ("equal", (2,), (4,)),
    ]


def test_merge_and_deletion_in_reading_order() -> None:
    old = _items(LONG[0], LONG[1], LONG[2], "Gone now, this short paragraph was.", LONG[3])
    new = _items(LONG[0], LONG[1] + " " + LONG[2], LONG[3])
    assert _kinds(align_versions(old, new)) == [
        ("equal", (0,), (0,)), ("merged", (1, 2), (1,)), ("deleted", (3,), ()),
        ("equal", (4,), (2,)),
    ]


def test_exact_and_edited_moves() -> None:
    old = _items(*LONG)
    # the first paragraph moves to the end; the third, edited, moves to the front
    new = _items(LONG[2].replace("December", "January"), LONG[1], LONG[3], LONG[0])
    assert _kinds(align_versions(old, new)) == [
        ("moved", (2,), (0,)), ("equal", (1,), (1,)), ("equal", (3,), (2,)),
        ("moved", (0,), (3,)),
    ]


def test_blocks_of_different_kinds_are_never_paired() -> None:
    old = [Item("paragraph", LONG[0]), Item("label", "Russia : USA")]
    new = [Item("label", LONG[0]), Item("label", "Russia : USA")]
    assert _kinds(align_versions(old, new)) == [
        ("deleted", (0,), ()), ("inserted", (), (0,)), ("equal", (1,), (1,)),
    ]


def test_unrelated_paragraphs_are_not_paired() -> None:
    old = _items("The cat sat on the mat and looked at the door of the house.")
    new = _items("Markets fell sharply on Tuesday after the central bank spoke.")
    assert [ln.kind for ln in align_versions(old, new)] == ["deleted", "inserted"]


words = st.sampled_from(
    ["alpha", "beta", "gamma", "delta", "the", "of", "and", "Moscow", "Kabul", "talks"]
)
paragraphs = st.lists(words, min_size=1, max_size=12).map(" ".join)


@given(st.lists(paragraphs, max_size=12), st.lists(paragraphs, max_size=12))
@example(  # a split was once made across a block that moved between its two parts
    old=["alpha alpha alpha beta alpha alpha", "beta", "alpha alpha"],
    new=["beta", "alpha", "alpha alpha alpha beta alpha alpha", "alpha"],
)
def test_every_block_is_in_exactly_one_link(old: list[str], new: list[str]) -> None:
    links = align_versions(_items(*old), _items(*new))
    assert sorted(i for ln in links for i in ln.a) == list(range(len(old)))
    assert sorted(j for ln in links for j in ln.b) == list(range(len(new)))
    in_new = [j for ln in links for j in ln.b]
    assert in_new == sorted(in_new)  # reading order of the new text


def test_gale_church_pairs_by_length_with_a_split() -> None:
    # a translation 1.2 times as long, whose second paragraph is split in two
    links = align_lengths([100, 200, 50, 300], [120, 110, 130, 60, 360])
    assert _kinds(links) == [
        ("aligned", (0,), (0,)), ("split", (1,), (1, 2)), ("aligned", (2,), (3,)),
        ("aligned", (3,), (4,)),
    ]


def test_word_diff_cuts_at_word_boundaries() -> None:
    assert word_diff("Foreign Minster Sergei", "Foreign Minister Sergei") == [
        Piece("equal", "Foreign "), Piece("delete", "Minster"), Piece("insert", "Minister"),
        Piece("equal", " Sergei"),
    ]
    assert word_diff("U.S Embassy", "U.S. Embassy") == [
        Piece("equal", "U.S"), Piece("insert", "."), Piece("equal", " Embassy"),
    ]


def test_word_diff_of_a_long_text_is_never_a_wholesale_replacement() -> None:
    # with the default 1 s timeout diff-match-patch may give up; here it must not
    base = " ".join(f"word{i % 997}" for i in range(30_000))
    edited = base.replace("word500 ", "changed500 ", 1)
    pieces = word_diff(base, edited)
    assert [p.op for p in pieces] == ["equal", "delete", "insert", "equal"]


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert (old_text(pieces), new_text(pieces)) == (old, new)


SHORT = (
    "Many experts said the negotiations could not be considered a real breakthrough, "
    "especially because the delegation was not entirely representative."
)
LONGER = (
    "Almost two years passed before the next meeting took place in November. At first, "
    "renewed negotiations had been planned for early September, and the government of the "
    "country notified the diplomats that its delegation would be unable to participate at that "
    "time, but the representatives seemed unperturbed by that news and went on with it anyway."
)
UNRELATED = (
    "In late December the president announced his intent to decrease the military presence "
    "in the region, and it became clear that he had similar plans for the rest."
)


def test_an_unrelated_neighbour_is_not_the_other_half_of_a_split() -> None:
    """Old: A, SHORT + LONGER, Z. New: A, UNRELATED, LONGER, Z. Joined, UNRELATED + LONGER
    are similar enough to the old paragraph because of LONGER alone; calling it a split would
    give the old paragraph's id to UNRELATED (revise keeps the first part's id)."""
    first, last = "The first paragraph stays the same.", "The last paragraph stays the same."
    old = _items(first, f"{SHORT} {LONGER}", last)
    new = _items(first, UNRELATED, LONGER, last)
    assert _kinds(align_versions(old, new)) == [
        ("equal", (0,), (0,)), ("inserted", (), (1,)), ("changed", (1,), (2,)),
        ("equal", (2,), (3,)),
    ]
    # and the other way round: not a merge either
    assert _kinds(align_versions(new, old)) == [
        ("equal", (0,), (0,)), ("deleted", (1,), ()), ("changed", (2,), (1,)),
        ("equal", (3,), (2,)),
    ]
    # a real split still is one
    split = _items(first, SHORT, LONGER, last)
    assert _kinds(align_versions(old, split))[1] == ("split", (1,), (1, 2))


@given(st.text(alphabet="ab .!?\n", max_size=80), st.text(alphabet="ab .!?\n", max_size=80))
def test_sentence_first_diff_of_long_texts_rebuilds_both_texts(old: str, new: str) -> None:
    """The path for long texts (sentences first, then words), forced on short ones."""
    from transcite.compare import worddiff

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worddiff, "LONG", 0)
        pieces = word_diff(old, new)
    assert (old_text(pieces), new_text(pieces)) == (old, new)
    assert all(p.text for p in pieces)


def test_a_long_paragraph_is_diffed_sentence_by_sentence_to_the_same_words() -> None:
    sentences = [f"Sentence {i} says word{i % 89} and word{i % 97}." for i in range(2000)]
    old = " ".join(sentences)
    new = " ".join(s.replace("says", "said") if i % 100 == 7 else s
                   for i, s in enumerate(sentences))
    pieces = word_diff(old, new)
    assert (old_text(pieces), new_text(pieces)) == (old, new)
    assert [p.text for p in pieces if p.op != "equal"] == ["says", "said"] * 20


def test_very_different_texts_are_aligned_in_bounded_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 400 against 150 paragraphs with nothing in common: the narrow band is used. The work is
    # counted (cells of the alignment visited), not timed: a busy machine changes the time.
    from transcite.compare import align

    visited = 0
    band = align.band

    def counting(n: int, m: int) -> Iterator[tuple[int, int]]:
        nonlocal visited
        for cell in band(n, m):
            visited += 1
            yield cell

    monkeypatch.setattr(align, "band", counting)
    old = _items(*(f"old{i} alpha{i} beta{i} gamma{i} delta{i}." for i in range(400)))
    new = _items(*(f"new{i} one{i} two{i} three{i} four{i}." for i in range(150)))
    links = align_versions(old, new)
    # the narrow band: each of the 401 rows visits at most 2 × _WIDE + 2 cells (about 23,000
    # in all; the normal band would visit about 40,000 here)
    assert 0 < visited <= 401 * (2 * align._WIDE + 2) <= align._CELLS_MAX
    assert sorted(i for ln in links for i in ln.a) == list(range(400))
    assert sorted(j for ln in links for j in ln.b) == list(range(150))
    assert {ln.kind for ln in links} == {"deleted", "inserted"}


@given(st.lists(st.integers(1, 500), min_size=1, max_size=300),
       st.lists(st.integers(1, 500), min_size=1, max_size=300))
def test_gale_church_always_covers_both_texts(a: list[int], b: list[int]) -> None:
    links = align_lengths(a, b)
    assert [i for ln in links for i in ln.a] == list(range(len(a)))
    assert [j for ln in links for j in ln.b] == list(range(len(b)))


def test_a_split_around_a_moved_figure_keeps_the_new_reading_order() -> None:
    """The photo moved between the two halves of a split paragraph. The halves are adjacent
    once the moved photo is set aside, but a split spanning it would break "links in the
    reading order of B" (docs/compare.md): the halves are a change and an insertion."""
    anchors = [f"Anchor paragraph number {i} stays exactly as it was here." for i in range(3)]
    photo = Item("figure", "A photo caption that stays the same Photographer / Agency")
    old = [Item(P, anchors[0]), photo, *_items(anchors[1], anchors[2], f"{LONG[1]} {LONG[2]}")]
    new = [*_items(anchors[0], anchors[1], anchors[2], LONG[1]), photo, *_items(LONG[2])]
    links = align_versions(old, new)
    assert [j for ln in links for j in ln.b] == list(range(len(new)))
    assert sorted(i for ln in links for i in ln.a) == list(range(len(old)))
    assert ("moved", (1,), (4,)) in _kinds(links)
    assert not any(ln.kind == "split" for ln in links)
