"""Run the registered checks (``transcite.validate.checks``) over record files; collect the
findings.

A file that cannot be read or parsed is itself a finding (``unreadable``), never an
exception: one broken record must not hide the findings of the others. A file that does not
fit the schema gets its document checks only, since no record can be read from it.

Example::

    >>> from pathlib import Path
    >>> from transcite.credits.agencies import load_registry
    >>> files = [("kartsev-islamists", Path("texts/kartsev-islamists.xml"))]
    >>> report = validate_files(files, load_registry())
    >>> [f.code for f in report.records[0].findings]
    ['missing-date', 'inconsistent-form']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from transcite.core.errors import TransciteError
from transcite.credits.agencies import Registry
from transcite.storage.corpus import RecordFile
from transcite.storage.tei import parse_bytes, tree_to_record
from transcite.validate.checks import (
    SEVERITIES,
    UNREADABLE,
    Document,
    Finding,
    Severity,
    Subject,
    registered,
)
from transcite.validate.checks.base import error


@dataclass(slots=True)
class FileReport:
    """The findings of one record file, in document order (header findings first)."""

    id: str
    file: str
    findings: list[Finding] = field(default_factory=list)
    #: block id -> position in the document, for ordering findings
    order: dict[str, int] = field(default_factory=dict, repr=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def sort(self) -> None:
        self.findings.sort(key=lambda f: -1 if f.block is None else self.order.get(f.block, -1))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "findings": [f.to_json() for f in self.findings]}


@dataclass(slots=True)
class Report:
    """Every file checked in one run."""

    records: list[FileReport]

    def count(self, severity: Severity) -> int:
        return sum(r.count(severity) for r in self.records)

    def failed(self, strict: bool = False) -> bool:
        """Errors make a run fail; with ``strict`` warnings do too (info never does)."""
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def to_json(self, strict: bool = False) -> dict[str, Any]:
        """The public JSON contract of ``transcite validate --format json`` (docs/validate.md)."""
        return {
            "ok": not self.failed(strict),
            "strict": strict,
            "summary": {"records": len(self.records), **{s: self.count(s) for s in SEVERITIES}},
            "records": [r.to_json() for r in self.records],
        }


def validate_files(files: Iterable[tuple[str, RecordFile]], registry: Registry) -> Report:
    """Check each ``(file_id, path)``, then the records together (consistency)."""
    reports: list[FileReport] = []
    subjects: list[Subject] = []
    for file_id, path in files:
        report, subject = check_file(file_id, path, registry)
        reports.append(report)
        if subject is not None:
            subjects.append(subject)
    by_id = {r.id: r for r in reports}
    for check in registered("corpus"):
        for file_id, finding in check.func(subjects):
            by_id[file_id].findings.append(finding)
    for report in reports:
        report.sort()
    return Report(reports)


def check_file(
    file_id: str, path: RecordFile, registry: Registry
) -> tuple[FileReport, Subject | None]:
    """The document and record checks of one file; the subject for corpus checks, if read."""
    report = FileReport(file_id, str(path))
    try:
        root = parse_bytes(path.read_bytes(), path.name, collect_ids=False)
    except OSError as exc:
        report.findings.append(_unreadable(f"{path.name}: cannot read: {exc.strerror}"))
        return report, None
    except TransciteError as exc:
        report.findings.append(_unreadable(exc.message))
        return report, None
    ids: Any = root.xpath("//@xml:id")
    report.order = {str(ident): n for n, ident in reversed(list(enumerate(ids)))}
    if not _document_checks(Document(file_id, root), report):
        return report, None
    try:
        record = tree_to_record(root)
    except TransciteError as exc:
        report.findings.append(_unreadable(exc.message))
        return report, None
    subject = Subject(file_id, record, registry)
    for check in registered("record"):
        report.findings.extend(check.func(subject))
    return report, subject


def _document_checks(doc: Document, report: FileReport) -> bool:
    """Run the document checks; ``False`` when a gate check (the schema) found an error."""
    passed = True
    for check in registered("document"):
        findings: list[Finding] = list(check.func(doc))
        report.findings.extend(findings)
        if check.gate and any(f.severity == "error" for f in findings):
            passed = False
    return passed


def _unreadable(message: str) -> Finding:
    hint = "fix the file, or re-ingest the capture with --force"
    return error(UNREADABLE, None, f"{message}; {hint}")
