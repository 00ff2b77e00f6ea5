"""The record of a translated text: metadata, credits and body blocks in reading order.

A :class:`Record` is plain, immutable data. Readers build it (``transcite.ingest.readers``), the TEI
module stores it (``transcite.storage.tei``) and every command works from it.

The value classes are NamedTuples, as every value class each ``transcite cite`` defines
(docs/architecture.md, "Idioms"): a NamedTuple class costs a fifth of a frozen dataclass to
create. A changed copy is ``value._replace(field=...)``.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from transcite.core.errors import DataError

#: characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF)
XML_INVALID = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"

BlockKind = Literal["paragraph", "figure", "label"]
CreditRole = Literal["creator", "agency", "distributor"]

#: the id prefix of each kind of block (``p5``, ``fig1``, ``lbl1``); each kind counts from 1
BLOCK_PREFIX: dict[BlockKind, str] = {"paragraph": "p", "figure": "fig", "label": "lbl"}
_BLOCK_ID = re.compile(r"(p|fig|lbl)([0-9]+)")
_KIND_OF_PREFIX: dict[str, BlockKind] = {prefix: kind for kind, prefix in BLOCK_PREFIX.items()}


def block_id(kind: BlockKind, n: int) -> str:
    """``block_id("figure", 2)`` -> ``fig2``."""
    return f"{BLOCK_PREFIX[kind]}{n}"


def split_block_id(value: str) -> tuple[BlockKind, int] | None:
    """``fig2`` -> ``("figure", 2)``; ``None`` for an id not of that shape."""
    match = _BLOCK_ID.fullmatch(value)
    return None if match is None else (_KIND_OF_PREFIX[match[1]], int(match[2]))


def plural(count: int, noun: str) -> str:
    """"1 label", "3 labels"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fold_whitespace(text: str) -> str:
    """Every run of white space (incl. no-break spaces) folded to one space, trimmed.

    Readers store text this way: characters are kept exactly as published. ``str.split``
    splits on exactly the characters ``\\s`` matches (``str.isspace``) and is several times
    faster than a regular expression on long paragraphs.
    """
    return " ".join(text.split())


def normalise_text(text: str) -> str:
    """NFC, every run of white space (incl. no-break spaces) folded to one space, trimmed."""
    import unicodedata  # imported here: reading a record never needs it (fingerprints are stored)

    return " ".join(unicodedata.normalize("NFC", text).split())


def text_fingerprint(text: str) -> str:
    """A short content hash of a paragraph: 12 hex digits of SHA-256 of its normalised text."""
    import hashlib  # imported here: reading a record never needs it (fingerprints are stored)

    return hashlib.sha256(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def check_xml_text(value: str, what: str) -> str:
    """Refuse text that an XML 1.0 document cannot hold, naming where it was found."""
    bad = re.search(XML_INVALID, value)  # compiled on first use (re caches it): writers only
    if bad:
        raise DataError(
            f"{what} contains the character U+{ord(bad.group()):04X}, which XML cannot store"
        )
    return value


#: a lowercase word and the one space after it, as a name's particle is written
_PARTICLE_WORD = re.compile(r"[^\W\d_A-Z]+[.'’]? ")


class Person(NamedTuple):
    """Someone (or an organisation) credited with the text.

    ``given`` may be empty for a single-name credit. ``family`` is the surname as written,
    with its particle: "van der Berg" of Jan van der Berg, "de Gaulle" (styles place and
    capitalise the particle by their own rules: :attr:`particle`, :attr:`main_family`).
    ``suffix`` is a generational suffix ("Jr.", "III"), never part of ``family``.
    ``organisation`` marks a group author ("Meduza", "Reuters"): its name is ``family`` and it
    is never inverted or reduced to initials.
    """

    given: str
    family: str
    suffix: str = ""
    organisation: bool = False

    @property
    def particle(self) -> str:
        """The lowercase words that open the surname: "van der" of "van der Berg"; "" for
        "Van Buren" (capitalised, so filed under V) and for organisations."""
        return "" if self.organisation else self.family[: self._particle_end()]

    @property
    def main_family(self) -> str:
        """The surname without its particle: "Berg" of "van der Berg"."""
        if self.organisation:
            return self.family
        end = self._particle_end()
        return self.family[end + 1 :] if end else self.family

    def _particle_end(self) -> int:
        """Where the particle ends: lowercase words, each followed by one space, before a
        word that is not all lowercase ("van der Berg" -> 7; "Berg", "van" -> 0)."""
        end = 0
        for match in _PARTICLE_WORD.finditer(self.family):
            if match.start() != (end + 1 if end else 0):
                break
            end = match.end() - 1
        return end if end < len(self.family) - 1 and not self.family[end + 1 :].islower() else 0

    @property
    def full_name(self) -> str:
        """"Jan van der Berg", "Martin Luther King Jr." (no comma before the suffix: CMOS 17
        6.43), "Meduza"."""
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"given": self.given, "family": self.family}
        if self.suffix:
            out["suffix"] = self.suffix
        if self.organisation:
            out["organisation"] = True
        return out


