"""The records a citation of the manuscript names: its key's record, else the records whose
authors it names (or, for a name no author of the corpus has, whose publisher it names).

Whether a record found is one of them is decided from that record's own summary, with no
search of the corpus; finding all of them (``cited_records`` of the JSON output, or when the
corpus search finds no source and the cited records are searched on their own) asks the
index once per name, and the answer is kept for the rest of the manuscript.
"""

from __future__ import annotations

from transcite.check.quotes import Citation
from transcite.storage.index import CorpusIndex, ListQuery, RecordSummary, fold


class Names:
    """The index's answers about names and records, asked once each for a manuscript."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self._authors: dict[str, list[str]] = {}
        self._publishers: dict[str, list[str]] = {}
        self._summaries: dict[str, RecordSummary | None] = {}

    def by_author(self, name: str) -> list[str]:
        if name not in self._authors:
            self._authors[name] = [r.id for r in self.index.records(ListQuery(author=name))]
        return self._authors[name]

    def by_publisher(self, name: str) -> list[str]:
        if name not in self._publishers:
            self._publishers[name] = [
                r.id for r in self.index.records(ListQuery(publisher=name))]
        return self._publishers[name]

    def summary(self, record_id: str) -> RecordSummary | None:
        if record_id not in self._summaries:
            found = self.index.summaries([record_id])
            self._summaries[record_id] = found[0] if found else None
        return self._summaries[record_id]


class Cited:
    """The records one citation names, as a container: ``record_id in cited``."""

    def __init__(self, citation: Citation | None, names: Names) -> None:
        self.citation = citation
        self._names = names
        self._ids: list[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.citation and (self.citation.key or self.citation.names))

    def __contains__(self, record_id: object) -> bool:
        citation = self.citation
        if citation is None or not isinstance(record_id, str):
            return False
        if citation.key:
            return citation.key.split("#")[0] == record_id
        summary = self._names.summary(record_id)
        if summary is None:
            return False
        authors = fold(" | ".join(summary.authors))
        publisher = fold(summary.publisher or "")
        for name in citation.names:
            folded = fold(name)
            if folded in authors:
                return True
            if folded in publisher and not self._names.by_author(name):
                return True
        return False

    def ids(self) -> list[str]:
        """All the records the citation names, in the order of its names."""
        if self._ids is None:
            self._ids = self._resolve()
        return self._ids

    def _resolve(self) -> list[str]:
        citation = self.citation
        if citation is None:
            return []
        if citation.key:
            key = citation.key.split("#")[0]
            return [key] if self._names.summary(key) is not None else []
        found: list[str] = []
        for name in citation.names:
            found.extend(self._names.by_author(name) or self._names.by_publisher(name))
        return list(dict.fromkeys(found))
