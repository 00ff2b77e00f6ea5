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
from transcite.core.errors import TransciteError, UsageError

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


def test_find_is_what_the_cli_prints(run: Callable[..., Result], texts: Path) -> None:
    # the words of p1's third sentence in the source text ("In the last several months,
    # Moscow and Washington have taken part in a lively contest to assert their influence …")
    query = "a lively contest to assert their influence"
    found = api.find(api.load_corpus(texts), query, limit=3, style="apa")
    assert found.hits[0].ref == f"{SEED_ID}#p1:s3"
    result = run("find", query, "--limit", "3", "--style", "apa", "--format", "json")
    assert json.loads(result.stdout) == found.to_json()


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
    for name in ("kartsev-islamists-corrected.txt", "kartsev-islamists.txt"):
        (data / name).write_bytes((ROOT / "tests" / "data" / name).read_bytes())
    monkeypatch.chdir(texts.parent)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (texts.parent / "scratch-texts" / "demo.xml").is_file()


@pytest.mark.parametrize(("capture", "options"), [
    ("kartsev-islamists.txt", ["--original-language", "ru", "--url",
                               "https://meduza.io/en/slides/x"]),
    ("html/wire-service.html", ["--published", "2024-03-05"]),
])
def test_ingest_is_what_the_cli_does(
    run: Callable[..., Result], tmp_path: Path, capture: str, options: list[str]
) -> None:
    source = str(ROOT / "tests" / "data" / capture)
    cli_texts, api_texts = tmp_path / "cli", tmp_path / "api"
    result = run("ingest", source, "--id", "new", *options, "--texts", str(cli_texts))
    assert result.exit_code == 0, result.output
    names = {"--original-language": "original_language", "--url": "url",
             "--published": "published"}
    kwargs = {names[k]: v for k, v in zip(options[::2], options[1::2], strict=True)}
    done = api.ingest(api.load_corpus(api_texts), "new", source, **kwargs)
    assert result.stdout == f"{done.path}\n".replace(str(api_texts), str(cli_texts))
    assert (cli_texts / "new.xml").read_bytes() == (api_texts / "new.xml").read_bytes()
    stderr = [f"recognised {line}" for line in done.report.recognised]
    stderr += [f"dropped ({why}): {text}" for text, why in done.report.dropped]
    stderr += [f"note: {note}" for note in done.report.notes]
    assert result.stderr.splitlines() == stderr
    # the same bytes given as data make the same record; an existing id is the CLI's line
    again = api.ingest(api.load_corpus(tmp_path / "data"), "new",
                       data=Path(source).read_bytes(), source_name=source, **kwargs)
    assert again.path.read_bytes() == (cli_texts / "new.xml").read_bytes()
    refused = run("ingest", source, "--id", "new", "--texts", str(cli_texts))
    assert refused.exit_code == 4
    with pytest.raises(TransciteError) as error:
        api.ingest(api.load_corpus(api_texts), "new", source)
    assert f"Error: {error.value.message}\n" == refused.stderr.replace(str(cli_texts),
                                                                     str(api_texts))
