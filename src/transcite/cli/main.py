"""The ``transcite`` command: a thin layer over the library.

Commands live in ``transcite.cli.commands.*`` and are imported only when run, so that start-up
stays close to the cost of importing click and lxml. Every
:class:`~transcite.core.errors.TransciteError`
becomes one line on stderr and its documented exit code (see ``docs/cli.md``).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from transcite import __version__
from transcite.core.errors import TransciteError

#: command name -> "module:attribute"; adding a command is one line here
COMMANDS: dict[str, str] = {
    "align": "transcite.cli.commands.align:align",
    "check": "transcite.cli.commands.check:check",
    "corpus": "transcite.cli.commands.corpus_db:corpus_group",
    "cite": "transcite.cli.commands.cite:cite",
    "compare": "transcite.cli.commands.compare:compare",
    "credits": "transcite.cli.commands.credits:credits",
    "export": "transcite.cli.commands.export:export_cmd",
    "ingest": "transcite.cli.commands.ingest:ingest",
    "find": "transcite.cli.commands.find:find_cmd",
    "index": "transcite.cli.commands.corpus:index_cmd",
    "list": "transcite.cli.commands.corpus:list_cmd",
    "quote": "transcite.cli.commands.quote:quote",
    "revise": "transcite.cli.commands.revise:revise",
    "serve": "transcite.cli.commands.serve:serve",
    "show": "transcite.cli.commands.show:show",
    "styles": "transcite.cli.commands.styles:styles",
    "validate": "transcite.cli.commands.validate:validate",
}

EPILOG = """\b
Exit codes:
  0  success
  1  the work ran but found errors (e.g. validate), or failed
  2  usage error: bad option, unknown record, paragraph or style, malformed REF
  3  bad input data: empty, binary, wrongly encoded, hostile or invalid file
  4  refused to overwrite an existing record (use --force)
  5  the corpus database cannot be reached (server, password, database)
"""


class _Failure(click.ClickException):
    """A library error shown as one line with the error's own exit code."""

    def __init__(self, error: TransciteError) -> None:
        super().__init__(error.message)
        self.exit_code = int(error.exit_code)  # type: ignore[misc]


class _UsageLine(click.ClickException):
    """A usage error of click's own (missing argument, unknown option) as one line, exit 2."""

    exit_code = 2

    def __init__(self, error: click.UsageError, where: str) -> None:
        super().__init__(f"{error.format_message()} (see '{where} --help')")


def _one_line(error: click.UsageError, ctx: click.Context | None = None) -> click.ClickException:
    """Click prints usage errors in three lines (usage, hint, error); transcite in one."""
    if type(error).__name__ == "NoArgsIsHelpError":  # `transcite` alone prints its help
        return error
    if error.ctx is not None and error.ctx.parent is not None:
        where = error.ctx.command_path
    elif ctx is not None and ctx.invoked_subcommand:
        where = f"{ctx.command_path} {ctx.invoked_subcommand}"
    else:
        where = error.ctx.command_path if error.ctx is not None else "transcite"
    return _UsageLine(error, where)


class TransciteGroup(click.Group):
    """Loads commands lazily and turns library and usage errors into one clear line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TransciteError as exc:
            if ctx.meta.get("transcite.traceback"):
                raise
            raise _Failure(exc) from None
        except click.UsageError as exc:
            raise _one_line(exc, ctx) from None
        except (MemoryError, RecursionError) as exc:
            # the last line of defence against an input too large or too deep for this
            # machine: every known case is refused earlier with a precise message
            if ctx.meta.get("transcite.traceback"):
                raise
            why = "out of memory" if isinstance(exc, MemoryError) else "nested too deeply"
            raise _Failure(TransciteError(
                f"the input is too large or too complex to process ({why}); nothing was "
                "written"
            )) from None
        except Exception as exc:
            # a corpus database that fails mid-way (server stopped, connection lost) is one
            # line too (exit 5), like a connection that could not be made
            if ctx.meta.get("transcite.traceback") or not _database_error(exc):
                raise
            from transcite.core.errors import Unavailable

            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise _Failure(Unavailable(f"the corpus database failed: {reason}")) from None


def _database_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the database driver's (psycopg's) own error."""
    return type(exc).__module__.split(".")[0] == "psycopg"


def _traceback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["transcite.traceback"] = value


@click.group(
    name="transcite",
    cls=TransciteGroup,
    epilog=EPILOG,
    context_settings={"max_content_width": 100, "terminal_width": 100},
)
@click.version_option(__version__, prog_name="transcite")
@click.option(
    "--traceback", is_flag=True, expose_value=False, callback=_traceback, is_eager=True,
    help="Show the full traceback of an error (for bug reports).",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Cite, quote, credit-check and compare translated journalism.

    Records live in texts/ (or --texts DIR, or $TRANSCITE_TEXTS), one TEI file per text.
    """
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def main() -> None:
    cli(prog_name="transcite")


if __name__ == "__main__":  # pragma: no cover
    main()
