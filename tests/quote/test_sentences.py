"""Sentence splitting, checked against boundaries read off the seed text by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.quote.sentences import count_words, split_sentences
from transcite.storage.corpus import Corpus

from conftest import ROOT, SEED_ID

#: the opening words of every sentence of every paragraph and caption of the seed, as read in
#: texts/kartsev-islamists.xml (not produced by the splitter)
SEED_SENTENCES: dict[str, list[str]] = {
    "p1": ["Russian-mediated negotiations", "The negotiations took place amid",
           "In the last several months", "Here, Meduza reports"],
    "p2": ["In 2016, Russian diplomats", "That December, negotiations began"],
    "p3": ["Almost two years passed", "At first, renewed negotiations",
           "The internationally recognized government", "It was more important",
           "The Russian government wanted", "However, right before the September 2016"],
    "p4": ["The negotiations ultimately", "Moscow was unable", "As a result, the Afghan"],
    "p5": ["Many experts said", "Nonetheless, Taliban members"],
    "p6": ["In late December of 2018, U.S. President Donald Trump", "Trump’s actions indicated"],
    "p7": ["The American contingent", "The American military’s influence",
           "Even the first hints", "It remains to be seen"],
    "p8": ["In January, it became clear", "Roughly speaking, the plan",
           "The conditions for such an agreement"],
    "p9": ["The U.S. reached a preliminary deal", "However, experts are concerned"],
    "p10": ["The Kremlin responded", "The last of those meetings", "Officially, it was"],
    "p11": ["The delegations present", "However, the parties involved", "For their part",
            "As the February negotiations", "That proposal will likely"],
    "p12": ["Essentially, Moscow is aiming", "The Russian government is attempting",
            "At the same time"],
    "p13": ["On February 11, another set", "Both the terrorist group Hamas",
            "Both sides are in conflict", "Meetings like these"],
    "p14": ["Then, on the first day", "The plan is rumored to contain 150 – 200 pages",
            "The document will be published", "That reasoning is one"],
    "p15": ["In 2018, the American government", "However, it did not address"],
    "p16": ["Judging by current reactions", "Russian Foreign Minister Sergei Lavrov"],
    # a caption's date line after a full stop counts as a sentence of its own
    "fig1": ["Participants in the Moscow negotiations", "November 9, 2018"],
    "fig2": ["U.S. Special Representative for Afghanistan"],
    "fig3": ["Negotiations about the Afghan conflict", "February 5, 2019"],
}


def _seed_texts() -> dict[str, str]:
    record = Corpus(ROOT / "texts").load(SEED_ID)
    texts = {p.id: p.text for p in record.paragraphs}
    texts.update({f.id: f.caption for f in record.figures})
    return texts


def test_every_seed_block_is_covered() -> None:
    assert set(SEED_SENTENCES) == set(_seed_texts())


@pytest.mark.parametrize("block_id", sorted(SEED_SENTENCES))
def test_seed_sentence_boundaries(block_id: str) -> None:
    text = _seed_texts()[block_id]
    sentences = split_sentences(text)
    starts = SEED_SENTENCES[block_id]
    assert len(sentences) == len(starts), [s.text[:40] for s in sentences]
    for sentence, opening in zip(sentences, starts, strict=True):
        assert sentence.text.startswith(opening)
        assert text[sentence.start : sentence.end] == sentence.text
    assert " ".join(s.text for s in sentences) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.",
                                                      "He stayed."]),
        ("Donald J. Trump spoke. J. R. R. Tolkien wrote.", ["Donald J. Trump spoke.",
                                                           "J. R. R. Tolkien wrote."]),
        ("Troops left the U.S. The move was sudden.", ["Troops left the U.S.",
                                                       "The move was sudden."]),
        ("U.S. President Trump left. U.N. officials stayed.", ["U.S. President Trump left.",
                                                               "U.N. officials stayed."]),
        ("He said, “It is over.” Then he left.", ["He said, “It is over.”", "Then he left."]),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("It has 14,000 troops. It costs $3.5 billion. It has 150 – 200 pages.",
         ["It has 14,000 troops.", "It costs $3.5 billion.", "It has 150 – 200 pages."]),
        ("Dr. No. 5 was there. It rained!", ["Dr. No. 5 was there.", "It rained!"]),
        ("Acme Inc. announced it. Acme Inc. The end.", ["Acme Inc. announced it.",
                                                         "Acme Inc.", "The end."]),
        ("It ended at 5 p.m. The next day came.", ["It ended at 5 p.m.",
                                                   "The next day came."]),
        ("Wait... Then it came. (See below.) Done.", ["Wait...", "Then it came.",
                                                       "(See below.)", "Done."]),
        ("no capital. after this", ["no capital. after this"]),
        # "no", "art.", "fig." … abbreviate only before a number: else the period ends it
        ("Asked if Russia would join, he said no. The talks ended.",
         ["Asked if Russia would join, he said no.", "The talks ended."]),
        ("See fig. 3 and No. 12 in vol. 2 of the report. It is long.",
         ["See fig. 3 and No. 12 in vol. 2 of the report.", "It is long."]),
        ("They bought modern art. The museum opened.", ["They bought modern art.",
                                                        "The museum opened."]),
        ("", []),
    ],
)
def test_news_prose_rules(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text(alphabet="Ab .?!”“’U.S14,0 \n", max_size=80))
def test_sentences_are_exact_slices_in_order(text: str) -> None:
    sentences = split_sentences(text)
    last = 0
    for n, sentence in enumerate(sentences, start=1):
        assert sentence.n == n
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= last and sentence.text.strip() == sentence.text
        assert text[last : sentence.start].strip() == ""
        last = sentence.end
    assert text[last:].strip() == ""


def test_word_count_ignores_lone_dashes() -> None:
    assert count_words("It has 150 – 200 pages — 14,000 words.") == 7
