"""Options shared by several commands, each defined once with one help text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from transcite.storage.corpus import CORPUS_VAR, ENV_VAR, Corpus

F = TypeVar("F", bound=Callable[..., Any])
_CORPUS = "transcite.corpus"


def texts_option(func: F) -> F:
    """``--texts DIR``: the corpus folder, defaulting to $TRANSCITE_TEXTS or ./texts; and
    ``--corpus URL`` (or $TRANSCITE_CORPUS), a corpus in PostgreSQL instead: see
    :func:`corpus_from`."""
    func = click.option(
        "--corpus", "corpus_url", envvar=CORPUS_VAR, metavar="URL", expose_value=False,
        callback=_remember_corpus,
        help=f"A corpus in PostgreSQL, postgresql://USER@HOST/DB, instead of --texts "
             f"(also ${CORPUS_VAR}; docs/corpus.md).",
    )(func)
    return click.option(
        "--texts", "texts_dir", envvar=ENV_VAR, default="texts", show_default=True,
        type=click.Path(file_okay=False),
        help=f"Folder of records (also ${ENV_VAR}).",
    )(func)


def _remember_corpus(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta[_CORPUS] = value or None


def corpus_from(texts_dir: str) -> Corpus:
    """The corpus a command works on: ``--corpus URL`` (a PostgreSQL database, or a folder)
    or ``$TRANSCITE_CORPUS``, else the folder ``--texts`` (``$TRANSCITE_TEXTS``, ``texts``).
    ``--texts`` given on the command line wins over ``$TRANSCITE_CORPUS``; both options
    at once are refused."""
    from click.core import ParameterSource

    ctx = click.get_current_context(silent=True)
    location = ctx.meta.get(_CORPUS) if ctx is not None else None
    if ctx is not None and location:
        texts_given = ctx.get_parameter_source("texts_dir") == ParameterSource.COMMANDLINE
        if texts_given:
            if ctx.get_parameter_source("corpus_url") == ParameterSource.COMMANDLINE:
                from transcite.core.errors import UsageError

                raise UsageError("give --texts DIR or --corpus URL, not both")
            location = None
    if location:
        from transcite.storage.backends import open_corpus

        corpus = open_corpus(location)
        if ctx is not None:
            ctx.call_on_close(corpus.close)  # the database connection, when it was opened
        return corpus
    return Corpus(texts_dir)


def format_option(choices: Sequence[str], default: str = "text") -> Callable[[F], F]:
    """``--format``: how the result is printed on stdout."""

    def decorate(func: F) -> F:
        return click.option(
            "--format", "fmt", type=click.Choice(list(choices)), default=default,
            show_default=True, help="Output format.",
        )(func)

    return decorate


def colour_wanted() -> bool:
    """Colour on stdout only on a terminal, never when ``NO_COLOR`` is set (no-color.org)."""
    import os
    import sys

    from click import _compat

    if os.environ.get("NO_COLOR"):
        return False
    ctx = click.get_current_context(silent=True)
    return not _compat.should_strip_ansi(sys.stdout, ctx.color if ctx else None)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def style_option(func: F) -> F:
    """``--style``: a citation style from the registry (checked when used, one-line error)."""
    from transcite.cite.styles import style_names

    return click.option(
        "--style", default="apa", show_default=True, metavar="STYLE",
        help=f"Citation style: {', '.join(style_names())}.",
    )(func)


def rich_format_option(func: F) -> F:
    """``--format`` for rich text: a registered output backend (text, html, markdown, latex)."""
    from transcite.render.richtext import backend_names

    return click.option(
        "--format", "fmt", default="text", show_default=True, metavar="FORMAT",
        help=f"Output format: {', '.join(backend_names())}.",
    )(func)
