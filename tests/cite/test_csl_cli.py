"""``transcite cite --csl``, ``export --csl`` and ``styles``: exact stdout, stderr and exit code.

Expected citations are citeproc-js's (tests/oracle/csl/, the ``seed`` variant is the seed
record), never transcite's own output; hostile style files must be refused in one line before
pandoc runs.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from transcite.cite.csl import styles as csl_styles
from transcite.cite.csl.pandoc import ENV_PANDOC, ENV_TIMEOUT
from transcite.cite.csl.styles import load_style, parse_style, styles_dir
from transcite.core.errors import DataError
from transcite.storage.corpus import Corpus

from conftest import SEED_ID

Run = Callable[..., Result]
ORACLE = Path(__file__).resolve().parent.parent / "oracle" / "csl"
TEXT = json.loads((ORACLE / "citeproc-js.json").read_text(encoding="utf-8"))
HOSTILE = Path(__file__).resolve().parent.parent / "hostile" / "csl"
DROPPED = (
    "note: {style} (CSL) left out the translator of kartsev-islamists (Hilah Kohen); credit "
    "the translation in your text, or use a built-in style (transcite styles)\n"
)


@pytest.fixture(autouse=True)
def _extra_installed() -> None:
    if styles_dir() is None:
        pytest.fail("the CSL tests need transcite[csl]: make .venv/.installed-stamp")


@pytest.fixture
def spy_pandoc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 'pandoc' that only leaves a mark that it ran; returns the mark's path."""
    mark = tmp_path / "pandoc-ran"
    _script(tmp_path / "spy", f"#!/bin/sh\ntouch {mark}\nexit 1\n", monkeypatch)
    return mark


def _script(path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(ENV_PANDOC, str(path))


@pytest.mark.parametrize(
    ("style", "pin"),
    [("ieee", "p5"), ("din-1505-2", "p5-p7"), ("gost-r-7-0-5-2008-numeric", "fig1"),
     ("iso690-author-date-fr", "p5"), ("apa", "")],
)
def test_in_text_citation_equals_citeproc_js(run: Run, style: str, pin: str) -> None:
    ref = f"{SEED_ID}#{pin}" if pin else SEED_ID
    result = run("cite", ref, "--csl", style, "--form", "in-text")
    expected = TEXT[style]["citations"][f"seed#{pin}" if pin else "seed"]
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_first_note_equals_citeproc_js(run: Run) -> None:
    result = run("cite", f"{SEED_ID}#p5", "--csl", "chicago-notes-bibliography", "--form", "note")
    expected = TEXT["chicago-notes-bibliography"]["citations"]["seed#p5"]
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_a_style_that_drops_the_translator_says_so(run: Run) -> None:
    result = run("cite", SEED_ID, "--csl", "nature")
    expected = TEXT["nature"]["bibliography"]["seed"]
    assert "Kohen" not in expected  # nature.csl has no translator in its bibliography
    assert (result.exit_code, result.stdout) == (0, expected + "\n")
    assert result.stderr == DROPPED.format(style="nature")


def test_a_style_that_keeps_the_translator_says_nothing(run: Run) -> None:
    result = run("cite", SEED_ID, "--csl", "apa")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, TEXT["apa"]["bibliography"]["seed"] + "\n", ""
    )


def test_a_dependent_style_is_its_parent_with_its_own_title(run: Run) -> None:
    result = run("cite", f"{SEED_ID}#p5", "--csl", "nature-biotechnology", "--form", "in-text")
    assert (result.exit_code, result.stdout) == (0, TEXT["nature"]["citations"]["seed#p5"] + "\n")
    assert load_style("nature-biotechnology").title == "Nature Biotechnology"


def test_several_refs_are_one_document_in_one_pandoc_run(run: Run) -> None:
    result = run("cite", SEED_ID, f"{SEED_ID}#p5", "--csl", "chicago-notes-bibliography",
                 "--form", "note")
    first, second = result.stdout.splitlines()
    assert first == TEXT["chicago-notes-bibliography"]["citations"]["seed"]
    assert second.startswith("Kartsev, “Russia") and second.endswith("para. 5.")  # a short note
    assert len(second) < len(first)


