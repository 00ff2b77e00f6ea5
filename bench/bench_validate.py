"""Benchmark: `transcite validate` over 1,000 records against a plain load of the same records.

    .venv/bin/python bench/bench_validate.py [--records 1000] [--runs 3]

Writes N copies of the seed record (each with its own id) into a temporary folder, then times,
interleaved so that machine load affects both alike:

- baseline: ``Corpus.load`` of every record (read + parse + schema + build the record), the
  least any command that reads the corpus does;
- validate: ``validate_files`` over the same files (parse + every registered check +
  consistency across all records).

Prints records per second (median of the runs) for both and their ratio. Target: validate at
least 200 records/s. The machine is shared, so compare the ratio rather than absolute times.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from transcite.credits.agencies import load_registry
from transcite.storage.corpus import Corpus
from transcite.validate.runner import validate_files

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "texts" / "kartsev-islamists.xml"


def make_corpus(folder: Path, count: int) -> list[str]:
    data = SEED.read_bytes()
    ids = [f"rec-{n:05d}" for n in range(count)]
    for record_id in ids:
        body = data.replace(b">kartsev-islamists<", f">{record_id}<".encode())
        (folder / f"{record_id}.xml").write_bytes(body)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = load_registry()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ids = make_corpus(folder, args.records)
        corpus = Corpus(folder)
        files = [(i, corpus.path_for(i)) for i in ids]
        load_times, validate_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            for record_id in ids:
                corpus.load(record_id)
            load_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = validate_files(files, registry)
            validate_times.append(time.perf_counter() - start)
        assert len(report.records) == args.records and report.count("error") == 0
    n = args.records
    load_rate = n / statistics.median(load_times)
    validate_rate = n / statistics.median(validate_times)
    print(f"records: {n}, runs: {args.runs} (median)")
    print(f"baseline: load every record      {load_rate:8.0f} records/s")
    print(f"validate: every check + corpus   {validate_rate:8.0f} records/s")
    print(f"validate / load: {validate_rate / load_rate:.2f} of the baseline rate; "
          f"target >= 200 records/s: {'met' if validate_rate >= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
