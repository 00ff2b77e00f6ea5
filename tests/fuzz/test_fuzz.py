"""The fuzzing targets (``fuzz_targets.py``) under Hypothesis, with a small budget for
``make test``: arbitrary bytes, and bytes shaped like the inputs each reader expects (captures,
pages, records, REFs, charset labels), mutated. Each input must give a result or a
``TransciteError``; the long runs are ``fuzz_atheris.py`` (see its docstring).

Every input that ever broke a reader stays here as an ``@example``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from fuzz_targets import LABELS, TARGETS, run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT

BUDGET = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED_XML = (ROOT / "texts" / "kartsev-islamists.xml").read_bytes()
SEED_TEXT = (DATA / "kartsev-islamists.txt").read_bytes()
PAGE = (DATA / "html" / "kartsev-islamists.html").read_bytes()


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` cut, with bytes replaced, inserted or repeated at a few places."""
    data = bytearray(base[: draw(st.integers(0, len(base)))])
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "repeat", "delete"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at:at + len(chunk)] = chunk
        elif action == "repeat":
            data[at:at] = bytes(data[at:at + 16]) * draw(st.integers(2, 50))
        else:
            del data[at:at + len(chunk)]
    return bytes(data)


markup = st.lists(
    st.sampled_from([
        b"<p>", b"</p>", b"<div>", b"<article>", b"<figure>", b"<figcaption>", b"<h1>",
        b"<script type=\"application/ld+json\">", b"</script>", b"{\"@type\":\"NewsArticle\"",
        b"<meta charset=\"", b"base64", b"utf-16", b"\">", b"&amp;", b"&#0;", b"&#xD800;",
        b"<!DOCTYPE html>", b"<?xml version=\"1.0\"?>", b"<TEI", b"\xff\xfe", b"\xef\xbb\xbf",
        b"\x00", b"By Ann Writer", b"Translated by Tom", b"Photo: AP", "Привет".encode(),
        b"\n\n", b" ", b"[[[[", b"%",
    ]),
    max_size=60,
).map(b"".join)


@BUDGET
@given(st.binary(max_size=2048))
@example(b"\xff\xfe" + "Headline\n\nBy A B\n\nText.".encode("utf-16-le") + b"\x0a")
@example(b"\xff\xfe\x00\x00" + "Headline\n\nBy A B\n\nSome text here.".encode("utf-32-le"))
def test_arbitrary_bytes_in_every_reader(data: bytes) -> None:
    for target in TARGETS.values():
        run(target, data)


@BUDGET
@given(mutated(SEED_TEXT))
def test_text_captures_mutated(data: bytes) -> None:
    run(TARGETS["text"], data)
    run(TARGETS["detected"], data)


@BUDGET
@given(st.one_of(mutated(PAGE), markup))
@example(b'<html><script type="application/ld+json">' + b"[" * 500 + b"]" * 500
         + b"</script><article><h1>T</h1><p>A paragraph of the article.</p></article>")
@example(b'<meta charset="rot13"><article><h1>T</h1><p>A paragraph of the article.</p>')
def test_pages_mutated(data: bytes) -> None:
    run(TARGETS["html"], data)
    run(TARGETS["detected"], data)


@BUDGET
@given(mutated(SEED_XML))
@example(SEED_XML.replace(b'<div type="section" n="1">',
                          b'<div type="section" n="' + b"9" * 5000 + b'">', 1))
def test_records_mutated(data: bytes) -> None:
    run(TARGETS["tei"], data)


@BUDGET
@given(st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[a-z-]{1,12}(@\d{1,8})?#(p\d{1,12}(-p\d{1,12})?(:s\d{1,12}(-\d{1,12})?"
                  r"(,s\d{1,5})*)?|fig\d{1,6})", fullmatch=True),
).map(lambda s: s.encode("utf-8", errors="surrogatepass")))
def test_refs(data: bytes) -> None:
    run(TARGETS["ref"], data)


@BUDGET
@given(st.sampled_from(range(len(LABELS))), st.one_of(
    st.binary(max_size=512),
    st.text(max_size=100).map(lambda s: s.encode("utf-8", errors="surrogatepass")),
    st.sampled_from(["utf-16", "utf-32", "cp1251", "utf-8-sig"]).flatmap(
        lambda c: st.text(max_size=60).map(
            lambda s: s.encode(c, errors="replace"))),
))
@example(0, codecs.BOM_UTF16_LE + b"a")
def test_charsets(label: int, body: bytes) -> None:
    run(TARGETS["charset"], bytes([label]) + body)


CRASHES = sorted(
    p for p in (ROOT / "tests" / "fuzz" / "crashes").iterdir() if p.suffix != ".md"
)


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_inputs_the_fuzzer_found_stay_fixed(path: Path) -> None:
    """Inputs (as atheris saved them: the first byte picks the target) that once raised
    something other than a ``TransciteError``."""
    data = path.read_bytes()
    run(TARGETS[sorted(TARGETS)[data[0] % len(TARGETS)]], data[1:])
