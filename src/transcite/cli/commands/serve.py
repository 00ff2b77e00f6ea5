"""``transcite serve``: the reading room in the browser, on this computer."""

from __future__ import annotations

import click

from transcite.cli.options import corpus_from, texts_option


@click.command()
@click.option("--port", type=int, default=0, show_default=True, metavar="N",
              help="Port to listen on (0: a free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this computer's loopback warns.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the reading room in the default web browser.")
@click.option("--allow-ingest", is_flag=True,
              help="Add a form that makes a record of a URL (fetched by the server) or of a "
              "pasted capture; it never replaces one.")
@texts_option
def serve(port: int, host: str, open_browser: bool, allow_ingest: bool, texts_dir: str) -> None:
    """Serve the reading room: read the corpus, select words, copy the quotation with its
    citation, see the credits, compare versions, search the texts and check a draft, in a web
    browser.

    It listens on 127.0.0.1 (this computer only) on a free port and prints its URL on stderr;
    stop it with Ctrl+C. Read-only unless --allow-ingest: nothing in the corpus is changed
    (the search index in the corpus folder is kept up to date, as by transcite find). The
    pages and the JSON API behind them: docs/serve.md.

    \b
    Example:
      transcite serve --open
      transcite serve --port 8765 --texts texts
      transcite serve --allow-ingest
    """
    from transcite.serve.server import is_loopback
    from transcite.serve.server import serve as run

    if not is_loopback(host):
        click.echo(
            f"warning: --host {host}: the reading room is reachable from other computers "
            "on that network, and so is every record in the corpus; it has no log-in",
            err=True,
        )

    def ready(url: str) -> None:
        click.echo(f"transcite serve: reading room at {url} (Ctrl+C to stop)", err=True)
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    corpus = corpus_from(texts_dir)  # --corpus URL serves a database's records
    run(getattr(corpus, "url", corpus.root), host, port, on_ready=ready,
        allow_ingest=allow_ingest)
