"""What the test sites share: generated articles, the truth, and a thread-based loopback server
that logs every path it serves."""

from __future__ import annotations

import gzip
import html
import json
import random
import re
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOW = datetime(2024, 6, 30, 18, 0, tzinfo=UTC)  # the sites' "today"

# An invented vocabulary: every sentence is generated, none is copied from anywhere.
_NOUNS = _w(
    "council harbour ferry orchard library tramway bakery quarry lighthouse observatory vineyard canal "
    "glasshouse foundry reservoir marketplace school clinic stadium archive bridge railway meadow "
    "workshop theatre museum laboratory cooperative festival brewery tannery mill pier dockyard"
)
_PLACES = _w(
    "Eastmere Northwick Saltford Harrowgate Bellbrook Corrin Dunmore Fallowby Greyhaven Ivel Kestrel "
    "Lowmarsh Morrow Penhallow Quillan Ravensby Stonecrop Tidewell Umber Vantry Wexcombe Yarrow"
)
_VERBS = _w(
    "approves reopens expands delays rebuilds debates funds inspects restores closes measures "
    "celebrates surveys redesigns doubles trims"
)
_ADJ = _w(
    "quiet ambitious seasonal overdue modest sweeping temporary careful unexpected costly popular "
    "narrow historic cautious frank brisk"
)
_FILLER = _w(
    "residents officials engineers volunteers traders teachers growers planners inspectors "
    "neighbours commuters students auditors"
)
FIRST = _w("Ada Bram Cora Dov Elin Farid Greta Hugo Ines Jonah Kaia Lior Mira Nils Oona Pavel")
LAST = _w("Ashdown Brightwater Calloway Dunleavy Ellery Fairclough Gorsuch Holloway Iredale Jessop")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Article:
    id: int
    section: str
    headline: str
    paragraphs: list[str]
    published: datetime
    author: str
    tags: list[str]
    path: str = ""  # set by the site
    duplicate_of: int | None = None  # a syndicated copy of that article (same body)

    @property
    def teaser(self) -> str:
        return " ".join(self.paragraphs[0].split()[:24]) + " ..."

    @property
    def author_slug(self) -> str:
        return slugify(self.author)


def make_articles(seed: int, n: int, sections: list[str], days: int) -> list[Article]:
    """``n`` articles, oldest first, spread over ``days`` days before NOW."""
    rng = random.Random(seed)
    out: list[Article] = []
    for i in range(n):
        place, noun, verb, adj = rng.choice(_PLACES), rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_ADJ)
        headline = f"{place} {noun} plan: council {verb} {adj} proposal number {i + 1}"
        paragraphs = []
        for _ in range(rng.randint(4, 7)):
            sentences = []
            for _ in range(rng.randint(3, 5)):
                words = [rng.choice(_FILLER), "in", rng.choice(_PLACES), "said", "the", rng.choice(_ADJ)]
                words += [rng.choice(_NOUNS), "would", rng.choice(_VERBS).rstrip("s"), "the", rng.choice(_NOUNS)]
                words += ["by", rng.choice(["spring", "autumn", "next year", "the winter"])]
                sentence = " ".join(words)
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
            paragraphs.append(" ".join(sentences))
        published = NOW - timedelta(days=days * (n - 1 - i) / max(1, n - 1), hours=rng.randint(1, 9))
        published = published.replace(second=0, microsecond=0)
        author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        tags = sorted({rng.choice(_NOUNS), rng.choice(_PLACES).lower()})
        out.append(Article(i, sections[i % len(sections)], headline, paragraphs, published, author, tags))
    return out


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Page:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def html_page(text: str, status: int = 200) -> Page:
    return Page(status, "text/html; charset=utf-8", text.encode("utf-8"))


def xml_page(text: str, gz: bool = False, content_type: str = "application/xml; charset=utf-8") -> Page:
    body = text.encode("utf-8")
    return Page(200, "application/x-gzip", gzip.compress(body, mtime=0)) if gz else Page(200, content_type, body)


