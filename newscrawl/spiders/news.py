"""The one generic spider: a site profile's listings -> article pages -> Article items."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from newscrawl import sites
from newscrawl.extract import extract_article
from newscrawl.extract.urls import normalize_url
from newscrawl.items import Article, RelatedLink
from newscrawl.loaders import ArticleLoader
from newscrawl.sites.select import query, select
from newscrawl.state import StateStore, state_path

_GENERIC_FIELDS = (*sites.ARTICLE_FIELDS, "related")


def _positive_int(name: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
    return number


class NewsSpider(Spider):
    name = "news"

    def __init__(
        self,
        target: str | None = None,
        base_url: str | None = None,
        max_articles: int | str | None = None,
        max_pages: int | str | None = None,
        state: StateStore | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not target:
            raise ValueError("the news spider needs a target: -a target=<profile key>")
        self.profile = sites.load(target)
        if base_url:
            self.profile = self.profile.with_base_url(base_url)
        self.max_articles = _positive_int("max_articles", max_articles)
        self.max_pages = _positive_int("max_pages", max_pages)
        self.state = state
        self._own_state = state is None
        self.refreshing: set[str] = set()
        self.stop_at_known = True
        self.refresh_days = 0.0
        self._scheduled: set[str] = set()
        self._complete_before: set[str] = set()
        self._sections_done: set[str] = set()
        self._demo: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.settings.setdict(spider.profile.settings, priority="spider")
        if spider.state is None:
            spider.state = StateStore(state_path(crawler.settings, spider.site), spider.site).open()
        if spider.state.recovered and crawler.stats is not None:
            crawler.stats.set_value("newscrawl/state_recovered", spider.state.recovered)
        settings = crawler.settings
        spider.stop_at_known = settings.getbool("NEWSCRAWL_STOP_AT_KNOWN")
        spider.refresh_days = settings.getfloat("NEWSCRAWL_REFRESH_DAYS")
        if spider.profile.demo_server and not kwargs.get("base_url"):
            spider._start_demo_server()
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _start_demo_server(self) -> None:
        from newscrawl.demo.server import DemoServer

        self._demo = DemoServer()
        self._demo.__enter__()
        self.profile = self.profile.with_base_url(self._demo.base_url)
        self.logger.info("demo site serving at %s", self._demo.base_url)

    def _closed(self, reason: str) -> None:
        if self.state is not None:
            if reason == "finished" and not self.crawler.stats.get_value("newscrawl/max_articles_reached"):
                self.state.complete_sections(self._sections_done)
            if self._own_state:
                self.state.close()
        if self._demo is not None:
            self._demo.__exit__(None, None, None)
            self._demo = None

    @property
    def site(self) -> str:
        return self.profile.key

    @property
    def allowed_domains(self) -> list[str]:
        return self.profile.domains

    @property
    def allowed_hosts(self) -> list[str]:
        """Hosts the address guard lets through for this site, besides NEWSCRAWL_ALLOW_HOSTS."""
        return [*self.profile.allowed_hosts, *(["127.0.0.1"] if self._demo is not None else [])]

    async def start(self) -> AsyncIterator[Request]:
        assert self.state is not None
        # Stopping at known articles is safe only where the last run read the section to its end.
        self._complete_before = self.state.begin_sections(self.profile.section_urls)
        for url in self.profile.section_urls:
            yield Request(url, callback=self.parse_listing, cb_kwargs={"page": 1, "section": url})

    def parse_listing(self, response: Response, page: int, section: str) -> Iterator[Request]:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("newscrawl/listing_pages")
        if not isinstance(response, TextResponse):
            stats.inc_value("newscrawl/skipped/listing_not_html")
            return
        links = select(response.selector, self.profile.listing["article_links"])
        if not links:
            stats.inc_value("newscrawl/listing_without_articles")
            self.logger.warning("no article links on listing page %s", response.url)
        assert self.state is not None
        new = known = refreshed = 0
        for href in links:
            url = normalize_url(response.urljoin(href))
            if url in self._scheduled:
                continue
            seen = self.state.known(url)
            if seen is not None:
                known += 1
                if not self.state.refresh_due(seen.published, self.refresh_days):
                    stats.inc_value("newscrawl/skipped/known")
                    continue
                self.refreshing.add(url)
                refreshed += 1
                stats.inc_value("newscrawl/refresh/requests")
            else:
                new += 1
            if self.max_articles is not None and len(self._scheduled) >= self.max_articles:
                stats.set_value("newscrawl/max_articles_reached", True)
                return
            self._scheduled.add(url)
            stats.inc_value("newscrawl/article_requests")
            yield Request(url, callback=self.parse_article)
        if known and not new and not refreshed and self.stop_at_known and section in self._complete_before:
            stats.inc_value("newscrawl/listing_stopped_at_known")
            self._sections_done.add(section)
            return
        next_selector = self.profile.listing.get("next_page")
        next_pages = select(response.selector, next_selector)[:1] if next_selector else []
        if not next_pages:
            self._sections_done.add(section)
            return
        if self.max_pages is not None and page >= self.max_pages:
            return
        yield response.follow(
            next_pages[0], callback=self.parse_listing, cb_kwargs={"page": page + 1, "section": section}
        )

    def parse_article(self, response: Response) -> Iterator[Article]:
        if not isinstance(response, TextResponse):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/skipped/article_not_html")
            self.logger.warning("skipped %s: not an HTML page", response.url)
            return
        yield self.build_article(response)

    def build_article(self, response: TextResponse) -> Article:
        loader = ArticleLoader(response=response)
        loader.add_value("url", response.url)
        loader.add_value("site", self.site)
        provenance: dict[str, str] = {}
        pinned = set(self.profile.article)
        if "byline" in pinned:
            pinned.add("authors")
        for field, selector in self.profile.article.items():
            values = select(response.selector, selector)
            if not values:
                continue
            provenance[field] = "profile"
            loader.add_value(field, values)
            if field in ("published", "modified"):
                loader.add_value(f"{field}_raw", values[0])
        if "byline" in self.profile.article and "authors" not in self.profile.article:
            loader.add_value("authors", loader.get_collected_values("byline"))
            if "byline" in provenance:
                provenance["authors"] = "profile"
        if self.profile.related:
            pinned.add("related")
            related = self._related(response)
            if related:
                provenance["related"] = "profile"
                loader.add_value("related", related)
        missing = [f for f in _GENERIC_FIELDS if f not in pinned]
        if missing:
            found = extract_article(tree=response.selector.root, url=response.url, fields=missing)
            for field in missing:
                value = found.get(field)
                if value:
                    loader.add_value(field, value)
                    provenance[field] = found.get("provenance", {}).get(field, "generic")
            for raw in ("published_raw", "modified_raw"):
                if raw[: -len("_raw")] in missing and found.get(raw):
                    loader.add_value(raw, found[raw])
        loader.add_value("provenance", provenance)
        loader.add_value("crawled_at", datetime.now(UTC).isoformat(timespec="seconds"))
        item: Article = loader.load_item()
        return item

    def _related(self, response: TextResponse) -> list[RelatedLink]:
        spec = self.profile.related
        links = []
        for block in query(response.selector, spec["item"]):
            url = next(iter(select(block, spec["url"])), "")
            title = next(iter(select(block, spec["title"])), "")
            if not url or not title:
                continue
            teaser = next(iter(select(block, spec["teaser"])), None) if "teaser" in spec else None
            links.append(RelatedLink(url=response.urljoin(url), title=title, teaser=teaser))
        return links
