"""A raw-socket server of hostile and broken responses, plus 20 good articles.

The listing at /list/ links the 20 good articles and every input in ``INPUTS``; its next page
(/links/) carries 100,000 links. ``python -m tests.servers.hostile`` crawls it in a child process
and prints each input's outcome, the good articles written, and the child's peak RSS
(docs/hardening.md has the table).
"""

from __future__ import annotations

import gzip
import os
import socket
import time
import zlib
from functools import cache

from tests.servers.common import RawServer, article_html, listing_html, reset, response

GOOD = 20
BOMB_SIZE = 256 * 1024 * 1024  # decompressed size of each bomb


@cache
def _bombs() -> dict[str, bytes]:
    zeros = bytes(1024 * 1024)
    gz = zlib.compressobj(9, zlib.DEFLATED, 31)
    df = zlib.compressobj(9, zlib.DEFLATED, 15)
    gz_parts, df_parts = [], []
    for _ in range(BOMB_SIZE // len(zeros)):
        gz_parts.append(gz.compress(zeros))
        df_parts.append(df.compress(zeros))
    bombs = {"gzip": b"".join(gz_parts) + gz.flush(), "deflate": b"".join(df_parts) + df.flush()}
    try:
        import brotli

        compressor = brotli.Compressor(quality=1)
        parts = [compressor.process(zeros) for _ in range(BOMB_SIZE // len(zeros))]
        bombs["br"] = b"".join(parts) + compressor.finish()
    except ImportError:  # pragma: no cover
        pass
    return bombs


def _deep_page(depth: int = 5000) -> bytes:
    return article_html(0).replace("<body>", "<body>" + "<div>" * depth, 1).encode()


def _links_page(n: int = 100_000) -> bytes:
    return listing_html([f"/trap/{i}" for i in range(n)]).encode()


# name -> what the server does; the docs table lists the outcome of each.
INPUTS = (
    "bomb-gzip", "bomb-deflate", "bomb-br", "lying-length", "truncated-gzip", "short-body", "broken-chunked",
    "slow-drip", "hang", "reset", "redirect-loop", "binary-as-html", "nul-bytes", "deep-nesting",
    "huge-inline-script", "many-links", "garbage-text", "empty-body", "huge-declared-length",
)  # fmt: skip


def handle(path: str, conn: socket.socket) -> None:
    name = path.split("?")[0].strip("/").split("/")[-1] if path.startswith("/bad/") else ""
    html = "text/html; charset=utf-8"
    if path == "/robots.txt":
        conn.sendall(response(200, b"User-agent: *\nDisallow: /trap/500\n", "text/plain"))
    elif path == "/list/":
        only = os.environ.get("HOSTILE_ONLY")
        bad = [n for n in INPUTS if only is None or n in only.split(",")]
        links = [f"/good/{n}" for n in range(1, GOOD + 1)] + [f"/bad/{n}" for n in bad]
        next_page = "/links/" if only is None or "listing" in only.split(",") else None
        conn.sendall(response(200, listing_html(links, next_page=next_page).encode()))
    elif path == "/links/":
        conn.sendall(response(200, _links_page()))
    elif path.startswith("/trap/"):
        conn.sendall(response(404, b"<html><body>gone</body></html>"))
    elif path.startswith("/good/"):
        n = int(path.split("/")[-1])
        body = article_html(n).encode()
        if n % 3 == 0:  # some good pages gzipped, some chunked, some plain
            conn.sendall(response(200, gzip.compress(body), html, Content_Encoding="gzip"))
        elif n % 3 == 1:
            head = f"HTTP/1.1 200 OK\r\nContent-Type: {html}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            chunks = b"".join(
                b"%x\r\n%s\r\n" % (len(body[i : i + 500]), body[i : i + 500]) for i in range(0, len(body), 500)
            )
            conn.sendall(head.encode() + chunks + b"0\r\n\r\n")
        else:
            conn.sendall(response(200, body))
    elif name.startswith("bomb-"):
        encoding = name[5:]
        conn.sendall(response(200, _bombs()[encoding], html, Content_Encoding=encoding))
    elif name == "lying-length":
        body = article_html(101).encode()
        conn.sendall(response(200, body[: len(body) // 2], html, Content_Length=str(len(body) * 10)))
    elif name == "truncated-gzip":
        packed = gzip.compress(article_html(102).encode() * 20)
        conn.sendall(response(200, packed[: len(packed) // 2], html, Content_Encoding="gzip"))
    elif name == "short-body":  # no length, no chunking: the body ends when the connection does
        body = article_html(103).encode()
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {html}\r\nConnection: close\r\n\r\n".encode() + body[:-200])
    elif name == "broken-chunked":
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {html}\r\nTransfer-Encoding: chunked\r\n\r\n"
        conn.sendall(head.encode() + b"100\r\n" + article_html(104).encode()[:100] + b"\r\nzz\r\n")
    elif name == "slow-drip":
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {html}\r\nContent-Length: 100000\r\n\r\n".encode())
        for _ in range(600):
            conn.sendall(b"<p>")
            time.sleep(0.5)
    elif name == "hang":
        time.sleep(600)
    elif name == "reset":
        reset(conn)
    elif name == "redirect-loop":  # each hop a new URL, so only the redirect limit stops it
        hop = int(path.partition("?hop=")[2] or 0)
        conn.sendall(response(302, b"", Location=f"/bad/redirect-loop?hop={hop + 1}"))
    elif name == "binary-as-html":
        conn.sendall(response(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 200))
    elif name == "nul-bytes":
        conn.sendall(response(200, article_html(105).replace(" ", " \x00").encode()))
    elif name == "deep-nesting":
        conn.sendall(response(200, _deep_page()))
    elif name == "huge-inline-script":  # 12 MB of script around a headline: over DOWNLOAD_MAXSIZE
        script = "<script>var x = '" + "a" * (12 * 1024 * 1024) + "';</script>"
        conn.sendall(response(200, article_html(106).replace("<body>", "<body>" + script).encode()))
    elif name == "many-links":  # an article page drowned in 100,000 links
        conn.sendall(response(200, _links_page().replace(b"<ul>", b'<h1 class="headline">Links</h1><ul>')))
    elif name == "garbage-text":  # bytes no encoding reads as text, declared as UTF-8
        noise = bytes((i * 7919 + 13) % 128 + 128 for i in range(20000))
        conn.sendall(response(200, b"<html><body><h1 class='headline'>x</h1><p>" + noise + b"</p></body></html>"))
    elif name == "empty-body":
        conn.sendall(response(200, b"  \n"))
    elif name == "huge-declared-length":
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {html}\r\nContent-Length: 10000000000\r\n\r\n<html>".encode())
        time.sleep(5)
    else:
        conn.sendall(response(404, b"<html><body>no</body></html>"))


def server() -> RawServer:
    _bombs()  # made before the crawl starts: compressing them takes longer than the test's download timeout
    return RawServer(handle)


if __name__ == "__main__":
    from tests.servers.measure import main

    raise SystemExit(main(["hostile"]))
