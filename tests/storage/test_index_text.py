"""The index's quick text functions are the slow ones they replace: ``fold`` by character
maps (its quick path) is ``fold`` by its table, character by character and on any text;
``json_value`` is ``json.dumps``."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from transcite.storage import index
from transcite.storage.index import FAST_CHARACTERS, fold, json_value, summary_json_text


def _by_table(text: str) -> str:
    return text.translate(index._TABLE)


def test_every_character_of_the_quick_path_folds_as_by_the_table() -> None:
    assert len(set(FAST_CHARACTERS)) == 256
    for char in FAST_CHARACTERS:
        assert fold(char) == _by_table(char), repr(char)
    assert fold(FAST_CHARACTERS) == _by_table(FAST_CHARACTERS)


def test_a_text_with_other_characters_is_folded_by_the_table() -> None:
    assert fold("Ёлка “À” ſ\u0301 İ") == "елка \"a\" ſ\u0301 i"
    assert fold("") == ""


@given(st.text(st.one_of(st.sampled_from(FAST_CHARACTERS), st.characters(codec="utf-8"))))
def test_fold_is_the_table_on_any_text(text: str) -> None:
    assert fold(text) == _by_table(text)
    assert len(fold(text)) == len(text)


VALUES = st.one_of(st.text(), st.integers(), st.booleans(), st.none(),
                   st.floats(allow_nan=False), st.lists(st.text(), max_size=3))


@given(VALUES)
def test_json_value_is_json_dumps(value: Any) -> None:
    assert json_value(value) == json.dumps(value, ensure_ascii=False)


@given(st.dictionaries(st.text(), st.one_of(VALUES, st.tuples(st.text())), max_size=8))
def test_summary_json_text_is_json_dumps_indented(summary: dict[str, Any]) -> None:
    assert summary_json_text(summary) == json.dumps(summary, ensure_ascii=False, indent=2)
