"""Write -> read of a record is lossless (Hypothesis), and what cannot be stored is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.errors import DataError, UsageError
from transcite.core.model import (
    ORIGINS,
    Block,
    Credit,
    CreditPart,
    Figure,
    Furniture,
    Label,
    Original,
    Paragraph,
    Person,
    Record,
    Revision,
    Version,
)
from transcite.storage.corpus import check_id
from transcite.storage.tei import record_from_bytes, record_to_bytes

# Every character XML 1.0 can carry: no C0 controls but tab/LF/CR, no surrogates, no U+FFFE/F.
xml_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if c not in (9, 10, 13)]
    + ["\ufffe", "\uffff"],
)
text = st.text(xml_chars, max_size=40)
nonblank = st.text(xml_chars, min_size=1, max_size=20).filter(lambda s: s.strip() != "")
name = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)
dates = st.builds(
    lambda y, m, d, k: f"{y:04d}" + (f"-{m:02d}" if k > 0 else "") + (f"-{d:02d}" if k > 1 else ""),
    st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)
urls = st.builds(
    lambda s: f"https://example.org/{s}", st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True)
)
#: @corresp: one or more URIs separated by single spaces
pointers = st.lists(urls, min_size=1, max_size=3).map(" ".join)
#: a surname, sometimes opened by a particle ("van der Berg": TEI nameLink + surname)
families = st.builds(
    lambda particle, family: f"{particle} {family}" if particle else family,
    st.sampled_from(["", "", "van der", "de", "von"]), name,
)
persons = st.one_of(
    st.builds(Person, st.one_of(st.just(""), name), families,  # organisation named: builds()
              suffix=st.sampled_from(["", "", "Jr.", "III"]),  # draws every NamedTuple field
              organisation=st.just(False)),
    st.builds(lambda n: Person("", n, organisation=True), name),  # TEI orgName
)
roles = st.sampled_from(["creator", "agency", "distributor"])
separators = st.sampled_from([" / ", "/", " /", "; ", " via "])


@st.composite
def credits(draw: st.DrawFn) -> Credit:
    parts = draw(st.lists(st.tuples(name, roles), min_size=1, max_size=4))
    seps = draw(st.lists(separators, min_size=len(parts) + 1, max_size=len(parts) + 1))
    seps[0] = draw(st.sampled_from(["", "(", "© "]))
    seps[-1] = draw(st.sampled_from(["", ")", " /"]))
    line = seps[0] + "".join(p + s for (p, _), s in zip(parts, seps[1:], strict=True))
    return Credit(line, tuple(CreditPart(n, r) for n, r in parts))  # type: ignore[arg-type]


@st.composite
def block_lists(draw: st.DrawFn) -> tuple[Block, ...]:
    kinds = draw(st.lists(st.sampled_from("PPPFL"), min_size=1, max_size=12))
    section, blocks, counts = 1, [], {"P": 0, "F": 0, "L": 0}
    for kind in kinds:
        section += draw(st.integers(0, 1))
        counts[kind] += 1
        i = counts[kind]
        block: Block
        if kind == "P":
            block = Paragraph(f"p{i}", i, draw(text), section,
                              corresp=draw(st.one_of(st.none(), pointers)))
        elif kind == "F":
            block = Figure(f"fig{i}", draw(text), draw(st.one_of(st.none(), credits())), section,
                           graphic_url=draw(st.one_of(st.none(), urls)))
        else:
            block = Label(f"lbl{i}", draw(text), section)
        blocks.append(block)
    return tuple(blocks)


@st.composite
def histories(draw: st.DrawFn) -> tuple[tuple[Revision, ...], tuple[Version, ...]]:
    """Nothing (never revised), or every version's entry and every earlier version's blocks."""
    earlier = draw(st.integers(0, 2))
    if earlier == 0 and draw(st.booleans()):
        return (), ()
    revisions = tuple(
        Revision(n, draw(st.one_of(st.none(), dates)), draw(text)) for n in range(1, earlier + 2)
    )
    return revisions, tuple(Version(n, draw(block_lists())) for n in range(1, earlier + 1))


@st.composite
def records(draw: st.DrawFn) -> Record:
    blocks = draw(block_lists())
    revisions, earlier = draw(histories())
    original = draw(st.one_of(st.none(), st.builds(
        Original, st.one_of(st.none(), st.sampled_from(["ru", "uk", "fr", "zh-Hant"])),
        st.one_of(st.none(), text), st.one_of(st.none(), urls), st.one_of(st.none(), dates),
        st.one_of(st.none(), nonblank), st.one_of(st.none(), nonblank),
    )))
    return Record(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
        title=draw(text),
        language=draw(st.one_of(st.none(), st.sampled_from(["en", "en-GB", "de"]))),
        publisher=draw(st.one_of(st.none(), nonblank)),
        url=draw(st.one_of(st.none(), urls)),
        published=draw(st.one_of(st.none(), dates)),
        accessed=draw(st.one_of(st.none(), dates)),
        authors=tuple(draw(st.lists(persons, max_size=3))),
        translators=tuple(draw(st.lists(persons, max_size=3))),
        original=original,
        blocks=blocks,
        furniture=tuple(draw(st.lists(st.builds(Furniture, text, text), max_size=3))),
        modified=draw(st.one_of(st.none(), dates)),
        provenance=tuple(draw(st.lists(st.tuples(nonblank, st.sampled_from(sorted(ORIGINS))),
                                       max_size=4))),
        fetched=tuple(draw(st.lists(urls, max_size=3))),
        revisions=revisions,
        earlier=earlier,
        title_transliteration=draw(st.one_of(st.none(), nonblank)),
        title_translation=draw(st.one_of(st.none(), nonblank)),
    )


def usable_id(record: Record) -> bool:
    """Ids a corpus reads back (:func:`records` also makes ids ending in a dot)."""
    try:
        check_id(record.id)
    except UsageError:
        return False
    return True


@given(records())
def test_write_then_read_is_lossless(record: Record) -> None:
    data = record_to_bytes(record)
    assert record_from_bytes(data, "<test>") == record


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\ud800", "\ufffe"])
def test_text_xml_cannot_hold_is_refused(bad: str) -> None:
    record = Record("x", "T", "en", None, None, None, None, (), (), None,
                    (Paragraph("p1", 1, f"a{bad}b"),))
    with pytest.raises(DataError, match=r"p1 contains the character U\+"):
        record_to_bytes(record)


SEED_RECORD = Path(__file__).resolve().parent.parent.parent / "texts" / "kartsev-islamists.xml"


@pytest.mark.parametrize("inserted", ["<!-- checked against the page -->", "<?editor note?>"])
def test_comment_or_pi_in_a_paragraph_keeps_its_text(inserted: str) -> None:
    """An editor's comment inside a hand-edited record must not cut the paragraph short."""
    data = SEED_RECORD.read_bytes()
    before = record_from_bytes(data, "seed")
    edited = data.replace(b"In 2016, Russian", b"In 2016," + inserted.encode() + b" Russian", 1)
    assert edited != data
    after = record_from_bytes(edited, "seed")
    assert after.paragraphs == before.paragraphs


def _with_published(when: str) -> bytes:
    data = SEED_RECORD.read_bytes()
    at = data.index(b"</publicationStmt>")
    return data[:at] + f'<date type="published" when="{when}">{when}</date>'.encode() + data[at:]


@pytest.mark.parametrize("when", ["2019-02-12", "2020-02-29", "2019-02", "2019"])
def test_a_real_date_edited_in_by_hand_is_read(when: str) -> None:
    assert record_from_bytes(_with_published(when), "seed").published == when


@pytest.mark.parametrize("when", ["2019-02-30", "2019-02-29", "2019-04-31", "2019-13", "0000"])
def test_an_impossible_date_edited_in_by_hand_is_named(when: str) -> None:
    """Citations would print "February 30": the record is refused, naming the value."""
    with pytest.raises(DataError) as info:
        record_from_bytes(_with_published(when), "seed")
    assert f"doesn't allow value '{when}'" in str(info.value)
