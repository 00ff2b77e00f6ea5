"""The plain-text reader on generated captures: what is written as a capture is read back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcite.credits import parse_credit
from transcite.model import Figure, Paragraph
from transcite.readers import IngestOptions, get_reader

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


@settings(max_examples=150, deadline=None)
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
