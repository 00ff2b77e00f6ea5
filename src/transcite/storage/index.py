"""The corpus index: what every backend offers, independent of how it stores it.

The TEI files stay the source of truth; an index is a cache beside them that lets ``list``,
``find`` and the web app answer without parsing XML. :class:`CorpusIndex` is the interface
(``transcite.storage.sqlite_index`` implements it with the standard library's SQLite and
FTS5; a PostgreSQL backend implements the same methods). Everything here is plain data.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from transcite.core.model import Record

#: files (and folders) modified this recently are indexed as "check again next time" (git's
#: racily clean entries: a second change within the clock's resolution is not missed)
RACY_SECONDS = 2.0

SortKey = Literal["id", "title", "published", "publisher", "author"]
SORT_KEYS: tuple[SortKey, ...] = ("id", "title", "published", "publisher", "author")


def fold(text: str) -> str:
    """Text as searches compare it: case folded, diacritics removed, every quote mark one mark.

    Each character becomes exactly one character, so an offset in the folded text is the
    same offset in the original (``find`` relies on this to show the matched words).

    A text made of the 256 characters of :data:`FAST_CHARACTERS` (most texts in languages
    written in the Latin script) is folded by the codecs' character maps, a C loop: encoded
    one byte per character, then decoded, each byte to the folded character
    (``str.translate`` looks each character up in a dict, five times the cost; a rebuild of
    the index folds every block). Other texts are folded by the table.
    """
    fast = _FAST or _fast_maps()
    try:
        data = codecs.charmap_encode(text, "strict", fast[0])[0]
    except UnicodeEncodeError:
        return text.translate(_TABLE)
    return codecs.charmap_decode(data, "strict", fast[1])[0]


#: the characters :func:`fold` folds by character maps: ASCII, Latin-1's letters and signs,
#: typographic quotes, dashes and the ellipsis, and the commonest letters of Latin Extended-A
FAST_CHARACTERS = (
    "".join(map(chr, range(128))) + "".join(map(chr, range(0xA0, 0x100)))
    + "‘’‚“”„–—‐‑‒−…′″‹›"
    + "ąćęłńőśűźżčěřšž"
)
_FAST: tuple[Any, str] | None = None


def _fast_maps() -> tuple[Any, str]:
    """The character maps of :func:`fold`: one byte per character of :data:`FAST_CHARACTERS`,
    and from each byte the character folded (made on first use)."""
    global _FAST
    assert len(FAST_CHARACTERS) == 256 and len(set(FAST_CHARACTERS)) == 256
    _FAST = (codecs.charmap_build(FAST_CHARACTERS), FAST_CHARACTERS.translate(_TABLE))
    return _FAST


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the index counts and searches them: folded runs of letters and
    digits (what SQLite FTS5's ``unicode61`` tokenizer makes of them, diacritics removed)."""
    return _WORD.findall(fold(text))


def folded_words(folded: str) -> list[str]:
    """:func:`words` of a text already folded (``words(t) == folded_words(fold(t))``)."""
    return _WORD.findall(folded)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first use of each character."""

    def __missing__(self, point: int) -> str:
        char = chr(point)
        folded = _SPECIAL.get(char)
        if folded is None:
            if char.isspace():
                folded = " "
            else:
                base = unicodedata.normalize("NFD", char)[0]
                lower = base.lower()
                folded = lower if len(lower) == 1 else base
                if unicodedata.category(folded) == "Pd":
                    folded = "-"
        self[point] = folded
        return folded


#: every quotation mark and apostrophe is one mark: a quotation nested in a writer's own marks
#: turns the source's “double” quotes into ‘single’ ones (and back), which is no change of words
_SPECIAL = {
    "‘": '"', "’": '"', "‚": '"', "‛": '"', "′": '"', "`": '"', "´": '"', "'": '"',
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‹": '"', "›": '"', "−": "-", "…": ".",
}
_TABLE = _FoldTable()


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """What ``list`` shows of a record, straight from the index."""

    id: str
    title: str
    language: str | None
    publisher: str | None
    url: str | None
    published: str | None
    accessed: str | None
    authors: tuple[str, ...]
    translators: tuple[str, ...]
    version: int
    paragraphs: int
    figures: int
    labels: int

    @classmethod
    def of(cls, record: Record) -> RecordSummary:
        return cls(
            id=record.id, title=record.title, language=record.language,
            publisher=record.publisher, url=record.url, published=record.published,
            accessed=record.accessed,
            authors=tuple(p.full_name for p in record.authors),
            translators=tuple(p.full_name for p in record.translators),
            version=record.version, paragraphs=len(record.paragraphs),
            figures=len(record.figures), labels=len(record.labels),
        )

    def credits_line(self) -> str:
        return credits_line(self.authors, self.translators, self.paragraphs, self.figures,
                            self.labels)

    def to_json(self) -> dict[str, Any]:
        """One row of ``transcite list --format json``: the same as
        :meth:`transcite.core.model.Record.summary_json` of the record (serve's
        ``/api/records``)."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "translators": list(self.translators),
            "paragraphs": self.paragraphs,
            "figures": self.figures,
            "labels": self.labels,
        }


