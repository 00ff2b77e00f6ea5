"""``transcite serve`` as a command: where it listens, what it says, how it refuses."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
from pathlib import Path

import httpx
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from transcite.cli.main import cli
from transcite.core.model import Paragraph
from transcite.quote.sentences import split_sentences
from transcite.serve.reading import segments_of

from serving import command, running, stop, wait_until_answering


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help() -> None:
    code, out, _ = invoke("serve", "--help")
    assert code == 0
    assert "127.0.0.1" in out and "transcite serve --open" in out


def test_a_port_out_of_range_is_a_usage_error(texts: Path) -> None:
    assert invoke("serve", "--port", "70000", "--texts", str(texts)) == (
        2, "", "Error: --port 70000: give a port from 1 to 65535, or 0 for a free one\n")


def test_a_port_in_use_is_a_usage_error(texts: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, out, err = invoke("serve", "--port", str(port), "--texts", str(texts))
    assert (code, out) == (2, "")
    assert err == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_a_host_beyond_loopback_warns(texts: Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the bind fails after the warning,
    # and nothing is sent anywhere
    code, _, err = invoke("serve", "--host", "192.0.2.1", "--texts", str(texts))
    lines = err.splitlines()
    assert lines[0] == (
        "warning: --host 192.0.2.1: the reading room is reachable from other computers on "
        "that network, and so is every record in the corpus; it has no log-in")
    assert code == 2
    assert lines[1] == "Error: cannot listen on 192.0.2.1:0: Cannot assign requested address"


def test_it_listens_on_a_free_loopback_port_and_stops_cleanly(texts: Path) -> None:
    with running(texts) as one, running(texts) as two:
        for server in (one, two):
            assert re.fullmatch(
                r"transcite serve: reading room at http://127\.0\.0\.1:\d+/ \(Ctrl\+C to stop\)\n",
                server.stderr)
        assert one.url != two.url
        process = one.process
    assert process.returncode == 0


def test_another_loopback_address(texts: Path) -> None:
    with running(texts, "--host", "127.0.0.2") as server:
        assert server.url.startswith("http://127.0.0.2:")
        assert "warning" not in server.stderr
        assert httpx.get(server.url + "api/records").status_code == 200


def test_interrupted_it_prints_no_traceback(texts: Path) -> None:
    # A run started in the background (CI, `make test &`) inherits SIGINT ignored: the child
    # gets the default back, as a terminal's Ctrl+C would find it.
    process = subprocess.Popen(command("--texts", str(texts)), stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert process.stderr is not None
        first = process.stderr.readline().decode()
        assert "reading room at http://127.0.0.1:" in first
        url = re.search(r"reading room at (http://\S+/) ", first)
        assert url, first
        wait_until_answering(url.group(1))  # SIGINT once it serves, not while it starts
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=120)  # bounds a hang only
    finally:
        stop(process)  # stopped and its pipe closed even when the test fails
    assert (process.returncode, rest) == (0, b"")


@given(st.text(alphabet=st.sampled_from("Ab. ?!“”\n e.g. U.S. Mr. 5"), min_size=1))
def test_segments_cover_the_paragraph_and_its_sentences(text: str) -> None:
    paragraph = Paragraph("p1", 1, text)
    segments = segments_of(paragraph)
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.n] == [s.text for s in split_sentences(text)]
    assert [s.n for s in segments if s.n] == list(range(1, len(split_sentences(text)) + 1))
