"""Writers of a PostgreSQL corpus as real processes: 8 revising one record at once lose no
version, and a writer killed at any point of its conversation with the server leaves the
record whole, old or new, with its versions, blocks and word counts in step."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from transcite.storage.index import words
from transcite.storage.pg.copy import to_database
from transcite.storage.pg.corpus import PgCorpus

from conftest import DATA, ROOT, SEED_ID

TRANSCITE = str(Path(sys.executable).parent / "transcite")
REVISE = ["revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt"), "--date",
          "2030-01-01"]


@pytest.mark.slow
def test_eight_processes_lose_nothing_on_postgres() -> None:
    """``bench/bench_concurrency.py --postgres``, bounded (its checks: see its docstring)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_concurrency.py"), "--postgres",
         "--processes", "8", "--rounds", "4", "--json"],
        capture_output=True, text=True, check=False, timeout=900,
    )
    assert proc.stderr == ""
    results = {r["scenario"]: r for r in json.loads(proc.stdout)}
    assert {name: r["problems"] for name, r in results.items()} == {
        "revise": [], "ingest": [], "mixed": []
    }
    assert proc.returncode == 0
    revise = results["revise"]
    assert (revise["succeeded"], revise["revisions in history"], revise["versions"],
            revise["versions in the table"]) == (32, 32, 33, 33)
    ingest = results["ingest"]
    assert (ingest["ids"], ingest["created"], ingest["refused (exit 4)"]) == (4, 4, 28)
    mixed = results["mixed"]
    assert mixed["ingest --force succeeded"] + mixed["revise succeeded"] == 32


def _state(corpus: PgCorpus) -> tuple[bytes, list[str]]:
    """The stored record, and every way its derived rows disagree with it."""
    conn = corpus.conn
    data = corpus.tei(SEED_ID)
    record = corpus.load(SEED_ID)
    problems = []
    versions = [n for (n,) in conn.execute(
        "SELECT n FROM versions WHERE record_id = %s ORDER BY n", (SEED_ID,))]
    if versions != list(range(1, record.version + 1)):
        problems.append(f"versions {versions} for a record of version {record.version}")
    current = conn.execute(
        "SELECT block_id, text FROM blocks WHERE record_id = %s AND current ORDER BY seq",
        (SEED_ID,)).fetchall()
    expected = [(b.id, b.caption if b.kind == "figure" else b.text)  # type: ignore[union-attr]
                for b in record.blocks]
    if current != expected:
        problems.append("the current blocks are not the record's")
    counts: Counter[str] = Counter()
    for (text,) in conn.execute("SELECT text FROM blocks WHERE current"):
        counts.update(set(words(text)))
    if dict(conn.execute("SELECT term, df FROM terms").fetchall()) != dict(counts):
        problems.append("the word counts are not the blocks'")
    listed = conn.execute("SELECT version, paragraphs FROM records WHERE id = %s",
                          (SEED_ID,)).fetchone()
    if listed != (record.version, len(record.paragraphs)):
        problems.append(f"list shows {listed}")
    return data, problems


def _strace(k: int, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=sendto",
         "-e", f"inject=sendto:signal=KILL:when={k}", TRANSCITE, *REVISE, "--corpus", url],
        capture_output=True, text=True, check=False, timeout=300,
    )


@pytest.mark.slow
def test_kill_9_at_every_message_to_the_server(texts: Path, pg_url: str, tmp_path: Path) -> None:
    """strace kills ``revise --corpus`` on entering each of its ``sendto`` calls from the one
    that opens its write transaction (every message to the server: each statement, the COPY
    data, the COMMIT, the goodbye): after each kill the
    record is the old one or the new one, byte for byte, its rows in step; after every
    fourth kill the next ``revise`` runs, and writes the new one (no lock left behind)."""
    if shutil.which("strace") is None:
        pytest.fail("strace is needed (apt-get install strace; make test installs it)")
    corpus = PgCorpus(pg_url)

    def reset() -> None:
        to_database(str(texts), corpus, force=True)

    try:
        reset()
        old, problems = _state(corpus)
        assert problems == []
        trace = tmp_path / "trace"
        done = subprocess.run(
            ["strace", "-f", "-qq", "-s", "32", "-o", str(trace), "-e", "trace=sendto", TRANSCITE,
             *REVISE, "--corpus", pg_url], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        sent = [line for line in trace.read_text().splitlines() if "sendto(" in line]
        # from the message that opens the write's transaction (the reads before it change
        # nothing) to the last
        first = next(k for k, line in enumerate(sent, 1) if "BEGIN" in line)
        new, problems = _state(corpus)
        assert problems == [] and new != old
        assert len(sent) - first >= 8
        outcomes: Counter[str] = Counter()
        reset()
        # from that message on until a run is no longer killed (its K-th message never
        # came): the number of messages varies a little from run to run (a lock wait, the
        # server's timing), so the sweep goes on past the traced run's count if need be
        k = first
        while True:
            assert k <= 3 * len(sent), outcomes
            killed = _strace(k, pg_url)
            data, problems = _state(corpus)
            assert problems == [], (k, problems)
            assert data in (old, new), k
            finished = killed.returncode == 0
            outcomes[f"{'finished' if finished else 'killed'}, "
                     f"{'old' if data == old else 'new'}"] += 1
            if finished:
                assert data == new, (k, killed.stderr)  # a run that ends wrote its version
                break
            if data == old and k % 4 == 0:  # no lock left behind: the next writer writes
                again = subprocess.run([TRANSCITE, *REVISE, "--corpus", pg_url],
                                       capture_output=True, text=True, check=False)
                assert again.returncode == 0, (k, again.stderr)
                assert _state(corpus) == (new, []), k
                data = new
            if data != old:
                reset()
            k += 1
        assert outcomes["killed, old"] >= 8, outcomes
    finally:
        corpus.close()


