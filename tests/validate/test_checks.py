"""Units of the check registry: consistency forms, agencies registry, registration."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.model import Figure, Original, Paragraph, Person, Record
from transcite.credits.agencies import load_registry, name_key
from transcite.credits.lines import parse_credit, split_caption_credit
from transcite.storage.tei import record_to_bytes
from transcite.validate.checks import Subject, all_codes, registered
from transcite.validate.checks.attribution import translator_present
from transcite.validate.checks.consistency import abbreviations_consistent
from transcite.validate.checks.photos import _slash_spacing
from transcite.validate.runner import validate_files


def _record(text: str, credit: str) -> Record:
    return Record(
        id="r", title="T", language="en", publisher="P", url="https://x.org/a",
        published="2024", accessed=None, authors=(Person("A", "B"),), translators=(),
        original=None,
        blocks=(Paragraph("p1", 1, text), Figure("fig1", "Caption", parse_credit(credit))),
    )


def _abbreviation_codes(text: str, credit: str) -> list[str | None]:
    subject = Subject("r", _record(text, credit), load_registry())
    return [f.block for f in abbreviations_consistent(subject)]


@pytest.mark.parametrize(
    ("text", "credit", "blocks"),
    [
        ("The U.S. said so.", "U.S Embassy / Reuters", ["fig1"]),
        ("The U.S. said so.", "U.S. Embassy / Reuters", []),
        ("The US said so.", "U.S Embassy / Reuters", []),  # no dotted form in the text
        ("The U.S.S.R. fell.", "U.S Embassy / Reuters", []),  # "U.S" inside "U.S.S.R."
        ("AU.S is no word.", "U.S Embassy / Reuters", []),
        ("The U.N. met.", "U.N Office / Reuters", ["fig1"]),
        ("No abbreviations here.", "Ann Lee / Reuters", []),
    ],
)
def test_abbreviation_forms(text: str, credit: str, blocks: list[str]) -> None:
    assert _abbreviation_codes(text, credit) == blocks


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("A / B / C", {"spaced"}),
        ("(AP Photo/Evan Vucci)", {"tight"}),
        ("A / B/C", {"spaced", "tight"}),
        ("A /B", {"lopsided"}),
        ("A / B /", {"spaced"}),  # a trailing slash is trailing-slash's business
    ],
)
def test_slash_spacing(line: str, kinds: set[str]) -> None:
    assert _slash_spacing(line) == kinds


def test_registry_lookup_exact_alias_and_loose() -> None:
    registry = load_registry()
    for name in ("TASS", "Reuters", "AFP", "AP", "EPA", "Getty Images", "Scanpix", "LETA",
                 "Vida Press", "Sputnik", "RIA Novosti", "Kommersant"):
        match = registry.lookup(name)
        assert match is not None and match.exact, name
    alias = registry.lookup("REUTERS")
    assert alias is not None and alias.exact and alias.agency.name == "Reuters"
    loose = registry.lookup("Ria-Novosti")
    assert loose is not None and not loose.exact and loose.agency.name == "RIA Novosti"
    assert registry.lookup("Fotobank Nord") is None
    assert registry.is_placeholder(" handout ") and not registry.is_placeholder("Hand out")


def test_user_entry_replaces_a_builtin_one(tmp_path: Path) -> None:
    extra = tmp_path / "a.toml"
    extra.write_text('[[agency]]\nname = "tass"\nkind = "distributor"\n', "utf-8")
    registry = load_registry(extra)
    match = registry.lookup("tass")
    assert match is not None and match.exact and match.agency.kind == "distributor"
    assert len(registry.agencies) == len(load_registry().agencies)


def test_every_check_is_registered_once_with_codes() -> None:
    names = [c.name for c in registered()]
    assert len(names) == len(set(names))
    assert all(c.codes for c in registered())
    assert {c.scope for c in registered()} == {"document", "record", "corpus"}
    assert [c.name for c in registered() if c.gate] == ["fits_schema"]
    assert len(all_codes()) == len(set(all_codes()))


def test_name_key_ignores_case_spaces_and_punctuation() -> None:
    assert name_key("Vida Press") == name_key("VIDA-PRESS") == "vidapress"


_CREDIT_CHARS = st.sampled_from([*"AaBb /©.(c)-", "Handout", "Pool", "TASS", "REUTERS"])


@given(st.lists(st.lists(_CREDIT_CHARS, min_size=1, max_size=12).map("".join), max_size=3))
def test_any_credit_lines_give_registered_findings_only(tmp_path_factory: pytest.TempPathFactory,
                                                        lines: list[str]) -> None:
    """Whatever the credit lines, validate reports known codes and never raises."""
    lines = [line for line in lines if line.strip()]
    blocks = [Paragraph("p1", 1, "The U.S. text.")]
    blocks += [Figure(f"fig{n}", "Caption", parse_credit(line)) for n, line in
               enumerate(lines, 1)]
    record = Record(
        id="h", title="T", language="en", publisher="P", url="https://x.org/a",
        published="2024", accessed=None, authors=(Person("A", "B"),), translators=(),
        original=None, blocks=tuple(blocks),
    )
    folder = tmp_path_factory.mktemp("h")
    (folder / "h.xml").write_bytes(record_to_bytes(record))
    report = validate_files([("h", folder / "h.xml")], load_registry())
    codes = {f.code for f in report.records[0].findings}
    assert codes <= set(all_codes())
    assert not codes & {"unreadable", "schema-invalid", "stale-fingerprint", "numbering"}


@pytest.mark.parametrize(
    ("changes", "translated"),
    [
        ({}, False),  # no original, no translator: not a translation
        ({"original": Original()}, True),  # marked as translated, nothing else known
        ({"original": Original(language="ru")}, True),
        ({"original": Original(language=None)}, True),  # marked as translated
        ({"original": Original(language="en")}, False),  # same language as the original's
        ({"provenance": (("translators", "byline"),)}, True),  # a translator line was seen
    ],
)
def test_what_counts_as_a_translation(changes: dict[str, object], translated: bool) -> None:
    record = _record("Text.", "Ann Lee / Reuters")._replace(**changes)  # type: ignore[arg-type]
    subject = Subject("r", record, load_registry())
    codes = [f.code for f in translator_present(subject)]
    assert codes == (["missing-translator"] if translated else [])
    assert record.is_translation is translated


@pytest.mark.parametrize(("caption", "tail"), [
    ("Delegates arrive at the hotel. © Reuters", "© Reuters"),
    ("Delegates arrive at the hotel. Evan Vucci via Reuters", "Evan Vucci via Reuters"),
    ("Delegates arrive at the hotel. Getty Images", "Getty Images"),
    ("Delegates arrive at the hotel. They came via Moscow", None),
])
def test_a_caption_that_ends_with_a_marked_credit_is_credit_in_caption(
    caption: str, tail: str | None
) -> None:
    """validate's credit-in-caption sees the same credit shapes the readers take."""
    assert split_caption_credit(caption)[1] == tail
