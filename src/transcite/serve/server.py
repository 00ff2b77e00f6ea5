"""Run the reading room: bind a socket on 127.0.0.1 (a free port unless one is asked for), say
where on stderr, serve with uvicorn until interrupted."""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Callable

from transcite.core.errors import UsageError

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one the system picks)."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: give a port from 1 to 65535, or 0 for a free one")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: cannot resolve it: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it: without it a response written in two parts (headers,
    # then body) waits for the client's delayed ACK, about 40 ms on Linux (bench_serve.py)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    texts_dir: str, host: str = "127.0.0.1", port: int = 0, *,
    on_ready: Callable[[str], None] | None = None, allow_ingest: bool = False,
) -> None:
    """Serve the reading room over ``texts_dir`` until interrupted (Ctrl+C); with
    ``allow_ingest``, its form that adds records."""
    import signal

    import uvicorn

    from transcite.serve.app import create_app

    sock = bind(host, port)
    hosts = ["127.0.0.1", "localhost", "[::1]"]
    if not is_loopback(host):
        hosts = ["*"]
    elif host not in LOOPBACK_NAMES:
        hosts.append(host)
    config = uvicorn.Config(
        create_app(texts_dir, allowed_hosts=hosts, allow_ingest=allow_ingest),
        log_level="warning", access_log=False, lifespan="off", server_header=False,
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)

    def stop(_signum: int, _frame: object) -> None:
        # Ctrl+C before uvicorn listens for it, or passed on by uvicorn once it has stopped:
        # a normal stop, never a KeyboardInterrupt in the middle of the event loop's set-up
        server.should_exit = True

    previous = signal.signal(signal.SIGINT, stop)
    try:
        url = url_of(sock)
        if on_ready is not None:
            on_ready(url)
        else:
            print(url, file=sys.stderr)
        if not server.should_exit:
            server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGINT, previous)
        sock.close()
