"""Benchmark: sentence splitting, quoting in every style and format, and `transcite quote` cold.

    .venv/bin/python bench/bench_quote.py [--runs 20]

In-process figures are medians over many calls. `transcite quote` is compared with
`transcite show` (the read path every command shares) and with
`python -c "import click, lxml.etree"`, measured interleaved in the same run; the machine is
shared, so compare ratios rather than absolute times.
"""

from __future__ import annotations

import argparse
import json

from bench_record import BASELINE_CMD, BIN, ROOT, cold_medians, compile_transcite, per_call

from transcite.cite.styles import style_names
from transcite.quote.annotation import annotation
from transcite.quote.formats import quotation_json, write_html, write_latex, write_text
from transcite.quote.quoting import quote_ref
from transcite.quote.sentences import split_sentences
from transcite.quote.textfragment import excerpt_link
from transcite.storage.corpus import Corpus

SEED = "kartsev-islamists"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    record = Corpus(ROOT / "texts").load(SEED)
    texts = [p.text for p in record.paragraphs]

    def split_all() -> None:
        for text in texts:
            split_sentences(text)

    def quote_all() -> None:
        for style in style_names():
            q = quote_ref(record, f"{SEED}#p14:s1,s3", style)
            write_text(q, True, None)
            write_html(q, True, None)
            write_latex(q, True, None)
            json.dumps(quotation_json(q, None))
            json.dumps(annotation(q))

    split_s = per_call(split_all, 200)
    quote_s = per_call(quote_all, 50)
    link_s = per_call(lambda: excerpt_link(quote_ref(record, f"{SEED}#p3").excerpt), 200)
    print(f"split all 16 seed paragraphs:                 {split_s * 1e3:.3f} ms")
    print(f"quote p14:s1,s3 x 6 styles x 5 writers:       {quote_s * 1e3:.2f} ms")
    print(f"--link for p3 (start/end search):             {link_s * 1e3:.3f} ms")

    compile_transcite()
    commands = {
        "python -c 'import click, lxml.etree'": BASELINE_CMD,
        f"transcite show {SEED}": [str(BIN / "transcite"), "show", SEED],
        f"transcite quote {SEED}#p5:s1 --link": [
            str(BIN / "transcite"), "quote", f"{SEED}#p5:s1", "--link", "--with-reference",
        ],
    }
    medians = cold_medians(commands, args.runs)
    baseline = next(iter(medians.values()))
    for name, median in medians.items():
        print(f"{name:<52} {median * 1e3:6.1f} ms  {median / baseline:.2f}x baseline")


if __name__ == "__main__":
    main()
