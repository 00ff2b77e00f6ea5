"""Benchmark: ingest of web pages, against a bare lxml.html parse of the same bytes.

    .venv/bin/python bench/bench_html.py [--pages 1000] [--repeat 30]

1. One 200 KB page (the Meduza-like test page with its slides repeated and a large inline
   script and style sheet, as real article pages carry): median time of a full ingest (decode,
   parse, metadata, body, build the record, TEI serialisation and schema validation) next to
   ``lxml.html.document_fromstring`` of the same bytes and ``trafilatura.extract`` of them
   (wall and CPU time of this process). Target: ingest under 100 ms.
2. 1,000 distinct pages ingested one after another into a scratch corpus (files written), with
   a progress bar on stderr when it is a terminal; pages per second, next to the bare parse of
   the same pages, and the CPU time of this process per page.

The machine is shared: compare the ratios more than the absolute times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click
import lxml.html

from transcite.ingest.readers import IngestOptions, get_reader
from transcite.storage.corpus import Corpus
from transcite.storage.tei import record_to_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "html" / "kartsev-islamists.html"
TARGET_BYTES = 200 * 1024


def big_page() -> bytes:
    """The test page grown to about 200 KB: more slides, a large script and style sheet."""
    page = PAGE.read_text(encoding="utf-8")
    start, end = page.index('<section class="Slide"'), page.index('<div class="DonationBlock"')
    slides = page[start:end]
    script = "<script>" + "window.__state = {'k': [1, 2, 3]};\n" * 1500 + "</script>"
    style = "<style>" + ".Slide p { margin: 0 0 1em; line-height: 1.5; }\n" * 600 + "</style>"
    page = page.replace("</head>", style + script + "</head>")
    grown = page
    while len(grown.encode("utf-8")) < TARGET_BYTES:
        grown = grown.replace('<div class="DonationBlock"', slides + '<div class="DonationBlock"')
    return grown.encode("utf-8")


def single_page(repeat: int) -> None:
    data = big_page()
    reader = get_reader("html")
    options = IngestOptions(id="bench")

    def ingest() -> bytes:
        return record_to_bytes(reader.read(data, options).record)

    ingest()  # warm caches: schema compiled once per process, as in a real run
    record = reader.read(data, options).record
    import trafilatura

    def extract() -> object:
        return trafilatura.extract(data, include_comments=False)

    extract()
    parse_s, parse_cpu = per_call_cpu(lambda: lxml.html.document_fromstring(data), repeat)
    ingest_s, ingest_cpu = per_call_cpu(ingest, repeat)
    traf_s, traf_cpu = per_call_cpu(extract, repeat)
    print(f"page: {len(data) / 1024:.0f} KB, {len(record.paragraphs)} paragraphs, "
          f"{len(record.figures)} figures; median wall (CPU) per call")
    print(f"lxml.html parse (baseline):                  {parse_s * 1e3:7.2f} ms "
          f"({parse_cpu * 1e3:7.2f} ms CPU)")
    print(f"trafilatura.extract (same page):             {traf_s * 1e3:7.2f} ms "
          f"({traf_cpu * 1e3:7.2f} ms CPU)")
    print(f"transcite ingest (read + TEI + validation):  {ingest_s * 1e3:7.2f} ms "
          f"({ingest_cpu * 1e3:7.2f} ms CPU; {ingest_s / parse_s:.1f}x the parse, "
          f"{ingest_s / traf_s:.2f}x trafilatura; target < 100 ms: "
          f"{'met' if ingest_s < 0.1 else 'NOT met'})")


def per_call_cpu(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (this process) per call."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def many_pages(count: int) -> None:
    base = PAGE.read_text(encoding="utf-8")
    pages = [
        base.replace("neck and neck.", f"neck and neck ({n}).").encode("utf-8")
        for n in range(count)
    ]
    start = time.perf_counter()
    for data in pages:
        lxml.html.document_fromstring(data)
    parse_rate = count / (time.perf_counter() - start)
    reader = get_reader("html")
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Corpus(Path(scratch))
        cpu, start = time.process_time(), time.perf_counter()
        with click.progressbar(
            pages, label="ingesting", file=sys.stderr, show_pos=True, width=30
        ) as bar:
            for n, data in enumerate(bar):
                corpus.save(reader.read(data, IngestOptions(id=f"page-{n}")).record)
        ingest_rate = count / (time.perf_counter() - start)
        ingest_cpu = (time.process_time() - cpu) / count
        written = len(corpus.ids())
    size = len(pages[0]) / 1024
    print(f"{count} pages of {size:.0f} KB, lxml.html parse (baseline): {parse_rate:8.0f} pages/s")
    print(f"{count} pages ingested and written ({written} records): {ingest_rate:8.0f} pages/s "
          f"({parse_rate / ingest_rate:.1f}x slower than the bare parse; "
          f"{ingest_cpu * 1e3:.1f} ms CPU a page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    single_page(args.repeat)
    many_pages(args.pages)


if __name__ == "__main__":
    main()
