"""Pieces the loopback test servers share: a raw-socket HTTP server, article pages, a profile file.

Everything binds to 127.0.0.0/8; nothing here sends traffic anywhere else.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

WORDS = [
    "council",
    "river",
    "market",
    "school",
    "bridge",
    "library",
    "harbour",
    "station",
    "museum",
    "garden",
    "village",
    "festival",
    "report",
    "budget",
    "weather",
    "train",
    "concert",
    "season",
    "mayor",
    "street",
]


def article_text(n: int, words: int = 60) -> str:
    """A deterministic, unique article body: ``words`` words, numbered so each page differs."""
    rng = random.Random(n)
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"Story {n} says the {body}."


def article_html(n: int, text: str | None = None, headline: str | None = None, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    text = text if text is not None else article_text(n)
    headline = headline or f"Headline number {n}"
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{headline} - Test Times</title></head><body>"
        f'<h1 class="headline">{headline}</h1><div class="story"><p>{text}</p><p>{text}</p></div>'
        "</body></html>"
    )


def listing_html(links: list[str], next_page: str | None = None) -> str:
    items = "".join(f'<li><a class="art" href="{href}">{href}</a></li>' for href in links)
    nxt = f'<a rel="next" href="{next_page}">older</a>' if next_page else ""
    return f"<!DOCTYPE html><html><body><ul>{items}</ul>{nxt}</body></html>"


def write_profile(
    path: Path, base_url: str, sections: list[str], allowed_domains: list[str] | None = None, **settings: object
) -> Path:
    """A newscrawl profile for the test pages above (docs/adding-a-site.md)."""
    table = "".join(f"{k} = {v!r}\n" if not isinstance(v, str) else f'{k} = "{v}"\n' for k, v in settings.items())
    path.write_text(
        f'name = "Test Times"\nbase_url = "{base_url}"\nsections = {sections!r}\n'
        + (f"allowed_domains = {allowed_domains!r}\n" if allowed_domains else "")
        + '[listing]\narticle_links = "a.art::attr(href)"\nnext_page = "a[rel=next]::attr(href)"\n'
        '[article]\nheadline = "h1.headline"\nbody = "div.story > p"\n'
        f"[settings]\n{table}",
        encoding="utf-8",
    )
    return path


def response(status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> bytes:
    reason = {200: "OK", 301: "Moved", 302: "Found", 404: "Not Found", 429: "Too Many", 500: "Error", 503: "Busy"}
    lines = [f"HTTP/1.1 {status} {reason.get(status, 'X')}", f"Content-Type: {content_type}"]
    if "Content-Length" not in {k.replace("_", "-") for k in headers}:
        lines.append(f"Content-Length: {len(body)}")
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


Handler = Callable[[str, socket.socket], None]


class RawServer:
    """A threaded HTTP/1.1 server on raw sockets: ``handler(path, conn)`` writes whatever bytes it
    likes (lies, truncations, resets, silence). Counts requests per path in ``hits``."""

    def __init__(self, handler: Handler, host: str = "127.0.0.1", port: int = 0) -> None:
        self.handler = handler
        self.hits: Counter[str] = Counter()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(128)
        self.host, self.port = self.sock.getsockname()[:2]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.sock.close()

    def serve_forever(self) -> None:
        self._thread.start()
        self._stop.wait()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            parts = data.split(b"\r\n", 1)[0].decode("latin-1").split()
            path = parts[1] if len(parts) > 1 else "/"
            self.hits[path] += 1
            self.handler(path, conn)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()


def reset(conn: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN."""
    import struct

    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
