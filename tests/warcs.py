"""WARC files built at test time with warcio, shaped like Common Crawl's CC-NEWS: StormCrawler's
WARC/1.0 request + response pairs, payloads stored decoded with the original coding headers
renamed ``X-Crawler-*``, and the pitfalls a reader meets (revisits, truncation, lying charsets)."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = (  # noqa: SIM905
    "council harbour railway budget residents engineers bridge tunnel station library market square reservoir "
    "announced approved delayed questioned reviewed published estimated reported confirmed northern coastal"
).split()


def article_text(n: int, words: int = 60) -> str:
    """Prose of its own for each ``n`` (no two near-duplicates)."""
    rng = random.Random(n)
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + f" story {n}."


def news_page(n: int, url: str, text: str | None = None, headline: str | None = None) -> str:
    """An article page of our own making: JSON-LD NewsArticle, og:type article, a headline and a body."""
    headline = headline or f"Harbour council story number {n}"
    text = text or article_text(n)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": f"2024-03-{1 + n % 28:02d}T08:00:00+00:00",
        "author": {"@type": "Person", "name": "Ada Lovelace"},
        "url": url,
    }
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | Gazette</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:type" content="article">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        f'<article><h1>{headline}</h1><p class="byline">By Ada Lovelace</p>'
        f"<p>{text}</p><p>{text}</p><p>{text}</p></article></body></html>"
    )


@dataclass
class Rec:
    """One CC-NEWS-shaped record to write."""

    url: str
    body: bytes = b""
    status: str = "200 OK"
    headers: list[tuple[str, str]] = field(default_factory=lambda: [("Content-Type", "text/html; charset=UTF-8")])
    kind: str = "response"  # or "revisit"
    truncated: str | None = None
    chunked: bool = False  # stored still chunked, with its Transfer-Encoding header (some crawlers do)


def write_cc_news(path: Path, records: Iterable[Rec], gzip: bool = True) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip, warc_version="1.0")
        info = {"software": "StormCrawler 2.10 https://stormcrawler.net/", "description": "News crawl (test)"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for rec in records:
            headers = list(rec.headers)
            body = rec.body
            if rec.kind == "revisit":
                record = writer.create_revisit_record(
                    rec.url,
                    digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    refers_to_uri=rec.url,
                    refers_to_date="2024-03-01T00:00:00Z",
                    http_headers=StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1"),
                )
                writer.write_record(record)
                continue
            if rec.chunked:
                body = b"".join(
                    b"%x\r\n%s\r\n" % (len(body[i : i + 700]), body[i : i + 700]) for i in range(0, len(body), 700)
                )
                body += b"0\r\n\r\n"
                headers.append(("Transfer-Encoding", "chunked"))
            else:  # StormCrawler: the payload is stored decoded; the headers that said otherwise are renamed
                headers += [("X-Crawler-Content-Encoding", "gzip"), ("X-Crawler-Content-Length", str(len(body) // 3))]
                headers.append(("Content-Length", str(len(body))))
            warc_headers = {"WARC-Truncated": rec.truncated} if rec.truncated else {}
            response = writer.create_warc_record(
                rec.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1"),
                warc_headers_dict=warc_headers,
            )
            request = writer.create_warc_record(
                rec.url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    f"GET {quote(urlsplit(rec.url).path) or '/'} HTTP/1.1",
                    [("User-Agent", "CCBot/2.0")],
                    is_http_request=True,
                ),
            )
            writer.write_request_response_pair(request, response)
    return path
