"""``transcite credits``: every credit in one place and the ready-to-paste block."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from transcite.core.model import Figure, Paragraph, Person, Record
from transcite.credits.lines import parse_credit, strip_credit_label
from transcite.credits.sheet import credit_sheet, names, render_sheet

from conftest import SEED_ID
from golden_files import check_golden

Run = Callable[..., Result]
BROKEN = Path(__file__).resolve().parent.parent / "broken"
#: the credit block of the seed, as the issue gives it, every photo credit as in the source
SEED_BLOCK = (
    "By Dmitry Kartsev. Translated by Hilah Kohen. Meduza. Photos: Sergei Savostyanov / TASS / "
    "Vida Press; U.S Embassy / Reuters / Scanpix / LETA; Yury Kadobnov / AFP / Scanpix / LETA."
)


def test_seed_block_is_the_last_line_of_text_output(run: Run) -> None:
    result = run("credits", SEED_ID)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == SEED_BLOCK


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_seed_credits_are_golden(run: Run, fmt: str) -> None:
    result = run("credits", SEED_ID, "--format", fmt)
    assert result.exit_code == 0
    check_golden(f"credits/{SEED_ID}.{fmt}", result.stdout)


def test_json_is_the_documented_contract(run: Run) -> None:
    data = json.loads(run("credits", SEED_ID, "--format", "json").stdout)
    assert list(data) == [
        "id", "title", "authors", "translators", "publisher", "photos", "credit_block",
    ]
    assert data["credit_block"] == SEED_BLOCK
    assert [p["block"] for p in data["photos"]] == ["fig1", "fig2", "fig3"]
    assert data["photos"][1]["credit"]["parts"][0] == {"name": "U.S Embassy", "role": "creator"}


def test_html_parses_to_the_same_credits(run: Run) -> None:
    html = run("credits", SEED_ID, "--format", "html").stdout
    root = lxml.html.fragment_fromstring(html)
    assert root.tag == "section"
    labels = [dt.text_content() for dt in root.iter("dt")]
    values = [dd.text_content() for dd in root.iter("dd")]
    assert labels == ["Story", "Translation", "Publisher", "Photo fig1", "Photo fig2", "Photo fig3"]
    assert values[:3] == ["Dmitry Kartsev", "Hilah Kohen", "Meduza"]
    (block,) = root.find_class("credit-block")
    assert block.text_content() == SEED_BLOCK


def test_markdown_parses_to_the_same_credits(run: Run) -> None:
    md = run("credits", SEED_ID, "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").parse(md)
    items = [t.content for t in tokens if t.type == "inline"]
    assert items[1:4] == ["**Story:** Dmitry Kartsev", "**Translation:** Hilah Kohen",
                          "**Publisher:** Meduza"]
    rendered = MarkdownIt("commonmark").render(md)
    last = lxml.html.fragments_fromstring(rendered)[-1]
    assert last.text_content() == SEED_BLOCK


def test_markdown_and_html_escape_what_they_must() -> None:
    record = _record("A *bold* <b>claim</b>", "Jo_Ann Smith / R&D [Photo] / TASS")
    sheet = credit_sheet(record)
    rendered = MarkdownIt("commonmark").render(render_sheet(sheet, "markdown"))
    text = lxml.html.fromstring(f"<div>{rendered}</div>").text_content()
    assert "A *bold* <b>claim</b>" in text
    assert "Jo_Ann Smith / R&D [Photo] / TASS" in text
    html = lxml.html.fromstring(render_sheet(sheet, "html")).text_content()
    assert "A *bold* <b>claim</b>" in html and "R&D [Photo]" in html


def test_missing_pieces_are_notes_not_inventions(run: Run, texts: Path) -> None:
    shutil.copy(BROKEN / "credit-removed.xml", texts)
    result = run("credits", "credit-removed")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: fig1 has no credit: the block leaves that photo out\n"
        "note: run transcite validate for how to fix the record\n"
    )
    assert "Photo fig1   no credit" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "By Olga Ivanova. Translated by Peter Grant. The Harbour Herald. "
        "Photo: Ivan Sokolov / Reuters / Scanpix / LETA."
    )


def test_unknown_record_and_format(run: Run) -> None:
    assert run("credits", "nope").exit_code == 2
    result = run("credits", SEED_ID, "--format", "latex")
    assert result.exit_code == 2
    assert "'latex' is not one of 'text', 'json', 'markdown', 'html'" in result.stderr


def test_names_are_joined_with_a_serial_comma() -> None:
    people = [Person("A", "One"), Person("B", "Two"), Person("", "Three")]
    assert names(people[:1]) == "A One"
    assert names(people[:2]) == "A One and B Two"
    assert names(people) == "A One, B Two, and Three"


def _record(title: str, *credit_lines: str) -> Record:
    figures = tuple(
        Figure(f"fig{n}", "A caption", parse_credit(line) if line else None)
        for n, line in enumerate(credit_lines, 1)
    )
    return Record(
        id="x", title=title, language="en", publisher="P", url=None, published=None,
        accessed=None, authors=(Person("Ann", "Author"),), translators=(), original=None,
        blocks=(Paragraph("p1", 1, "Text."), *figures),
    )


_PART = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1,
                max_size=12).map(str.strip).filter(lambda s: s and "/" not in s)


@given(st.lists(st.lists(_PART, min_size=1, max_size=4).map(" / ".join), max_size=5))
def test_block_lists_every_distinct_credit_once_in_order(lines: list[str]) -> None:
    block = credit_sheet(_record("T", *lines)).block
    assert block.startswith("By Ann Author. P.")
    distinct = list(dict.fromkeys(strip_credit_label(line) for line in lines))
    if not distinct:
        assert "Photo" not in block
        return
    label = "Photos: " if len(distinct) > 1 else "Photo: "
    listed = block.split(label, 1)[1]
    assert listed.removesuffix(".") == "; ".join(distinct) or listed == "; ".join(distinct)


def test_markdown_keeps_a_literal_character_reference() -> None:
    """CommonMark turns "&amp;" and "&copy;" into "&" and "©": the text must stay as stored."""
    record = _record("Q&amp;A: the talks", "AT&amp;T / Reuters &copy; 2019")
    sheet = credit_sheet(record)
    md = render_sheet(sheet, "markdown")
    rendered = MarkdownIt("commonmark").render(md)
    text = lxml.html.fromstring(f"<div>{rendered}</div>").text_content()
    assert "Credits of Q&amp;A: the talks" in text
    assert "AT&amp;T / Reuters &copy; 2019" in text
    last = lxml.html.fragments_fromstring(rendered)[-1]
    assert last.text_content() == sheet.block


def test_a_translation_without_translator_is_a_note(run: Run, texts: Path) -> None:
    shutil.copy(BROKEN / "translator-removed.xml", texts)
    result = run("credits", "translator-removed")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: a translation, but the record names no translator: the block has no "
        "“Translated by …”\n"
        "note: run transcite validate for how to fix the record\n"
    )
    assert "Translated by" not in result.stdout


def test_the_block_does_not_repeat_a_photo_label() -> None:
    """A credit published as "Photo: Evan Vucci / AP" is kept so in the record and the sheet;
    the block already says "Photo:", so it lists the credit without its label."""
    sheet = credit_sheet(_record("T", "Photo: Evan Vucci / AP"))
    assert sheet.block == "By Ann Author. P. Photo: Evan Vucci / AP."
    two = credit_sheet(_record("T", "Photo: Evan Vucci / AP", "Photos by Jane Doe / Reuters"))
    assert two.block == "By Ann Author. P. Photos: Evan Vucci / AP; Jane Doe / Reuters."
    assert [p.credit.text for p in two.photos if p.credit] == [
        "Photo: Evan Vucci / AP", "Photos by Jane Doe / Reuters"
    ]
