"""Generate docs/cli.md from the ``--help`` of every command.

    .venv/bin/python tests/cli_reference.py --write    # regenerate after changing a command

``tests/cli/test_docs.py`` fails when the checked-in file differs from what this produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from transcite.cli.main import COMMANDS, cli

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

HEADER = """\
# CLI reference

Generated from `transcite --help` and `transcite COMMAND --help` by
`tests/cli_reference.py --write`; `tests/cli/test_docs.py` checks that it is current.
"""


def help_text(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="transcite")
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip() + "\n"


def render() -> str:
    parts = [HEADER, "## transcite\n", "```\n" + help_text() + "```\n"]
    for name in sorted(COMMANDS):
        parts += [f"## transcite {name}\n", "```\n" + help_text(name) + "```\n"]
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        if isinstance(command, click.Group):  # and each of its subcommands
            for sub in sorted(command.commands):
                parts += [f"### transcite {name} {sub}\n",
                          "```\n" + help_text(name, sub) + "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        TARGET.write_text(render(), encoding="utf-8")
        print(f"wrote {TARGET}")
    else:
        sys.stdout.write(render())
