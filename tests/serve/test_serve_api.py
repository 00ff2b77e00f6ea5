"""The JSON API of ``transcite serve`` over HTTP, against a server the tests start.

Every answer is compared with what the CLI prints for the same question (``list``, ``show``,
``cite``, ``quote``, ``credits``): stdout is the answer, the ``note:`` lines on stderr are its
``notices``, and an error is the CLI's one line with status 400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

from transcite.cli.main import cli
from transcite.serve.app import CSP, QUOTE_STYLES

from citing import filled
from conftest import ROOT, SEED_ID
from serving import HOSTILE_ID, PAYLOAD, REVISED_ID, Server, reading_corpus, running

STYLES = ["apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee"]
REFS = [SEED_ID, f"{SEED_ID}#p5", f"{SEED_ID}#p5-p7", f"{SEED_ID}#fig1", f"{SEED_ID}#p14:s1",
        f"{SEED_ID}#p14:s1,s3", f"{REVISED_ID}@1#p3", f"{REVISED_ID}@1#p13:s2"]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reading_corpus(tmp_path_factory.mktemp("serve") / "texts")


@pytest.fixture(scope="module")
def server(texts: Path) -> Iterator[Server]:
    with running(texts) as server:
        yield server


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def cli_run(texts: Path, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout and the notes on stderr of ``transcite ARGS`` on ``texts``."""
    result = CliRunner().invoke(cli, [*args, "--texts", str(texts)], catch_exceptions=False)
    notes = [line.removeprefix("note: ") for line in result.stderr.splitlines()
             if line.startswith("note: ")]
    return result.exit_code, result.stdout, notes


def cli_error(texts: Path, *args: str) -> str:
    code, _, _ = cli_run(texts, *args)
    result = CliRunner().invoke(cli, [*args, "--texts", str(texts)], catch_exceptions=False)
    assert code == 2, result.output
    return result.stderr.strip().removeprefix("Error: ")


def test_the_url_is_on_stderr_and_on_loopback(server: Server) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)
    assert server.url in server.stderr


def test_records_is_list_json(client: httpx.Client, texts: Path) -> None:
    answer = client.get("/api/records")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == json.loads(cli_run(texts, "list", "--format", "json")[1])
    assert [r["id"] for r in answer.json()] == sorted([SEED_ID, REVISED_ID, HOSTILE_ID])


@pytest.mark.parametrize("record_id", [SEED_ID, REVISED_ID, HOSTILE_ID])
def test_record_is_show_json(client: httpx.Client, texts: Path, record_id: str) -> None:
    answer = client.get(f"/api/records/{record_id}")
    assert answer.status_code == 200
    assert answer.json() == json.loads(cli_run(texts, "show", record_id, "--format", "json")[1])


def test_record_version_is_show_version(client: httpx.Client, texts: Path) -> None:
    answer = client.get(f"/api/records/{REVISED_ID}", params={"version": "1"})
    expected = cli_run(texts, "show", REVISED_ID, "--version", "1", "--format", "json")[1]
    assert answer.json() == json.loads(expected)
    assert answer.json() != client.get(f"/api/records/{REVISED_ID}").json()


def test_credits_is_credits_json(client: httpx.Client, texts: Path) -> None:
    for record_id in (SEED_ID, HOSTILE_ID):
        answer = client.get(f"/api/records/{record_id}/credits").json()
        _, out, notes = cli_run(texts, "credits", record_id, "--format", "json")
        assert answer == {**json.loads(out), "notices": notes}


def _forms(style: str) -> list[str]:
    from transcite.cite.styles import get_style

    return list(get_style(style).forms)


CITE_CASES = [
    (ref, style, form, fmt)
    for style in STYLES for form in _forms(style)
    for ref in (SEED_ID, f"{SEED_ID}#p5-p7", f"{SEED_ID}#fig1", f"{REVISED_ID}@1#p3")
    for fmt in ("text", "html")
]


