"""The library API (``transcite.api``): a script gets what the CLI prints, without touching
command modules, and the README's Library example runs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite import api
from transcite.core.errors import UsageError

from conftest import ROOT, SEED_ID


def _notes(result: Result) -> list[str]:
    return [line.removeprefix("note: ") for line in result.stderr.splitlines()]


@pytest.mark.parametrize(("ref", "style", "form", "fmt"), [
    (SEED_ID, "apa", "reference", "text"),
    (f"{SEED_ID}#p5", "mla", "in-text", "html"),
    (f"{SEED_ID}#p5-p7", "chicago-notes", "note", "latex"),
    (f"{SEED_ID}#fig1", "ieee", "in-text", "markdown"),
])
def test_cite_is_what_the_cli_prints(
    run: Callable[..., Result], texts: Path, ref: str, style: str, form: str, fmt: str
) -> None:
    citation = api.cite(api.load_corpus(texts), ref, style, form)
    result = run("cite", ref, "--style", style, "--form", form, "--format", fmt)
    assert result.stdout == citation.render(fmt) + "\n"
    assert _notes(result) == list(citation.notices)


@pytest.mark.parametrize(("ref", "style", "fmt"), [
    (f"{SEED_ID}#p16:s2", "apa", "text"),
    (f"{SEED_ID}#p14:s1,s3", "chicago-notes", "markdown"),
    (f"{SEED_ID}#fig1", "mla", "html"),
    (f"{SEED_ID}#p3", "harvard", "latex"),
    (f"{SEED_ID}#p5", "apa", "json"),
    (f"{SEED_ID}#p5", "apa", "annotation"),
])
def test_quote_is_what_the_cli_prints(
    run: Callable[..., Result], texts: Path, ref: str, style: str, fmt: str
) -> None:
    quote = api.quote(api.load_corpus(texts), ref, style)
    result = run("quote", ref, "--style", style, "--format", fmt)
    if fmt == "json":  # the CLI adds the scroll-to-text link of a record with a URL
        from transcite.quote.textfragment import excerpt_link

        link = excerpt_link(quote.quotation.excerpt)
        assert result.stdout == api.render_quote(quote, fmt, link=link) + "\n"
    else:
        assert result.stdout == api.render_quote(quote, fmt) + "\n"
    assert _notes(result) == list(quote.notices(fmt in ("json", "annotation")))


def test_compare_validate_and_export_are_what_the_cli_prints(
    run: Callable[..., Result], texts: Path
) -> None:
    corpus = api.load_corpus(texts)
    capture = str(ROOT / "tests" / "data" / "kartsev-islamists-corrected.txt")
    comparison = api.compare(corpus, SEED_ID, capture)
    cli_json = json.loads(run("compare", SEED_ID, capture, "--format", "json").stdout)
    assert comparison.to_json() == cli_json
    report = api.validate(corpus, [SEED_ID])
    assert report.to_json(False) == json.loads(
        run("validate", SEED_ID, "--format", "json").stdout
    )
    exported = run("export", SEED_ID, SEED_ID, "--to", "ris").stdout_bytes  # CRLF, as RIS wants
    assert api.export(corpus, [SEED_ID, SEED_ID], "ris").encode() == exported
    assert len(api.validate(corpus).records) == 1  # every record of the corpus


def test_a_version_ref_carries_its_notes(texts: Path) -> None:
    corpus = api.load_corpus(texts)
    with pytest.raises(UsageError, match="no version 2"):
        api.cite(corpus, f"{SEED_ID}@2#p5", "apa", "in-text")
    # unrevised, version 1 is the current text: the same citation, with no note
    assert api.cite(corpus, f"{SEED_ID}@1#p5", "apa", "in-text") == (
        api.cite(corpus, f"{SEED_ID}#p5", "apa", "in-text")
    )


def test_the_readme_library_example_runs(texts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks
    data = texts.parent / "tests" / "data"
    data.mkdir(parents=True)
    (data / "kartsev-islamists-corrected.txt").write_bytes(
        (ROOT / "tests" / "data" / "kartsev-islamists-corrected.txt").read_bytes()
    )
    monkeypatch.chdir(texts.parent)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
