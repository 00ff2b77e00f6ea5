"""The docs say what the code does: the CLI reference is current and every command documented."""

from __future__ import annotations

from transcite.cli.main import COMMANDS

import cli_reference
from conftest import ROOT


def test_cli_reference_is_current() -> None:
    expected = cli_reference.render()
    actual = cli_reference.TARGET.read_text("utf-8")
    assert actual == expected, (
        "docs/cli.md is stale: run .venv/bin/python tests/cli_reference.py --write"
    )


def test_every_command_has_help_with_an_example() -> None:
    for name in COMMANDS:
        text = cli_reference.help_text(name)
        assert "Example" in text, f"transcite {name} --help has no example"


def test_every_command_has_a_page_in_docs() -> None:
    commands_doc = (ROOT / "docs" / "commands.md").read_text("utf-8")
    for name in COMMANDS:
        assert f"## `transcite {name}`" in commands_doc, f"docs/commands.md lacks {name}"
