"""Benchmark: `transcite compare --format json` on generated versions of 5k, 50k and 100k words.

    .venv/bin/python bench/bench_compare.py [--runs 7] [--sizes 5000,50000,100000]

For each size, two plain-text captures are generated (seeded, so every run compares the same
texts): an old version of paragraphs of 40-160 words, and a new one with ~1% of the words
edited (replaced, inserted or deleted), every 40th paragraph split in two and a new paragraph
inserted after every 60th. Each command runs in a fresh process; its wall time and peak
resident memory (``ru_maxrss`` of that child) are measured over ``--runs`` runs, interleaved
with the baselines; the median and the best time are printed (the machine is shared: the
best time is the least disturbed).

The same two texts are also compared with all their paragraphs joined into one (the worst
shape: the word diff then runs on the whole text, sentence by sentence first).

Baselines measured in the same run on the same texts:
- ``load only``: a process that reads both captures with the text reader and prints both
  records as JSON (what compare costs beyond reading its inputs);
- ``dmp whole text``: diff-match-patch on the two whole texts, characters, default settings
  (the 1 s ``Diff_Timeout``), in a fresh process, as a user without transcite might do.

Targets (issue #6): 50,000 words under 0.5 s and 200 MB; 100,000 words at most 2.2x the
50,000-word time. CollateX 2.3 figures from the field notes (§6) are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
LOAD_ONLY = """
import json, sys
from pathlib import Path
from transcite.compare.sources import read_capture
print(json.dumps([read_capture(Path(p), "x").to_json() for p in sys.argv[1:]]))
"""
DMP_WHOLE = """
import sys
from pathlib import Path
from diff_match_patch import diff_match_patch
a, b = (Path(p).read_text(encoding="utf-8") for p in sys.argv[1:])
dmp = diff_match_patch()
diffs = dmp.diff_main(a, b)
dmp.diff_cleanupSemantic(diffs)
print(sum(len(t) for op, t in diffs if op == 0) / len(a))
"""
BREAKDOWN = """
import json, sys, time
from pathlib import Path
from transcite.compare.comparison import compare_records
from transcite.compare.sources import read_capture
start = time.perf_counter()
records = [read_capture(Path(p), n) for p, n in zip(sys.argv[1:], ("old", "new"))]
read = time.perf_counter()
comparison = compare_records(*records)
aligned = time.perf_counter()
json.dumps(comparison.to_json(), ensure_ascii=False, indent=2)
done = time.perf_counter()
print(f"{'':>17}in process: read captures {read - start:.3f}s, align + word diffs "
      f"{aligned - read:.3f}s, JSON {done - aligned:.3f}s")
