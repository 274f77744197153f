"""A large generated news site for the crawl benchmark, served from its own process on 127.0.0.1.

    python -m benchmarks.site [--articles N] [--shape news|wordpress|demo] [--port P]

Prints ``READY http://127.0.0.1:PORT/`` once it listens; serves until its standard input closes,
then prints one JSON line of its own counters (requests, bytes, CPU seconds) and exits.
``GET /__stats`` answers the same counters while it runs.

Pages are generated on request, deterministically from the article number, and look like the pages
of a real news site where it costs a crawler: 60-120 KB each, a large inline JSON state script
(the article again plus recommendations, as JS front-ends ship it), a navigation with ~200 links,
inline CSS, JSON-LD on three pages in five, meta and OpenGraph tags, a byline, a date, body prose,
related links and a footer. The prose is random words from newscrawl.demo's word lists and a small
vocabulary below, so no two articles are near-duplicates. Eight sections list the articles newest
first, 25 a page, with rel=next pagination. robots.txt allows everything.

That is the ``news`` shape (the default). ``--shape wordpress`` serves a WordPress-style blog with long
comment threads and widget sidebars instead (``benchmarks/wordpress.py``); ``--shape demo`` serves
newscrawl's bundled demo site (``newscrawl/demo/``) with ``--articles`` articles.

The server is a plain asyncio protocol with HTTP/1.1 keep-alive: a page costs it ~0.2 ms of CPU,
so it stays far ahead of a crawler on the other core (the benchmark prints its request rate).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import time
from functools import lru_cache
from html import escape
from typing import Any

from newscrawl.demo import words as w

SECTIONS = ("world", "politics", "business", "science", "technology", "culture", "sport", "opinion")
PER_PAGE = 25
SITE = "The Benchmark Bulletin"

_VOCABULARY = (  # noqa: SIM905
    "council committee budget harbour railway district ministry report survey proposal agreement workers "
    "residents teachers farmers engineers researchers officials lawmakers voters students doctors nurses "
    "prices wages rents taxes tariffs exports imports shipments contracts licences permits subsidies loans "
    "bridge tunnel station school hospital factory warehouse library market square airport reservoir "
    "announced rejected approved delayed questioned defended criticised welcomed postponed promised "
    "expanded reduced doubled examined reviewed published described estimated reported confirmed denied "
    "quietly sharply slowly briefly openly carefully reluctantly formally narrowly largely partly "
    "new local regional national small large early late recent former public private rural urban coastal "
    "northern southern eastern western annual weekly monthly temporary permanent modest significant "
    "the the the the a a an of of of in in on at for with from by after before during against about "
    "and and but while although because since when where which that who its their this those some many "
    "year month week morning evening plan vote debate hearing inquiry strike protest deal crisis shortage "
    "water power energy grain steel timber coal fish wool coffee paper glass cement fuel transport housing"
).split()
_NAMES = tuple(f"{f} {last}" for f in w.FIRST_NAMES for last in w.LAST_NAMES[:20])
_PLACES = tuple(w.CITIES) + tuple(w.COUNTRIES)
_WORDS = _VOCABULARY + [p.split()[-1] for p in _PLACES] + list(w.LAST_NAMES[:20])

_CSS = "\n".join(
    f".c{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}rem;color:#{(i * 2654435761) % 0xFFFFFF:06x};"
    f"font-size:{0.7 + (i % 9) / 10:.1f}rem;line-height:1.{i % 9};display:{('block', 'flex', 'grid')[i % 3]}}}"
    for i in range(180)
)
_NAV = "".join(
    f'<li><a href="/{s}/">{s.title()}</a><ul class="sub">'
    + "".join(f'<li><a href="/{s}/topic-{t}/">{s.title()} {t}</a></li>' for t in range(24))
    + "</ul></li>"
    for s in SECTIONS
)
_FOOTER = "".join(f'<li><a href="/about/page-{i}/">About us, part {i}</a></li>' for i in range(40))


def _rng(n: int) -> random.Random:
    return random.Random(n * 7919 + 17)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(9, 22))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _headline(n: int) -> str:
    rng = _rng(n)
    return " ".join(rng.choices(_WORDS, k=rng.randint(6, 11))).capitalize() + f" ({n})"


def section_of(n: int) -> str:
    return SECTIONS[n % len(SECTIONS)]


def article_path(n: int) -> str:
    return f"/{section_of(n)}/{2000 + n // 1000}/story-{n}.html"


@lru_cache(maxsize=4096)
def _teaser_json(n: int) -> str:
    rng = _rng(n + 1_000_003)
    return json.dumps(
        {
            "id": n,
            "url": article_path(n),
            "title": _headline(n),
            "kicker": rng.choice(_VOCABULARY).title(),
            "summary": _sentence(rng),
            "image": {"src": f"/img/{n}.jpg", "width": 1200, "height": 675, "alt": _sentence(rng)},
            "tracking": {"position": n % 40, "experiment": "rec-v3", "bucket": rng.randint(0, 99)},
        }
    )


def _state_script(n: int, total: int, extra: dict[str, object]) -> str:
    """The JS front-end's state: the page's data plus 40-130 recommendations (the bulk of the page)."""
    rng = _rng(n + 2_000_029)
    recs = ",".join(_teaser_json(rng.randrange(total)) for _ in range(rng.randint(40, 130)))
    head = json.dumps({"page": extra, "site": SITE, "build": "2026.11.3", "flags": {"paywall": False}})
    return f'<script>window.__APP_STATE__={head[:-1]},"recommendations":[{recs}]}};</script>'


def _page(title: str, head: str, main: str, state: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {SITE}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}<style>{_CSS}</style></head>'
        f'<body><a class="skip-link" href="#main">Skip to content</a><header class="masthead"><p class="logo">'
        f'<a href="/">{SITE}</a></p><nav class="main-nav"><ul>{_NAV}</ul></nav></header>'
        f'<main id="main">{main}</main><footer><ul class="footer-links">{_FOOTER}</ul>'
        f"<p>&copy; 2026 {SITE}. All rights reserved.</p></footer>{state}"
        '<script>(function(){var d=document;d.documentElement.className+=" js";})();</script></body></html>'
    ).encode()


def article_page(n: int, total: int) -> bytes:
    rng = _rng(n)
    headline = _headline(n)
    section = section_of(n)
    authors = rng.sample(_NAMES, rng.choice((1, 1, 1, 2)))
    day = 1 + n % 28
    # a past year: a future date is rejected as implausible and extraction falls back to htmldate
    published = f"2025-{1 + n % 12:02d}-{day:02d}T{n % 24:02d}:{n % 60:02d}:00+01:00"
    standfirst = _sentence(rng)
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(8, 18))]
    url = article_path(n)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(
        f'<li><a href="{article_path(r)}">{escape(_headline(r))}</a></li>'
        for r in (rng.randrange(total) for _ in range(5))
    )
    byline = " and ".join(f'<a rel="author" href="/author/{a.lower().replace(" ", "-")}/">{a}</a>' for a in authors)
    head = (
        f'<meta name="description" content="{escape(standfirst)}"><link rel="canonical" href="{url}">'
        f'<meta property="og:type" content="article"><meta property="og:title" content="{escape(headline)}">'
        f'<meta property="og:url" content="{url}"><meta property="og:image" content="/img/{n}.jpg">'
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="article:section" content="{section.title()}">'
    )
    if n % 5 < 3:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": published,
            "author": [{"@type": "Person", "name": a} for a in authors],
            "articleSection": section.title(),
            "image": f"/img/{n}.jpg",
            "publisher": {"@type": "Organization", "name": SITE},
        }
        head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    main = (
        f'<article class="story"><nav class="breadcrumb"><a href="/">Home</a> / <a href="/{section}/">'
        f'{section.title()}</a></nav><h1 class="headline">{escape(headline)}</h1><p class="standfirst">'
        f'{escape(standfirst)}</p><div class="meta"><p class="byline">By {byline}</p><time datetime="{published}">'
        f"{day} {('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[n % 12]} 2025"
        f'</time></div><figure class="lead"><img src="/img/{n}.jpg" alt=""><figcaption>{_sentence(rng)}</figcaption>'
        f'</figure><div class="article-body">{body}</div><div class="share"><a href="#">Share</a></div>'
        f'<aside class="related"><h2>Related</h2><ul>{related}</ul></aside></article>'
    )
    state = _state_script(n, total, {"type": "article", "id": n, "headline": headline, "paragraphs": paragraphs})
    return _page(headline, head, main, state)


def listing_page(section: str, page: int, total: int) -> bytes | None:
    index = SECTIONS.index(section)
    in_section = len(range(index, total, len(SECTIONS)))
    pages = max(1, -(-in_section // PER_PAGE))
    if page > pages:
        return None
    # newest first: the section's k-th newest article is number index + S * (in_section - 1 - k)
    first = (page - 1) * PER_PAGE
    ids = [index + len(SECTIONS) * (in_section - 1 - k) for k in range(first, min(first + PER_PAGE, in_section))]
    teasers = "".join(
        f'<article class="teaser"><h2><a href="{article_path(n)}">{escape(_headline(n))}</a></h2>'
        f"<p>{_sentence(_rng(n + 5))}</p></article>"
        for n in ids
    )
    nxt = f'<a rel="next" href="/{section}/page/{page + 1}/">Older stories</a>' if page < pages else ""
    main = f'<h1>{section.title()}</h1><div class="stories">{teasers}</div><nav class="pagination">{nxt}</nav>'
    state = _state_script(10_000_000 + index * 100_000 + page, total, {"type": "section", "section": section})
    return _page(f"{section.title()}, page {page}", "", main, state)


SHAPES = ("news", "wordpress", "demo")


class Site:
    def __init__(self, articles: int, shape: str = "news") -> None:
        self.total = articles
        self.shape = shape
        self.base = ""
        self.requests = 0
        self.bytes = 0
        self._wordpress: Any = None
        self._demo: Any = None
        if shape == "wordpress":
            from benchmarks.wordpress import WordPressSite

            self._wordpress = WordPressSite(articles)
        elif shape == "demo":
            from newscrawl.demo.site import build_site

            self._demo = build_site(n_articles=articles)

    def listening(self, base: str) -> None:
        self.base = base
        if self._wordpress is not None:
            self._wordpress.base = base.rstrip("/")
            self._wordpress.prerender()

    def render(self, path: str) -> tuple[int, str, bytes]:
        if path.split("?", 1)[0] == "/__stats":
            return 200, "application/json", json.dumps(self.stats()).encode()
        if self._demo is not None:
            status, content_type, body = self._demo.render(path, self.base)
            return status, content_type, body
        if self._wordpress is not None:
            found = self._wordpress.render(path.split("?", 1)[0])
            return found or (404, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>")
        path = path.split("?", 1)[0]
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path == "/__stats":
            return 200, "application/json", json.dumps(self.stats()).encode()
        parts = [p for p in path.split("/") if p]
        if len(parts) == 3 and parts[2].startswith("story-") and parts[2].endswith(".html"):
            try:
                n = int(parts[2][6:-5])
            except ValueError:
                n = -1
            if 0 <= n < self.total and path == article_path(n):
                return 200, "text/html; charset=utf-8", article_page(n, self.total)
        if parts and parts[0] in SECTIONS and (len(parts) == 1 or (len(parts) == 3 and parts[1] == "page")):
            page = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else 1
            body = listing_page(parts[0], page, self.total)
            if body is not None:
                return 200, "text/html; charset=utf-8", body
        return 404, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>"

    def stats(self) -> dict[str, float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {"requests": self.requests, "bytes": self.bytes, "cpu_s": usage.ru_utime + usage.ru_stime}


class _Protocol(asyncio.Protocol):
    def __init__(self, site: Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.split(b"\r\n")
            method, target, *_ = [*lines[0].decode("latin-1").split(" "), "", ""]
            status, content_type, body = self.site.render(target)
            self.site.requests += 1
            self.site.bytes += len(body)
            reason = "OK" if status == 200 else "Not Found"
            header = (
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Connection: keep-alive\r\nCache-Control: max-age=60\r\n\r\n"
            ).encode()
            assert self.transport is not None
            self.transport.write(header if method == "HEAD" else header + body)


async def _serve(site: Site, port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Protocol(site), "127.0.0.1", port, backlog=512)
    site.listening(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/")
    print(f"READY {site.base}", flush=True)
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await stdin_closed
    server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--shape", choices=SHAPES, default="news")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    site = Site(args.articles, args.shape)
    started = time.monotonic()
    asyncio.run(_serve(site, args.port))
    print(json.dumps({**site.stats(), "wall_s": time.monotonic() - started}), flush=True)
    os._exit(0)  # the stdin reader thread is done; skip joining executor threads


if __name__ == "__main__":
    sys.exit(main())