def summary_json_text(summary: dict[str, Any]) -> str:
    """A record's :meth:`RecordSummary.to_json` as one element of ``list --format json``:
    ``json.dumps(summary, ensure_ascii=False, indent=2)`` (kept in the index).

    Written out here because ``json`` encodes with ``indent`` in Python, ten times slower than
    without; strings and numbers are encoded as ``json`` encodes them (a test holds the two
    equal: :func:`json_value`).
    """
    lines = []
    for key, value in summary.items():
        if isinstance(value, list | tuple):
            shown = "[\n    " + ",\n    ".join(map(json_value, value)) + "\n  ]" if value else "[]"
        else:
            shown = json_value(value)
        lines.append(f"  {json_value(key)}: {shown}")
    return "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"


def json_value(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``; a string or an integer without going through
    the encoder's Python code (its C function for strings; ``int.__repr__``, as it does),
    a third of the cost: a rebuild encodes a few values of every record."""
    kind = type(value)
    if kind is str:
        return (_STRING or _string_encoder())(value)
    if kind is int:
        return int.__repr__(value)
    import json

    return json.dumps(value, ensure_ascii=False)


_STRING: Callable[[str], str] | None = None


def _string_encoder() -> Callable[[str], str]:
    """``json``'s encoder of a string (``ensure_ascii=False``), imported on first use (``list``
    does not need ``json``)."""
    global _STRING
    from json.encoder import encode_basestring

    _STRING = encode_basestring
    return encode_basestring


def listing_json(rows: list[str]) -> str:
    """The output of ``list --format json`` from the records' :func:`summary_json_text`: a JSON
    array indented by 2 (``json.dumps(..., indent=2)`` of the summaries)."""
    if not rows:
        return "[]"
    return "[\n  " + ",\n  ".join(row.replace("\n", "\n  ") for row in rows) + "\n]"


def credits_line(
    authors: Sequence[str], translators: Sequence[str], paragraphs: int, figures: int,
    labels: int,
) -> str:
    """"by A and B, translated by C; 16 paragraphs, 3 figures, 1 label": the second line of
    a record in ``transcite list`` (kept in the index, so that listing formats nothing)."""
    from transcite.core.model import plural
    from transcite.core.text import series

    line = f"by {series(list(authors)) or 'unknown author'}"
    if translators:
        line += f", translated by {series(list(translators))}"
    return (f"{line}; {plural(paragraphs, 'paragraph')}, {plural(figures, 'figure')}, "
            f"{plural(labels, 'label')}")


@dataclass(frozen=True, slots=True)
class BlockText:
    """A searchable block of the current version of a record: a paragraph or a caption."""

    record_id: str
    block_id: str
    kind: Literal["paragraph", "figure", "label"]
    text: str
    fingerprint: str | None
    #: ``fold(text)`` when the index keeps it (so that a search need not fold it again)
    folded: str | None = None

    def folded_text(self) -> str:
        return fold(self.text) if self.folded is None else self.folded


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Filters and order of ``list``: names match case- and accent-insensitively as part of a
    name; dates (``YYYY[-MM[-DD]]``) compare on what the publication date says."""

    author: str | None = None
    translator: str | None = None
    publisher: str | None = None
    since: str | None = None
    until: str | None = None
    sort: SortKey = "id"
    reverse: bool = False

    def order_by(self) -> str:
        """The SQL ``ORDER BY`` list of this order, for either backend's ``records`` table
        (missing dates, publishers and authors last, also in reverse; ties by id)."""
        order = {
            "id": "id",
            "title": "title_key, id",
            "published": "published IS NULL, published, id",
            "publisher": "publisher IS NULL, publisher_key, id",
            "author": "author_sort = '', author_sort, id",
        }[self.sort]
        if not self.reverse:
            return order
        return ", ".join(
            part if part.endswith("IS NULL") or part.endswith("= ''") else part + " DESC"
            for part in order.split(", ")
        )

    def where(self, mark: str, true: str) -> tuple[str, list[str]]:
        """The SQL condition of this query's filters and its arguments, for either backend's
        ``records`` table (``mark``: the parameter mark, ``?`` or ``%s``; ``true``: the
        condition of no filter): a name matches as part of the folded name (``LIKE``,
        escaped); a date compares on as much as both dates give."""
        where = [true]
        args: list[str] = []
        for column, value in (
            ("authors_key", self.author), ("translators_key", self.translator),
            ("publisher_key", self.publisher),
        ):
            if value:
                escaped = fold(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                where.append(f"{column} LIKE {mark} ESCAPE '\\'")
                args.append(f"%{escaped}%")
        for value, op in ((self.since, ">="), (self.until, "<=")):
            if value:
                where.append(f"published IS NOT NULL AND substr(published, 1, length({mark})) "
                             f"{op} substr({mark}, 1, length(published))")
                args += [value, value]
        return " AND ".join(where), args


@dataclass
class Drift:
    """How the index differs from the folder: records added, changed or removed behind its
    back, and files that cannot be read as records (with why)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        from transcite.core.model import plural

        parts = [
            f"{plural(len(ids), 'record')} {what}"
            for ids, what in ((self.added, "added"), (self.changed, "changed"),
                              (self.removed, "removed"))
            if ids
        ]
        return ", ".join(parts) if parts else "in step with the folder"


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


class CorpusIndex(Protocol):
    """An index of one corpus folder. Every method that reads first brings the index up to
    date with the folder when ``refresh`` has not been called in this process."""

    #: notes for the user (index rebuilt, kept in memory, …), in the order they arose
    notes: list[str]

    def refresh(self, *, full: bool = False) -> Drift:
        """Bring the index up to date with the folder; return what had drifted.

        Unless ``full``, the files are looked at only when the folder itself changed (a file
        added, removed or replaced by a rename) since the last look; ``full`` looks at every
        file (a record edited in place)."""
        ...

    def verify(self, record_ids: list[str]) -> bool:
        """Re-index those of these records whose files changed; whether any had."""
        ...

    def check(self) -> Drift:
        """What differs between the index and the folder, changing nothing."""
        ...

    def rebuild(self, progress: Progress | None = None, *, jobs: int = 1) -> int:
        """Index every record of the folder afresh; return how many were indexed."""
        ...

    def put(self, record: Record) -> None:
        """Store a record just written to the folder (its file is stat'ed and hashed)."""
        ...

    def remove(self, record_id: str) -> None:
        """Forget a record whose file was removed."""
        ...

    def ids(self) -> list[str]:
        """The ids of the indexed records, sorted."""
        ...

    def records(self, query: ListQuery | None = None) -> list[RecordSummary]:
        """The records matching ``query``, in its order."""
        ...

    def listing(self, query: ListQuery | None = None) -> list[tuple[str, str, str]]:
        """(id, title, :func:`credits_line`) of the records matching ``query``: what the text
        output of ``list`` prints, without building a summary per record."""
        ...

    def records_json(self, query: ListQuery | None = None) -> list[str]:
        """The records matching ``query``, in its order, each as the JSON text of
        :meth:`RecordSummary.to_json` (:func:`summary_json_text`): ``list --format json``
        without building a summary per record."""
        ...

    def summaries(self, ids: list[str]) -> list[RecordSummary]:
        """The records with these ids (unknown ids are left out), in the order given."""
        ...

    def broken(self) -> dict[str, str]:
        """Files of the folder that could not be read as records: id -> why."""
        ...

    def candidates(
        self, words: list[str], *, limit: int, record_id: str | None = None
    ) -> list[BlockText]:
        """Blocks likely to contain the (folded) ``words`` in this order, best first, at most
        ``limit``; an approximate retrieval that :mod:`transcite.find` then aligns."""
        ...

    def close(self) -> None: ...