class CreditPart(NamedTuple):
    """One part of a photo credit line and its role by position."""

    name: str
    role: CreditRole

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


class Credit(NamedTuple):
    """A photo credit: the line exactly as published and its parsed parts."""

    text: str
    parts: tuple[CreditPart, ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "parts": [p.to_json() for p in self.parts]}


class Original(NamedTuple):
    """The work a text was translated from; every field may be unknown."""

    language: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    #: the title in Latin letters when it is written in another script ("Rossiia i SShA …")
    title_transliteration: str | None = None
    #: the title translated into English (APA 7 §9.38 gives it in square brackets)
    title_translation: str | None = None

    def to_json(self) -> dict[str, str | None]:
        out = {
            "language": self.language,
            "title": self.title,
            "url": self.url,
            "published": self.published,
        }
        if self.title_transliteration:
            out["title_transliteration"] = self.title_transliteration
        if self.title_translation:
            out["title_translation"] = self.title_translation
        return out


class _ParagraphFields(NamedTuple):
    id: str
    n: int
    text: str
    section: int = 1
    corresp: str | None = None
    fingerprint: str = ""


class Paragraph(_ParagraphFields):
    """A body paragraph: stable id (``p5``), visible number ``n`` and its text.

    ``fingerprint`` is the stored one; computed from ``text`` when not given. A record read
    from disk keeps the stored value, so a hand-edited text shows up as a stale fingerprint
    (``_replace`` keeps it too, as it keeps every field not named).
    """

    __slots__ = ()

    def __new__(
        cls, id: str, n: int, text: str, section: int = 1, corresp: str | None = None,
        fingerprint: str = "",
    ) -> Paragraph:
        return super().__new__(
            cls, id, n, text, section, corresp, fingerprint or text_fingerprint(text)
        )

    @property
    def kind(self) -> Literal["paragraph"]:
        return "paragraph"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "n": self.n,
            "text": self.text,
            "fingerprint": self.fingerprint,
        }


class Figure(NamedTuple):
    """A photo: caption as published and its credit. Never numbered as a paragraph."""

    id: str
    caption: str
    credit: Credit | None
    section: int = 1
    graphic_url: str | None = None

    @property
    def kind(self) -> Literal["figure"]:
        return "figure"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "caption": self.caption,
            "credit": self.credit.to_json() if self.credit else None,
        }


class Label(NamedTuple):
    """A section marker such as "Russia : USA". Never numbered as a paragraph."""

    id: str
    text: str
    section: int = 1

    @property
    def kind(self) -> Literal["label"]:
        return "label"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text}


Block = Paragraph | Figure | Label

#: where a metadata value can come from (the vocabulary of ``Record.provenance``)
ORIGINS: dict[str, str] = {
    "json-ld": "schema.org JSON-LD in the page",
    "og": "Open Graph and article: meta properties",
    "meta": "other elements of the page head: meta tags, link rel=canonical, title, html lang",
    "byline": "a visible byline, translator or source line",
    "page": "other visible text or markup of the page (h1, time, figure)",
    "capture": "a plain-text capture",
    "option": "given to transcite ingest on the command line",
    "http": "the HTTP fetch of the page",
}


class Furniture(NamedTuple):
    """A line of page furniture removed from the capture, with the rule that removed it."""

    text: str
    reason: str


class Revision(NamedTuple):
    """One entry of a record's history: version ``n``, its date if known, and what it was."""

    n: int
    when: str | None
    note: str


class Version(NamedTuple):
    """The blocks of an earlier version of a record, exactly as they were."""

    n: int
    blocks: tuple[Block, ...]


