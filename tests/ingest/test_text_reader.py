"""The plain-text reader on generated captures: what is written as a capture is read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.model import Figure, Paragraph
from transcite.credits.lines import parse_credit
from transcite.ingest.readers import IngestOptions, get_reader
from transcite.storage.tei import record_from_bytes, record_to_bytes

word = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x4FF),
               min_size=1, max_size=10)
sentence = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(word, min_size=9, max_size=25),
    st.sampled_from([".", "!", "?", ".”", " & more <b>."]),
)
paragraph = st.builds(" ".join, st.lists(sentence, min_size=1, max_size=3))
name = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
credit = st.builds(
    lambda a, b, ag: f"{a} {b} / {ag} / Scanpix", name, name, st.sampled_from(["TASS", "AFP"])
)


@st.composite
def captures(draw: st.DrawFn) -> tuple[str, list[list[str]], list[tuple[str, str]]]:
    """A capture of several sections of paragraphs with photos; returns what it holds."""
    sections = draw(st.lists(st.lists(paragraph, min_size=1, max_size=4), min_size=1, max_size=4))
    photos: list[tuple[str, str]] = []
    lines = ["Skip to main content", "", "A headline about things", "", "Source: Example", ""]
    for body in sections:
        for text in body:
            lines += [text, ""]
        if draw(st.booleans()):
            caption, line = draw(paragraph), draw(credit)
            photos.append((caption, line))
            lines += [caption, line]
        lines += ["", ""]
    author = f"{draw(name)} {draw(name)}"
    lines += [author, "", f"Translation by {draw(name)} {draw(name)}", ""]
    return "\n".join(lines), sections, photos


@given(captures())
def test_capture_paragraphs_and_figures_come_back(
    case: tuple[str, list[list[str]], list[tuple[str, str]]]
) -> None:
    text, sections, photos = case
    record = get_reader("text").read(text.encode(), IngestOptions(id="t")).record
    paragraphs = [p for body in sections for p in body]
    assert [p.text for p in record.paragraphs] == paragraphs
    assert [p.id for p in record.paragraphs] == [f"p{i}" for i in range(1, len(paragraphs) + 1)]
    assert [(f.caption, f.credit) for f in record.figures] == [
        (c, parse_credit(line)) for c, line in photos
    ]
    sections_seen = [b.section for b in record.blocks if isinstance(b, Paragraph | Figure)]
    assert sections_seen == sorted(sections_seen)
    assert max(sections_seen) == len(sections)
    assert record.title == "A headline about things"
    assert record.publisher == "Example"
    assert len(record.authors) == 1 and len(record.translators) == 1


def test_ap_style_and_via_credits() -> None:
    assert [(p.name, p.role) for p in parse_credit("(AP Photo/Evan Vucci)").parts] == [
        ("AP", "agency"), ("Evan Vucci", "creator")
    ]
    parts = parse_credit("(Jane Doe/Pool via AP)").parts
    assert [(p.name, p.role) for p in parts] == [
        ("Jane Doe", "creator"), ("Pool", "agency"), ("AP", "distributor")
    ]


# Credit lines as newsrooms print them. Each expected row says what the line credits, read by
# hand: a label ("Photo:", "Photo by") or "©" is not part of the photographer's name, and
# "via X" names who handed the photo out.
CREDIT_SHAPES = [
    ("Photo: Evan Vucci / AP", [("Evan Vucci", "creator"), ("AP", "agency")]),
    ("Photo by Evan Vucci/Getty Images", [("Evan Vucci", "creator"), ("Getty Images", "agency")]),
    ("© Evan Vucci / Reuters", [("Evan Vucci", "creator"), ("Reuters", "agency")]),
    ("© Reuters", [("Reuters", "creator")]),
    ("(c) Reuters", [("Reuters", "creator")]),
    ("Photo: Handout / Reuters", [("Handout", "creator"), ("Reuters", "agency")]),
    ("Evan Vucci via Reuters", [("Evan Vucci", "creator"), ("Reuters", "distributor")]),
    ("AFP PHOTO / KIRILL KUDRYAVTSEV", [("AFP", "agency"), ("KIRILL KUDRYAVTSEV", "creator")]),
    ("Evan Vucci/AP/Scanpix", [("Evan Vucci", "creator"), ("AP", "agency"),
                               ("Scanpix", "distributor")]),
    ("Handout / Pool", [("Handout", "creator"), ("Pool", "agency")]),
    ("Getty Images", [("Getty Images", "creator")]),
    ("Reuters", [("Reuters", "creator")]),
]


def _capture_with_credit(line: str) -> bytes:
    return "\n".join([
        "A headline about talks", "", "Source: Meduza", "",
        "The first paragraph of the article says something about talks in Moscow.", "",
        "Participants pose for a photo in Moscow. November 9, 2018", line, "",
        "The second paragraph of the article continues the story at length.", "",
        "Dmitry Kartsev", "",
    ]).encode()


@pytest.mark.parametrize(("line", "parts"), CREDIT_SHAPES, ids=[c[0] for c in CREDIT_SHAPES])
def test_credit_line_shapes_after_a_caption(line: str, parts: list[tuple[str, str]]) -> None:
    record = get_reader("text").read(_capture_with_credit(line), IngestOptions(id="t")).record
    assert [p.text for p in record.paragraphs] == [
        "The first paragraph of the article says something about talks in Moscow.",
        "The second paragraph of the article continues the story at length.",
    ]
    assert not record.labels
    (figure,) = record.figures
    assert figure.caption == "Participants pose for a photo in Moscow. November 9, 2018"
    assert figure.credit is not None and figure.credit.text == line
    assert [(p.name, p.role) for p in figure.credit.parts] == parts
    back = record_from_bytes(record_to_bytes(record), "t")  # names are found in the line
    assert back.figures == record.figures


@pytest.mark.parametrize("line", [
    "Reuters.", "Escape via Moscow, then Kabul.", "Photo: the last day of the talks.",
    "Russia : USA",
])
def test_short_lines_after_a_caption_that_are_not_credits(line: str) -> None:
    record = get_reader("text").read(_capture_with_credit(line), IngestOptions(id="t")).record
    assert not record.figures


@pytest.mark.parametrize(("line", "translators"), [
    ("Translation by Hilah Kohen", ["Hilah Kohen"]),
    ("Translation: Hilah Kohen", ["Hilah Kohen"]),
    ("Translated by: Hilah Kohen", ["Hilah Kohen"]),
    ("Translator: Hilah Kohen", ["Hilah Kohen"]),
    ("Translators: Hilah Kohen and Kevin Rothrock", ["Hilah Kohen", "Kevin Rothrock"]),
    ("Translated from the Russian by Hilah Kohen.", ["Hilah Kohen"]),
])
def test_translator_line_shapes(line: str, translators: list[str]) -> None:
    """A translator credit written with a colon was a label, and the credit was lost."""
    capture = "\n".join([
        "A headline about talks", "", "Source: Meduza", "",
        "The first paragraph of the article says something about talks in Moscow.", "",
        "The second paragraph of the article continues the story at length.", "",
        "Dmitry Kartsev", "", line, "",
    ]).encode()
    record = get_reader("text").read(capture, IngestOptions(id="t")).record
    assert [p.full_name for p in record.translators] == translators
    assert [p.full_name for p in record.authors] == ["Dmitry Kartsev"]
    assert not record.labels and len(record.paragraphs) == 2


@pytest.mark.parametrize("line", ["By: Dmitry Kartsev", "Author: Dmitry Kartsev",
                                  "Text: Dmitry Kartsev"])
def test_byline_shapes_with_a_colon(line: str) -> None:
    capture = "\n".join([
        "A headline about talks", "", line, "",
        "The first paragraph of the article says something about talks in Moscow.", "",
    ]).encode()
    record = get_reader("text").read(capture, IngestOptions(id="t")).record
    assert [p.full_name for p in record.authors] == ["Dmitry Kartsev"]
    assert not record.labels


# --- issue 15: a byline is recognised by its shape, whatever its length --------------------

ELEVEN = [
    "Dmitry Kartsev", "Anna Petrova", "Ivan Sidorov", "Maria Ivanova", "Olga Smirnova",
    "Pavel Orlov", "Sergei Volkov", "Elena Popova", "Nikolai Lebedev", "Kirill Kozlov",
    "Irina Morozova",
]


def _capture(*lines: str) -> bytes:
    return "\n".join([
        "A headline about talks", "", *[x for line in lines for x in (line, "")],
        "The first paragraph of the article says something about talks in Moscow.", "",
        "The second paragraph of the article continues the story at length.", "",
    ]).encode()


def test_a_byline_of_eleven_authors_is_a_byline() -> None:
    """"By A, B, …, and K" is longer than 120 characters: it was a body paragraph and the
    article was cited as unsigned."""
    line = "By " + ", ".join(ELEVEN[:-1]) + ", and " + ELEVEN[-1]
    assert len(line) > 120
    ingested = get_reader("text").read(_capture(line), IngestOptions(id="t"))
    assert [p.full_name for p in ingested.record.authors] == ELEVEN
    assert len(ingested.record.paragraphs) == 2
    assert not any("byline" in n for n in ingested.report.notes)


def test_names_with_a_particle_and_a_suffix_in_a_byline() -> None:
    line = "By Jan van der Berg, Martin Luther King Jr. and Anna Petrova"
    record = get_reader("text").read(_capture(line), IngestOptions(id="t")).record
    assert [(p.given, p.family, p.suffix) for p in record.authors] == [
        ("Jan", "van der Berg", ""), ("Martin Luther", "King", "Jr."), ("Anna", "Petrova", ""),
    ]


def test_a_long_sentence_starting_with_by_stays_text() -> None:
    line = (
        "By the end of the week, Russian and American diplomats had each met the Taliban "
        "delegation twice, and neither side would say what had been agreed in Doha or Moscow."
    )
    ingested = get_reader("text").read(_capture(line), IngestOptions(id="t"))
    assert ingested.record.authors == ()
    assert len(ingested.record.paragraphs) == 3  # kept as text
    # "By the end": a lowercase word after "By" is prose, not worth a notice
    assert not any("starts like a byline" in n for n in ingested.report.notes)


def test_a_line_that_starts_like_a_byline_but_is_not_a_list_of_names_gets_a_notice() -> None:
    line = (
        "By Tuesday the talks in Doha had collapsed, diplomats said, and the delegations of "
        "Russia, the United States and the Taliban went home without a joint statement."
    )
    ingested = get_reader("text").read(_capture(line), IngestOptions(id="t"))
    assert ingested.record.authors == ()
    assert len(ingested.record.paragraphs) == 3
    assert [n for n in ingested.report.notes if "starts like a byline" in n] == [
        "a line that starts like a byline was kept as text, not taken as the authors (check "
        f"it; pass the authors by hand if it names them): {line}"
    ]