"""
COLLATEX = "CollateX 2.3 (field notes §6): 2,000 words 17 s / 0.95 GB; 5,000 words 142 s / " \
    "5.8 GB; 10,000 words out of memory (12 GB) after 587 s"


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "ro", "mi", "tel", "san", "dor", "vi", "nu", "pe", "lo", "gra", "est"]
    return ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size)]


def _paragraph(rng: random.Random, vocab: list[str], words: int) -> list[str]:
    out = []
    for i in range(words):
        word = rng.choice(vocab)
        if i == 0 or out[-1].endswith("."):
            word = word.capitalize()
        out.append(word + ("." if (i + 1) % rng.randint(8, 20) == 0 else ""))
    out[-1] = out[-1].rstrip(".") + "."
    return out


def _edit(rng: random.Random, vocab: list[str], words: list[str], rate: float) -> list[str]:
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < rate / 3:
            out.append(rng.choice(vocab) + ("." if word.endswith(".") else ""))
        elif roll < 2 * rate / 3:
            out += [word, rng.choice(vocab)]
        elif roll < rate and not word.endswith("."):
            continue
        else:
            out.append(word)
    return out


def generate(total_words: int, seed: int = 6) -> tuple[str, str, dict[str, int]]:
    """Old and new capture texts of about ``total_words`` words, and the planted changes."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    old: list[list[str]] = []
    count = 0
    while count < total_words:
        para = _paragraph(rng, vocab, rng.randint(40, 160))
        old.append(para)
        count += len(para)
    new: list[list[str]] = []
    planted = {"split": 0, "inserted": 0}
    for k, para in enumerate(old, 1):
        edited = _edit(rng, vocab, para, 0.01)
        if k % 40 == 0:
            cut = next(i for i in range(len(edited) // 2, len(edited)) if edited[i].endswith("."))
            new += [edited[: cut + 1], edited[cut + 1 :]] if cut + 1 < len(edited) else [edited]
            planted["split"] += cut + 1 < len(edited)
        else:
            new.append(edited)
        if k % 60 == 0:
            new.append(_paragraph(rng, vocab, rng.randint(40, 160)))
            planted["inserted"] += 1

    def capture(paras: list[list[str]]) -> str:
        body = "\n\n".join(" ".join(p) for p in paras)
        return f"A generated article for the benchmark.\n\n{body}\n"

    return capture(old), capture(new), planted


def _one_paragraph(capture: str) -> str:
    """The capture with no paragraph breaks (a transcript, a badly saved page): the worst
    shape for the word diff, which then runs on the whole text at once."""
    title, body = capture.split("\n\n", 1)
    return f"{title}\n\n{' '.join(body.split())}\n"


def run_once(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MiB) of one fresh process, and its stdout."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed with {proc.returncode}")
        sink.seek(0)
        return elapsed, usage.ru_maxrss / 1024, sink.read().decode("utf-8")


def measure(rows: dict[str, list[str]], runs: int) -> dict[str, tuple[list[float], float, str]]:
    """Every command ``runs`` times, interleaved so that machine load hits them alike."""
    times: dict[str, list[float]] = {label: [] for label in rows}
    peaks: dict[str, float] = dict.fromkeys(rows, 0.0)
    outs: dict[str, str] = {}
    for _ in range(runs):
        for label, cmd in rows.items():
            secs, peak, outs[label] = run_once(cmd)
            times[label].append(secs)
            peaks[label] = max(peaks[label], peak)
    return {label: (times[label], peaks[label], outs[label]) for label in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="5000,50000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'words':>8} {'paras':>6}  {'command':<37} {'median':>7} {'best':>7} {'peak RSS':>10}")
    compare_time: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            old_text, new_text, planted = generate(size)
            old, new = Path(tmp, f"old{size}.txt"), Path(tmp, f"new{size}.txt")
            old.write_text(old_text, encoding="utf-8")
            new.write_text(new_text, encoding="utf-8")
            one_old, one_new = Path(tmp, f"old{size}-1p.txt"), Path(tmp, f"new{size}-1p.txt")
            one_old.write_text(_one_paragraph(old_text), encoding="utf-8")
            one_new.write_text(_one_paragraph(new_text), encoding="utf-8")
            rows = {
                "transcite compare --format json": [
                    str(BIN / "transcite"), "compare", str(old), str(new), "--format", "json"],
                "same, all in one paragraph": [
                    str(BIN / "transcite"), "compare", str(one_old), str(one_new),
                    "--format", "json"],
                "baseline: load only": [sys.executable, "-c", LOAD_ONLY, str(old), str(new)],
                "baseline: dmp whole text (1 s limit)": [
                    sys.executable, "-c", DMP_WHOLE, str(old), str(new)],
            }
            paras = old_text.count("\n\n")
            for label, (secs, peak, out) in measure(rows, args.runs).items():
                med, best = statistics.median(secs), min(secs)
                print(f"{size:>8} {paras:>6}  {label:<37} {med:>6.3f}s {best:>6.3f}s "
                      f"{peak:>6.1f} MiB")
                if label.startswith("transcite"):
                    compare_time[size] = med
                    unchanged = _check(json.loads(out), planted)
                elif label.startswith("same, all in one"):
                    print(f"{'':>17}(share of the text it found unchanged: "
                          f"{_unchanged(json.loads(out)):.0%})")
                elif label.startswith("baseline: dmp"):
                    print(f"{'':>17}(share of the text it found unchanged: {float(out):.0%}; "
                          f"transcite: {unchanged:.0%})")
            print(subprocess.run([sys.executable, "-c", BREAKDOWN, str(old), str(new)],
                                 check=True, capture_output=True, text=True).stdout, end="")
    if 50_000 in compare_time and 100_000 in compare_time:
        ratio = compare_time[100_000] / compare_time[50_000]
        print(f"100k / 50k compare time: {ratio:.2f}x (target <= 2.2x)")
    print(COLLATEX)


def _check(data: dict[str, Any], planted: dict[str, int]) -> float:
    """Warn unless compare found what was planted; the share of old text it found unchanged."""
    found = data["summary"]["paragraph"]
    for kind, count in planted.items():
        if found[kind] != count:
            print(f"  warning: planted {count} {kind}, compare found {found[kind]}")
    return _unchanged(data)


def _unchanged(data: dict[str, Any]) -> float:
    """The share of the old text (characters) that compare found unchanged."""
    equal = total = 0
    for link in data["links"]:
        for diff in link["diff"]:
            for op, text in diff["pieces"]:
                total += len(text) if op != "insert" else 0
                equal += len(text) if op == "equal" else 0
    return equal / total


if __name__ == "__main__":
    main()
