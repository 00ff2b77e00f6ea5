"""Each output format of ``transcite quote`` read back by a real parser or checked against its
spec: HTML by lxml, JSON by json.loads, annotations against the W3C model, links against the
Text Fragments syntax, LaTeX for escaping and balanced braces."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from transcite.core.model import Paragraph, Person, Record
from transcite.quote.annotation import annotation
from transcite.quote.formats import write_html, write_latex, write_text
from transcite.quote.quoting import quote_ref
from transcite.quote.textfragment import document_text, encode_term, excerpt_link
from transcite.storage.corpus import Corpus

from citing import cited, filled
from conftest import ROOT, SEED_ID, SEED_URL
from variants import record_with

GOLDEN = ROOT / "tests" / "golden" / "quote"
RECORD = Corpus(ROOT / "texts").load(SEED_ID)
#: the motivations (and purposes) defined by the Web Annotation Vocabulary, 3.3.5
W3C_MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}
HOSTILE_TEXT = "R&D <b>100%</b> costs $5 {x} _y_ #1 ~2 ^3 \\z and “a & b” - end."


def _hostile_record() -> Record:
    paragraph = Paragraph("p1", 1, HOSTILE_TEXT)
    return Record(
        id="hostile", title="A <title> & more", language="en", publisher="Site & Co",
        url="https://example.org/a?b=1&c=\"2\"", published="2020-01-02", accessed=None,
        authors=(Person("Ann", "Author"),), translators=(Person("Tim", "Translator"),),
        original=None, blocks=(paragraph,),
    )


def _text_of(element: lxml.html.HtmlElement) -> str:
    """Text content with each ``<q>`` drawn as a browser draws it (US marks by depth)."""
    def walk(node: lxml.html.HtmlElement, depth: int) -> str:
        inner = (node.text or "") + "".join(
            walk(child, depth + (child.tag == "q")) + (child.tail or "") for child in node
        )
        if node.tag != "q":
            return inner
        left, right = ("“", "”") if depth % 2 else ("‘", "’")
        return left + inner + right
    return walk(element, 1 if element.tag == "q" else 0)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.html")), ids=lambda p: p.name)
def test_html_parses_and_quotes_the_record(path: Path) -> None:
    fragments = lxml.html.fragments_fromstring(filled(path))
    quote = fragments[0]
    assert quote.tag in ("q", "blockquote")
    assert quote.get("cite") == SEED_URL
    notes = ".chicago-notes." in path.name
    if quote.tag == "q":
        follower = quote.getnext()
        assert follower is not None and follower.tag == ("sup" if notes else "cite")
        british = ".harvard." in path.name
        assert ("quotes:" in (quote.get("style") or "")) == british
    elif notes:
        assert quote.findall(".//sup"), "a note number ends the block"
        assert fragments[-2].get("class") == "notes"
    else:
        assert quote.findall(".//cite"), "a block quotation carries its citation in <cite>"
    reference = fragments[-1]
    assert reference.get("class") == "reference"
    assert "Kohen" in reference.text_content()


def test_html_nested_q_draws_inner_single_marks() -> None:
    html = write_html(quote_ref(RECORD, f"{SEED_ID}#p16:s2", "apa"), False, None)
    quote = lxml.html.fragments_fromstring(html)[0]
    assert _text_of(quote) == (
        "“Russian Foreign Minister Sergei Lavrov limited his response to a remark that American "
        "politicians have been promising a ‘deal of the century’ for more than two years”"
    )


def test_html_escapes_hostile_text() -> None:
    record = _hostile_record()
    html = write_html(quote_ref(record, "hostile#p1", "chicago-author-date"), True, None)
    fragments = lxml.html.fragments_fromstring(html)
    assert fragments[0].get("cite") == record.url
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "R&D <b>100%</b>" in fragments[0].text_content()
    assert "Tim Translator" in fragments[-1].text_content()


def test_latex_escapes_hostile_text_and_balances_braces() -> None:
    out = write_latex(quote_ref(_hostile_record(), "hostile#p1", "apa"), True, None)
    body = out.split("\n\n")[0]
    assert body.startswith(r"\textquote{R\&D <b>100\%</b> costs \$5 \{x\} \_y\_ \#1 ")
    assert r"\textquote{a \& b}" in body
    assert re.search(r"\\parencite\[[^]]*\]\{hostile\}\.\Z", body)  # the locator: the style's
    depth = 0
    for match in re.finditer(r"(?<!\\)[{}]", out):
        depth += 1 if match.group() == "{" else -1
        assert depth >= 0
    assert depth == 0
    assert "Translator" in out


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_json_goldens_load_and_point_at_the_record(path: Path) -> None:
    data = json.loads(filled(path))
    assert data["record"] == SEED_ID
    assert "Kohen" in data["reference"]
    assert data["translators"] == [{"given": "Hilah", "family": "Kohen"}]
    for block in data["blocks"]:
        found = RECORD.block(block["id"])
        text = found.text if isinstance(found, Paragraph) else found.caption  # type: ignore[union-attr]
        assert text[block["start"] : block["end"]] == block["text"]
    if data["ref"].endswith("fig1"):
        assert data["credit"]["text"] == "Sergei Savostyanov / TASS / Vida Press"


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.jsonld")), ids=lambda p: p.name)
def test_annotation_has_the_w3c_shape_and_its_selectors_find_the_quote(path: Path) -> None:
    anno = json.loads(filled(path))
    assert anno["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert anno["type"] == "Annotation"
    assert anno["id"].startswith("urn:transcite:quote:")
    assert anno["motivation"] in W3C_MOTIVATIONS
    assert all(b["type"] == "TextualBody" and b["value"] for b in anno["body"])
    assert all(b["purpose"] in W3C_MOTIVATIONS for b in anno["body"])
    assert any("Kohen" in b["value"] for b in anno["body"]), "the reference names the translator"
    for target in anno["target"]:
        assert target["source"] == SEED_URL
        quote_sel, position_sel = target["selector"]
        for sel in (quote_sel, position_sel):
            assert sel["type"] == "FragmentSelector"
            assert sel["conformsTo"] == "http://tools.ietf.org/rfc/rfc3023"
        block = RECORD.block(quote_sel["value"])
        text = block.text if isinstance(block, Paragraph) else block.caption  # type: ignore[union-attr]
        tq, tp = quote_sel["refinedBy"], position_sel["refinedBy"]
        assert (tq["type"], tp["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        assert text[tp["start"] : tp["end"]] == tq["exact"]
        context = tq.get("prefix", "") + tq["exact"] + tq.get("suffix", "")
        assert text.count(context) == 1
        assert text.index(context) + len(tq.get("prefix", "")) == tp["start"]
        assert len(tq.get("prefix", "")) == min(32, tp["start"])
        assert len(tq.get("suffix", "")) == min(32, len(text) - tp["end"])


def test_caption_annotation_carries_the_credit() -> None:
    anno = annotation(quote_ref(RECORD, f"{SEED_ID}#fig3", "mla"))
    assert anno["body"][-1]["value"] == "Photo: Yury Kadobnov / AFP / Scanpix / LETA"


def test_encode_term_follows_the_text_fragments_syntax() -> None:
    # '-', ',' and '&' are the directive's own syntax; spaces and non-ASCII are encoded too
    assert encode_term("Israeli-Palestinian, A&B 50% “deal” #1") == (
        "Israeli%2DPalestinian%2C%20A%26B%2050%25%20%E2%80%9Cdeal%E2%80%9D%20%231"
    )
    assert encode_term("a.b_c~d!e*f(g)'h") == "a.b_c~d!e*f(g)'h"


def _directives(link: str) -> list[list[str]]:
    fragment = link.split("#:~:", 1)[1]
    out = []
    for part in fragment.split("&"):
        assert part.startswith("text=")
        terms = part[len("text="):].split(",")
        assert all(re.fullmatch(r"[A-Za-z0-9!$'()*+./:;=?@_~%]+", t) for t in terms)
        out.append([unquote(t) for t in terms])
    return out


@pytest.mark.parametrize("paragraph", RECORD.paragraphs, ids=lambda p: p.id)
def test_links_open_at_the_quoted_words(paragraph: Paragraph) -> None:
    from transcite.quote.sentences import split_sentences

    document, starts = document_text(RECORD)
    count = len(split_sentences(paragraph.text))
    for ref in [f"{paragraph.id}", *(f"{paragraph.id}:s{n}" for n in range(1, count + 1))]:
        quotation = quote_ref(RECORD, f"{SEED_ID}#{ref}")
        piece = quotation.excerpt.pieces[0]
        link = excerpt_link(quotation.excerpt)
        assert link.startswith(SEED_URL + "#:~:text=")
        (terms,) = _directives(link)
        at = starts[piece.block_id] + piece.start
        # the first case-insensitive match of the start term is the quoted passage
        assert document.lower().index(terms[0].lower()) == at
        if len(terms) == 2:
            end = document.lower().index(terms[1].lower(), at + len(terms[0]))
            assert end + len(terms[1]) == at + len(piece.text)
        else:
            assert terms[0] == piece.text


def test_omission_link_has_one_directive_per_run() -> None:
    link = excerpt_link(quote_ref(RECORD, f"{SEED_ID}#p14:s1,s3").excerpt)
    starts = [terms[0] for terms in _directives(link)]
    assert starts == ["Then, on the first", "The document will be"]


def test_text_block_is_indented_and_cited_after_the_final_period() -> None:
    out = write_text(quote_ref(RECORD, f"{SEED_ID}#p5", "apa"), False, None)
    assert out.startswith("    Many experts said")
    assert out.endswith(f"to its interests. {cited(RECORD, f'{SEED_ID}#p5')}")


def test_unpaired_inner_mark_turns_single_in_every_format_and_is_listed() -> None:
    # a quotation running on into the next paragraph opens without closing (news convention)
    record = record_with("He said: “We will stay. They cannot make us leave.")
    quotation = quote_ref(record, "synthetic#p1:s1", "apa")
    assert "double quotation marks inside the quotation set as single ones" in (
        quotation.alterations
    )
    assert write_text(quotation, False, None) == (
        f"“He said: ‘We will stay” {cited(record, 'synthetic#p1')}."
    )
    assert "<q cite=\"https://example.org/t\">He said: ‘We will stay</q>" in write_html(
        quotation, False, None
    )
    assert write_latex(quotation, False, None).startswith(r"\textquote{He said: ‘We will stay}")


def test_question_mark_stays_inside_and_the_period_follows_the_citation() -> None:
    record = record_with("Who decides? Nobody knows.")
    out = write_text(quote_ref(record, "synthetic#p1:s1", "apa"), False, None)
    assert out == f"“Who decides?” {cited(record, 'synthetic#p1')}."
    notes = write_text(quote_ref(record, "synthetic#p1:s1", "chicago-notes"), False, None)
    note = cited(record, "synthetic#p1", "chicago-notes", "note")
    assert notes.startswith(f"“Who decides?”¹\n\n1. {note}")


def test_final_period_before_a_closing_quote_moves_out() -> None:
    record = record_with("They called it a “deal of the century.” Then it ended.")
    out = write_text(quote_ref(record, "synthetic#p1:s1", "apa"), False, None)
    assert out == f"“They called it a ‘deal of the century’” {cited(record, 'synthetic#p1')}."


def test_markdown_block_never_turns_into_a_list() -> None:
    from transcite.quote.formats import write_markdown

    long = " ".join(["word"] * 45)
    record = record_with(f"1. {long}.")
    out = write_markdown(quote_ref(record, "synthetic#p1", "apa"), False, None)
    assert out.startswith("> 1\\. word word")
    record = record_with(f"- {long}.")
    out = write_markdown(quote_ref(record, "synthetic#p1", "apa"), False, None)
    assert out.startswith("> \\- word word")


def _markdown_html(source: str) -> lxml.html.HtmlElement:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    rendered = MarkdownIt("commonmark").use(footnote_plugin).render(source)
    return lxml.html.fragment_fromstring(rendered, create_parent="div")


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.md")), ids=lambda p: p.name)
def test_markdown_renders_to_the_text_output(path: Path) -> None:
    """CommonMark (markdown-it-py) reads the Markdown back as the words of the text output."""
    doc = _markdown_html(filled(path))
    text_paragraphs = filled(path.with_suffix(".txt")).rstrip("\n").split("\n\n")
    quote = doc[0]
    if quote.tag == "blockquote":
        rendered = [p.text_content() for p in quote.findall("p")]
        expected = [p.removeprefix("    ") for p in text_paragraphs if p.startswith("    ")]
    else:
        rendered, expected = [quote.text_content()], text_paragraphs[:1]
    if ".chicago-notes." in path.name:
        rendered = [re.sub(r"\[1\]$", "¹", p) for p in rendered]  # footnote reference
        assert doc.xpath("//section[contains(@class, 'footnotes')]//li"), "the note is a footnote"
    assert rendered == expected
    assert not doc.xpath("//ol[not(ancestor::section)]|//ul|//pre|//h1|//h2|//code")
    assert "Kohen" in doc.text_content()


_MARKS = str.maketrans({"‘": '"', "’": '"', "“": '"', "”": '"', "\u00a0": " "})


def _latex_parse(source: str) -> list[object]:
    """Parse with pylatexenc, strictly (unbalanced braces or bad syntax raise), knowing the
    csquotes and biblatex commands transcite writes."""
    from pylatexenc import macrospec
    from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category(
        "transcite", prepend=True,
        macros=[macrospec.MacroSpec("textquote", "{")]
        + [macrospec.MacroSpec(name, "[{") for name in ("parencite", "footcite", "cite")],
        environments=[macrospec.EnvironmentSpec("displayquote", "")],
    )
    nodes, _, _ = LatexWalker(source, latex_context=context, tolerant_parsing=False)\
        .get_latex_nodes()
    return list(nodes)


def _latex_text(nodes: list[object]) -> str:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category("transcite", prepend=True, macros=[
        MacroTextSpec("textquote", simplify_repl="“%(1)s”"),
        *(MacroTextSpec(name, simplify_repl="") for name in ("parencite", "footcite", "cite")),
    ])
    return LatexNodes2Text(latex_context=context).nodelist_to_text(nodes)  # type: ignore[arg-type]


_CITES = ("parencite", "footcite", "cite")


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.tex")), ids=lambda p: p.name)
def test_latex_parses_and_reads_as_the_quotation(path: Path) -> None:
    """pylatexenc parses the LaTeX strictly; the quotation read as text is the JSON output's
    ``quotation`` (marks compared by position, not shape: csquotes chooses them), and exactly
    one biblatex citation names the record."""
    nodes = _latex_parse(filled(path))
    first = nodes[0]
    block = getattr(first, "environmentname", None) == "displayquote"
    body = first.nodelist if block else [first]  # type: ignore[attr-defined]
    cites = [n for n in (*nodes[:3], *body) if getattr(n, "macroname", None) in _CITES]
    assert len(cites) == 1
    assert cites[0].nodeargd.argnlist[1].latex_verbatim() == "{" + SEED_ID + "}"  # type: ignore[attr-defined]
    words = re.sub(r"\s+", " ", _latex_text(body)).strip()
    words = re.sub(r" \.$", ".", words).translate(_MARKS)  # IEEE: "talks [1, Para. 15]."
    data = json.loads(filled(path.with_suffix(".json")))
    expected = re.sub(r"\s+", " ", data["quotation"]).translate(_MARKS)
    if block:
        words, expected = words.rstrip("."), expected.rstrip(".")
    assert words == expected


def test_latex_hostile_text_round_trips_through_a_latex_parser() -> None:
    out = write_latex(quote_ref(_hostile_record(), "hostile#p1", "apa"), False, None)
    nodes = _latex_parse(out)
    assert getattr(nodes[0], "macroname", None) == "textquote"
    # pylatexenc writes \textasciicircum as U+02C6; LaTeX prints a circumflex accent
    words = _latex_text(nodes[:1]).replace("\u02c6", "^").translate(_MARKS)
    # the final period moved after the citation (APA); every special character survives
    assert words == f'"{HOSTILE_TEXT[:-1]}"'.translate(_MARKS)
