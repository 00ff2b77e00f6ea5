"""CSL-JSON export: one item per record, as built by ``transcite.cite.csl.items`` (the same
items ``transcite cite --csl`` renders through pandoc's citeproc)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from transcite.cite.csl.items import csl_date, csl_item, csl_name
from transcite.cite.work import Work
from transcite.core.model import Record
from transcite.exports import register_exporter

__all__ = ["CslJsonExporter", "csl_date", "csl_item", "csl_name"]


class CslJsonExporter:
    name = "csl-json"
    media_type = "application/vnd.citationstyles.csl+json"
    description = "CSL-JSON items (Zotero, pandoc, citeproc-js)"

    def export(self, records: Sequence[Record]) -> str:
        items = [csl_item(Work.from_record(r)) for r in records]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


register_exporter(CslJsonExporter())
