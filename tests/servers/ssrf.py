"""The SSRF course: an "internal service" on 127.0.0.2 (not allowed) that counts every hit, and a
site on 127.0.0.1 (allowed) whose links, redirects and meta refreshes point at it in every spelling."""

from __future__ import annotations

import socket

from tests.servers.common import RawServer, article_html, listing_html, response

INTERNAL_HOST = "127.0.0.2"


def spellings(port: int, via: str = "link") -> dict[str, str]:
    """Name -> URL of the internal service, each a different spelling of 127.0.0.2 (or a blocked scheme)."""
    hosts = {
        "dotted": "127.0.0.2",
        "short_2": "127.2",
        "short_3": "127.0.2",
        "decimal": "2130706434",
        "hex": "0x7f000002",
        "hex_dotted": "0x7f.0.0.2",
        "octal_dotted": "0177.0.0.02",
        "octal": "017700000002",
        "trailing_dot": "127.0.0.2.",
        "mapped_v6": "[::ffff:127.0.0.2]",
        "mapped_v6_hex": "[::ffff:7f00:2]",
        "percent": "%31%32%37.0.0.2",
        "unspecified": "0.0.0.0",
        "localhost_name": "localhost",
    }
    urls = {name: f"http://{host}:{port}/{name}?via={via}" for name, host in hosts.items()}
    urls["file_scheme"] = "file:///etc/passwd"
    urls["ftp_scheme"] = f"ftp://127.0.0.2:{port}/x"
    return urls


def internal_server() -> RawServer:
    def handle(path: str, conn: socket.socket) -> None:
        conn.sendall(response(200, article_html(999, headline="INTERNAL SECRET").encode()))

    return RawServer(handle, host=INTERNAL_HOST)


def attacker_site(internal_port: int, articles: int = 3) -> RawServer:
    targets = spellings(internal_port)
    redirects = {f"/redir/{name}": url for name, url in spellings(internal_port, "redirect").items()}
    refreshes = {f"/refresh/{name}": url for name, url in spellings(internal_port, "refresh").items()}

    def handle(path: str, conn: socket.socket) -> None:
        if path == "/robots.txt":
            conn.sendall(response(200, b"User-agent: *\nAllow: /\n", "text/plain"))
        elif path == "/list/":
            links = [f"/a/{n}" for n in range(1, articles + 1)]
            links += list(targets.values()) + list(redirects) + list(refreshes)
            conn.sendall(response(200, listing_html(links).encode()))
        elif path.startswith("/a/"):
            conn.sendall(response(200, article_html(int(path[3:])).encode()))
        elif path in redirects:  # a redirect to a non-http scheme is dropped by Scrapy itself
            conn.sendall(response(302, b"", Location=redirects[path]))
        elif path in refreshes:
            page = f'<html><head><meta http-equiv="refresh" content="0; url={refreshes[path]}"></head><body>moved</body></html>'
            conn.sendall(response(200, page.encode()))
        else:
            conn.sendall(response(404, b"<html><body>no</body></html>"))

    return RawServer(handle)
