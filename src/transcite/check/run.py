"""Checking a manuscript: every quotation located and judged, every citation checked.

:func:`check_manuscript` is the library entry point; the CLI's ``transcite check`` renders
its :class:`Report` (:mod:`transcite.check.report`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from transcite.check.cited import Cited, Names
from transcite.check.manuscript import Manuscript
from transcite.check.quotes import SHORT_WORDS, Citation, Quotation, extract
from transcite.check.verdict import Verdict, locate
from transcite.core.errors import TransciteError
from transcite.core.model import Record
from transcite.storage.corpus import Corpus
from transcite.storage.index import CorpusIndex, fold

#: styles whose pinpoint for an unpaginated web article is a paragraph number
COUNTS_PARAGRAPHS = frozenset(("apa", "harvard", "ieee"))
#: verdicts that need no change to the quotation
GOOD = frozenset(("exact", "marked"))


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report: what, where, how bad, and what to do."""

    code: str
    severity: str  # "ok", "warning" or "error"
    line: int
    column: int
    message: str
    ref: str | None = None
    quotation: int | None = None
    #: the file, when not the manuscript itself (a LaTeX ``\\input`` file)
    file: str | None = None
    #: the index of the manuscript's block it is in (findings are listed in block order)
    block: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "file": self.file,
                "line": self.line, "column": self.column, "ref": self.ref,
                "quotation": self.quotation, "message": self.message}


@dataclass
class Checked:
    """A quotation of the manuscript and what ``check`` found for it."""

    quotation: Quotation
    line: int
    column: int
    verdict: Verdict
    #: the records its citation names (``record_id in cited``; all of them: ``cited.ids()``)
    names: Cited | None = None
    suggested: str | None = None
    #: the ids of all the records its citation names (None: not looked up)
    cited: list[str] | None = None

    @property
    def ref(self) -> str | None:
        return self.verdict.hit.ref if self.verdict.hit else None


@dataclass
class Report:
    manuscript: Manuscript
    style: str
    quotations: list[Checked] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def failed(self, strict: bool = False) -> bool:
        """Whether ``check`` exits 1: an error (``strict``: or a warning) was found."""
        bad = {"error", "warning"} if strict else {"error"}
        return any(f.severity in bad for f in self.findings)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for checked in self.quotations:
            out[checked.verdict.verdict] = out.get(checked.verdict.verdict, 0) + 1
        return out