def test_export_csl_is_a_reference_list(run: Run, texts: Path) -> None:
    corpus = Corpus(texts)
    seed = corpus.load(SEED_ID)
    corpus.save(seed._replace(id="second", authors=(), published="2019-02-12"))
    result = run("export", SEED_ID, "second", "--csl", "apa")
    assert result.exit_code == 0
    # sorted as APA sorts (author, or the title in the author's place); "second" is the
    # oracle's "unsigned" variant
    assert result.stdout.splitlines() == [
        TEXT["apa"]["bibliography"]["seed"], TEXT["apa"]["bibliography"]["unsigned"]
    ]
    assert result.stderr == ""


def test_html_sets_the_same_words_in_italics(run: Run) -> None:
    html = json.loads((ORACLE / "citeproc-js.html.json").read_text(encoding="utf-8"))
    result = run("cite", SEED_ID, "--csl", "chicago-notes-bibliography", "--format", "html")
    assert "<em>Meduza</em>" in result.stdout
    assert "<i>Meduza</i>" in html["chicago-notes-bibliography"]["bibliography"]["seed"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--csl", "natur"], 2,
         "unknown CSL style 'natur'; closest: nature, naturae, water (transcite styles "
         "--search WORD)"),
        (["--csl", "../apa"], 2, "--csl ../apa: cannot read: No such file or directory"),
        (["--csl", "Nature"], 2,
         "--csl 'Nature': not a CSL style id (lower-case letters, digits and hyphens) or a .csl "
         "file"),
        (["--csl", "apa", "--style", "mla"], 2, "--style and --csl: give one of them"),
        (["--csl", "chicago-notes-bibliography", "--form", "in-text"], 2,
         "chicago-notes-bibliography is a CSL note style with no in-text form; choose one of: "
         "reference, note"),
        (["--csl", "apa", "--format", "rtf"], 2,
         "unknown format 'rtf'; choose one of: html, latex, markdown, text"),
    ],
)
def test_bad_style_requests_are_one_line(
    run: Run, spy_pandoc: Path, args: list[str], code: int, message: str
) -> None:
    result = run("cite", SEED_ID, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")
    assert not spy_pandoc.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("doctype.csl", "declares a DOCTYPE or entities; a CSL style has none"),
        ("external-entity.csl", "declares a DOCTYPE or entities; a CSL style has none"),
        ("billion-laughs.csl", "declares a DOCTYPE or entities; a CSL style has none"),
        ("not-xml.csl", "not a CSL style: not well-formed XML"),
        ("not-csl.csl", "not a CSL style: the root element is <html>, not <style> in the CSL "
                        "namespace http://purl.org/net/xbiblio/csl"),
        ("no-citation.csl", "not a usable CSL style: it has no <citation> and names no "
                            "independent parent"),
    ],
)
def test_hostile_style_files_never_reach_pandoc(
    run: Run, spy_pandoc: Path, name: str, message: str
) -> None:
    path = HOSTILE / name
    result = run("cite", SEED_ID, "--csl", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(f"Error: {path}: {message}")
    assert result.stderr.count("\n") == 1
    assert not spy_pandoc.exists()


def test_a_dependent_file_whose_parent_is_not_installed(run: Run, spy_pandoc: Path) -> None:
    path = HOSTILE / "dependent-unknown-parent.csl"
    result = run("cite", SEED_ID, "--csl", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {path} is a dependent style of 'no-such-style', which is not installed "
        "(pip install 'transcite[csl]', or give the parent's .csl file)\n"
    )


def test_a_style_in_a_language_pandoc_lacks(run: Run, tmp_path: Path) -> None:
    style = styles_dir() / "din-1505-2.csl"  # type: ignore[operator]
    klingon = tmp_path / "din-tlh.csl"
    klingon.write_bytes(style.read_bytes().replace(b'default-locale="de-DE"',
                                                   b'default-locale="tlh-XX"'))
    result = run("cite", f"{SEED_ID}#p5", "--csl", str(klingon), "--form", "in-text")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        'Error: din-tlh.csl: pandoc has no locale "tlh-XX" (the style\'s language); it would '
        "print the citation in English\n"
    )


