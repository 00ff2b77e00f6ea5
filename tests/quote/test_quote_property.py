"""The quoted words are the record's words: byte for byte, except the alterations listed.

Over every paragraph of the seed and every sentence span (with and without omissions), in
every style: undoing only the alterations the quotation lists (nested quotation marks, the
final period moved or added, ellipses between runs) gives back the record's text exactly.
"""

from __future__ import annotations

import json
import re

from hypothesis import example, given
from hypothesis import strategies as st

from transcite.cite.styles import style_names
from transcite.quote.formats import quotation_json, quoted_text
from transcite.quote.quoting import Quotation, quote_ref
from transcite.quote.sentences import split_sentences
from transcite.storage.corpus import Corpus

from conftest import ROOT, SEED_ID

RECORD = Corpus(ROOT / "texts").load(SEED_ID)
PARAGRAPHS = RECORD.paragraphs
_NEST = str.maketrans({"“": "‘", "”": "’"})


@st.composite
def refs(draw: st.DrawFn) -> str:
    """A REF of the seed: a paragraph, a range, or sentence spans with omissions."""
    kind = draw(st.sampled_from(["paragraph", "range", "sentences"]))
    first = draw(st.integers(1, len(PARAGRAPHS)))
    if kind == "paragraph":
        return f"{SEED_ID}#p{first}"
    if kind == "range":
        return f"{SEED_ID}#p{first}-p{draw(st.integers(first, len(PARAGRAPHS)))}"
    count = len(split_sentences(PARAGRAPHS[first - 1].text))
    chosen = sorted(draw(st.sets(st.integers(1, count), min_size=1)))
    return f"{SEED_ID}#p{first}:" + ",".join(f"s{n}" for n in chosen)


def _runs(quotation: Quotation) -> list[str]:
    """The quoted runs as set, outer marks and ellipses taken off."""
    text = quoted_text(quotation)
    if quotation.setting == "run-in":
        text = text[1:-1]
    # the plain-text backend writes a no-break space as a space (Chicago's ". . ." has them);
    # the spaces around an ellipsis are test_quoting.py's: here only the words count
    ellipsis = re.compile(r" +{} +".format(re.escape(
        quotation.rules.ellipsis.replace("\u00a0", " "))))
    return [run for para in text.split("\n\n") for run in ellipsis.split(para)]


@given(refs(), st.sampled_from(style_names()))
@example(f"{SEED_ID}#p1:s1,s3", "chicago-author-date")  # an omission in Chicago's spaced dots
def test_quoted_words_are_the_records_words(ref: str, style: str) -> None:
    quotation = quote_ref(RECORD, ref, style)
    pieces = quotation.excerpt.pieces
    runs = _runs(quotation)
    assert len(runs) == len(pieces)
    nested = "double quotation marks inside the quotation set as single ones"
    for i, (run, piece) in enumerate(zip(runs, pieces, strict=True)):
        expected = piece.text.translate(_NEST) if nested in quotation.alterations else piece.text
        if i == len(pieces) - 1 and "the final period moved after the citation" in (
            quotation.alterations
        ):
            assert expected.rstrip("’").endswith(".")
            close = len(expected) - len(expected.rstrip("’"))
            expected = expected[: len(expected) - close - 1] + expected[len(expected) - close :]
        if i == len(pieces) - 1 and any(a.startswith("a period added") for a in (
            quotation.alterations
        )):
            expected += "."
        assert run == expected
    block = {p.id: p.text for p in PARAGRAPHS}
    for piece in pieces:
        assert block[piece.block_id][piece.start : piece.end] == piece.text


@given(refs())
def test_json_offsets_point_at_the_quoted_words(ref: str) -> None:
    data = json.loads(json.dumps(quotation_json(quote_ref(RECORD, ref, "apa"), None)))
    texts = {p.id: p for p in PARAGRAPHS}
    for block in data["blocks"]:
        paragraph = texts[block["id"]]
        assert paragraph.text[block["start"] : block["end"]] == block["text"]
        assert block["fingerprint"] == paragraph.fingerprint


@given(refs())
def test_annotation_selectors_and_link_find_every_quoted_run(ref: str) -> None:
    from urllib.parse import unquote

    from transcite.quote.annotation import annotation
    from transcite.quote.textfragment import document_text, excerpt_link

    quotation = quote_ref(RECORD, ref, "apa")
    anno = json.loads(json.dumps(annotation(quotation)))
    texts = {p.id: p.text for p in PARAGRAPHS}
    for target, piece in zip(anno["target"], quotation.excerpt.pieces, strict=True):
        by_quote, by_position = (s["refinedBy"] for s in target["selector"])
        text = texts[target["selector"][0]["value"]]
        context = by_quote.get("prefix", "") + by_quote["exact"] + by_quote.get("suffix", "")
        assert text.index(context) + len(by_quote.get("prefix", "")) == piece.start
        assert text[by_position["start"] : by_position["end"]] == piece.text
    document, starts = document_text(RECORD)
    link = excerpt_link(quotation.excerpt)
    first = quotation.excerpt.pieces[0]
    start_term = unquote(link.split("#:~:text=", 1)[1].split(",")[0].split("&")[0])
    assert document.lower().index(start_term.lower()) == starts[first.block_id] + first.start
