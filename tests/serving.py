"""A real ``transcite serve`` for the tests of ``tests/serve/`` (and ``bench/bench_serve.py``).

:func:`running` starts the command in a child process on 127.0.0.1 with a free port (the
command's default), reads the URL it prints on stderr, waits until the API answers, and always
stops the server (Ctrl+C, then kill) when the block ends. :func:`reading_corpus` fills a corpus
folder for the tests: the committed seed record, a revised copy (two versions) and a hostile
record whose values would run script if the pages did not escape them.
"""

from __future__ import annotations

import dataclasses
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from click.testing import CliRunner

from transcite.cli.main import cli
from transcite.core.model import Credit, Figure, Paragraph, Person
from transcite.storage.corpus import Corpus

from conftest import DATA, ROOT, SEED_CAPTURE, SEED_ID, SEED_URL

REVISED_ID = "kartsev-revised"
HOSTILE_ID = "hostile"
#: what would run if a value of the hostile record reached the page unescaped
PAYLOAD = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 1\">"
JS_URL = "javascript:window.__pwned=1"
_URL_LINE = re.compile(r"reading room at (http://\S+/) ")


def reading_corpus(folder: Path) -> Path:
    """The seed, a revised copy of it (versions 1 and 2) and the hostile record."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "texts" / f"{SEED_ID}.xml", folder)
    run = CliRunner()
    env = {"TRANSCITE_TEXTS": str(folder)}
    for args in (
        ["ingest", str(SEED_CAPTURE), "--id", REVISED_ID, "--original-language", "ru",
         "--url", SEED_URL],
        ["revise", REVISED_ID, str(DATA / "kartsev-islamists-corrected.txt"),
         "--date", "2026-12-01"],
    ):
        result = run.invoke(cli, args, env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    corpus = Corpus(folder)
    seed = corpus.load(SEED_ID)
    blocks = list(seed.blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, Figure):
            blocks[i] = block._replace(
                caption=f"Caption {PAYLOAD}",
                credit=Credit(f"{PAYLOAD} / AP", ()) if block.credit else None,
            )
        elif isinstance(block, Paragraph) and block.id == "p1":
            blocks[i] = Paragraph(block.id, block.n, f"{PAYLOAD} First. {JS_URL} second.",
                                  block.section)
    hostile = seed._replace(
        id=HOSTILE_ID, title=f"Hostile {PAYLOAD}", url=JS_URL, publisher=PAYLOAD,
        authors=(Person("\"><script>window.__pwned=1</script>", "Author"),),
        blocks=tuple(blocks),
    )
    corpus.save(hostile)
    return folder


@dataclasses.dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    stderr: str


def _read_url(process: subprocess.Popen[bytes], timeout: float) -> tuple[str, str]:
    """The URL from the server's first line on stderr."""
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(left):
            raise AssertionError(f"no URL on stderr within {timeout} s: {seen!r}")
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            raise AssertionError(f"transcite serve ended: {seen!r}")
        seen += chunk
    line = seen.decode("utf-8")
    match = _URL_LINE.search(line)
    assert match, line
    return match.group(1), line


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "transcite.cli.main", "serve", *args]


#: upper bound of the waits for a server, in seconds: it starts in well under a second on an
#: idle machine; the bound only decides how long a real failure takes to be reported
READY = 120.0


def wait_until_answering(url: str, timeout: float = READY) -> None:
    """Poll the API at ``url`` until it answers 200 (ready), failing after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url + "api/records", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} never answered"
        time.sleep(0.05)  # the polling interval, not a delay anything depends on


@contextmanager
def running(texts: Path | str, *args: str, timeout: float = READY) -> Iterator[Server]:
    """``transcite serve --texts TEXTS ARGS…`` running until the block ends (``--corpus``
    when TEXTS is a ``postgresql://`` URL)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("TRANSCITE_TEXTS", None)
    env.pop("TRANSCITE_CORPUS", None)
    where = "--corpus" if str(texts).startswith("postgresql://") else "--texts"
    process = subprocess.Popen(
        command(where, str(texts), *args), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env=env,
    )
    try:
        url, line = _read_url(process, timeout)
        wait_until_answering(url, timeout)  # ready when the API answers
        yield Server(url, process, line)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=60)
    if process.stderr is not None:
        process.stderr.close()
