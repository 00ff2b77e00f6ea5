"""Records are valid against the official TEI P5 schema (tei_all 4.3.0 in ../shared/tei/).

Loading tei_all takes about 8 s, so it is compiled once per test run and the tests that use it
are marked slow. Where a checkout lacks ../shared, these tests fail and say so: they never pass
silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from lxml import etree

from transcite.compare.revise import revise_record
from transcite.compare.sources import read_capture
from transcite.core.model import Record
from transcite.storage.tei import record_from_bytes, record_to_bytes

from conftest import DATA, ROOT, SEED_ID, SHARED
from test_tei_roundtrip import records

TEI_ALL = SHARED / "tei" / "tei_all-4.3.0.rng"


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    if not TEI_ALL.is_file():
        pytest.fail(
            f"official TEI schema not found at {TEI_ALL}: put the project's shared/ folder "
            "beside the checkout (CI always has it) to check records against TEI P5"
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.RelaxNG(etree.parse(str(TEI_ALL), parser))


def _check(schema: etree.RelaxNG, data: bytes, where: str) -> None:
    doc = etree.fromstring(data)
    assert schema.validate(doc), f"{where}: {schema.error_log.last_error}"


@pytest.mark.slow
def test_committed_records_are_valid_tei(tei_all: etree.RelaxNG) -> None:
    paths = sorted((ROOT / "texts").glob("*.xml"))
    assert paths, "no committed records in texts/"
    for path in paths:
        _check(tei_all, path.read_bytes(), str(path.relative_to(ROOT)))


@pytest.mark.slow
@given(record=records())
def test_any_written_record_is_valid_tei(tei_all: etree.RelaxNG, record: Record) -> None:
    _check(tei_all, record_to_bytes(record), record.id)


@pytest.mark.slow
def test_a_revised_record_is_valid_tei(tei_all: etree.RelaxNG) -> None:
    """editionStmt, revisionDesc and the earlier version in back/div[@type="version"]."""
    seed = record_from_bytes((ROOT / "texts" / f"{SEED_ID}.xml").read_bytes(), "seed")
    capture = read_capture(DATA / "kartsev-islamists-corrected.txt", SEED_ID)
    revised = revise_record(seed, capture, "corrected.txt", "2026-12-01").record
    _check(tei_all, record_to_bytes(revised), "revised seed")


def test_hostile_folder_is_not_empty() -> None:
    assert len(list(Path(__file__).parent.parent.joinpath("hostile").iterdir())) >= 10


@pytest.mark.slow
def test_records_from_web_pages_are_valid_tei(tei_all: etree.RelaxNG) -> None:
    from transcite.ingest.readers import IngestOptions, get_reader

    pages = sorted((ROOT / "tests" / "data" / "html").glob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        options = IngestOptions(
            id=page.stem, fetched=("https://example.org/a", "https://example.org/b"),
            fetched_on="2026-12-01",
        )
        record = get_reader("html").read(page.read_bytes(), options).record
        assert record.provenance, page.name
        _check(tei_all, record_to_bytes(record), page.name)
