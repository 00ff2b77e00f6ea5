"""Findings and the registry of checks that ``transcite validate`` runs.

A check is one small function registered with the codes it may report. There are three
kinds, by what they look at:

- ``document`` checks read the parsed TEI tree (``Document``), before and whether or not it
  becomes a record: schema, duplicate ids, pointers. A check registered with ``gate=True``
  (the schema) stops the record checks of that file when it reports an error, because a record
  cannot be read from a document that does not fit the schema;
- ``record`` checks read one :class:`~transcite.core.model.Record` (``Subject``);
- ``corpus`` checks read every record checked in the run together (consistency).

Adding a check is one decorated function in a module of ``transcite.validate.checks``; nothing else
changes. Every code must also be listed in docs/validate.md (a test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from lxml import etree

from transcite.core.model import Record
from transcite.core.registry import Registry as Units
from transcite.credits.agencies import Registry

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Scope = Literal["document", "record", "corpus"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: its code, how bad it is, the block it is in (or ``None``) and the fix."""

    code: str
    severity: Severity
    block: str | None
    message: str

    def to_json(self) -> dict[str, str | None]:
        """The public JSON contract of a finding (docs/validate.md)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "block": self.block,
            "message": self.message,
        }


def error(code: str, block: str | None, message: str) -> Finding:
    return Finding(code, "error", block, message)


def warning(code: str, block: str | None, message: str) -> Finding:
    return Finding(code, "warning", block, message)


def info(code: str, block: str | None, message: str) -> Finding:
    return Finding(code, "info", block, message)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed record file: the id its file name gives and the TEI root element."""

    file_id: str
    root: etree._Element


@dataclass(frozen=True, slots=True)
class Subject:
    """A record read from the file ``<file_id>.xml``, with the agency registry of the run."""

    file_id: str
    record: Record
    registry: Registry


DocumentCheck = Callable[[Document], Iterator[Finding]]
RecordCheck = Callable[[Subject], Iterator[Finding]]
#: a corpus check yields ``(file_id, finding)``: which record the finding belongs to
CorpusCheck = Callable[[Sequence[Subject]], Iterator[tuple[str, Finding]]]
F = TypeVar("F", DocumentCheck, RecordCheck, CorpusCheck)


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its function, what it reads and the codes it may report."""

    name: str
    scope: Scope
    codes: tuple[str, ...]
    func: Callable[..., Iterator[Any]]
    gate: bool = False


#: the checks: the built-in modules (each registers its checks when imported) and the entry
#: points ``transcite.checks`` (a module whose decorated functions register themselves)
CHECKS: Units[Check] = Units(
    "check", "transcite.validate.checks", "transcite.checks",
    modules=("attribution", "consistency", "integrity", "photos"),
)
#: reported by the runner itself, for a file that cannot be read or parsed at all
UNREADABLE = "unreadable"


def _register(scope: Scope, codes: tuple[str, ...], gate: bool) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        CHECKS.register(func.__name__, Check(func.__name__, scope, codes, func, gate))
        return func

    return decorate


def document_check(*codes: str, gate: bool = False) -> Callable[[DocumentCheck], DocumentCheck]:
    """Register a check of the TEI tree reporting ``codes``."""
    return _register("document", codes, gate)


def record_check(*codes: str) -> Callable[[RecordCheck], RecordCheck]:
    """Register a check of one record reporting ``codes``."""
    return _register("record", codes, False)


def corpus_check(*codes: str) -> Callable[[CorpusCheck], CorpusCheck]:
    """Register a check of all the records of a run together reporting ``codes``."""
    return _register("corpus", codes, False)


def registered(scope: Scope | None = None) -> list[Check]:
    """The registered checks (of one scope), in registration order."""
    return [c for c in CHECKS.all() if scope is None or c.scope == scope]


def all_codes() -> list[str]:
    """Every code any registered check may report, in registration order."""
    return list(dict.fromkeys([UNREADABLE, *(code for c in CHECKS.all() for code in c.codes)]))
