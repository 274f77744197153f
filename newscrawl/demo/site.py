"""The demo site: its pages by path, and the truth records a crawl of it must reproduce."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from newscrawl.demo import pages
from newscrawl.demo import words as w
from newscrawl.demo.content import MAX_ARTICLES, MIN_ARTICLES, Article, Author, article_sequence, authors_pool, slugify

PER_PAGE = 10
FEED_SIZE = 50
HTML = "text/html; charset=utf-8"
_STYLESHEET = b"""body{font-family:Georgia,serif;max-width:46rem;margin:0 auto;padding:0 1rem;line-height:1.5}
.ad,.share,.skip-link,.visually-hidden{font-size:.8rem;color:#777}
.main-nav ul,.tags,.footer-links{list-style:none;display:flex;gap:1rem;padding:0}
figcaption,.byline,.dateline,.updated{color:#555;font-size:.9rem}
"""


class DemoSite:
    """One deterministic demo site: the first ``n_articles`` of the seed's sequence (more articles add newer ones)."""

    def __init__(self, seed: int, n_articles: int, edited: Iterable[int]) -> None:
        if not MIN_ARTICLES <= n_articles <= MAX_ARTICLES:
            raise ValueError(f"n_articles must be from {MIN_ARTICLES} to {MAX_ARTICLES}, got {n_articles}")
        self.seed = seed
        self.n_articles = n_articles
        self.articles: tuple[Article, ...] = article_sequence(seed)[:n_articles]  # oldest first
        self.edited = frozenset(edited)
        unknown = sorted(i for i in self.edited if not 0 <= i < n_articles)
        if unknown:
            raise ValueError(f"edited ids not on the site (0 to {n_articles - 1}): {unknown}")
        self.newest: list[Article] = list(reversed(self.articles))
        self._by_id = {a.id: a for a in self.articles}
        self._by_path = {a.path: a for a in self.articles}
        self._by_image = {a.image_path: a for a in self.articles}
        self._sections: dict[str, list[Article]] = {key: [] for key in w.SECTIONS}
        self._tags: dict[str, tuple[str, list[Article]]] = {}
        self._authors: dict[str, tuple[Author, list[Article]]] = {a.slug: (a, []) for a in authors_pool(seed)}
        for article in self.newest:
            self._sections[article.section].append(article)
            for tag in article.tags:
                self._tags.setdefault(slugify(tag), (tag, []))[1].append(article)
            for author in article.authors:
                self._authors[author.slug][1].append(article)
        self._cache: dict[tuple[str, str], tuple[int, str, bytes]] = {}
        self._lock = threading.Lock()

    # --- paths ---

    def _pages(self, section: str) -> int:
        return max(1, -(-len(self._sections[section]) // PER_PAGE))

    @property
    def article_paths(self) -> list[str]:
        """Paths of all article pages, newest first."""
        return [a.path for a in self.newest]

    @property
    def listing_paths(self) -> list[str]:
        paths = []
        for key in w.SECTIONS:
            paths.append(f"/{key}/")
            paths.extend(f"/{key}/page/{n}/" for n in range(2, self._pages(key) + 1))
        return paths

    @property
    def non_article_paths(self) -> list[str]:
        """HTML pages that are not articles: home, about, section listings, tag and author pages, search."""
        return [
            "/",
            "/about/",
            *self.listing_paths,
            *(f"/tag/{slug}/" for slug in sorted(self._tags)),
            *(f"/author/{slug}/" for slug, (_, arts) in sorted(self._authors.items()) if arts),
            "/search?q=harbour",
        ]

    # --- pages ---

    def render(self, path_with_query: str, base_url: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of the page at ``path_with_query``, its absolute URLs built on ``base_url``."""
        parts = urlsplit(path_with_query)
        path = parts.path or "/"
        if path == "/search":
            query = " ".join(parse_qs(parts.query).get("q", [""])).strip()
            words = query.lower().split()
            results = [a for a in self.newest if words and all(t in a.headline.lower() for t in words)][:20]
            return 200, HTML, pages.search_page(query, results)
        key = (base_url, path)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._render(path, base_url)
                if cached is None:
                    return 404, HTML, pages.not_found_page()
                self._cache[key] = cached
        return cached

    def _render(self, path: str, base_url: str) -> tuple[int, str, bytes] | None:
        article = self._by_path.get(path)
        if article is not None:
            return 200, HTML, pages.article_page(article, base_url, self._by_id, article.id in self.edited)
        if path == "/":
            return 200, HTML, pages.home_page(self.newest, self._sections, base_url)
        if path == "/about/":
            return 200, HTML, pages.about_page()
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", pages.robots_txt(base_url)
        if path == "/sitemap.xml":
            entries = [(a.path, self._lastmod(a)) for a in self.newest]
            return 200, "application/xml; charset=utf-8", pages.sitemap_xml(entries, base_url)
        if path == "/feed.xml":
            return 200, "application/rss+xml; charset=utf-8", pages.feed_xml(self.newest[:FEED_SIZE], base_url)
        if path == "/static/site.css":
            return 200, "text/css; charset=utf-8", _STYLESHEET
        if path in self._by_image:
            return 200, "image/svg+xml", pages.image_svg(self._by_image[path])
        segments = path.strip("/").split("/")
        if not path.endswith("/"):
            return None
        if len(segments) == 1 and segments[0] in w.SECTIONS:
            return self._listing(segments[0], 1, base_url)
        if len(segments) == 3 and segments[0] in w.SECTIONS and segments[1] == "page" and segments[2].isdigit():
            page = int(segments[2])
            return self._listing(segments[0], page, base_url) if 2 <= page <= self._pages(segments[0]) else None
        if len(segments) == 2 and segments[0] == "tag" and segments[1] in self._tags:
            tag, tagged = self._tags[segments[1]]
            return 200, HTML, pages.tag_page(tag, tagged)
        if len(segments) == 2 and segments[0] == "author" and segments[1] in self._authors:
            author, written = self._authors[segments[1]]
            return (200, HTML, pages.author_page(author, written)) if written else None
        return None

    def _listing(self, section: str, page: int, base_url: str) -> tuple[int, str, bytes]:
        listed = self._sections[section][(page - 1) * PER_PAGE : page * PER_PAGE]
        return 200, HTML, pages.listing_page(section, page, self._pages(section), listed, base_url)

    def _lastmod(self, article: Article) -> str:
        """Sitemap lastmod (W3C datetime: a time needs an offset, so naive times give the day only)."""
        modified = article.edited_modified if article.id in self.edited else article.modified
        _, iso, _ = pages.show_date(modified or article.published, article.date_style)
        return iso if len(iso) == 10 or iso[-6] in "+-" else iso[:10]

    # --- truth ---

    def truth(self, base_url: str) -> list[dict[str, object]]:
        """One record per article, newest first: the fields a crawl must emit, plus the article ``id``."""
        return [self._truth(a, base_url) for a in self.newest]

    @staticmethod
    def _author_details(article: Article, base_url: str) -> list[dict[str, object]]:
        """Each credited author's details: people link their author page, the first has the bio box;
        the agencies are known wire agencies (organizations)."""
        out: list[dict[str, object]] = [
            {
                **_no_details(),
                "name": a.name,
                "url": pages.absolute(base_url, f"/author/{a.slug}/"),
                "bio": a.bio if n == 0 else None,
                "type": "person" if article.has_jsonld else None,  # only the JSON-LD says
            }
            for n, a in enumerate(article.authors)
        ]
        if article.agency:
            out.append({**_no_details(), "name": article.agency, "url": None, "type": "organization"})
        return [{k: d[k] for k in ("name", "url", "bio", "job_title", "same_as", "image", "type")} for d in out]

    def _truth(self, article: Article, base_url: str) -> dict[str, object]:
        edited = article.id in self.edited
        modified = article.edited_modified if edited else article.modified
        url = pages.absolute(base_url, article.path)
        _, byline = pages.byline(article)
        return {
            "url": url,
            "canonical_url": url,
            "site": "demo",
            "section": w.SECTIONS[article.section],
            "headline": article.headline,
            "description": article.description,
            "body": "\n\n".join(b.text for b in pages.body_blocks(article, edited)),
            "authors": article.credited,
            "byline": byline,
            "author_details": self._author_details(article, base_url),
            "published": pages.show_date(article.published, article.date_style)[1],
            "modified": pages.show_date(modified, article.date_style)[1] if modified else None,
            "language": "en",
            "tags": list(article.tags),
            "image": pages.absolute(base_url, article.image_path),
            "related": [
                {
                    "url": pages.absolute(base_url, self._by_id[j].path),
                    "title": self._by_id[j].headline,
                    "teaser": self._by_id[j].description,
                }
                for j in article.related_ids
            ],
            "id": article.id,
        }


def _no_details() -> dict[str, object]:
    return {"bio": None, "job_title": None, "same_as": None, "image": None}


def build_site(seed: int = 0, n_articles: int = 240, edited: Iterable[int] = frozenset()) -> DemoSite:
    """The demo site for ``seed`` with ``n_articles`` articles; articles whose id is in ``edited`` carry a correction."""
    return DemoSite(seed, n_articles, edited)
