"""Benchmark: article text, dates and authors of real news pages, transcite next to trafilatura.

    .venv/bin/python bench/fetch_extraction_benchmark.py            # once: prints BENCH_DIR
    .venv/bin/python bench/bench_extraction.py BENCH_DIR [--pages N] [--show-authors]

BENCH_DIR is a clone of scrapinghub/article-extraction-benchmark (181 real news pages, their
ground-truth article bodies and its own scorer ``evaluate.py``). Every page is read by
transcite's HTML reader and by ``trafilatura.extract(html, include_comments=False)`` (the
benchmark's own trafilatura runner), one after the other in this process, then both outputs
are scored by the benchmark's ``evaluate.py``, unchanged (copied as it is into a scratch
folder with the ground truth), which prints F1, precision and recall side by side.

transcite's article body is the text of the record's paragraphs and labels (headings), in
order; figures (captions and credits) are left out, since the benchmark's bodies carry no
captions. A page transcite refuses counts as an empty body and is listed.

Then:
- dates: how many pages get a publication date, and, on the pages whose URL states the day
  (``/2019/11/19/``, ``2019-11-19``, ``20191119``: the publisher's own statement, independent
  of the HTML), how many are that day (or the day before, for pages stamped in another time
  zone) — for transcite and for trafilatura's metadata (htmldate);
- authors: every author transcite records is checked against navigation labels, the page's
  site name, its publisher and its host name; the ones that match are listed
  (``--show-authors`` lists every author for reading);
- time: median and total seconds per page for each, in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from transcite.core.errors import TransciteError
from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.ingest.readers import IngestOptions, get_reader

#: words of page navigation and site furniture that are never a person's name
NAVIGATION_WORDS = re.compile(
    r"\b(home|menu|login|log in|sign in|subscribe|newsletter|contact|impressum|datenschutz|"
    r"vorheriger|nächster|eintrag|nachrichten|alle|previous|next|search|admin|administrator|"
    r"editor|staff|redaktion|team|desk|news|privacy|cookies?|terms|about us|share|follow|"
    r"twitter|facebook|more|read|comments?|advert\w*|by)\b",
    re.I,
)
_URL_DATES = (
    re.compile(r"/(20\d\d|19\d\d)/(\d\d?)/(\d\d?)(?:/|$)"),
    re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d\d)-(\d\d)(?!\d)"),
    re.compile(r"/(20\d\d|19\d\d)(\d\d)(\d\d)(?:/|[^\d])"),
)


@dataclass(slots=True)
class Result:
    body: str = ""
    seconds: float = 0.0
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    #: collective bylines ("HNN Staff") recorded as organisations, not persons
    organisations: list[str] = field(default_factory=list)
    publisher: str | None = None
    refused: str | None = None


def url_date(url: str) -> date | None:
    """The day a page's URL states, or ``None``."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def body_of(record: Record) -> str:
    parts = [b.text for b in record.blocks if isinstance(b, Paragraph | Label)]
    return "\n".join(parts)


def run_transcite(key: str, html: bytes) -> Result:
    reader = get_reader("html")
    start = time.perf_counter()
    try:
        record = reader.read(html, IngestOptions(id="page", source_name=key[:12])).record
    except TransciteError as exc:
        return Result(seconds=time.perf_counter() - start, refused=str(exc))
    seconds = time.perf_counter() - start
    assert not any(isinstance(b, Figure) and b.caption is None for b in record.blocks)
    return Result(
        body_of(record), seconds, record.published,
        [p.full_name for p in record.authors if not p.organisation],
        [p.full_name for p in record.authors if p.organisation], record.publisher,
    )


def run_trafilatura(html: str) -> Result:
    import trafilatura

    start = time.perf_counter()
    body = trafilatura.extract(html, include_comments=False) or ""
    seconds = time.perf_counter() - start
    meta = trafilatura.extract_metadata(html)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
    return Result(body, seconds, meta.date if meta else None, authors,
                  publisher=meta.sitename if meta else None)


