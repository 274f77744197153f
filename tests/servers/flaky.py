"""A server that fails 20% of all requests (robots.txt, listing and articles alike), each failure
one of: 500, 503 with Retry-After: 1, a connection reset, a hang, a short body (a lying
Content-Length). Seeded, so a run is repeatable; ``failures`` counts what it injected."""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter

from tests.servers.common import RawServer, article_html, listing_html, reset, response

ARTICLES = 40
FAIL_RATE = 0.2
MODES = ("500", "503", "reset", "hang", "short")


class FlakyServer(RawServer):
    def __init__(self, seed: int = 7) -> None:
        super().__init__(self._respond)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.failures: Counter[str] = Counter()

    def _respond(self, path: str, conn: socket.socket) -> None:
        with self._lock:
            mode = self._rng.choice(MODES) if self._rng.random() < FAIL_RATE else None
            if mode:
                self.failures[mode] += 1
        body = self._page(path)
        if mode == "500":
            conn.sendall(response(500, b"<html><body>error</body></html>"))
        elif mode == "503":
            conn.sendall(response(503, b"<html><body>busy</body></html>", Retry_After="1"))
        elif mode == "reset":
            reset(conn)
        elif mode == "hang":
            time.sleep(30)
        elif mode == "short":
            conn.sendall(response(200, body[: len(body) // 3], Content_Length=str(len(body))))
        elif body:
            conn.sendall(response(200, body, "text/plain" if path == "/robots.txt" else "text/html; charset=utf-8"))
        else:
            conn.sendall(response(404, b"<html><body>no</body></html>"))

    @staticmethod
    def _page(path: str) -> bytes:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n"
        if path == "/list/":
            return listing_html([f"/a/{n}" for n in range(1, ARTICLES + 1)]).encode()
        if path.startswith("/a/") and path[3:].isdigit():
            return article_html(int(path[3:])).encode()
        return b""


def server() -> FlakyServer:
    return FlakyServer()


if __name__ == "__main__":
    from tests.servers.measure import main

    raise SystemExit(main(["flaky"]))
