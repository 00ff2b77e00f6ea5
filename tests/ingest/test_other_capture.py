"""Recognition comes from general rules: a capture of another shape than the seed.

The capture (tests/data/hard-wrapped-capture.txt, written for this test) has hard-wrapped
paragraphs, a "By A and B" byline at the top, "Published by:" for the publisher, a "Read more"
line, and a translator line that names the original language.
"""

from __future__ import annotations

from pathlib import Path

from transcite.ingest.readers import IngestOptions, get_reader

CAPTURE = Path(__file__).parent.parent / "data" / "hard-wrapped-capture.txt"


def test_hard_wrapped_capture() -> None:
    ingested = get_reader("text").read(CAPTURE.read_bytes(), IngestOptions(id="trains"))
    record = ingested.record
    assert record.title == "Kyiv's night trains keep running. Their conductors explain how"
    assert record.publisher == "Example Weekly"
    assert [(p.given, p.family) for p in record.authors] == [
        ("Olena", "Marchenko"), ("Taras", "Bondar")
    ]
    assert [(p.given, p.family) for p in record.translators] == [("Anna", "Smith")]
    assert record.original is not None and record.original.language == "uk"
    assert [p.text for p in record.paragraphs] == [
        "Every evening at ten, the conductors of the Kyiv–Lviv night train check the same "
        "forty tickets twice. Most passengers, they say, are regulars.",
        "“We know who snores,” said Natalia, who has worked the line for eleven years. "
        "“And we know who will try to smoke in the vestibule.”",
        "The line kept running through the winter of blackouts. Trains ran on diesel when the "
        "overhead wires failed.",
    ]
    (figure,) = record.figures
    assert figure.caption == "A conductor checks tickets on platform 3. March 2, 2023"
    assert figure.credit is not None
    assert [(p.name, p.role) for p in figure.credit.parts] == [
        ("Ivan Petrenko", "creator"), ("Example Photo Agency", "agency"),
        ("Scanpix", "distributor"),
    ]
    assert [f.text for f in record.furniture] == [
        "Skip to content", "Read more: How the railway kept its timetable"
    ]
    assert [b.section for b in record.paragraphs] == [1, 1, 2]
