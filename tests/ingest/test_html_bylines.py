"""Bylines in web pages read by the rules shared with text captures (issue 15, class 1).

A byline is recognised by its shape, a list of names, whatever its length; a line that
starts like one ("By " and a capital) but is not taken as the authors gets the same notice
as in a text capture, saying whether the line stayed in the text or was left out.
"""

from __future__ import annotations

from html import escape

import pytest

from transcite.ingest.readers import Ingested, IngestOptions, get_reader

ELEVEN = [
    "Dmitry Kartsev", "Anna Petrova", "Ivan Sidorov", "Maria Ivanova", "Olga Smirnova",
    "Pavel Orlov", "Sergei Volkov", "Elena Popova", "Nikolai Lebedev", "Kirill Kozlov",
    "Irina Morozova",
]
#: starts like a byline, is a sentence: kept as text, with a notice
BY_TUESDAY = (
    "By Tuesday the talks in Doha had collapsed, diplomats said, and the delegations of "
    "Russia, the United States and the Taliban went home without a joint statement."
)
#: starts like a byline with a lowercase word: prose, no notice
BY_THE_END = (
    "By the end of the week, Russian and American diplomats had each met the Taliban "
    "delegation twice, and neither side would say what had been agreed in Doha or Moscow."
)
FIRST = "The first paragraph of the article says something about talks in Moscow."
SECOND = "The second paragraph of the article continues the story at length."


def _page(line: str, cls: str = "") -> bytes:
    """An article page with ``line`` in a paragraph before the body (``cls``: its class)."""
    attr = f' class="{cls}"' if cls else ""
    return (
        "<!DOCTYPE html><html><head><title>A headline about talks</title></head><body>"
        "<article><h1>A headline about talks</h1>"
        f"<p{attr}>{escape(line)}</p><p>{FIRST}</p><p>{SECOND}</p>"
        "</article></body></html>"
    ).encode()


def _capture(line: str) -> bytes:
    return "\n".join(["A headline about talks", "", line, "", FIRST, "", SECOND, ""]).encode()


def _read(reader: str, data: bytes) -> Ingested:
    return get_reader(reader).read(data, IngestOptions(id="t"))


def _byline_notes(ingested: Ingested) -> list[str]:
    return [n for n in ingested.report.notes if "starts like a byline" in n]


def test_a_byline_of_eleven_authors_in_a_page_is_a_byline() -> None:
    line = "By " + ", ".join(ELEVEN[:-1]) + ", and " + ELEVEN[-1]
    assert len(line) > 120  # longer than the old cap, which made it a paragraph
    ingested = _read("html", _page(line))
    assert [p.full_name for p in ingested.record.authors] == ELEVEN
    assert [p.text for p in ingested.record.paragraphs] == [FIRST, SECOND]
    assert _byline_notes(ingested) == []


def test_a_line_that_starts_like_a_byline_gets_the_text_readers_notice() -> None:
    html, text = _read("html", _page(BY_TUESDAY)), _read("text", _capture(BY_TUESDAY))
    expected = [
        "a line that starts like a byline was kept as text, not taken as the authors (check "
        f"it; pass the authors by hand if it names them): {BY_TUESDAY}"
    ]
    assert _byline_notes(html) == _byline_notes(text) == expected
    for ingested in (html, text):
        assert ingested.record.authors == ()
        assert [p.text for p in ingested.record.paragraphs] == [BY_TUESDAY, FIRST, SECOND]


def test_a_byline_like_line_left_out_of_the_text_says_so() -> None:
    """In an element marked as a byline, a line that is no list of names is dropped as a
    dateline; the article would be cited as unsigned, so the notice says it was left out."""
    ingested = _read("html", _page(BY_TUESDAY, cls="article-byline"))
    assert ingested.record.authors == ()
    assert [p.text for p in ingested.record.paragraphs] == [FIRST, SECOND]
    assert (BY_TUESDAY, "byline or dateline") in [
        (f.text, f.reason) for f in ingested.record.furniture
    ]
    assert _byline_notes(ingested) == [
        "a line that starts like a byline was left out as page furniture, not taken as the "
        f"authors (check it; pass the authors by hand if it names them): {BY_TUESDAY}"
    ]


@pytest.mark.parametrize("line", [BY_THE_END, "By Anna Petrova and Ivan Sidorov"])
@pytest.mark.parametrize("reader", ["html", "text"])
def test_no_notice_for_prose_or_a_byline_taken(reader: str, line: str) -> None:
    data = _page(line) if reader == "html" else _capture(line)
    ingested = _read(reader, data)
    assert _byline_notes(ingested) == []
    taken = line.startswith("By Anna")
    assert [p.full_name for p in ingested.record.authors] == (
        ["Anna Petrova", "Ivan Sidorov"] if taken else []
    )
