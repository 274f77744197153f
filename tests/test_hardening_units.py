"""Unit tests of the hardening pieces: decompression, retries, encodings, body checks, sitemaps."""

from __future__ import annotations

import gzip
import random
import re
import zlib

import brotli
import pytest
from parsel import Selector

from newscrawl.middlewares.compression import TruncatedStream, gunzip_complete, inflate_complete, unbrotli_complete
from newscrawl.middlewares.encoding import choose_encoding
from newscrawl.middlewares.responses import _links, _tags, binary_reason, looks_complete, nesting_at_end
from newscrawl.middlewares.retry import backoff_seconds, retry_after_seconds
from newscrawl.middlewares.sitemaps import SitemapTooLarge, read_sitemap
from newscrawl.middlewares.useragent import user_agent
from tests.servers.encodings import TEXTS, VARIANTS, page

DATA = b"<html><body>" + b"<p>news</p>" * 5000 + b"</body></html>"


def test_complete_streams_decompress_and_truncated_ones_are_refused():
    assert gunzip_complete(gzip.compress(DATA)) == DATA
    assert gunzip_complete(gzip.compress(DATA[:100]) + gzip.compress(DATA[100:])) == DATA  # two members
    assert inflate_complete(zlib.compress(DATA)) == DATA
    raw = zlib.compressobj(wbits=-15)
    assert inflate_complete(raw.compress(DATA) + raw.flush()) == DATA
    assert unbrotli_complete(brotli.compress(DATA)) == DATA
    for packed, fn in ((gzip.compress(DATA), gunzip_complete), (zlib.compress(DATA), inflate_complete),
                       (brotli.compress(DATA), unbrotli_complete)):  # fmt: skip
        with pytest.raises(TruncatedStream):
            fn(packed[: len(packed) // 2])


def test_decompression_stops_at_the_cap():
    bomb = gzip.compress(bytes(50 * 1024 * 1024))
    with pytest.raises(ValueError, match="exceeded"):
        gunzip_complete(bomb, max_size=1024 * 1024)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(b"120", 120.0), ("0", 0.0), (b"Wed, 21 Oct 2015 07:28:00 GMT", 60.0), (b"soon", None), (None, None)],
)
def test_retry_after(value, seconds):
    now = 1445412420.0  # 07:27:00 GMT that day
    assert retry_after_seconds(value, now=now) == seconds


def test_backoff_doubles_and_is_capped():
    import random

    rng = random.Random(1)
    pauses = [backoff_seconds(n, 1.0, 30.0, rng) for n in (1, 2, 3, 4, 5, 6)]
    assert 0.75 <= pauses[0] <= 1.25 and 6 <= pauses[3] <= 10 and pauses[5] <= 37.5


@pytest.mark.parametrize("encoding", sorted(TEXTS))
@pytest.mark.parametrize("variant", VARIANTS)
def test_choose_encoding_reads_every_fixture(encoding, variant):
    body, content_type = page(encoding, variant)
    decision = choose_encoding(body, content_type)
    assert decision.encoding is not None
    text = body.decode(decision.encoding)
    assert TEXTS[encoding] in text.lstrip("\ufeff")


def test_choose_encoding_refuses_noise_and_trusts_ascii_and_utf8():
    noise = bytes((i * 7919 + 13) % 128 + 128 for i in range(20000))
    assert choose_encoding(b"<p>" + noise, "text/html; charset=utf-8").encoding is None
    assert choose_encoding(b"<p>plain</p>", "text/html; charset=windows-1251").encoding == "cp1251"
    decision = choose_encoding("<p>Привет, мир</p>".encode(), "text/html; charset=iso-8859-1")
    assert decision.encoding == "utf-8" and decision.overrode_declaration


def test_a_latin1_page_with_a_few_accents_is_readable_and_a_lying_one_is_not():
    """A mostly English page whose only non-ASCII letters are the "é" of its name is plain ISO-8859-1."""
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Gazette Clément</title>'
    page += "<h1>Clément</h1><p>" + "The council met on Tuesday. " * 40 + "</p><p>&copy; 2024 Gazette Clément</p>"
    decision = choose_encoding(page.encode("iso-8859-1"), "text/html")
    assert (decision.encoding, decision.source) == ("cp1252", "meta")
    lying = page.replace("Clément", "Новости дня").encode("cp1251")  # Cyrillic bytes under a Latin-1 label
    assert choose_encoding(lying, "text/html").encoding != "cp1252"  # detected, or refused: never mojibake


def test_body_checks():
    assert binary_reason(b"\x89PNG\r\n\x1a\n....") == "binary"
    assert binary_reason(bytes(range(32)) * 10) == "binary"
    assert binary_reason(DATA) is None
    assert looks_complete(DATA) and not looks_complete(DATA[:-20])
    deep = b"<html><body>" + b"<div>" * 3000 + b"<p>x</p>" + b"</div>" * 3000 + b"<p>after</p></body></html>"
    assert nesting_at_end(Selector(body=deep, type="html").root) > 2000
    assert nesting_at_end(Selector(body=DATA, type="html").root) < 5
    assert _links(b"<p><a href=1>x</a><A HREF=2>y</A><abbr>z</abbr><a\nhref=3><aside><a  href=4></p>") == 3


def test_link_and_tag_counts_match_a_regex_count():
    rng = random.Random(7)
    for _ in range(500):
        body = bytes(rng.choice(b"<aA >b") for _ in range(rng.randint(0, 60)))
        assert _links(body) == len(re.findall(rb"<[aA] ", body)), body
        assert _tags(body) == body.count(b"<")


def test_user_agent_carries_the_contact():
    assert user_agent("newscrawl/0.1 (+https://x)", "ops@example.org") == "newscrawl/0.1 (+https://x; ops@example.org)"
    assert user_agent("newscrawl/0.1", "") == "newscrawl/0.1"


LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a/&d;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a/&e;</loc></url></urlset>"""


def test_sitemaps_expand_no_entities_and_are_capped():
    _, entries = read_sitemap(LAUGHS)
    assert all("aaaaaaaaaa" not in e.get("loc", "") for e in entries)
    _, entries = read_sitemap(XXE)
    assert all("root:" not in e.get("loc", "") for e in entries)
    urls = b"".join(b"<url><loc>http://a/%d</loc></url>" % i for i in range(100))
    sitemap = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + b"</urlset>"
    kind, entries = read_sitemap(gzip.compress(sitemap), max_entries=10)
    assert kind == "urlset" and len(entries) == 10
    with pytest.raises(SitemapTooLarge):
        read_sitemap(gzip.compress(sitemap), max_bytes=1000)


def test_request_cap_cuts_a_listing_but_not_a_sitemap():
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from newscrawl.middlewares.links import RequestCapMiddleware

    crawler = get_crawler(settings_dict={"NEWSCRAWL_MAX_REQUESTS_PER_PAGE": 3})
    cap = RequestCapMiddleware.from_crawler(crawler)

    def page(source: str | None) -> HtmlResponse:
        meta = {"newscrawl_source": source} if source else {}
        return HtmlResponse("https://n.example/", body=b"", request=Request("https://n.example/", meta=meta))

    def output() -> list:
        return [{"item": 1}, *(Request(f"https://n.example/{i}") for i in range(5))]

    assert len(list(cap.process_spider_output(page(None), output()))) == 1 + 3
    assert crawler.stats.get_value("newscrawl/skipped/links_over_cap") == 2
    assert len(list(cap.process_spider_output(page("sitemap"), output()))) == 1 + 5
    assert crawler.stats.get_value("newscrawl/skipped/links_over_cap") == 2
