"""The reading room's tools over HTTP, against a server the tests start: search
(``/api/find``, ``/find``), checking a draft (``/api/check``, ``/check``) and ``--allow-ingest``
(``/ingest``). Every answer is compared with what the CLI prints for the same question."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from markupsafe import escape

from transcite.cli.main import cli

from conftest import DATA, SEED_CAPTURE, SEED_ID
from serving import HOSTILE_ID, PAYLOAD, Server, reading_corpus, running

CHECK_DATA = DATA / "check"
QUERIES = [
    ("a lively contest to assert their influence", []),
    ("a lively contest to assert influence", ["--limit", "3"]),
    ("neck and neck", ["--record", SEED_ID]),
    ("Islamists talks Moscow", ["--style", "chicago-notes", "--limit", "2"]),
    ("first day of the negotiations", ["--style", "apa"]),
]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reading_corpus(tmp_path_factory.mktemp("tools") / "texts")


@pytest.fixture(scope="module")
def server(texts: Path) -> Iterator[Server]:
    with running(texts) as server:
        yield server


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def cli_run(texts: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--texts", str(texts)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _params(query: str, options: list[str]) -> dict[str, str]:
    params = {"q": query}
    params.update({k.removeprefix("--"): v for k, v in zip(options[::2], options[1::2],
                                                          strict=True)})
    return params


@pytest.mark.parametrize(("query", "options"), QUERIES, ids=[q for q, _ in QUERIES])
def test_find_is_find_json(client: httpx.Client, texts: Path, query: str,
                           options: list[str]) -> None:
    answer = client.get("/api/find", params=_params(query, options))
    assert answer.status_code == 200, answer.text
    code, out, _ = cli_run(texts, "find", query, "--format", "json", *options)
    assert answer.json() == json.loads(out)
    assert (code == 0) == bool(answer.json())


def test_find_hits_something(client: httpx.Client) -> None:
    hits = client.get("/api/find", params={"q": QUERIES[0][0]}).json()
    # the seed and its revised copy hold the sentence
    assert hits[0]["ref"].endswith("#p1:s3") and hits[0]["score"] == 100.0


@pytest.mark.parametrize(("params", "args"), [
    ({"q": "the of and"}, ["the of and"]),
    ({"q": "neck and neck", "style": "vancouver"}, ["neck and neck", "--style", "vancouver"]),
    ({"q": "neck and neck", "record": "nope"}, ["neck and neck", "--record", "nope"]),
    ({"q": "neck and neck", "record": "../etc"}, ["neck and neck", "--record", "../etc"]),
])
def test_bad_find_is_the_cli_line(client: httpx.Client, texts: Path,
                                  params: dict[str, str], args: list[str]) -> None:
    answer = client.get("/api/find", params=params)
    code, _, err = cli_run(texts, "find", *args)
    assert (answer.status_code, code) == (400, 2)
    assert answer.json() == {"error": err.strip().removeprefix("Error: "), "exit_code": 2}


@pytest.mark.parametrize(("url", "message"), [
    ("/api/find", "missing q: e.g. ?q=neck+and+neck"),
    ("/api/find?q=neck&limit=0", "limit='0': give a number of hits from 1 to 1000"),
    ("/api/find?q=neck&limit=99999", "limit='99999': give a number of hits from 1 to 1000"),
    ("/api/find?q=a&q=b", "q given 2 times; give it once"),
])
def test_bad_find_query(client: httpx.Client, url: str, message: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 400
    assert answer.json()["error"] == message


def test_the_search_page(client: httpx.Client) -> None:
    corpus = client.get("/").text
    assert 'action="/find"' in corpus and 'id="find-q"' in corpus
    # the source's words are "to assert their influence in Middle Eastern conflicts"
    page = client.get("/find", params={
        "q": "a lively contest to assert their power in Middle Eastern conflicts"}).text
    assert f'<code>{SEED_ID}#p1:s3</code>' in page
    assert f'href="/records/{SEED_ID}#p1"' in page
    assert f'href="/records/{SEED_ID}?quote=p1%3As3#p1"' in page
    assert "by Dmitry Kartsev, translated by Hilah Kohen" in page
    assert ('their <del title="your words">power</del><ins title="the record\'s words">'
            'influence</ins> in Middle') in page
    empty = client.get("/find")
    assert empty.status_code == 200 and 'class="hits"' not in empty.text
    bad = client.get("/find", params={"q": "the of"})
    _, _, err = cli_run(Path(), "find", "the of")
    assert bad.status_code == 400 and escape(err.strip().removeprefix("Error: ")) in bad.text


def test_the_search_page_escapes_the_record(client: httpx.Client) -> None:
    page = client.get("/find", params={"q": "window pwned First"}).text
    assert f"/records/{HOSTILE_ID}" in page
    assert "<script>window" not in page and "<img src=x" not in page
    assert PAYLOAD not in page


def test_quote_this_opens_the_record_quoting(client: httpx.Client, texts: Path) -> None:
    page = client.get(f"/records/{SEED_ID}", params={"quote": "p14:s1"}).text
    assert f'data-ref="{SEED_ID}" data-quote-now="p14:s1"' in page
    for bad in ("p99", "p1 x", "p5:s9"):
        answer = client.get(f"/records/{SEED_ID}", params={"quote": bad})
        _, _, err = cli_run(texts, "cite", f"{SEED_ID}#{bad}")
        assert answer.status_code == 400
        assert escape(err.strip().removeprefix("Error: ")) in answer.text


DRAFTS = ["draft.md", "draft.txt", "draft.html", "latex/harbour.tex"]


@pytest.mark.parametrize("draft", DRAFTS)
@pytest.mark.parametrize("style", ["apa", "chicago-notes"])
def test_check_is_check_json(client: httpx.Client, texts: Path, draft: str, style: str,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CHECK_DATA / Path(draft).parent)
    name = Path(draft).name
    answer = client.post("/api/check", params={"name": name, "style": style},
                         content=(CHECK_DATA / draft).read_bytes())
    assert answer.status_code == 200, answer.text
    _, out, _ = cli_run(texts, "check", name, "--style", style, "--format", "json")
    assert answer.json() == json.loads(out)
    assert answer.json()["quotations"]


def test_a_latex_draft_reads_no_input_file(client: httpx.Client, texts: Path) -> None:
    # as from stdin: the draft has no folder, so \input{…} is never followed
    draft = (CHECK_DATA / "latex" / "draft.tex").read_bytes()
    answer = client.post("/api/check", params={"name": "<stdin>", "input_format": "latex"},
                         content=draft)
    result = CliRunner().invoke(cli, ["check", "-", "--input-format", "latex", "--format",
                                      "json", "--texts", str(texts)], input=draft)
    assert answer.json() == json.loads(result.stdout)
    assert "\\input{harbour} not read" in result.stderr


def test_check_options_are_the_cli_options(client: httpx.Client, texts: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CHECK_DATA)
    answer = client.post("/api/check", params={
        "name": "draft.txt", "input_format": "markdown", "all": "1", "reuse": "1"},
        content=(CHECK_DATA / "draft.txt").read_bytes())
    _, out, _ = cli_run(texts, "check", "draft.txt", "--input-format", "markdown", "--all",
                        "--reuse", "--format", "json")
    assert answer.json() == json.loads(out)


@pytest.mark.parametrize(("params", "body", "status", "message"), [
    ({}, b"", 422, "pasted draft: the manuscript is empty"),
    ({"style": "vancouver"}, b"\xe2\x80\x9cx\xe2\x80\x9d", 400, "unknown style 'vancouver'"),
    ({"input_format": "rtf"}, b"x", 400,
     "input_format='rtf': use one of plain, markdown, html, latex, docx"),
    ({"name": "../../etc/passwd"}, b"\x00\x01", 422, "passwd"),
])
def test_bad_check(client: httpx.Client, params: dict[str, str], body: bytes, status: int,
                   message: str) -> None:
    answer = client.post("/api/check", params=params, content=body)
    assert answer.status_code == status, answer.text
    assert message in answer.json()["error"]
    assert "/etc" not in answer.json()["error"]


def test_the_check_page(client: httpx.Client) -> None:
    form = client.get("/check").text
    assert 'enctype="multipart/form-data"' in form and 'name="file"' in form
    draft = (CHECK_DATA / "draft.md").read_bytes()
    pasted = client.post("/check", data={"text": draft.decode(), "style": "apa"})
    assert pasted.status_code == 200
    assert '<mark class="exact" id="q0"' in pasted.text and 'id="summary"' in pasted.text
    assert "<style" not in pasted.text  # the app's style sheet, not the report's own
    uploaded = client.post("/check", files={"file": ("chapter.md", draft, "text/markdown")},
                           data={"style": "apa"})
    assert "Report: chapter.md" in uploaded.text
    assert uploaded.text.count("<mark") == pasted.text.count("<mark") > 1
    empty = client.post("/check", data={"text": "  "})
    assert empty.status_code == 400 and "paste a draft or choose a file" in empty.text


def test_a_post_from_another_site_is_refused(client: httpx.Client) -> None:
    draft = (CHECK_DATA / "draft.md").read_bytes()
    own = client.base_url.scheme + "://" + client.base_url.netloc.decode()
    for headers in ({"Origin": "http://attacker.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null"}, {"Origin": own, "Sec-Fetch-Site": "same-site"}):
        answer = client.post("/api/check", content=draft, headers=headers)
        assert answer.status_code == 403, headers
        assert answer.json()["error"] == "refused: the request came from a page of another site"
    for headers in ({"Origin": own}, {"Origin": own, "Sec-Fetch-Site": "same-origin"},
                    {"Origin": "null", "Sec-Fetch-Site": "same-origin"}, {}):
        assert client.post("/api/check", content=draft, headers=headers).status_code == 200


def test_ingest_is_off_by_default(client: httpx.Client) -> None:
    assert client.get("/ingest").status_code == 404
    assert client.post("/ingest", data={"id": "x", "text": "y"}).status_code == 404
    assert 'href="/ingest"' not in client.get("/").text


def test_allow_ingest(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    capture = SEED_CAPTURE.read_text(encoding="utf-8")
    with running(texts, "--allow-ingest") as server, \
            httpx.Client(base_url=server.url, timeout=60) as client:
        assert 'href="/ingest"' in client.get("/").text
        assert 'name="url"' in client.get("/ingest").text
        answer = client.post("/ingest", data={
            "id": "pasted", "text": capture, "original_language": "ru",
            "page_url": "https://meduza.io/en/slides/x", "published": ""})
        assert answer.status_code == 200, answer.text
        assert 'href="/records/pasted"' in answer.text
        again = client.post("/ingest", data={"id": "pasted", "text": capture})
        assert again.status_code == 409 and "exists; pass --force" in again.text
        bad = client.post("/ingest", data={"id": "../x", "text": capture})
        _, _, err = cli_run(texts, "ingest", "-", "--id", "../x")
        assert bad.status_code == 400
        assert escape(err.strip().removeprefix("Error: ")) in bad.text
        neither = client.post("/ingest", data={"id": "y"})
        assert neither.status_code == 400 and "give either a URL" in neither.text
        assert client.get("/records/pasted").status_code == 200
        foreign = client.post("/ingest", data={"id": "z", "text": capture},
                              headers={"Origin": "http://attacker.example"})
        assert foreign.status_code == 403
    # the record is what `transcite ingest - --id … ` makes of the same capture
    cli_texts = tmp_path / "cli"
    result = CliRunner().invoke(cli, [
        "ingest", "-", "--id", "pasted", "--original-language", "ru", "--url",
        "https://meduza.io/en/slides/x", "--texts", str(cli_texts)], input=capture)
    assert result.exit_code == 0, result.output
    assert (texts / "pasted.xml").read_bytes() == (cli_texts / "pasted.xml").read_bytes()
    assert not (texts / "z.xml").exists() and not (texts / "y.xml").exists()
