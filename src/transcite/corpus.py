"""The corpus folder: one TEI file per text, ``<dir>/<id>.xml``.

Writes are atomic (a temporary file in the same folder, then a rename), so an interrupted or
failed write never leaves a half-written record behind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from transcite.errors import ConflictError, DataError, UsageError
from transcite.model import Record
from transcite.tei import record_from_bytes, record_to_bytes

ENV_VAR = "TRANSCITE_TEXTS"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def check_id(record_id: str) -> str:
    """Refuse an id that is not a safe file name (no paths, no dot-files, not empty)."""
    if not _SAFE_ID.match(record_id) or record_id.endswith((".", ".xml")):
        raise UsageError(
            f"invalid id {record_id!r}: use letters, digits, '.', '_' and '-' "
            "(starting with a letter or digit), e.g. kartsev-islamists"
        )
    return record_id


def default_dir() -> Path:
    return Path(os.environ.get(ENV_VAR) or "texts")


class Corpus:
    """A folder of records."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_dir()

    def path_for(self, record_id: str) -> Path:
        return self.root / f"{check_id(record_id)}.xml"

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.xml") if _SAFE_ID.match(p.stem))

    def exists(self, record_id: str) -> bool:
        return self.path_for(record_id).is_file()

    def _unknown(self, record_id: str) -> UsageError:
        known = self.ids()
        hint = f"; known ids: {', '.join(known[:8])}" if known else f"; {self.root}/ is empty"
        return UsageError(f"no record {record_id!r} in {self.root}/{hint}")

    def require(self, record_id: str) -> Path:
        """The path of an existing record; a usage error naming the known ids otherwise."""
        path = self.path_for(record_id)
        if not path.is_file():
            raise self._unknown(record_id)
        return path

    def load(self, record_id: str) -> Record:
        path = self.path_for(record_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise self._unknown(record_id) from None
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror}") from None
        record = record_from_bytes(data, str(path))
        if record.id != record_id:
            raise DataError(
                f"{path}: holds record {record.id!r}, not {record_id!r}; rename the file or "
                "fix its idno"
            )
        return record

    def __iter__(self) -> Iterator[Record]:
        for record_id in self.ids():
            yield self.load(record_id)

    def save(self, record: Record, *, force: bool = False) -> Path:
        """Validate and write a record atomically; refuse to replace one unless ``force``."""
        path = self.path_for(record.id)
        if path.exists() and not force:
            raise ConflictError(
                f"{path} exists; pass --force to replace it, or choose another --id"
            )
        import tempfile  # only writers need it; keeps read-only commands quick to start

        data = record_to_bytes(record)
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{record.id}.", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path
