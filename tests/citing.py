"""The citation the library makes, for tests of something else that prints one.

A test of a command, of a quotation or of the library's front door checks what it owns (its
output's shape, the quotation, exit codes, notes) exactly, and takes the words of the
citation in it from here: a citation's words are owned by the style's own test file (its
oracle, manual cases and goldens: ``tests/cite/styles/test_<style>.py``), so that a changed
style rule fails there and not in every test that prints a citation (issue 10;
``bench/mutate_rules.py`` counts it).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from transcite import api
from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style
from transcite.cite.work import work_of
from transcite.core.model import Record
from transcite.core.refs import parse_ref, resolve_ref
from transcite.render.richtext import render
from transcite.storage.corpus import Corpus

from conftest import ROOT, SEED_ID


def cited(
    source: Record | Path, ref: str, style: str = "apa", form: str = "in-text",
    fmt: str = "text",
) -> str:
    """REF of a record, or of the corpus in a folder, cited as ``transcite cite`` prints it.

    A folder stands for the corpus the CLI works on: the database of $TRANSCITE_CORPUS
    when the ``corpus`` fixture set one (the PostgreSQL side), else the folder."""
    if isinstance(source, Path):
        corpus = api.load_corpus(os.environ.get("TRANSCITE_CORPUS") or source)
        try:
            return api.cite(corpus, ref, style, form).render(fmt)
        finally:
            corpus.close()
    return cite_ref(source, ref, style, form).render(fmt)


@cache
def _seed() -> Record:
    return Corpus(ROOT / "texts").load(SEED_ID)


#: the rendering of a citation in each output format (JSON outputs hold the plain text)
RENDERED_AS = {"text": "text", "markdown": "markdown", "html": "html", "latex": "latex",
               "json": "text", "annotation": "text"}


def style_parts(ref: str, style: str, fmt: str) -> dict[str, str]:
    """What the style itself writes in the quotation of REF: its citation (in the form its
    quote rules take), its reference entry and, in LaTeX, the postnote; rendered as ``fmt``
    renders them."""
    record = _seed()
    paragraph = parse_ref(ref)._replace(sentences=None)  # quoted sentences cite their paragraph
    form = get_style(style).quote_rules.form
    target = f"{record.id}#{ref.partition('#')[2].split(':')[0]}"
    as_fmt = RENDERED_AS[fmt]
    parts = {
        "⟦reference⟧": cite_ref(record, record.id, style, "reference").render(as_fmt),
        "⟦citation⟧": cite_ref(record, target, style, form).render(as_fmt),
    }
    if fmt == "latex":
        pinpoint = resolve_ref(paragraph, record)
        assert pinpoint is not None
        locator = get_style(style).locator(work_of(record), pinpoint, [])
        if locator:
            parts["⟦locator⟧"] = render(locator, "latex")
    if fmt in ("json", "annotation"):
        parts = {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in parts.items()}
    return parts


def with_placeholders(output: str, parts: dict[str, str], fmt: str) -> str:
    for placeholder, words in parts.items():
        # LaTeX: a biblatex command stands for the citation (its postnote is checked); a Web
        # Annotation describes its target by the reference entry
        optional = placeholder == "⟦citation⟧" and fmt in ("latex", "annotation")
        if optional and words not in output:
            continue
        assert words in output, f"the quotation does not hold its {placeholder}: {words}"
        output = output.replace(words, placeholder)
    return output


#: the cases of the quote goldens (style_rules.StyleRules) and the REF each quotes
QUOTE_CASES = {
    "one-sentence": "p5:s1",
    "short-paragraph": "p15",
    "long-paragraph": "p3",
    "paragraph-range": "p15-p16",
    "omission": "p14:s1,s3",
    "caption": "fig1",
    "inner-quotes": "p1",
}

#: the quote goldens' file extensions and the formats they hold
QUOTE_FORMATS = {"txt": "text", "md": "markdown", "html": "html", "tex": "latex", "json": "json",
                 "jsonld": "annotation"}


def filled(path: Path) -> str:
    """A quote golden (``tests/golden/quote/<case>.<style>.<ext>``) with the style's parts put
    back in: what ``transcite quote`` prints today. """
    case, style, ext = path.name.split(".")
    fmt = QUOTE_FORMATS[ext]
    text = path.read_text("utf-8")
    for placeholder, words in style_parts(f"{SEED_ID}#{QUOTE_CASES[case]}", style, fmt).items():
        text = text.replace(placeholder, words)
    return text
