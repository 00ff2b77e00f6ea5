"""``transcite export``: each format read back by a real parser of that format.

BibTeX and BibLaTeX by bibtexparser 2 (with pylatexenc decoding LaTeX), RIS by rispy, CSL-JSON
by citeproc-py's CSL-JSON reader; the CSL-JSON is also what citeproc-js renders for the
oracle (tests/cite/test_cite_oracle.py, tests/cite/styles/). Hypothesis writes records with
hostile titles and names and checks that every credit comes back unchanged.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc.source.json import CiteProcJSON
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.model import Original, Person, Record
from transcite.exports import export

from latex_text import DECODER
from variants import variants

Run = Callable[..., Result]
VARIANTS = variants()


def read_bib(text: str) -> dict[str, Any]:
    library = bibtexparser.parse_string(text, append_middleware=[
        LatexDecodingMiddleware(decoder=DECODER), SeparateCoAuthors(), SplitNameParts(),
    ])
    assert library.failed_blocks == []
    [entry] = library.entries
    fields: dict[str, Any] = {f.key: f.value for f in entry.fields}
    return {"type": entry.entry_type, "key": entry.key, **fields}


def names(parts: list[Any]) -> list[tuple[str, str]]:
    return [(" ".join(p.first), " ".join(p.von + p.last)) for p in parts]


def people(record: Record, role: str) -> list[tuple[str, str]]:
    return [(p.given, p.family) for p in getattr(record, role)]


def test_biblatex_carries_translator_and_original_language() -> None:
    entry = read_bib(export([VARIANTS["original-earlier"]], "biblatex"))
    assert entry["type"] == "article" and entry["key"] == "kartsev-islamists"
    assert entry["entrysubtype"] == "newspaper"
    assert names(entry["author"]) == [("Dmitry", "Kartsev")]
    assert names(entry["translator"]) == [("Hilah", "Kohen")]
    assert entry["title"] == (
        "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck"
    )
    assert (entry["journaltitle"], entry["date"], entry["origdate"]) == (
        "Meduza", "2019-01-02", "2018-12-30"
    )
    assert (entry["langid"], entry["origlanguage"]) == ("english", "russian")
    assert entry["origtitle"].startswith("Россия и США")


def test_bibtex_credits_the_translator_in_the_note() -> None:
    entry = read_bib(export([VARIANTS["dated"]], "bibtex"))
    assert entry["type"] == "misc"
    assert entry["note"] == "Translated from the Russian by Hilah Kohen"
    assert (entry["year"], entry["month"], entry["howpublished"]) == ("2019", "feb", "Meduza")


def test_ris_has_translator_in_a4_and_crlf_lines() -> None:
    text = export([VARIANTS["accessed"]], "ris")
    assert text.endswith("ER  - \r\n") and "\n" not in text.replace("\r\n", "")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == "NEWS"
    assert entry["authors"] == ["Kartsev, Dmitry"]
    assert entry["subsidiary_authors"] == ["Kohen, Hilah"]  # A4, the translator
    assert entry["secondary_title"] == "Meduza"
    assert entry["access_date"] == "2026/11/20/"
    assert "date" not in entry and "year" not in entry  # unknown: left out, never invented


def test_csl_json_carries_translator_original_and_url() -> None:
    [item] = json.loads(export([VARIANTS["original"]], "csl-json"))
    reference = CiteProcJSON([item])["kartsev-islamists"]
    assert reference["translator"] == [{"family": "Kohen", "given": "Hilah"}]
    assert item["original-title"].startswith("Россия и США")
    assert item["original-date"] == {"date-parts": [[2019, 2, 12]]}
    assert item["URL"].startswith("https://meduza.io/en/slides/")
    assert item["issued"] == {"date-parts": [[2019, 2, 12]]}


def test_unknown_date_is_left_out_of_every_format() -> None:
    seed = VARIANTS["seed"]
    assert "issued" not in json.loads(export([seed], "csl-json"))[0]
    for fmt, field in (("bibtex", "year"), ("biblatex", "date")):
        assert field not in read_bib(export([seed], fmt))


# --- Hypothesis: what is written is what is read back -------------------------------------

_CHARS = st.sampled_from(list("abcXYZ &%$#_{}~^\\.,:;'\"“”’–éЖ-"))
_LETTER = st.sampled_from(list("abcXYZéЖ"))
#: text as records store it: white space folded, no final period on a title
FIELD = st.builds(
    lambda head, rest: " ".join((head + rest).split()).rstrip(". ") or head,
    _LETTER, st.text(_CHARS, max_size=23),
)
WORD = st.builds(
    lambda a, middle, b: a + middle + b, _LETTER, st.text(st.sampled_from(list("abxyé'-"))), _LETTER
)
# builds() draws every field of a NamedTuple, those with defaults too: name the defaults
PERSON = st.builds(Person, WORD, WORD, suffix=st.just(""), organisation=st.just(False))


@st.composite
def records(draw: st.DrawFn) -> Record:
    return VARIANTS["seed"]._replace(
        title=draw(FIELD),
        authors=tuple(draw(st.lists(PERSON, min_size=1, max_size=3))),
        translators=tuple(draw(st.lists(PERSON, min_size=1, max_size=2))),
        publisher=draw(FIELD),
        published=draw(st.sampled_from([None, "2019", "2019-02", "2019-02-12"])),
        original=Original("ru"),
    )


@given(record=records())
def test_biblatex_round_trip(record: Record) -> None:
    entry = read_bib(export([record], "biblatex"))
    assert entry["title"] == record.title
    assert entry["journaltitle"] == record.publisher
    assert names(entry["author"]) == people(record, "authors")
    assert names(entry["translator"]) == people(record, "translators")
    assert entry.get("date") == record.published


@given(record=records())
def test_bibtex_round_trip(record: Record) -> None:
    entry = read_bib(export([record], "bibtex"))
    assert entry["title"] == record.title
    assert entry["howpublished"] == record.publisher
    assert names(entry["author"]) == people(record, "authors")
    # the note is English prose, not a BibTeX name list: "A and B", "A, B, and C" (CMOS 17 6.19)
    names_ = [p.full_name for p in record.translators]
    translators = " and ".join(names_) if len(names_) <= 2 else (
        ", ".join(names_[:-1]) + ", and " + names_[-1]
    )
    assert entry["note"] == f"Translated from the Russian by {translators}"


@given(record=records())
def test_ris_round_trip(record: Record) -> None:
    [entry] = rispy.loads(export([record], "ris"))
    assert entry["title"] == record.title
    assert entry["secondary_title"] == record.publisher
    assert entry["authors"] == [f"{p.family}, {p.given}" for p in record.authors]
    assert entry["subsidiary_authors"] == [f"{p.family}, {p.given}" for p in record.translators]


@given(record=records())
def test_csl_json_round_trip(record: Record) -> None:
    [item] = json.loads(export([record], "csl-json"))
    reference = CiteProcJSON([item])[record.id]
    assert str(reference["title"]) == record.title
    assert item["author"] == [{"family": p.family, "given": p.given} for p in record.authors]
    assert item["translator"] == [
        {"family": p.family, "given": p.given} for p in record.translators
    ]


# --- the command ----------------------------------------------------------------------------

def test_export_command_writes_stdout(run: Run) -> None:
    result = run("export", "kartsev-islamists", "--to", "ris")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout_bytes.startswith(b"TY  - NEWS\r\nID  - kartsev-islamists\r\n")


def test_export_all_to_a_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "library.json"
    result = run("export", "--all", "--to", "csl-json", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert [i["id"] for i in json.loads(out.read_text(encoding="utf-8"))] == ["kartsev-islamists"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kartsev-islamists", "--to", "bib"],
         "Error: unknown export format 'bib'; choose one of: biblatex, bibtex, csl-json, ris\n"),
        (["--to", "bibtex"], "Error: name at least one record ID, or pass --all\n"),
        (["nope", "--to", "ris"], None),
    ],
)
def test_export_usage_errors(run: Run, args: list[str], message: str | None) -> None:
    result = run("export", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    if message is None:
        assert result.stderr.startswith("Error: no record 'nope' in ")
        assert result.stderr.count("\n") == 1
    else:
        assert result.stderr == message


def test_export_to_an_unwritable_path_is_one_line_and_writes_nothing(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "library.ris"
    result = run("export", "kartsev-islamists", "--to", "ris", "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: -o {out}: cannot write: No such file or directory\n"
    assert not out.parent.exists()


def test_export_replaces_a_file_whole(run: Run, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "library.bib"
    out.write_text("old entries\n", encoding="utf-8")
    result = run("export", "kartsev-islamists", "--to", "bibtex", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8").startswith("@misc{kartsev-islamists,\n")
    assert [p.name for p in out.parent.iterdir()] == ["library.bib"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_an_id_named_twice_is_exported_once(run: Run) -> None:
    # a repeated key is an error for BibTeX ("Repeated entry") and biber; one entry per record
    result = run("export", "kartsev-islamists", "kartsev-islamists", "--to", "bibtex")
    assert result.exit_code == 0
    library = bibtexparser.parse_string(result.stdout)
    assert [e.key for e in library.entries] == ["kartsev-islamists"]
    assert library.failed_blocks == []


def test_export_all_of_an_empty_corpus_says_so(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("export", "--all", "--to", "ris", "--texts", str(empty))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: --all: no records in {empty}\n"


# --- issue 15: exports keep prose, quotation and case rules -------------------------------

def test_several_translators_read_as_prose_in_bibtex_note_and_ris_n1() -> None:
    """"A and B and C" is BibTeX's name separator leaking into prose; English writes a series
    with commas and a final "and" (CMOS 17 6.19, serial comma)."""
    record = VARIANTS["three-translators"]
    expected = "Translated from the Russian by Hilah Kohen, Anna Petrova, and Ivan Sidorov"
    assert read_bib(export([record], "bibtex"))["note"] == expected
    [entry] = rispy.loads(export([record], "ris"))
    assert entry["notes"] == [expected]


def test_biblatex_title_braces_only_capitalised_words_and_quotes_with_mkbibquote() -> None:
    text = export([VARIANTS["quoted-title"]], "biblatex")
    assert (
        r"title        = {\mkbibquote{{Deal} of the century} is an old promise, {Lavrov} says},"
        in text
    )
    assert read_bib(text)["title"] == "“Deal of the century” is an old promise, Lavrov says"


def test_name_forms_in_every_export() -> None:
    """A particle is BibTeX's "von" part, a suffix its "Jr" part ("von Last, Jr, First"), an
    organisation is braced whole; CSL-JSON has a variable for each; RIS writes
    "Last, First, Suffix" (the RIS specification)."""
    particle, suffix, org = VARIANTS["particle"], VARIANTS["suffix"], VARIANTS["organisation"]
    assert "author       = {van der Berg, Jan}," in export([particle], "biblatex")
    assert "author       = {King, Jr., Martin Luther and Petrova, Anna}," in export(
        [suffix], "biblatex"
    )
    assert "author       = {{Reuters}}," in export([org], "biblatex")
    [item] = json.loads(export([particle], "csl-json"))
    assert item["author"] == [
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
    ]
    [item] = json.loads(export([suffix], "csl-json"))
    assert item["author"][0] == {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    [item] = json.loads(export([org], "csl-json"))
    assert item["author"] == [{"literal": "Reuters"}]
    [entry] = rispy.loads(export([suffix], "ris"))
    assert entry["authors"] == ["King, Martin Luther, Jr.", "Petrova, Anna"]
    entry = read_bib(export([suffix], "bibtex"))
    assert [(" ".join(p.first), " ".join(p.last), " ".join(p.jr)) for p in entry["author"]] == [
        ("Martin Luther", "King", "Jr."), ("Anna", "Petrova", ""),
    ]