@pytest.mark.slow
def test_cite_is_cite(client: httpx.Client, texts: Path) -> None:
    assert len(CITE_CASES) > 100
    for ref, style, form, fmt in CITE_CASES:
        answer = client.get("/api/cite", params={
            "ref": ref, "style": style, "form": form, "format": fmt,
        })
        assert answer.status_code == 200, (ref, style, form, answer.text)
        code, out, notes = cli_run(texts, "cite", ref, "--style", style, "--form", form,
                                   "--format", fmt)
        assert code == 0
        assert answer.json() == {"ref": ref, "style": style, "form": form, "format": fmt,
                                 "citation": out.removesuffix("\n"), "notices": notes}


@pytest.mark.parametrize("style", STYLES)
def test_quote_is_quote(client: httpx.Client, texts: Path, style: str) -> None:
    for ref in REFS[1:]:
        for fmt in ("json", "annotation"):
            answer = client.get("/api/quote", params={"ref": ref, "style": style, "format": fmt})
            assert answer.status_code == 200, answer.text
            _, out, _ = cli_run(texts, "quote", ref, "--style", style, "--format", fmt)
            assert answer.json() == json.loads(out), (ref, fmt)
        for fmt in ("text", "html", "markdown", "latex"):
            answer = client.get("/api/quote", params={
                "ref": ref, "style": style, "format": fmt, "link": "1", "with_reference": "1",
            })
            assert answer.status_code == 200, answer.text
            _, out, notes = cli_run(texts, "quote", ref, "--style", style, "--format", fmt,
                                    "--link", "--with-reference")
            body = answer.json()
            assert body["output"] == out.removesuffix("\n"), (ref, fmt)
            assert body["notices"] == notes
            assert body["format"] == fmt and body["style"] == style


def test_quote_defaults_to_json_and_apa(client: httpx.Client, texts: Path) -> None:
    answer = client.get("/api/quote", params={"ref": f"{SEED_ID}#p16:s2"}).json()
    assert answer == json.loads(cli_run(texts, "quote", f"{SEED_ID}#p16:s2", "--format",
                                        "json")[1])


BAD = [
    ("/api/cite", {"ref": "kartsev islamists"}, ["cite", "kartsev islamists"]),
    ("/api/cite", {"ref": SEED_ID, "style": "vancouver"}, ["cite", SEED_ID, "--style",
                                                           "vancouver"]),
    ("/api/cite", {"ref": SEED_ID, "form": "footnote"}, ["cite", SEED_ID, "--form",
                                                         "footnote"]),
    ("/api/cite", {"ref": SEED_ID, "format": "rtf"}, ["cite", SEED_ID, "--format", "rtf"]),
    ("/api/cite", {"ref": "no-such-record#p5"}, ["cite", "no-such-record#p5"]),
    ("/api/cite", {"ref": f"{SEED_ID}#p99"}, ["cite", f"{SEED_ID}#p99"]),
    ("/api/cite", {"ref": f"{SEED_ID}#p5:s9"}, ["cite", f"{SEED_ID}#p5:s9"]),
    ("/api/cite", {"ref": f"{SEED_ID}@7#p5"}, ["cite", f"{SEED_ID}@7#p5"]),
    ("/api/quote", {"ref": SEED_ID}, ["quote", SEED_ID]),
    ("/api/quote", {"ref": f"{SEED_ID}#p5", "format": "docx"}, ["quote", f"{SEED_ID}#p5",
                                                                "--format", "docx"]),
    ("/api/quote", {"ref": f"{SEED_ID}#fig9"}, ["quote", f"{SEED_ID}#fig9"]),
    ("/api/quote", {"ref": f"{SEED_ID}#p5\n"}, ["quote", f"{SEED_ID}#p5\n"]),
    ("/api/quote", {"ref": "../../etc/passwd#p1"}, ["quote", "../../etc/passwd#p1"]),
    ("/api/quote", {"ref": f"{SEED_ID}#p2-p1"}, ["quote", f"{SEED_ID}#p2-p1"]),
]


@pytest.mark.parametrize(("path", "params", "args"), BAD, ids=[str(b[1]) for b in BAD])
def test_bad_input_is_the_cli_line_with_400(
    client: httpx.Client, texts: Path, path: str, params: dict[str, str], args: list[str]
) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 400
    assert answer.json() == {"error": cli_error(texts, *args), "exit_code": 2}


