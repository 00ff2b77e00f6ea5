"""Every ```console transcript in README.md is replayed: the README shows real output.

The transcripts and how one is replayed: ``tests/readme_transcripts.py``. Those that print a
built-in style's output (``--style NAME``) are the style's and are replayed in its own test
file (``tests/cite/styles/test_<style>.py``); this file replays the others and checks that
each of those has a style file that replays it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transcite.cite.styles import style_names

from readme_transcripts import replay, style_of, transcripts
from style_rules import STYLE_FILES, declared

NEUTRAL = [(c, e) for c, e in transcripts() if style_of(c) is None]


def test_readme_has_transcripts() -> None:
    assert len(transcripts()) >= 3 and len(NEUTRAL) >= 3


def test_every_styles_transcript_is_replayed_in_its_file() -> None:
    for command, _ in transcripts():
        style = style_of(command)
        if style is not None:
            assert style in style_names(), command
            _, bases = declared(STYLE_FILES / f"test_{style.replace('-', '_')}.py")
            assert "ReadmeTranscripts" in bases, command


@pytest.mark.parametrize(("command", "expected"), NEUTRAL, ids=lambda v: v[:40])
def test_transcript(
    command: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replay(command, expected, tmp_path, monkeypatch)