class Record(NamedTuple):
    """One translated text. Unknown values are ``None``, never invented."""

    id: str
    title: str
    language: str | None
    publisher: str | None
    url: str | None
    published: str | None
    accessed: str | None
    authors: tuple[Person, ...]
    translators: tuple[Person, ...]
    original: Original | None
    blocks: tuple[Block, ...]
    furniture: tuple[Furniture, ...] = ()
    #: the date the page says it was last modified (``YYYY[-MM[-DD]]``); not in ``to_json``
    modified: str | None = None
    #: where each metadata value was found: ``(field, origin)`` pairs in a fixed order, with
    #: origins from :data:`ORIGINS`; fields are ``title``, ``authors``, ``original.language``,
    #: ``fig2.credit`` … Empty when the reader does not record origins (text captures).
    provenance: tuple[tuple[str, str], ...] = ()
    #: a fetched page: the URL asked for, then every redirect target; the last is the URL the
    #: page was read from. Empty for files.
    fetched: tuple[str, ...] = ()
    #: the history, one entry per version (1, 2, … up to the current one); empty for a record
    #: that was never revised
    revisions: tuple[Revision, ...] = ()
    #: the blocks of every earlier version, oldest first (``transcite revise``)
    earlier: tuple[Version, ...] = ()
    #: a title not in English: in Latin letters when written in another script, and translated
    #: into English (APA 7 §9.38: "Transliteration [English translation]"); ``None`` if unknown
    title_transliteration: str | None = None
    title_translation: str | None = None

    @property
    def version(self) -> int:
        """The number of the current version: 1 until the record is revised."""
        return len(self.earlier) + 1

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Figure))

    @property
    def labels(self) -> tuple[Label, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Label))

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or ``None``."""
        for b in self.blocks:
            if b.id == block_id:
                return b
        return None

    def origin(self, name: str) -> str | None:
        """Where the value of field ``name`` was found (see :data:`ORIGINS`), if recorded."""
        return dict(self.provenance).get(name)

    @property
    def is_translation(self) -> bool:
        """Whether the text is a translation, whose translator must be credited: the one rule
        that cite, credits and validate share (docs/record-format.md).

        True when the record names a translator, when a translator line was seen in the capture
        (its provenance says where), or when it records an original whose language is unknown
        or differs from the text's; an original in the text's own language is not one.
        """
        if self.translators or self.origin("translators") is not None:
            return True
        original = self.original
        return original is not None and (
            original.language is None or original.language != self.language
        )

    def summary_json(self) -> dict[str, Any]:
        """One row of ``transcite list --format json`` (and ``/api/records`` of ``serve``)."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": [p.full_name for p in self.authors],
            "translators": [p.full_name for p in self.translators],
            "paragraphs": len(self.paragraphs),
            "figures": len(self.figures),
            "labels": len(self.labels),
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract of ``transcite show --format json``."""
        return {
            "id": self.id,
            "title": self.title,
            **({"title_transliteration": self.title_transliteration}
               if self.title_transliteration else {}),
            **({"title_translation": self.title_translation} if self.title_translation else {}),
            "language": self.language,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published,
            "accessed": self.accessed,
            "authors": [p.to_json() for p in self.authors],
            "translators": [p.to_json() for p in self.translators],
            "original": self.original.to_json() if self.original else None,
            "blocks": [b.to_json() for b in self.blocks],
        }


#: a date as records store it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def date_parts(value: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` of a :data:`DATE` (month and day ``None`` when not given), or
    ``None`` when the value does not have that shape (whether the date is real is not checked:
    see :func:`check_date`)."""
    match = DATE.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def check_date(value: str, what: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date; refuse anything else."""
    import datetime

    from transcite.core.errors import UsageError

    parts = date_parts(value)
    if parts:
        year, month, day = parts
        try:
            datetime.date(year, month or 1, day or 1)
            return value
        except ValueError:
            pass
    raise UsageError(f"{what}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


#: a BCP 47 tag as xsd:language accepts it: "ru", "en-GB", "zh-Hant"
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def check_language(value: str, what: str) -> str:
    """Accept a language code such as ``ru`` or ``en-GB``; refuse anything else in one line."""
    if _LANGUAGE.match(value):
        return value
    from transcite.core.errors import UsageError

    raise UsageError(f"{what}: {value!r} is not a language code; use one such as ru, uk or en-GB")
