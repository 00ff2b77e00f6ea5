"""Every ```console transcript in README.md is replayed: the README shows real output.

A transcript is a ``$ transcite …`` line followed by the exact lines it prints (stdout and
stderr as they appear on a terminal). Commands run in a temporary folder holding a copy of the
committed ``texts/`` and ``tests/data/``.
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


def test_readme_has_transcripts() -> None:
    assert len(transcripts()) >= 3


@pytest.mark.parametrize(("command", "expected"), transcripts(), ids=lambda v: v[:40])
def test_transcript(
    command: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "texts", tmp_path / "texts")
    shutil.copytree(ROOT / "tests" / "data", tmp_path / "tests" / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSCITE_TEXTS", raising=False)
    args = shlex.split(command)
    assert args[0] == "transcite"
    result = CliRunner().invoke(cli, args[1:], prog_name="transcite")
    assert result.output == expected