def test_pandoc_failing(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _script(tmp_path / "fails", "#!/bin/sh\necho 'pandoc: something broke' >&2\nexit 83\n",
            monkeypatch)
    result = run("cite", SEED_ID, "--csl", "apa")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", "Error: pandoc failed: pandoc: something broke\n"
    )


def test_pandoc_hanging_is_stopped(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(tmp_path / "hangs", "#!/bin/sh\nexec sleep 30\n", monkeypatch)
    monkeypatch.setenv(ENV_TIMEOUT, "0.5")
    result = run("cite", SEED_ID, "--csl", "apa")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", f"Error: pandoc took longer than 0.5 s and was stopped (${ENV_TIMEOUT} sets the "
        "limit)\n"
    )


def test_pandoc_missing(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_PANDOC, raising=False)
    monkeypatch.setattr("transcite.cite.csl.pandoc.bundled_pandoc", lambda: None)
    monkeypatch.setenv("PATH", "/nonexistent")
    result = run("cite", SEED_ID, "--csl", "apa")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: --csl needs pandoc: pip install 'transcite[csl]'\n"
    )


def test_without_the_extra_csl_says_what_to_install(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csl_styles, "styles_dir", lambda: None)
    csl_styles.style_ids.cache_clear()
    result = run("cite", SEED_ID, "--csl", "nature")
    csl_styles.style_ids.cache_clear()
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: --csl with a style id needs the CSL styles: pip install 'transcite[csl]'\n"
    )
    listing = run("styles", "--search", "apa")
    assert listing.exit_code == 0
    assert listing.stdout.endswith("CSL styles (--csl): not installed; pip install "
                                   "'transcite[csl]'\n")


def test_styles_lists_builtin_and_csl_styles(run: Run) -> None:
    result = run("styles", "--search", "lancet")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "built-in styles (--style): 0",
        "CSL styles (--csl): 4",
        "  the-lancet  The Lancet  (numeric, medicine)",
        "  the-lancet-infectious-diseases  The Lancet Infectious Diseases  (numeric, medicine; "
        "uses the-lancet)",
        "  the-lancet-neurology  The Lancet Neurology  (numeric, medicine; uses the-lancet)",
        "  the-lancet-oncology  The Lancet Oncology  (numeric, medicine; uses the-lancet)",
    ]
    data = json.loads(run("styles", "--search", "apa", "--format", "json").stdout)
    assert data["builtin"] == [{"id": "apa", "title": "APA 7", "forms": ["reference", "in-text"]}]
    # what apa.csl's <info> says, read here with XPath
    info = etree.parse(str(styles_dir() / "apa.csl")).getroot()  # type: ignore[operator]
    ns = {"c": "http://purl.org/net/xbiblio/csl"}
    assert {
        "id": "apa", "title": info.xpath("string(c:info/c:title)", namespaces=ns),
        "format": info.xpath("string(c:info/c:category/@citation-format)", namespaces=ns),
        "fields": info.xpath("c:info/c:category/@field", namespaces=ns), "parent": None,
    } in data["csl"]


@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode()))
def test_the_style_reader_refuses_anything_else_in_one_error(data: bytes) -> None:
    try:
        root = parse_style(data, "x.csl")
    except DataError as exc:
        assert "\n" not in str(exc)
    else:
        assert root.tag == "{http://purl.org/net/xbiblio/csl}style"


def test_a_long_reference_list_names_the_dropped_translators_in_one_line(
    run: Run, texts: Path
) -> None:
    corpus = Corpus(texts)
    seed = corpus.load(SEED_ID)
    for n in range(1, 7):
        corpus.save(seed._replace(id=f"copy-{n}", title=f"{seed.title} Part {n}"))
    result = run("export", "--all", "--csl", "nature")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 7
    assert result.stderr == (
        "note: nature (CSL) left out the translators of 7 records (copy-1, copy-2, copy-3, "
        "…); credit the translations in your text, or use a built-in style (transcite "
        "styles)\n"
    )
