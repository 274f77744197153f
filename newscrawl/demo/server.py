"""Serve the demo site on loopback: ``python -m newscrawl.demo.server``, or ``DemoServer`` from Python.

The command prints one line, ``READY http://127.0.0.1:PORT/``, once it listens, and serves until
SIGTERM/SIGINT (or, with ``--exit-on-stdin-eof``, until its standard input closes). ``DemoServer``
runs it as a subprocess, so the server does not compete with a crawler for the GIL.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import IO

from newscrawl.demo.site import DemoSite, build_site

_HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LoopbackLedger/1.0"
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        host = self.headers.get("Host", "")
        base_url = f"http://{host}/" if _HOST_HEADER.match(host) else self.server.base_url
        status, content_type, body = self.server.site.render(self.path, base_url)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a crawler opens many connections at once

    def __init__(self, address: tuple[str, int], site: DemoSite) -> None:
        super().__init__(address, _Handler)
        self.site = site
        host, port = self.server_address[:2]
        self.base_url = f"http://{host!s}:{port}/"

    def handle_error(self, request: object, client_address: object) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that went away
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _loopback(value: str) -> str:
    try:
        if value == "localhost" or ipaddress.IPv4Address(value).is_loopback:
            return value
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"the demo server only listens on IPv4 loopback (127.x.x.x), not {value!r}")


def _ids(value: str) -> frozenset[int]:
    try:
        return frozenset(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"--edited takes comma-separated article ids, not {value!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.demo.server", description=__doc__.split("\n")[0])
    parser.add_argument("--host", type=_loopback, default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port, 0 for a free one (default)")
    parser.add_argument("--n-articles", type=int, default=240, help="articles on the site (default 240)")
    parser.add_argument("--edited", type=_ids, default=frozenset(), help="ids of articles that carry a correction")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="stop when standard input closes")
    args = parser.parse_args(argv)
    try:
        site = build_site(seed=args.seed, n_articles=args.n_articles, edited=args.edited)
    except ValueError as exc:
        parser.error(str(exc))
    server = _Server(("127.0.0.1" if args.host == "localhost" else args.host, args.port), site)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.exit_on_stdin_eof:
        threading.Thread(target=_wait_for_eof, args=(sys.stdin.buffer, stop), daemon=True).start()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    print(f"READY {server.base_url}", flush=True)
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    return 0


def _wait_for_eof(stream: IO[bytes], stop: threading.Event) -> None:
    try:
        while stream.read(4096):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


class DemoServer:
    """The demo site served by a ``python -m newscrawl.demo.server`` subprocess for the ``with`` block."""

    def __init__(
        self,
        n_articles: int = 240,
        edited: Iterable[int] = frozenset(),
        seed: int = 0,
        timeout: float = 30.0,
        port: int = 0,
    ) -> None:
        self.port = port
        self.n_articles = n_articles
        self.edited = frozenset(edited)
        self.seed = seed
        self.timeout = timeout
        self.base_url = ""
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> DemoServer:
        cmd = [
            sys.executable, "-m", "newscrawl.demo.server", "--port", str(self.port), "--exit-on-stdin-eof",
            "--n-articles", str(self.n_articles), "--seed", str(self.seed),
        ]  # fmt: skip
        if self.edited:
            cmd += ["--edited", ",".join(str(i) for i in sorted(self.edited))]
        self._proc = proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        line: list[bytes] = []
        reader = threading.Thread(target=lambda: line.append(proc.stdout.readline() if proc.stdout else b""))
        reader.start()
        reader.join(self.timeout)
        text = line[0].decode().strip() if line else ""
        if not text.startswith("READY "):
            self.__exit__(None, None, None)
            raise RuntimeError(f"the demo server did not start (exit status {proc.poll()}, said {text!r})")
        self.base_url = text.split(" ", 1)[1]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


if __name__ == "__main__":
    sys.exit(main())