@pytest.mark.parametrize(("url", "message"), [
    ("/api/cite", "missing ref: e.g. ?ref=kartsev-islamists%23p5"),
    ("/api/cite?ref=a&ref=b", "ref given 2 times; give it once"),
    ("/api/quote?ref=kartsev-islamists%23p5&link=maybe", "link='maybe': use link=1 or link=0"),
    (f"/api/records/{SEED_ID}?version=one", "version='one': give a version number, 1 or more"),
    (f"/api/records/{SEED_ID}?version=0", "version='0': give a version number, 1 or more"),
    (f"/api/records/{SEED_ID}?version=3", f"no version 3 of {SEED_ID}; it has version 1 only"),
    ("/api/cite?ref=kartsev-islamists&accessed=2999-01-01",
     "--accessed: 2999-01-01 is in the future; give the date you read the page"),
])
def test_bad_query_is_400(client: httpx.Client, url: str, message: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 400
    assert answer.json()["error"] == message


@pytest.mark.parametrize("path", [
    "/api/records/..%2F..%2Fetc%2Fpasswd", "/api/records/%2e%2e", "/api/records/.hidden",
    "/records/..%2Fkartsev-islamists", "/records/%2Fetc%2Fpasswd",
    "/static/..%2F..%2Fserve%2Fapp.py", "/static/../app.py", "/static/%2e%2e/app.py",
    "/api/records/kartsev-islamists.xml",
])
def test_no_path_reaches_the_file_system(client: httpx.Client, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code in (400, 404)
    assert "import" not in answer.text and "root:" not in answer.text


def test_an_unknown_record_is_named(client: httpx.Client) -> None:
    answer = client.get("/api/records/kartsev-islamist")
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("no record 'kartsev-islamist' in ")


def test_request_bodies_are_capped(client: httpx.Client) -> None:
    big = b"x" * (2 * 1024 * 1024 + 1)
    answer = client.post("/api/quote", content=big)
    assert answer.status_code == 413
    assert answer.json()["error"] == "request body over 2097152 bytes"
    assert client.post("/api/quote", content=b"x").status_code == 405


def test_only_local_host_names_are_answered(client: httpx.Client) -> None:
    # DNS rebinding: a page of another site reaching the server under its own name
    assert client.get("/api/records", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/api/records", headers={"Host": "localhost"}).status_code == 200


def test_every_response_has_the_security_headers(client: httpx.Client) -> None:
    for path in ("/", f"/records/{SEED_ID}", "/api/records", "/static/reading-room.js",
                 "/no/such/page", "/api/cite?ref=bad%20ref", f"/records/{REVISED_ID}/versions"):
        answer = client.get(path)
        assert answer.headers["content-security-policy"] == CSP, path
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP
    compare = client.get(f"/records/{REVISED_ID}/compare?a=1&b=2")
    assert compare.headers["content-security-policy"].startswith("default-src 'none'; style-src")
    assert "script" not in compare.headers["content-security-policy"]


def test_the_quote_preview_styles_are_allowed_by_hash() -> None:
    # the preview shows the quotation HTML as it will paste; its style attributes (all those
    # the golden files of transcite quote hold) are allowed by hash, nothing else inline
    goldens = (ROOT / "tests" / "golden" / "quote").glob("*.html")
    found = {m for g in goldens for m in re.findall(r'style="([^"]*)"', filled(g))}
    assert found and found <= set(QUOTE_STYLES)


def test_pages_escape_every_record_value(client: httpx.Client) -> None:
    pages = [client.get("/"), client.get(f"/records/{HOSTILE_ID}")]
    for answer in pages:
        assert answer.status_code == 200
        assert "<script>window" not in answer.text and "<img src=x" not in answer.text
        assert 'href="javascript:' not in answer.text.lower()
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in pages[1].text
    assert PAYLOAD not in client.get("/?q=hostile").text
    assert "javascript:window.__pwned=1</dd>" in pages[1].text  # shown, not linked


def test_pages(client: httpx.Client) -> None:
    corpus = client.get("/")
    assert corpus.status_code == 200 and corpus.headers["content-type"].startswith("text/html")
    assert f'href="/records/{SEED_ID}"' in corpus.text
    assert "3 of 3 records" in corpus.text
    assert "1 of 3 records" in client.get("/", params={"q": "hostile"}).text
    assert "2 of 3 records" in client.get("/", params={"publisher": "Meduza"}).text
    record = client.get(f"/records/{SEED_ID}").text
    for block_id in [f"p{n}" for n in range(1, 17)] + ["fig1", "fig2", "fig3", "lbl1"]:
        assert f'id="{block_id}"' in record
    assert 'aria-label="Quote p14"' in record and '<span class="s" data-s="1">Then, on' in record
    assert "Photo: Sergei Savostyanov / TASS / Vida Press" in record
    assert "<dt>Translation</dt><dd>Hilah Kohen</dd>" in record
    versions = client.get(f"/records/{REVISED_ID}/versions").text
    assert f'src="/records/{REVISED_ID}/compare?a=1&amp;b=2"' in versions
    one = client.get(f"/records/{SEED_ID}/versions").text
    assert "one version only" in one
    old = client.get(f"/records/{REVISED_ID}?version=1").text
    assert f'data-ref="{REVISED_ID}@1"' in old
    assert client.get("/records/nope").status_code == 400


def test_the_comparison_is_compare_html(client: httpx.Client, texts: Path) -> None:
    answer = client.get(f"/records/{REVISED_ID}/compare", params={"a": "1", "b": "2"})
    _, out, _ = cli_run(texts, "compare", f"{REVISED_ID}@1", f"{REVISED_ID}@2", "--format",
                        "html")
    assert answer.text == out


@pytest.mark.slow
def test_fifty_concurrent_requests(client: httpx.Client, texts: Path, server: Server) -> None:
    asks = [("/api/cite", {"ref": f"{SEED_ID}#p{n % 16 + 1}", "style": STYLES[n % 6],
                           "form": "in-text" if STYLES[n % 6] != "chicago-notes" else "note"})
            for n in range(25)]
    asks += [("/api/quote", {"ref": f"{SEED_ID}#p{n % 16 + 1}", "style": STYLES[n % 6]})
             for n in range(20)]
    asks += [("/api/records", {})] * 3 + [(f"/records/{SEED_ID}", {})] * 2
    expected = {}
    for path, params in asks:
        if path == "/api/cite":
            _, out, notes = cli_run(texts, "cite", params["ref"], "--style", params["style"],
                                    "--form", params["form"])
            expected[(path, str(params))] = {**params, "format": "text",
                                             "citation": out.removesuffix("\n"),
                                             "notices": notes}
        elif path == "/api/quote":
            out = cli_run(texts, "quote", params["ref"], "--style", params["style"],
                          "--format", "json")[1]
            expected[(path, str(params))] = json.loads(out)

    def ask(item: tuple[str, dict[str, str]]) -> tuple[int, Any]:
        path, params = item
        with httpx.Client(base_url=server.url, timeout=60) as own:
            answer = own.get(path, params=params)
        body = answer.json() if path.startswith("/api/") else answer.text
        return answer.status_code, body

    assert len(asks) == 50
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(ask, asks))
    page = client.get(f"/records/{SEED_ID}").text
    for (path, params), (status, body) in zip(asks, answers, strict=True):
        assert status == 200
        if (path, str(params)) in expected:
            want = expected[(path, str(params))]
            assert body == ({"ref": params["ref"], **want} if path == "/api/cite" else want)
        elif path == "/api/records":
            assert body == json.loads(cli_run(texts, "list", "--format", "json")[1])
        else:
            assert body == page


def test_static_assets_ship_in_the_package(client: httpx.Client) -> None:
    script = client.get("/static/reading-room.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith(("text/javascript",
                                                      "application/javascript"))
    page = client.get(f"/records/{SEED_ID}").text
    # no CDN: every script and style sheet comes from the app itself
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/reading-room.js"]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == [
        "/static/reading-room.css"]
    assert "<script>" not in page and "<style" not in page
    assert quote("#") == "%23"  # REFs travel as ?ref=ID%23p5
