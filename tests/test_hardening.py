"""End-to-end hardening: hostile responses, a flaky server, encodings, robots.txt (loopback only)."""

from __future__ import annotations

import itertools
import socket
import time

import pytest

from tests.servers import encodings, flaky, hostile
from tests.servers.common import RawServer, article_html, listing_html, response
from tests.servers.measure import crawl

QUIET = {"NEWSCRAWL_STATE_ENABLED": "False", "NEWSCRAWL_DUPLICATES": "mark"}


def test_hostile_server_crawl_ends_with_every_good_article_and_nothing_from_bad_inputs(tmp_path):
    with hostile.server() as site:
        result = crawl(site, tmp_path, ["/list/"], QUIET)
    assert result.returncode == 0, result.stderr[-3000:]
    urls = [r["url"] for r in result.records]
    assert sorted(int(u.rsplit("/", 1)[1]) for u in urls if "/good/" in u) == list(range(1, hostile.GOOD + 1))
    assert [u for u in urls if "/good/" not in u] == []
    skipped = result.summary["skipped"]
    for reason in ("binary", "nul_bytes", "empty_body", "encoding_unreliable", "too_deep", "truncated",
                   "redirect_limit", "too_many_links"):  # fmt: skip
        assert skipped.get(reason), (reason, skipped)
    assert skipped["too_large"] >= 3  # three bombs (+ huge bodies cancelled by size)
    for name in hostile.INPUTS:
        assert result.lines_about(f"/bad/{name}"), f"no warning or error names /bad/{name}"


def test_flaky_server_failing_20_percent_still_yields_every_article(tmp_path):
    with flaky.server() as site:
        result = crawl(site, tmp_path, ["/list/"], QUIET)
        failures = sum(site.failures.values())
    assert result.returncode == 0, result.stderr[-3000:]
    assert failures >= 10
    assert len({r["url"] for r in result.records}) == flaky.ARTICLES


def test_encodings_round_trip_or_nothing(tmp_path):
    with encodings.server() as site:
        result = crawl(site, tmp_path, ["/list/"], {**QUIET, "NEWSCRAWL_MIN_BODY_WORDS": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    got = {r["url"].split("/enc/", 1)[1]: r for r in result.records}
    assert len(got) == len(encodings.TEXTS) * len(encodings.VARIANTS), sorted(got)
    for key, record in got.items():
        encoding, variant = key.split("/")
        text = encodings.TEXTS[encoding]
        assert record["body"].startswith(text), (key, record["body"][:80])
        assert record["headline"] == f"{variant} {text[:12]}".strip(), key


def _robots_site(robots: bytes | None, status: int = 200) -> RawServer:
    def handle(path: str, conn: socket.socket) -> None:
        if path == "/robots.txt":
            if robots is not None:  # None: the connection closes without an answer
                conn.sendall(response(status, robots, "text/plain"))
        elif path == "/list/":
            conn.sendall(response(200, listing_html(["/a/1", "/a/2", "/private/3"]).encode()))
        elif path.startswith(("/a/", "/private/")):
            conn.sendall(response(200, article_html(int(path.rsplit("/", 1)[1])).encode()))
        else:
            conn.sendall(response(404, b""))

    return RawServer(handle)


@pytest.mark.parametrize("status", [503, 429, 500])
def test_robots_txt_server_error_defers_the_host(tmp_path, status):
    with _robots_site(b"busy", status) as site:
        result = crawl(site, tmp_path, ["/list/"], QUIET)
        hits = dict(site.hits)
    assert result.returncode == 3, result.stderr[-3000:]
    assert set(hits) == {"/robots.txt"}, hits
    assert result.summary["skipped"] == {"robots_unavailable": 1}
    assert "the host is deferred" in result.stderr


def test_robots_txt_without_an_answer_defers_the_host_in_one_line_without_traceback(tmp_path):
    with _robots_site(None) as site:
        result = crawl(site, tmp_path, ["/list/"], QUIET)
        hits = dict(site.hits)
    assert result.returncode == 3, result.stderr[-3000:]
    assert set(hits) == {"/robots.txt"}, hits
    assert result.summary["skipped"] == {"robots_unavailable": 1}
    assert "could not be fetched" in result.stderr and "the host is deferred" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.summary["errors_logged"] == 1  # Scrapy's retry middleware giving up on robots.txt


def test_robots_txt_is_read_up_to_the_cap_and_crawl_delay_is_honoured(tmp_path):
    robots = b"User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n" + b"# padding\n" * 60_000 + b"Disallow: /\n"
    assert len(robots) > 512 * 1024
    times: list[float] = []

    with _robots_site(robots) as site:
        original = site.handler
        site.handler = lambda path, conn: (times.append(time.monotonic()), original(path, conn))
        result = crawl(site, tmp_path, ["/list/"], QUIET)
        hits = dict(site.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(r["url"].rsplit("/", 1)[1] for r in result.records) == ["1", "2"]
    assert "/private/3" not in hits  # the rule before the cap holds; "Disallow: /" past it is ignored
    assert "larger than 524288 bytes" in result.stderr
    gaps = [b - a for a, b in itertools.pairwise(times[1:])]  # after robots.txt itself
    assert gaps and min(gaps) >= 0.9, gaps
