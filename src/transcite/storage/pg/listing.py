"""``list`` on a PostgreSQL corpus: its output made by one statement, and the whole output with
no filter kept in the table ``listings`` (schema 2), as the SQLite index keeps it
(:func:`transcite.storage.sqlite_rows.output`), so that listing an unchanged corpus reads one
value.

Any change of ``records`` drops the kept output: a trigger deletes every row of ``listings``
in the transaction of the change. Making the output again must not keep one older than a
change committed meanwhile, and no writer waits while it is made:

1. a short transaction takes the ``SHARE`` lock of ``records`` without waiting (a write under
   way: the output is made and not kept) and adds the row ``(format, NULL)``, the marker, if
   there is none; once it commits, every write that had touched ``records`` has ended, and
   every later write's trigger deletes the marker;
2. one statement makes the output, from a snapshot taken after that;
3. the output is stored in the marker's row only if the marker is still there: a write that
   deleted it since (committed, or under way: the update waits for it) keeps it from being
   stored.

Where nothing can be written (a read-only user, a replica), the output is made and not kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transcite.storage.index import ListQuery

if TYPE_CHECKING:
    import psycopg

#: the columns of a record's element of ``list --format json``, in its order
_JSON = "id, title, authors, translators, paragraphs, figures, labels"


def output(conn: psycopg.Connection[Any], query: ListQuery, fmt: str) -> bytes:
    """The whole output of ``list`` (``fmt``: "text" or "json"; UTF-8, no final newline),
    kept when ``query`` has no filter and sorts by id."""
    if query != ListQuery():
        return make(conn, query, fmt)
    with conn.cursor(binary=True) as cur:  # the bytes as they are, not in hexadecimal
        row = cur.execute("SELECT body FROM listings WHERE key = %s", (fmt,)).fetchone()
    if row is not None and row[0] is not None:
        return bytes(row[0])
    return _make_and_keep(conn, fmt)


def _make_and_keep(conn: psycopg.Connection[Any], fmt: str) -> bytes:
    import psycopg

    try:
        with conn.transaction():
            conn.execute("LOCK TABLE records IN SHARE MODE NOWAIT")
            conn.execute("INSERT INTO listings (key) VALUES (%s) ON CONFLICT (key) DO NOTHING",
                         (fmt,))
    except psycopg.Error:  # a write under way, a read-only user or server
        return make(conn, ListQuery(), fmt)
    body = make(conn, ListQuery(), fmt)
    try:
        with conn.transaction():
            conn.execute("SET LOCAL lock_timeout = '10s'")
            conn.execute("UPDATE listings SET body = %s WHERE key = %s AND body IS NULL",
                          (body, fmt))
    except psycopg.Error:
        pass  # made, not kept
    return body


def make(conn: psycopg.Connection[Any], query: ListQuery, fmt: str) -> bytes:
    """The output of ``list`` for ``query``, made from the ``records`` rows by one statement:
    the text laid out by the database (ids are ASCII: its character widths are the
    terminal's), the JSON elements by :func:`transcite.storage.index.summary_json_text`,
    the SQLite index's own."""
    where, args, order = list_sql(query)
    if fmt == "json":
        import json

        from transcite.storage.index import listing_json, summary_json_text

        loads = json.loads
        return listing_json([
            summary_json_text({
                "id": r[0], "title": r[1], "authors": loads(r[2]), "translators": loads(r[3]),
                "paragraphs": r[4], "figures": r[5], "labels": r[6],
            })
            for r in conn.execute(
                f"SELECT {_JSON} FROM records WHERE {where} ORDER BY {order}", args)
        ]).encode("utf-8")
    row = conn.execute(
        "SELECT string_agg(rpad(id, width) || title || E'\\n' || repeat(' ', width) || "
        f"listing, E'\\n' ORDER BY {order}) FROM records, (SELECT coalesce(max(length(id)), 0)"
        f" + 2 AS width FROM records WHERE {where}) AS widest WHERE {where}",
        [*args, *args],
    ).fetchone()
    text: str | None = row[0] if row is not None else None
    return (text or "").encode("utf-8")


def list_sql(query: ListQuery) -> tuple[str, list[str], str]:
    """The WHERE condition, its arguments and the ORDER BY of a list query (the same rules
    as the SQLite index: :meth:`~transcite.storage.index.ListQuery.where`)."""
    where, args = query.where("%s", "true")
    return where, args, query.order_by()