NOT_FOUND = Page(404, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>Not found</h1></body></html>")


def ld_json(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


class TestSite:
    """A generated site: ``render(path, base)`` serves it; the truth says what a crawl must find."""

    __test__ = False  # not a pytest class
    name = "site"
    articles: list[Article]
    section_paths: dict[str, str]  # section key -> listing path

    def _set_up(self, copy_at: int, original_at: int, marker: str, path: Callable[[Article], str]) -> None:
        """Make article ``copy_at`` a syndicated copy of ``original_at`` (same body, ``marker`` in the
        headline, its own path), then build the indexes the pages are rendered from."""
        n = len(self.articles)
        copy, original = self.articles[min(copy_at, n - 1)], self.articles[min(original_at, n - 2)]
        copy.paragraphs = list(original.paragraphs)
        copy.headline = original.headline.replace("plan:", marker)
        copy.path = path(copy)
        copy.duplicate_of = original.id
        self.newest = sorted(self.articles, key=lambda a: a.published, reverse=True)
        self.by_path = {a.path: a for a in self.articles}
        self.tags = sorted({t for a in self.articles for t in a.tags})
        self.authors = sorted({a.author for a in self.articles})

    def render(self, path: str, base: str) -> Page:
        raise NotImplementedError

    def is_trap(self, path: str) -> bool:
        raise NotImplementedError

    def related_truth(self, article: Article) -> list[str]:
        """Site-relative paths of the related articles shown on ``article``'s page (none by default)."""
        return []

    def related_picks(self, article: Article, n: int) -> list[Article]:
        """``n`` other original articles of ``article``'s section, nearest in time; none on every fifth
        article (pages without a related block test precision)."""
        if article.id % 5 == 0:
            return []
        same = [a for a in self.originals() if a.section == article.section and a.id != article.id]
        same.sort(key=lambda a: (abs(a.id - article.id), a.id))
        return same[:n]

    def originals(self) -> list[Article]:
        return [a for a in self.articles if a.duplicate_of is None]

    def truth(self, base: str, section: str | None = None) -> dict[str, set[str]]:
        """Each article a crawl must emit once: canonical URL -> the URLs that count as it (a
        syndicated copy counts as its original)."""
        groups: dict[str, set[str]] = {}
        for a in self.originals():
            groups[base.rstrip("/") + a.path] = {base.rstrip("/") + a.path}
        for a in self.articles:
            if a.duplicate_of is not None:
                original = self.articles[a.duplicate_of]
                groups[base.rstrip("/") + original.path].add(base.rstrip("/") + a.path)
        if section is not None:
            in_section = {base.rstrip("/") + a.path for a in self.articles if a.section == section}
            groups = {k: v for k, v in groups.items() if v & in_section}
        return groups


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SiteServer

    def do_GET(self) -> None:
        base = self.server.base_url
        with self.server.lock:
            self.server.log.append(self.path)
        try:
            page = self.server.site.render(self.path, base)
        except Exception:  # a generator bug shows as a 500 and a traceback, not a hung test
            traceback.print_exc()
            page = Page(500, "text/plain", b"generator error")
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        for k, v in page.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(page.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(ThreadingHTTPServer):
    """Serves a TestSite on 127.0.0.1 (a free port) from a thread; ``log`` holds every path requested."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, site: TestSite) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"
        self.log: list[str] = []
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(5)

    def paths(self, predicate: Callable[[str], bool] | None = None) -> list[str]:
        with self.lock:
            return [p for p in self.log if predicate is None or predicate(p)]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def credited(site: TestSite, a: Article) -> list[str]:
    """The names the article's byline credits (a site with co-authors says so with ``authors_of``)."""
    authors_of = getattr(site, "authors_of", None)
    return list(authors_of(a)) if authors_of is not None else [a.author]
