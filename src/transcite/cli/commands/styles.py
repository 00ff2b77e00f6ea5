"""``transcite styles``: the built-in citation styles and, with transcite[csl], the CSL ones."""

from __future__ import annotations

import click

from transcite.cli.options import echo_json, format_option


@click.command()
@click.option(
    "--search", metavar="WORD",
    help="Only styles whose id, title or field contains WORD (any case).",
)
@format_option(["text", "json"])
def styles(search: str | None, fmt: str) -> None:
    """List the citation styles: the built-in ones (--style) and the CSL ones (--csl).

    The built-in styles follow their manuals and always credit the translator
    (docs/styles.md). The CSL styles (over 10,000, from the Citation Style Language
    repository) are listed when transcite[csl] is installed, with their citation format
    (author-date, numeric, note, …) and field; dependent styles (journals that use another
    journal's style) are listed too.

    \b
    Example:
      transcite styles --search nature
      transcite styles --search gost --format json
    """
    from transcite.cite.csl.styles import INSTALL_HINT, list_styles, styles_dir
    from transcite.cite.styles import get_style, style_names

    needle = search.casefold() if search else None
    builtin = []
    for name in style_names():
        style = get_style(name)
        if needle is None or needle in f"{name} {style.label}".casefold():
            builtin.append({"id": name, "title": style.label, "forms": list(style.forms)})
    csl = list_styles(search) if styles_dir() is not None else None
    if fmt == "json":
        echo_json({
            "builtin": builtin,
            "csl": None if csl is None else [
                {"id": s.id, "title": s.title, "format": s.citation_format,
                 "fields": list(s.fields), "parent": s.parent} for s in csl
            ],
        })
        return
    click.echo(f"built-in styles (--style): {len(builtin)}")
    for entry in builtin:
        click.echo(f"  {entry['id']:<22} {entry['title']}  ({', '.join(entry['forms'])})")
    if csl is None:
        click.echo(f"CSL styles (--csl): not installed; {INSTALL_HINT}")
        return
    click.echo(f"CSL styles (--csl): {len(csl)}")
    for info in csl:
        kind = ", ".join(filter(None, (info.citation_format, *info.fields)))
        parent = f"; uses {info.parent}" if info.parent else ""
        click.echo(f"  {info.id}  {info.title}  ({kind}{parent})")
