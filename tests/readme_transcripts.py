"""The ```console transcripts of README.md, and replaying one.

A transcript is a ``$ transcite …`` line followed by the exact lines it prints (stdout and
stderr as they appear on a terminal). A command runs in a temporary folder holding a copy of
the committed ``texts/`` and ``tests/data/``. ``tests/cli/test_readme.py`` replays every
transcript but those that print a built-in style's output (``--style NAME``): those are the
style's, replayed in its own test file (``tests/cite/styles/``, ``style_rules.StyleRules``), so
that a changed style rule fails there alone.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcite.cli.main import cli

from conftest import ROOT

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def transcripts() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text("utf-8")
    out: list[tuple[str, str]] = []
    for block in BLOCK.findall(readme):
        for chunk in re.split(r"^(?=\$ )", block, flags=re.M):
            if chunk.strip():
                command, _, expected = chunk.partition("\n")
                out.append((command.removeprefix("$ "), expected))
    return out


def style_of(command: str) -> str | None:
    """The built-in style a transcript's command names with ``--style``, if any."""
    args = shlex.split(command)
    return args[args.index("--style") + 1] if "--style" in args else None


def replay(command: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "texts", tmp_path / "texts")
    shutil.copytree(ROOT / "tests" / "data", tmp_path / "tests" / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSCITE_TEXTS", raising=False)
    args = shlex.split(command)
    assert args[0] == "transcite"
    result = CliRunner().invoke(cli, args[1:], prog_name="transcite")
    assert result.output == expected