class _Records:
    """Records loaded once each, and the text of their blocks."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._cache: dict[str, Record] = {}

    def load(self, record_id: str) -> Record:
        record = self._cache.get(record_id)
        if record is None:
            record = self._cache[record_id] = self.corpus.load(record_id)
        return record

    def text_of(self, record_id: str, block_id: str) -> str | None:
        for block in self.load(record_id).blocks:
            if block.id == block_id:
                return getattr(block, "text", None) or getattr(block, "caption", None)
        return None

    def paragraph_number(self, record_id: str, block_id: str) -> int | None:
        for block in self.load(record_id).blocks:
            if block.id == block_id:
                n = getattr(block, "n", None)
                return n if isinstance(n, int) else None
        return None


def _year(record: Record) -> str:
    return record.published[:4] if record.published else "n.d."


def check_manuscript(
    corpus: Corpus, manuscript: Manuscript, *, style: str = "apa", all_quotes: bool = False,
    reuse: bool = False, cited_records: bool = True,
) -> Report:
    """Locate and judge every quotation of ``manuscript`` in ``corpus``, check its citation,
    and check the reference list's entries of the records quoted; with ``reuse``, also look
    for passages of the corpus (20 words or more) used without quotation marks.

    ``cited_records``: find every record each citation names (:attr:`Checked.cited`, the
    JSON output's ``cited_records``): a search of the corpus per name cited. The checks do
    not need it (whether the record a quotation was found in is cited is decided from that
    record alone); without it, :attr:`Checked.cited` is None."""
    from transcite.cite.styles import get_style
    from transcite.find import cite_hit

    get_style(style)
    report = Report(manuscript, style)
    quotations, unbalanced = extract(manuscript)
    blocks = manuscript.blocks
    for mark in unbalanced:
        line, column = blocks[mark.block].position(mark.offset)
        report.findings.append(Finding(
            "unbalanced-quote", "warning", line, column,
            f"the opening {mark.mark} is not closed in this paragraph; close it or remove it "
            "(the paragraph's other quotations were still checked)",
            file=blocks[mark.block].file, block=mark.block))
    records = _Records(corpus)
    index = corpus.index()
    try:
        names = Names(index)
        quoted: dict[str, tuple[int, int]] = {}
        for quotation in quotations:
            cited = Cited(quotation.citation, names)
            verdict = locate(index, quotation.text, records.text_of, prefer=cited)
            short = quotation.kind == "inline" and quotation.words < SHORT_WORDS
            if short and not all_quotes and verdict.verdict not in GOOD:
                continue
            line, column = blocks[quotation.block].position(quotation.start)
            checked = Checked(quotation, line, column, verdict, cited)
            number = len(report.quotations)
            report.quotations.append(checked)
            _judge(report, checked, number, records, style, cite_hit)
            if verdict.hit is not None and verdict.verdict != "not-found":
                quoted.setdefault(verdict.hit.record_id, (line, column))
        if cited_records:
            for checked in report.quotations:
                checked.cited = checked.names.ids() if checked.names is not None else []
        _check_references(report, records, quoted, style)
        if reuse:
            _unmarked_reuse(report, index, quotations, records, style, cite_hit)
    finally:
        index.close()
    report.findings.sort(key=lambda f: (f.block, f.line, f.column))
    return report


def _judge(report: Report, checked: Checked, number: int, records: _Records, style: str,
           cite_hit: Any) -> None:
    verdict = checked.verdict
    quotation = checked.quotation
    where = (checked.line, checked.column)
    block = report.manuscript.blocks[quotation.block]

    def add(code: str, severity: str, message: str, ref: str | None = None) -> None:
        report.findings.append(Finding(code, severity, *where, message, ref, number,
                                       block.file, quotation.block))

    hit = verdict.hit
    if hit is None:
        add("not-found", "error",
            "no record of the corpus holds these words; check the quotation against its "
            "source, or add the source to the corpus")
        return
    record = records.load(hit.record_id)
    checked.suggested = cite_hit(record, hit, style)
    citation = quotation.citation
    wrong_source = bool(checked.names) and hit.record_id not in (checked.names or ())
    if wrong_source and citation is not None:
        verdict.verdict = "wrong-source" if verdict.verdict in GOOD else verdict.verdict
        named = citation.key or ", ".join(citation.names)
        add("wrong-source", "error",
            f"the words are in {hit.record_id} ({record.title}), not in what the citation "
            f"names ({named}); cite it as {checked.suggested}", hit.ref)
        if verdict.verdict == "wrong-source":
            return
    if verdict.verdict == "exact":
        add("exact", "ok", "word for word as the record", hit.ref)
    elif verdict.verdict == "marked":
        add("marked", "ok", "as the record, with marked changes: " + "; ".join(
            verdict.changes), hit.ref)
    else:
        shown = "".join(
            p.text if p.op == "equal" else f"[-{p.text}-]" if p.op == "delete"
            else f"{{+{p.text}+}}" for p in verdict.diff)
        add("altered", "error",
            f"words changed without a mark; the record reads: {shown}", hit.ref)
    if citation is None:
        add("uncited", "warning",
            f"no citation follows the quotation; cite it as {checked.suggested}", hit.ref)
        return
    if wrong_source:
        return
    _check_citation(add, citation, record, hit.record_id, hit.block_id, records, style,
                    checked.suggested or "")


def _check_citation(add: Any, citation: Citation, record: Record, record_id: str,
                    block_id: str, records: _Records, style: str, suggested: str) -> None:
    paragraph = records.paragraph_number(record_id, block_id)
    if citation.pinpoint == "para":
        if style not in COUNTS_PARAGRAPHS:
            add("paragraph-count", "warning",
                f"{style} does not count paragraphs of an unpaginated source; cite it as "
                f"{suggested}")
        elif paragraph is not None and paragraph not in citation.numbers:
            given = "–".join(str(n) for n in (citation.numbers[0], citation.numbers[-1])
                             if n is not None)
            if len(citation.numbers) == 1:
                given = str(citation.numbers[0])
            add("wrong-pinpoint", "error",
                f"the words are in paragraph {paragraph}, not {given}; cite it as {suggested}")
    elif citation.pinpoint == "page":
        add("wrong-pinpoint", "error",
            f"a web article has no page numbers; cite it as {suggested}")
    elif style in COUNTS_PARAGRAPHS and paragraph is not None and not citation.key:
        add("no-pinpoint", "warning",
            f"{style} gives the paragraph of a quotation from an unpaginated source; cite it "
            f"as {suggested}")
    if citation.year and citation.year != _year(record):
        add("wrong-year", "error",
            f"the record's date is {_year(record)}, not {citation.year}; cite it as "
            f"{suggested}")


def _check_references(report: Report, records: _Records, quoted: dict[str, tuple[int, int]],
                      style: str) -> None:
    entries = report.manuscript.references()
    if not entries:
        return
    from transcite.cite.citation import cite_ref

    last = len(report.manuscript.blocks)
    for record_id, (line, column) in quoted.items():
        record = records.load(record_id)
        title = fold(" ".join(record.title.split()[:6]))
        families = [fold(p.family) for p in record.authors if p.family]
        entry = None
        for block in entries:
            text = fold(" ".join(block.text.split()))
            if title[:30] in text or (families and all(f in text for f in families)
                                      and title.split()[0] in text):
                entry = block
                break
        reference = cite_ref(record, record.id, style, "reference").render("text")
        if entry is None:
            report.findings.append(Finding(
                "not-in-references", "warning", line, column,
                f"{record_id} is quoted but not in the reference list; add: {reference}",
                record_id, block=last))
            continue
        text = fold(entry.text)
        missing = [p.full_name for p in record.translators
                   if p.family and fold(p.family) not in text]
        if missing:
            eline, ecolumn = entry.position(0)
            report.findings.append(Finding(
                "translator-missing", "error", eline, ecolumn,
                f"the reference list's entry for {record_id} does not name the translator "
                f"({', '.join(missing)}); write: {reference}", record_id, file=entry.file,
                block=report.manuscript.blocks.index(entry)))


#: unmarked reuse: windows of this many words of the manuscript's own text are looked up …
REUSE_WORDS = 20
#: … every this many words
REUSE_STEP = 10
_WORD_SPAN = re.compile(r"\S+")


def _unmarked_reuse(report: Report, index: CorpusIndex, quotations: list[Quotation],
                    records: _Records, style: str, cite_hit: Any) -> None:
    """Passages of 20 words or more of the corpus in the manuscript's own text (outside its
    quotations and reference list): each is one ``unmarked-reuse`` error with its REF."""
    from transcite.find import find

    manuscript = report.manuscript
    references = {id(b) for b in manuscript.references()}
    for number, block in enumerate(manuscript.blocks):
        if block.kind not in ("paragraph", "item") or id(block) in references:
            continue
        quoted = [(q.start - 1, q.end + 1) for q in quotations if q.block == number]
        runs: list[list[tuple[int, int]]] = [[]]
        for match in _WORD_SPAN.finditer(block.text):
            if any(start <= match.start() < end or start < match.end() <= end
                   for start, end in quoted):
                runs.append([])
                continue
            runs[-1].append(match.span())
        for run in runs:
            if len(run) < REUSE_WORDS:
                continue
            starts = list(range(0, len(run) - REUSE_WORDS + 1, REUSE_STEP))
            if starts[-1] != len(run) - REUSE_WORDS:
                starts.append(len(run) - REUSE_WORDS)
            found: list[tuple[int, int, Any]] = []
            for first in starts:
                query = block.text[run[first][0] : run[first + REUSE_WORDS - 1][1]]
                try:
                    hits = find(index, query, limit=1, min_score=90)
                except TransciteError:
                    continue
                if hits and hits[0].shared >= 0.9:
                    hit = hits[0]
                    last = first + REUSE_WORDS - 1
                    if found and found[-1][2].block_id == hit.block_id and \
                            found[-1][2].record_id == hit.record_id and found[-1][1] >= first:
                        found[-1] = (found[-1][0], last, found[-1][2])
                    else:
                        found.append((first, last, hit))
            for first, last, hit in found:
                line, column = block.position(run[first][0])
                record = records.load(hit.record_id)
                report.findings.append(Finding(
                    "unmarked-reuse", "error", line, column,
                    f"{last - first + 1} words here are the words of {hit.ref} without "
                    f"quotation marks; quote and cite them as {cite_hit(record, hit, style)}",
                    hit.ref, None, block.file, number))
