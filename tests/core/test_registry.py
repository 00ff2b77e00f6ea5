"""The one registry of extensions (``transcite.core.registry``): built-in units load on first
use, third-party ones come from Python entry points, read only when a name is not built in."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint
from typing import Any, ClassVar

import pytest

from transcite.cite.form import Form
from transcite.cite.styles import STYLES, Style, get_style, style_names
from transcite.cite.work import Work
from transcite.core.errors import UsageError
from transcite.core.refs import Pinpoint
from transcite.core.registry import Registry
from transcite.exports import EXPORTS
from transcite.ingest.readers import READERS
from transcite.render.richtext import BACKENDS, Node, render
from transcite.validate.checks.base import CHECKS


class ToyStyle(Style):
    name = "toy"
    label = "Toy"
    forms: ClassVar[tuple[Form, ...]] = ("reference",)

    def reference(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        return f"{work.title} (toy)"


@pytest.fixture
def toy_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """A third-party package declaring ``toy = toy_transcite:ToyStyle`` in transcite.styles."""
    module = types.ModuleType("toy_transcite")
    module.ToyStyle = ToyStyle  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "toy_transcite", module)
    point = EntryPoint("toy", "toy_transcite:ToyStyle", "transcite.styles")
    monkeypatch.setattr(STYLES, "_entry_points", lambda: [point])
    monkeypatch.setattr(STYLES, "_units", dict(STYLES._units))


def test_an_entry_point_style_is_found_by_name(toy_plugin: None) -> None:
    assert "toy" not in style_names()  # start-up listing reads no entry points
    assert "toy" in STYLES.names(plugins=True)
    style = get_style("toy")
    assert isinstance(style, ToyStyle)
    assert style.quote_rules is None  # quotes fall back to APA's rules, with a notice


def test_an_unknown_name_lists_the_entry_points_too(toy_plugin: None) -> None:
    with pytest.raises(UsageError, match=r"unknown style 'nope'; choose one of: apa, .*toy"):
        get_style("nope")


def test_built_in_names_never_read_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> list[Any]:
        raise AssertionError("entry points read for a built-in name")

    for registry in (STYLES, EXPORTS, READERS, BACKENDS):
        monkeypatch.setattr(registry, "_entry_points", refuse)
    for name in style_names():
        get_style(name)
    for name in EXPORTS.names():
        EXPORTS.get(name)
    assert render("x", "html") == "x"


def test_every_registry_has_its_units() -> None:
    assert {"apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee"} <= set(
        style_names()
    )
    assert {"csl-json", "bibtex", "biblatex", "ris"} <= set(EXPORTS.names())
    assert {"text", "html"} <= {reader.name for reader in READERS.all()}
    assert {"text", "html", "markdown", "latex"} <= set(BACKENDS.names())
    assert "fits_schema" in {check.name for check in CHECKS.all()}


def test_every_style_carries_its_quote_rules_and_csl_style() -> None:
    for name in style_names():
        style = get_style(name)
        assert style.quote_rules is not None, name
        assert style.csl is not None, name


def test_a_module_entry_point_registers_its_own_units(monkeypatch: pytest.MonkeyPatch) -> None:
    registry: Registry[str] = Registry("thing", "nowhere", "transcite.things", modules=())
    module = types.ModuleType("thing_plugin")
    monkeypatch.setitem(sys.modules, "thing_plugin", module)
    module.register = lambda: registry.register("widget", "a widget")  # type: ignore[attr-defined]
    module.register()  # what the module would do when imported
    point = EntryPoint("widgets", "thing_plugin", "transcite.things")
    monkeypatch.setattr(registry, "_entry_points", lambda: [point])
    assert registry.all() == ["a widget"]
