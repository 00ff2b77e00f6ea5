"""``transcite check`` on manuscripts written for the tests.

Every expected finding below was written by hand from the records' text (the seed,
texts/kartsev-islamists.xml, and tests/data/check/harbour-capture.txt): which paragraph and
sentence hold the quoted words, what word was changed, the paragraph a pinpoint must give,
the record's date. Nothing was copied from the tool's output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from check.check_data import CHECK, add_second_record
from click.testing import Result

from transcite.check import check_manuscript, read_manuscript
from transcite.storage.corpus import Corpus

Run = Callable[..., Result]


@pytest.fixture
def run(run: Run, corpus: Corpus) -> Run:
    """Every test here runs on both corpus backends: ``run`` works on the ``corpus`` fixture
    (the folder, or a PostgreSQL database holding the same records)."""
    return run


@pytest.fixture
def check_texts(texts: Path, run: Run) -> Path:
    return add_second_record(texts, run)

K = "kartsev-islamists"
S = "sepp-harbour"

#: (line, code, ref) of draft.md, in order; see the comments for why
DRAFT_MD = [
    (3, "exact", f"{K}#p1:s3"),          # p1's third sentence, word for word
    (5, "marked", f"{K}#p5:s1"),         # "[m]any": the first letter's case, marked
    (7, "exact", f"{K}#p7:s1"),          # straight from p7
    (9, "altered", f"{K}#p7:s1"),        # "weaker" for "stronger"
    (11, "altered", f"{K}#p9:s1"),       # "final" for "preliminary"
    (13, "marked", f"{K}#p14:s2"),       # "…" stands for “fewer than five people”
    (13, "wrong-pinpoint", None),        # the words are in paragraph 14, cited as 13
    (13, "wrong-year", None),            # the seed has no date: n.d., not 2019
    (15, "marked", f"{S}#p2"),           # "the city council": record has "The"
    (17, "wrong-source", f"{S}#p5:s2"),  # the chair's words, cited to Kartsev
    (19, "exact", f"{S}#p2"),            # pandoc [@sepp-harbour, para. 2]; ’ for '
    (21, "not-found", None),             # in no record
    (25, "exact", f"{S}#p3"),            # block quotation, first clause of p3
    (27, "altered", f"{S}#p4"),          # "two hours" for "three hours"
    (27, "uncited", f"{S}#p4"),          # no citation after the block quotation
    (29, "exact", f"{K}#p16:s1"),
    (29, "no-pinpoint", None),           # APA: "(Kartsev, n.d.)" lacks "para. 16"
    (29, "unbalanced-quote", None),      # "An unclosed “ mark here."
    (35, "translator-missing", S),       # Sepp's entry leaves out Jonas Whitfield
]

DRAFT_TXT = [
    (1, "exact", f"{K}#p1:s3"),
    (3, "exact", f"{S}#p5:s2"),          # «…» guillemets
    (3, "wrong-pinpoint", None),         # paragraph 5, cited as 3
    (5, "exact", f"{K}#p9:s1"),          # an indented block quotation
    (7, "unbalanced-quote", None),       # the first „ never closes …
    (7, "exact", f"{S}#p1"),             # … and does not swallow the next „…“
]

DRAFT_HTML = [
    (6, "marked", f"{K}#p10:s1"),        # <q>: "the Kremlin" for "The Kremlin"
    (7, "marked", f"{S}#p3"),            # <blockquote> ending in […]
    (8, "altered", f"{K}#p11:s4"),       # »…«: "lift" for "cancel"
]


#: raw HTML in Markdown (raw-html.md), read as HTML
DRAFT_RAW_HTML = [
    (3, "marked", f"{K}#p5:s1"),         # <q>…</q>: "many" for "Many"
    (5, "exact", f"{K}#p1:s2"),          # a <q> inside a <q>: “deal of the century”
    (8, "exact", f"{S}#p3"),             # an HTML block's <blockquote><p>, cited in the <p> after
    (15, "altered", f"{S}#p4"),          # Markdown inside a raw <blockquote>: "two" hours
    (19, "exact", f"{S}#p5:s2"),         # <em> inside the quotation is no word
    (19, "wrong-pinpoint", None),        # the chair's words are in paragraph 5, cited as 4
]


def _findings(result: Result) -> list[tuple[int, str, str | None]]:
    data = json.loads(result.stdout)
    return [(f["line"], f["code"], f["ref"]) for f in data["findings"]]


@pytest.mark.parametrize(("name", "expected"), [
    ("draft.md", DRAFT_MD), ("draft.txt", DRAFT_TXT), ("draft.html", DRAFT_HTML),
    ("raw-html.md", DRAFT_RAW_HTML),
])
def test_every_finding_of_the_test_manuscripts(
    check_texts: Path, run: Run, name: str, expected: list[tuple[int, str, str | None]]
) -> None:
    result = run("check", str(CHECK / name), "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    assert _findings(result) == expected


def test_columns_point_at_the_first_quoted_character(check_texts: Path, run: Run) -> None:
    result = run("check", str(CHECK / "draft.md"), "--format", "json")
    places = {(f["line"], f["code"]): f["column"] for f in json.loads(result.stdout)["findings"]}
    lines = (CHECK / "draft.md").read_text(encoding="utf-8").split("\n")
    # line 3: the quotation begins after the straight quote that follows "Washington "
    assert lines[2][places[(3, "exact")] - 2 : places[(3, "exact")] + 4] == '"have '
    assert lines[28][places[(29, "unbalanced-quote")] - 1] == "“"
    assert places[(25, "exact")] == 3  # after "> "


def test_columns_in_raw_html_are_those_of_the_file(check_texts: Path, run: Run) -> None:
    """Raw tags left out of the words or replaced by a mark do not shift the columns."""
    result = run("check", str(CHECK / "raw-html.md"), "--format", "json")
    lines = (CHECK / "raw-html.md").read_text(encoding="utf-8").split("\n")
    starts = {(f["line"], f["code"]): f["column"] for f in json.loads(result.stdout)["findings"]}
    assert lines[2][starts[(3, "marked")] - 1 :].startswith("many experts")
    assert lines[4][starts[(5, "exact")] - 1 :].startswith("rumors that")
    assert lines[7][starts[(8, "exact")] - 1 :].startswith("Shopkeepers")
    assert lines[18][starts[(19, "exact")] - 1 :].startswith("We are <em>")


def test_text_output_one_finding_a_line(check_texts: Path, run: Run) -> None:
    result = run("check", str(CHECK / "draft.txt"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    name = str(CHECK / "draft.txt")
    assert lines[0] == f"{name}:1:46: exact {K}#p1:s3: word for word as the record"
    assert lines[2] == (f"{name}:3:25: wrong-pinpoint: the words are in paragraph 5, not 3; "
                        "cite it as (Sepp, 2021, para. 5)")
    assert lines[4].startswith(f"{name}:7:12: unbalanced-quote: the opening „ ")
    assert lines[-1] == "4 quotations checked (4 exact); 1 error, 1 warning"


def test_altered_shows_the_word_diff(check_texts: Path, run: Run) -> None:
    data = json.loads(run("check", str(CHECK / "draft.md"), "--format", "json").stdout)
    altered = [q for q in data["quotations"] if q["verdict"] == "altered"]
    changed = [[(op, t.strip()) for op, t in q["diff"] if op != "equal"] for q in altered]
    assert changed == [
        [("delete", "weaker"), ("insert", "stronger")],
        [("delete", "final"), ("insert", "preliminary")],
        [("delete", "two"), ("insert", "three")],
    ]


def test_marked_changes_are_listed(check_texts: Path, run: Run) -> None:
    data = json.loads(run("check", str(CHECK / "draft.md"), "--format", "json").stdout)
    marked = {q["line"]: q["changes"] for q in data["quotations"] if q["verdict"] == "marked"}
    assert marked[5] == ["[m]: a letter's case changed"]
    assert marked[13] == ["omission marked by '…'"]
    assert marked[15] == ["the first letter's case changed"]


def test_json_contract(check_texts: Path, run: Run) -> None:
    data = json.loads(run("check", str(CHECK / "draft.md"), "--format", "json").stdout)
    assert set(data) == {"version", "manuscript", "format", "style", "quotations", "findings",
                         "summary"}
    assert (data["version"], data["format"], data["style"]) == (1, "markdown", "apa")
    first = data["quotations"][0]
    assert set(first) == {"id", "file", "line", "column", "kind", "text", "verdict", "ref",
                          "record", "score", "source", "changes", "diff", "citation",
                          "cited_records", "suggested_citation"}
    assert first["citation"] == {"text": "Kartsev, n.d., para. 1", "key": None,
                                 "names": ["Kartsev"], "year": "n.d.", "pinpoint": "para",
                                 "numbers": [1]}
    assert first["source"] == ("have taken part in a lively contest to assert their influence "
                               "in Middle Eastern conflicts")
    assert first["suggested_citation"] == "(Kartsev, n.d., para. 1)"
    wrong = next(q for q in data["quotations"] if q["verdict"] == "wrong-source")
    assert (wrong["cited_records"], wrong["suggested_citation"]) == (
        [K], "(Sepp, 2021, para. 5)")
    assert data["summary"] == {
        "verdicts": {"exact": 5, "marked": 3, "altered": 3, "not-found": 1, "wrong-source": 1},
        "errors": 8, "warnings": 3,
    }


def test_a_clean_manuscript_exits_0(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "clean.md"
    draft.write_text(
        "Kartsev writes that the negotiations “took place amid rumors that the White House is "
        "preparing a ‘deal of the century’ to resolve the Israeli-Palestinian conflict” "
        "(Kartsev, n.d., para. 1).\n", encoding="utf-8")
    result = run("check", str(draft))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0].endswith(f"exact {K}#p1:s2: word for word as the record")


def test_strict_fails_on_warnings(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "warn.md"
    draft.write_text("“The negotiations ultimately took place that November” (Kartsev, n.d.).\n",
                     encoding="utf-8")
    assert run("check", str(draft)).exit_code == 0
    strict = run("check", str(draft), "--strict")
    assert strict.exit_code == 1
    assert "no-pinpoint" in strict.stdout


def test_short_quotations_only_when_they_match_or_all(check_texts: Path, run: Run) -> None:
    plain = json.loads(run("check", str(CHECK / "draft.md"), "--format", "json").stdout)
    assert "storm in a teacup" not in [q["text"] for q in plain["quotations"]]
    everything = json.loads(
        run("check", str(CHECK / "draft.md"), "--format", "json", "--all").stdout)
    teacup = [q for q in everything["quotations"] if q["text"] == "storm in a teacup"]
    assert [q["verdict"] for q in teacup] == ["not-found"]


def test_stdin(check_texts: Path, run: Run) -> None:
    text = (CHECK / "draft.md").read_bytes()
    result = run("check", "-", "--input-format", "markdown", "--format", "json", input=text)
    assert _findings(result) == DRAFT_MD


def test_mla_does_not_count_paragraphs(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "mla.md"
    draft.write_text("“The negotiations ultimately took place that November” "
                     "(Kartsev, para. 4).\n", encoding="utf-8")
    result = run("check", str(draft), "--style", "mla", "--format", "json")
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["exact", "paragraph-count"]


def test_library_api(check_texts: Path, corpus: Corpus) -> None:
    manuscript = read_manuscript((CHECK / "draft.txt").read_bytes(), "draft.txt")
    report = check_manuscript(corpus, manuscript)
    assert [c.verdict.verdict for c in report.quotations] == ["exact"] * 4
    assert report.failed() and report.failed(strict=True)


def test_unmarked_reuse_with_reuse(check_texts: Path, run: Run, tmp_path: Path) -> None:
    """p7's first sentence and the start of its second, 27 words, without quotation marks."""
    draft = tmp_path / "reuse.md"
    draft.write_text(
        "As many have noted, the American contingent in Afghanistan is much stronger than its "
        "counterpart in Syria: it includes 14,000 troops to the Syrian force’s 2,000. The "
        "American military’s influence in Afghanistan is large.\n\nNothing else here is "
        "taken from anywhere at all, and this paragraph is long enough to be looked up twice "
        "by the reuse search.\n", encoding="utf-8")
    assert run("check", str(draft)).exit_code == 0  # without --reuse: no quotation, no error
    result = run("check", str(draft), "--reuse", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["code"], f["ref"].split(":")[0]) for f in findings] == [
        (1, "unmarked-reuse", f"{K}#p7")]
    assert findings[0]["message"].endswith("quote and cite them as (Kartsev, n.d., para. 7)")


def test_a_footnote_is_the_citation(check_texts: Path, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "notes.md"
    draft.write_text(
        "Kartsev notes that “Moscow and Washington have taken part in a lively contest to "
        "assert their influence in Middle Eastern conflicts.”[^1]\n\n"
        "[^1]: Kartsev, n.d., para. 2.\n", encoding="utf-8")
    result = run("check", str(draft), "--format", "json")
    data = json.loads(result.stdout)
    assert data["quotations"][0]["citation"]["text"] == "Kartsev, n.d., para. 2."
    # the words are in paragraph 1 (its third sentence), not 2
    assert [(f["code"], f["ref"]) for f in data["findings"]] == [
        ("exact", f"{K}#p1:s3"), ("wrong-pinpoint", None)]
