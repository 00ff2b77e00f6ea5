"""The registry of known photo agencies and distributors: data, not code.

The built-in list is ``transcite/data/agencies.toml``; a user file of the same shape (given
with ``--agencies FILE`` or ``$TRANSCITE_AGENCIES``) adds entries, replaces an entry with the
same name, and adds placeholders. ``transcite validate`` checks the agency and distributor
parts of every photo credit against it.

Example::

    >>> registry = load_registry()
    >>> registry.lookup("Reuters").agency.kind, registry.lookup("VidaPress").exact
    ('agency', False)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from transcite.core.errors import DataError, UsageError
from transcite.storage.inputs import read_capped

ENV_VAR = "TRANSCITE_AGENCIES"
AgencyKind = Literal["agency", "distributor"]
_BUILTIN = Path(__file__).parent / "data" / "agencies.toml"
_AGENCY_KEYS = frozenset({"name", "kind", "aliases", "country"})


def name_key(name: str) -> str:
    """What two spellings of one name share: case-folded letters and digits only."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency or distributor as it writes its own name, and the other right forms."""

    name: str
    kind: AgencyKind
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A registry hit: ``exact`` when the form is the agency's name or an alias as written."""

    agency: Agency
    exact: bool


class Registry:
    """Agencies by name and alias, and the placeholder words that stand in for a name."""

    def __init__(self, agencies: list[Agency], placeholders: list[str]) -> None:
        by_name: dict[str, Agency] = {}
        for agency in agencies:  # a later entry with the same name replaces an earlier one
            by_name[name_key(agency.name)] = agency
        self.agencies = tuple(by_name.values())
        self._exact = {form: a for a in self.agencies for form in (a.name, *a.aliases)}
        self._loose = {name_key(form): a for form, a in self._exact.items()}
        self.placeholders = tuple(dict.fromkeys(placeholders))
        self._placeholder_keys = {p.casefold() for p in self.placeholders}

    def lookup(self, form: str) -> Match | None:
        """The agency written ``form``, exactly or up to case, spaces and punctuation."""
        if form in self._exact:
            return Match(self._exact[form], True)
        agency = self._loose.get(name_key(form))
        return None if agency is None else Match(agency, False)

    def is_placeholder(self, part: str) -> bool:
        return part.strip().casefold() in self._placeholder_keys


#: an agencies file is a list of names; anything larger is not one
_MAX_FILE_BYTES = 4 * 2**20


def load_registry(extra: Path | None = None) -> Registry:
    """The built-in registry, extended by the user file ``extra`` when given."""
    agencies, placeholders = _builtin()
    if extra is None:
        return Registry(list(agencies), list(placeholders))
    more, more_placeholders = _read(extra)
    return Registry([*agencies, *more], [*placeholders, *more_placeholders])


@cache
def _builtin() -> tuple[tuple[Agency, ...], tuple[str, ...]]:
    agencies, placeholders = _read(_BUILTIN)
    return tuple(agencies), tuple(placeholders)


def _read(path: Path) -> tuple[list[Agency], list[str]]:
    if not path.exists():
        raise UsageError(f"{path}: no such agencies file")
    raw = read_capped(str(path), _MAX_FILE_BYTES, what="the agencies file")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a TOML file: {exc}") from None
    except RecursionError:
        raise DataError(f"{path}: not an agencies file: values nested too deep") from None
    unknown = sorted(set(data) - {"agency", "placeholders"})
    if unknown:
        raise DataError(f"{path}: unknown key {unknown[0]!r}; use [[agency]] and placeholders")
    placeholders = _strings(data.get("placeholders", []), f"{path}: placeholders")
    entries = data.get("agency", [])
    if not isinstance(entries, list):
        raise DataError(f"{path}: 'agency' must be a list of [[agency]] tables")
    agencies = [_agency(entry, f"{path}: agency {n}") for n, entry in enumerate(entries, 1)]
    return agencies, placeholders


def _agency(entry: Any, where: str) -> Agency:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: must be a [[agency]] table")
    unknown = sorted(set(entry) - _AGENCY_KEYS)
    if unknown:
        raise DataError(f"{where}: unknown key {unknown[0]!r}; keys: name, kind, aliases, country")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"{where}: needs a name, e.g. name = \"TASS\"")
    kind = entry.get("kind")
    if kind not in ("agency", "distributor"):
        raise DataError(f"{where} ({name}): kind must be \"agency\" or \"distributor\"")
    country = entry.get("country")
    if country is not None and not isinstance(country, str):
        raise DataError(f"{where} ({name}): country must be a string such as \"RU\"")
    aliases = _strings(entry.get("aliases", []), f"{where} ({name}): aliases")
    return Agency(name, kind, tuple(aliases), country)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: must be a list of names, e.g. [\"Handout\"]")
    return list(value)