def score(bench: Path, outputs: dict[str, dict[str, dict[str, str]]]) -> str:
    """Run the benchmark's evaluate.py, unchanged, on the outputs; its printed table."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        shutil.copyfile(bench / "evaluate.py", work / "evaluate.py")
        shutil.copyfile(bench / "ground-truth.json", work / "ground-truth.json")
        (work / "output").mkdir()
        for name, output in outputs.items():
            (work / "output" / f"{name}.json").write_text(
                json.dumps(output, ensure_ascii=False), encoding="utf-8"
            )
        done = subprocess.run(
            [sys.executable, "evaluate.py", "--n-bootstrap", "1000"], cwd=work, check=True,
            capture_output=True, text=True,
        )
        return done.stdout


def suspicious_author(name: str, result: Result, url: str, site: str | None) -> str | None:
    """Why an author looks like navigation or a site name, or ``None``."""
    low = name.lower()
    if NAVIGATION_WORDS.search(name):
        return "navigation word"
    host = urlsplit(url).hostname or ""
    words = {w for w in re.split(r"[.\-]", host) if len(w) > 3} - {"www", "news", "com"}
    if any(w in low.replace(" ", "") for w in words):
        return f"host name ({host})"
    for other in (result.publisher, site):
        if other and (low == other.lower() or low in other.lower().split(" | ")):
            return f"site or publisher name ({other})"
    if not any(c.isupper() for c in name) or len(name.split()) > 5:
        return "not name-shaped"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path, help="folder of the benchmark (see fetch script)")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--show-authors", action="store_true")
    parser.add_argument("--dump", type=Path, help="write both outputs and metadata as JSON")
    args = parser.parse_args()
    bench: Path = args.bench
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.pages or None]
    ours: dict[str, Result] = {}
    theirs: dict[str, Result] = {}
    for key in keys:
        raw = gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes())
        ours[key] = run_transcite(key, raw)
        theirs[key] = run_trafilatura(raw.decode("utf-8"))
    truth_keys = sorted(truth)  # evaluate.py needs every key: pages not read count as empty
    outputs = {
        name: {k: {"articleBody": r[k].body if k in r else ""} for k in truth_keys}
        for name, r in (("transcite", ours), ("trafilatura", theirs))
    }
    print(f"{len(keys)} pages of {bench.name}; scored by its evaluate.py, unchanged:\n")
    print(score(bench, outputs))

    refused = [(k, r.refused) for k, r in ours.items() if r.refused]
    print(f"pages refused by transcite: {len(refused)} of {len(keys)}")
    for key, why in refused:
        print(f"  {key[:12]} {why}")

    print("\ndates (a URL that states the day is the reference; same day or the day before):")
    stated = {k: d for k in keys if (d := url_date(truth[k]["url"]))}
    for name, results in (("transcite", ours), ("trafilatura", theirs)):
        found = sum(1 for k in keys if results[k].published)
        right = wrong = 0
        for key, day in stated.items():
            got = results[key].published
            if got and got[:10] in (day.isoformat(), (day - timedelta(days=1)).isoformat()):
                right += 1
            else:
                wrong += 1
        print(f"  {name:<12} a date on {found} of {len(keys)} pages; right on {right} of "
              f"{len(stated)} pages whose URL states the day ({right / max(1, len(stated)):.0%})")
    for key, day in stated.items():
        got = ours[key].published
        if not (got and got[:10] in (day.isoformat(), (day - timedelta(days=1)).isoformat())):
            print(f"    transcite {key[:12]}: {got} (URL: {day}) {truth[key]['url']}")

    print("\nauthors (navigation labels, site, publisher or host names taken for a person):")
    pages_with = sum(1 for r in ours.values() if r.authors)
    print(f"  transcite names an author on {pages_with} of {len(keys)} pages "
          f"(trafilatura: {sum(1 for r in theirs.values() if r.authors)})")
    bad = 0
    for key in keys:
        for name in ours[key].authors:
            why = suspicious_author(name, ours[key], truth[key]["url"], theirs[key].publisher)
            if why:
                bad += 1
                print(f"  {key[:12]} {name!r}: {why}")
            if args.show_authors:
                print(f"    {key[:12]} {name}  ({urlsplit(truth[key]['url']).hostname})")
    print(f"  suspicious authors: {bad}")
    orgs = [(k, o) for k in keys for o in ours[k].organisations]
    print(f"  collective bylines recorded as organisations (not persons): {len(orgs)}")
    for key, org in orgs:
        print(f"    {key[:12]} {org}")

    print("\ntime per page (one process, pages one after another):")
    for name, results in (("transcite", ours), ("trafilatura", theirs)):
        times = [r.seconds for r in results.values()]
        print(f"  {name:<12} median {statistics.median(times) * 1e3:6.1f} ms, "
              f"total {sum(times):6.2f} s")
    ratio = sum(r.seconds for r in ours.values()) / sum(r.seconds for r in theirs.values())
    print(f"  transcite / trafilatura (total): {ratio:.2f}")
    if args.dump:
        args.dump.write_text(json.dumps(
            {k: {"transcite": _plain(ours[k]),
                 "trafilatura": _plain(theirs[k]), "truth": truth[k]} for k in keys},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _plain(result: Result) -> dict[str, object]:
    return {"body": result.body, "published": result.published, "authors": result.authors,
            "publisher": result.publisher, "refused": result.refused,
            "seconds": round(result.seconds, 4)}


if __name__ == "__main__":
    sys.exit(main())
