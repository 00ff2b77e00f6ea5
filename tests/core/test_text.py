"""``core/text.py``: the rules of written English several capabilities share, tested on their
own, so that a changed rule fails here first (issue 10). Every style, the credit sheet, the
exports and ``list`` use them, so their outputs fail too: that is expected of a shared rule.
"""

from __future__ import annotations

import pytest

from transcite.core.text import ends_with_abbreviation, is_dotted_abbreviation, series


@pytest.mark.parametrize(("names", "expected"), [
    ([], ""),
    (["Hilah Kohen"], "Hilah Kohen"),
    (["Hilah Kohen", "Anna Petrova"], "Hilah Kohen and Anna Petrova"),
    # CMOS 17 6.19: a comma before the conjunction of a series of three or more
    (["A", "B", "C"], "A, B, and C"),
    (["A", "B", "C", "D"], "A, B, C, and D"),
])
def test_a_series_takes_the_serial_comma(names: list[str], expected: str) -> None:
    assert series(names) == expected


@pytest.mark.parametrize(("names", "expected"), [
    (["A", "B"], "A and B"),
    # Cite Them Right (Harvard) and the history lines of ``revise``: "A, B and C"
    (["A", "B", "C"], "A, B and C"),
])
def test_a_series_without_the_serial_comma(names: list[str], expected: str) -> None:
    assert series(names, serial_comma=False) == expected


def test_a_series_takes_its_conjunction() -> None:
    assert series(["A", "B", "C"], "&") == "A, B, & C"  # APA 7 §9.8: "Kohen, Petrova, & Sidorov"


@pytest.mark.parametrize(("word", "dotted"), [
    ("U.S.", True), ("D.C.", True), ("С.Ш.А.", True), ("U.", False), ("US", False),
    ("etc.", False),
])
def test_a_dotted_abbreviation_is_letters_each_with_a_period(word: str, dotted: bool) -> None:
    assert is_dotted_abbreviation(word) is dotted


@pytest.mark.parametrize(("text", "ends"), [
    ("talks with the U.S.", True), ("talks with the US.", False), ("in 2019.", False),
])
def test_a_text_ending_with_a_dotted_abbreviation(text: str, ends: bool) -> None:
    assert ends_with_abbreviation(text) is ends
