"""The HTML report of ``transcite check``: well-formed, self-contained, and shown as meant in
headless Chromium (each quotation highlighted by its verdict, the source passage beside it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from check.check_data import CHECK, add_second_record
from click.testing import Result
from lxml import html

Run = Callable[..., Result]


@pytest.fixture
def report(texts: Path, run: Run, tmp_path: Path) -> Path:
    add_second_record(texts, run)
    result = run("check", str(CHECK / "draft.md"), "--format", "html")
    assert (result.exit_code, result.stderr) == (1, "")
    page = tmp_path / "report.html"
    page.write_text(result.stdout, encoding="utf-8")
    return page


def test_every_quotation_is_marked_with_its_verdict(report: Path) -> None:
    doc = html.fromstring(report.read_bytes())
    marks = doc.xpath("//article//mark")
    # the verdicts of draft.md, in order (hand-written in test_check.py)
    assert [m.get("class") for m in marks] == [
        "exact", "marked", "exact", "altered", "altered", "marked", "marked", "wrong-source",
        "exact", "not-found", "exact", "altered", "exact",
    ]
    assert marks[3].text == ("the American contingent in Afghanistan is much weaker than its "
                             "counterpart in Syria")
    side = doc.xpath("//aside/section[@id='s3']")[0]
    assert [d.text for d in side.xpath(".//del")] == ["weaker"]
    assert [i.text for i in side.xpath(".//ins")] == ["stronger"]
    assert "kartsev-islamists#p7:s1" in side.text_content()
    assert not doc.xpath("//script") and not doc.xpath("//*[@src]")
    assert "default-src 'none'" in doc.xpath("//meta[@http-equiv]/@content")[0]


def test_manuscript_text_is_escaped(texts: Path, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "x.md"
    draft.write_text("He wrote \\<script>alert(1)\\</script> “a <b & c> d, <b>not bold</b> at "
                     "all” (X, n.d.)\n", encoding="utf-8")
    out = run("check", str(draft), "--format", "html").stdout
    # the escaped tags and the text that is no tag are shown as text; a raw tag is read as
    # HTML (left out of the words)
    assert "<script>alert" not in out and "\\&lt;script&gt;alert(1)\\&lt;/script&gt;" in out
    assert "a &lt;b &amp; c&gt; d, not bold at all" in out


@pytest.mark.browser
def test_chromium_shows_the_report(report: Path, tab: Any) -> None:
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.set_viewport_size({"width": 1400, "height": 900})
    tab.goto(report.as_uri())
    colours = tab.evaluate("""() => Object.fromEntries(
        ['exact', 'marked', 'altered', 'not-found', 'wrong-source'].map(v => [v,
          getComputedStyle(document.querySelector('mark.' + v)).backgroundColor]))""")
    assert len(set(colours.values())) == 5, colours  # one colour per verdict
    layout = tab.evaluate("""() => {
        const a = document.querySelector('article').getBoundingClientRect();
        const s = document.querySelector('aside').getBoundingClientRect();
        const m = document.querySelector('mark.altered').getBoundingClientRect();
        return {articleRight: a.right, asideLeft: s.left, markWidth: m.width,
                sections: document.querySelectorAll('aside section').length};
    }""")
    assert layout["asideLeft"] >= layout["articleRight"]  # the passages beside the text
    assert layout["markWidth"] > 100
    assert layout["sections"] == 14  # 13 quotations and the other findings
    assert errors == []
