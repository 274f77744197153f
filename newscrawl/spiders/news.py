"""The one generic spider: a site profile's listings -> article pages -> Article items; without a
profile (a URL target), discovery: sections, pagination, feeds, sitemaps, article detection.

Request kinds and their callbacks:
- listing pages (``parse_listing``): a profile's selectors, or the heuristics of ``discovery.listing``
  (main-content article links, the next page of the same listing, the site's sections);
- robots.txt, sitemaps, feeds (``parse_robots``, ``parse_sitemap``, ``parse_feed``): article URLs
  with dates, so ``--since`` skips old ones before they are fetched;
- article pages (``parse_article``): pages found by discovery are first judged article or not
  (``discovery.pages``); non-articles are counted (``newscrawl/skipped/<reason>``), never emitted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from newscrawl import sites
from newscrawl.discovery import feeds as feedlib
from newscrawl.discovery import listing as listinglib
from newscrawl.discovery import sitemaps as sitemaplib
from newscrawl.discovery.dates import parse_date, parse_since
from newscrawl.discovery.pages import classify_page
from newscrawl.discovery.urls import canonical_guess, is_calendar, listing_scope, on_site, page_kind
from newscrawl.distributed import redis_settings, request_done
from newscrawl.extract.author_details import align_details, find_author_details
from newscrawl.extract.structured import read_page_data
from newscrawl.extract.urls import normalize_url
from newscrawl.items import Article, AuthorDetails, RelatedLink
from newscrawl.loaders import ArticleLoader
from newscrawl.middlewares.responses import too_deep_message
from newscrawl.process_pool import ExtractionPool, pool_size
from newscrawl.sites.select import query, select
from newscrawl.state import Store, open_store

_GENERIC_FIELDS = (*sites.ARTICLE_FIELDS, "related", "author_details")

# Discovery bounds (settings of the same name; docs/discovery.md).
BOUNDS = (
    "NEWSCRAWL_SECTION_MAX_PAGES",
    "NEWSCRAWL_CALENDAR_MAX_PAGES",
    "NEWSCRAWL_DISCOVERY_DEPTH",
    "NEWSCRAWL_MAX_SECTIONS",
    "NEWSCRAWL_MAX_SITEMAPS",
)
_PRIORITY = {"robots": 40, "sitemap": 30, "feed": 30, "distributed_listing": 20, "article": 10, "listing": 0}
_SKIP_URL_KINDS = frozenset({"tag_page", "author_page", "search_page", "static_page", "listing_page", "paginated_page"})


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
        state: Store | None = None,
        since: str | datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not target:
            raise ValueError("the news spider needs a target: -a target=<profile key or URL>")
        self.profile = sites.for_url(target) if "://" in target else sites.load(target)
        if base_url and not self.profile.generic:
            self.profile = self.profile.with_base_url(base_url)
        self.max_articles = _positive_int("max_articles", max_articles)
        self.max_pages = _positive_int("max_pages", max_pages)
        self.since = parse_since(since) if since else None
        self.state = state
        self._own_state = state is None
        self.refreshing: set[str] = set()
        self.distributed = False
        self.stop_at_known = True
        self.refresh_days = 0.0
        self.bounds: dict[str, int] = {}
        self._scheduled: set[str] = set()
        self._complete_before: set[str] = set()
        self._sections_done: set[str] = set()
        self._sections: set[str] = set()  # listing scopes being read (generic)
        self._section_links: dict[str, set[str]] = {}  # article links seen per section (trap guard)
        self._listing_pages: set[str] = set()
        self._fetched_meta: set[str] = set()  # robots, sitemaps and feeds requested
        self._dates: dict[str, datetime] = {}  # article URL -> date a sitemap or feed gave
        self._feed_entries: dict[str, set[str]] = {}  # a feed's first page -> entry URLs its pages showed
        self._demo: Any = None
        self.extraction = ExtractionPool(0)
        self._nesting_in_worker = False  # article pages are parsed in an extraction worker only
        self.max_nesting = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.settings.setdict(spider.profile.settings, priority="spider")
        crawler.settings.setdict(redis_settings(crawler.settings, spider.site), priority="spider")
        spider.distributed = bool(crawler.settings.get("NEWSCRAWL_REDIS_URL"))
        if spider.state is None:
            spider.state = open_store(crawler.settings, spider.site)
        settings = crawler.settings
        spider.stop_at_known = settings.getbool("NEWSCRAWL_STOP_AT_KNOWN")
        spider.refresh_days = settings.getfloat("NEWSCRAWL_REFRESH_DAYS")
        spider.bounds = {name: settings.getint(name) for name in BOUNDS}
        spider.extraction = ExtractionPool(pool_size(settings.get("NEWSCRAWL_EXTRACT_PROCESSES")), spider._stat)
        spider.max_nesting = settings.getint("NEWSCRAWL_MAX_NESTING")
        # a profile's own selectors need the page parsed here; generic fields are parsed in a worker
        spider._nesting_in_worker = spider.extraction.active and not (spider.profile.article or spider.profile.related)
        if spider.profile.demo_server and not kwargs.get("base_url"):
            spider._start_demo_server()
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._engine_stopped, signal=signals.engine_stopped)
        return spider

    def _start_demo_server(self) -> None:
        from newscrawl.demo.server import DemoServer

        self._demo = DemoServer()
        self._demo.__enter__()
        self.profile = self.profile.with_base_url(self._demo.base_url)
        self.logger.info("demo site serving at %s", self._demo.base_url)

    def _opened(self) -> None:
        # Not in from_crawler: Scrapy 2.19 raises on crawler.stats before the crawl starts.
        if self.state is not None and self.state.recovered:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newscrawl/state_recovered", self.state.recovered)

    def _closed(self, reason: str) -> None:
        if self.state is not None and reason == "finished":
            assert self.crawler.stats is not None
            if not self.crawler.stats.get_value("newscrawl/max_articles_reached"):
                self.state.complete_sections(self._sections_done)

    def _engine_stopped(self) -> None:
        # After every spider_closed handler (extensions still use the store there).
        self.extraction.close()
        if self.state is not None and self._own_state:
            self.state.close()
        if self._demo is not None:
            self._demo.__exit__(None, None, None)
            self._demo = None

    @property
    def listing_priority(self) -> int:
        """Listing pages wait behind article pages in one process, which keeps the frontier (memory)
        small; in a distributed crawl the queue is in Redis, and listings first keep every worker fed."""
        return _PRIORITY["distributed_listing"] if self.distributed else _PRIORITY["listing"]

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

    def _stat(self, name: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{name}", count)

    async def start(self) -> AsyncIterator[Request]:
        assert self.state is not None
        # Stopping at known articles is safe only where the last run read the section to its end.
        self._complete_before = self.state.begin_sections(self.profile.section_urls)
        profile = self.profile
        if profile.shape == "site":
            robots = urljoin(profile.base_url, "/robots.txt")
            self._fetched_meta.add(robots)
            yield Request(
                robots,
                callback=self.parse_robots,
                errback=self._no_robots,
                priority=_PRIORITY["robots"],
                dont_filter=True,
            )
        for url in profile.sitemaps if "sitemaps" in profile.discovery else ():
            if request := self._meta_request(profile.url(url), "sitemap"):
                yield request
        for url in profile.feeds if "feeds" in profile.discovery else ():
            if request := self._meta_request(profile.url(url), "feed"):
                yield request
        if "sections" not in profile.discovery:
            return
        for url in profile.section_urls:
            self._sections.add(listing_scope(url))
            # dont_filter: each run (and each worker of a distributed crawl) reads its sections again
            yield Request(
                url,
                callback=self.parse_listing,
                errback=self._failed,
                cb_kwargs={"page": 1, "section": url},
                dont_filter=True,
                priority=self.listing_priority,
            )

    # --- articles ---

    def _article(self, url: str, date: datetime | None = None, classify: bool = False) -> tuple[str, Request | None]:
        """(status, request) for an article link: ``new``/``refresh`` with a request, or ``duplicate``,
        ``old`` (before --since), ``known`` (in the state store) or ``limit`` (--max-articles reached)."""
        assert self.state is not None
        if url in self._scheduled:
            return "duplicate", None
        if date is not None:
            self._dates[url] = date
        date = date or self._dates.get(url)
        if self.since is not None and date is not None and date < self.since:
            self._stat("skipped/older_than_since")
            return "old", None
        status = "new"
        seen = self.state.known(url)
        if seen is not None:
            if not self.state.refresh_due(seen.published, self.refresh_days):
                self._stat("skipped/known")
                self.state.touch([url])
                return "known", None
            status = "refresh"
        if self.max_articles is not None and len(self._scheduled) >= self.max_articles:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newscrawl/max_articles_reached", True)
            return "limit", None
        if status == "refresh":
            self.refreshing.add(url)
            self._stat("refresh/requests")
        self._scheduled.add(url)
        self._stat("article_requests")
        meta: dict[str, Any] = {"newscrawl_classify": True} if classify else {}
        if self._nesting_in_worker:
            meta["newscrawl_nesting_in_worker"] = True
        return status, Request(
            url, callback=self.parse_article, errback=self._failed, meta=meta, priority=_PRIORITY["article"]
        )

    def _listed_article(self, url: str, date: datetime | None) -> tuple[str, Request | None]:
        """(status, request) for an article URL a sitemap or feed lists (as ``_article``), or
        (``offsite`` or the page kind, None) when its host or shape says it is no article of the site."""
        url = canonical_guess(url)
        if not on_site(url, self.allowed_domains):
            self._stat("skipped/offsite")
            return "offsite", None
        kind = page_kind(url)
        if kind in _SKIP_URL_KINDS:
            self._stat(f"skipped/{kind}")
            return kind, None
        return self._article(url, date, classify=True)

    async def parse_article(self, response: Response) -> AsyncIterator[Article]:
        item = await self._article_item(response)
        if item is None:
            self.crawler.signals.send_catch_log(signal=request_done, request=response.request)
            return
        yield item

    async def _article_item(self, response: Response) -> Article | None:
        if not isinstance(response, TextResponse):
            self._stat("skipped/article_not_html")
            self.logger.warning("skipped %s: not an HTML page", response.url)
            return None
        classify = bool(response.meta.get("newscrawl_classify"))
        if classify and not response.meta.get("newscrawl_nesting_in_worker"):
            verdict = classify_page(response.selector.root, response.url)
            if not verdict.is_article:
                self._not_article(response, verdict.reason)
                return None
            classify = False
        item = await self.build_article(response, classify=classify)
        if item is None:
            return None
        if self.since is not None and item.published:
            published = parse_date(item.published)
            if published is not None and published < self.since:
                self._stat("skipped/older_than_since")
                return None
        return item

    def _not_article(self, response: Response, reason: str) -> None:
        self._stat(f"skipped/{reason}")
        self.logger.debug("not an article (%s): %s", reason, response.url)

    # --- listings ---

    def parse_listing(self, response: Response, page: int, section: str, depth: int = 0) -> Iterator[Request]:
        self._stat("listing_pages")
        if not isinstance(response, TextResponse):
            self._stat("skipped/listing_not_html")
            return
        if self.profile.listing.get("article_links"):
            yield from self._profile_listing(response, page, section)
        else:
            yield from self._generic_listing(response, page, section, depth)

    def _listing_articles(
        self, links: Iterable[tuple[str, datetime | None]], section: str, classify: bool
    ) -> tuple[list[Request], bool]:
        """Requests for a listing page's article links, and whether the section's paging stops here:
        --max-articles reached, or every link known where the last run read the section to its end."""
        requests: list[Request] = []
        new = known = refreshed = 0
        for url, date in links:
            status, request = self._article(url, date, classify=classify)
            if status == "limit":
                return requests, True
            known += status in ("known", "refresh")
            refreshed += status == "refresh"
            new += status == "new"
            if request is not None:
                requests.append(request)
        if known and not new and not refreshed and self.stop_at_known and section in self._complete_before:
            self._stat("listing_stopped_at_known")
            self._sections_done.add(section)
            return requests, True
        return requests, False

    def _profile_listing(self, response: TextResponse, page: int, section: str) -> Iterator[Request]:
        links = select(response.selector, self.profile.listing["article_links"])
        if not links:
            self._stat("listing_without_articles")
            self.logger.warning("no article links on listing page %s", response.url)
        requests, stop = self._listing_articles(
            ((normalize_url(response.urljoin(href)), None) for href in links), section, classify=False
        )
        yield from requests
        if stop:
            return
        next_selector = self.profile.listing.get("next_page")
        next_pages = select(response.selector, next_selector)[:1] if next_selector else []
        if not next_pages:
            self._sections_done.add(section)
            return
        if self.max_pages is not None and page >= self.max_pages:
            return
        yield response.follow(
            next_pages[0],
            callback=self.parse_listing,
            errback=self._failed,
            cb_kwargs={"page": page + 1, "section": section},
            priority=self.listing_priority,
        )

    def _generic_listing(self, response: TextResponse, page: int, section: str, depth: int) -> Iterator[Request]:
        tree = response.selector.root
        self._listing_pages.add(canonical_guess(response.url))
        if self.profile.shape == "site":
            yield from self._sections_from(tree, response.url, depth)
            if depth == 0 and page == 1 and "feeds" in self.profile.discovery:
                yield from self._feeds_from(tree, response.url)
        links = listinglib.article_links(tree, response.url, self.allowed_domains, fallback=page == 1)
        links = [link for link in links if listing_scope(link.url) not in self._sections]  # a section, not a story
        if not links:
            self._stat("listing_without_articles")
        seen = self._section_links.setdefault(section, set())
        fresh = [link for link in links if link.url not in seen]
        seen.update(link.url for link in links)
        requests, stop = self._listing_articles(((link.url, link.date) for link in fresh), section, classify=True)
        yield from requests
        if stop:
            return
        if not fresh:  # an empty page, or one repeating what this section already showed: its end
            self._sections_done.add(section)
            return
        if self.since is not None and all(link.date is not None and link.date < self.since for link in fresh):
            self._stat("listing_stopped_at_since")
            return
        url = listinglib.next_page(tree, response.url, listing_scope(section))
        if url is None and listinglib.script_pager(tree):
            # only the page's script can load more: the section is read as far as the server renders it,
            # said in the summary, and not taken for read to its end
            self._stat("skipped/script_pager")
            self.logger.info("listing %s: its further pages are loaded by a script only", section)
            return
        if url is None or canonical_guess(url) in self._listing_pages:
            self._sections_done.add(section)
            return
        if page >= (self.max_pages or self.bounds["NEWSCRAWL_SECTION_MAX_PAGES"]):
            if self.max_pages is None:
                self._stat("skipped/section_budget")
            return
        if is_calendar(url) and page >= self.bounds["NEWSCRAWL_CALENDAR_MAX_PAGES"]:
            self._stat("skipped/calendar_pages")
            self.logger.info("calendar-shaped listing %s: stopped after %d pages", section, page)
            return
        self._listing_pages.add(canonical_guess(url))
        yield Request(
            url,
            callback=self.parse_listing,
            errback=self._failed,
            cb_kwargs={"page": page + 1, "section": section, "depth": depth},
            priority=self.listing_priority,
        )

    def _sections_from(self, tree: Any, page_url: str, depth: int) -> Iterator[Request]:
        if depth >= self.bounds["NEWSCRAWL_DISCOVERY_DEPTH"]:
            return
        assert self.state is not None
        for url in listinglib.section_links(tree, page_url, self.allowed_domains):
            scope = listing_scope(url)
            if scope in self._sections:
                continue
            self._sections.add(scope)
            if len(self._sections) > self.bounds["NEWSCRAWL_MAX_SECTIONS"]:
                self._stat("skipped/section_limit")
                continue
            self._complete_before |= self.state.begin_sections([url])
            self._stat("sections_discovered")
            yield Request(
                url,
                callback=self.parse_listing,
                errback=self._failed,
                cb_kwargs={"page": 1, "section": url, "depth": depth + 1},
                priority=self.listing_priority,
            )

    # --- robots.txt, sitemaps, feeds ---

    def _meta_request(self, url: str, kind: str) -> Request | None:
        if url in self._fetched_meta:
            return None
        if kind == "sitemap" and self._stat_value("sitemaps_requested") >= self.bounds["NEWSCRAWL_MAX_SITEMAPS"]:
            self._stat("skipped/sitemap_limit")
            return None
        self._fetched_meta.add(url)
        self._stat(f"{kind}s_requested")
        callback = self.parse_sitemap if kind == "sitemap" else self.parse_feed
        return Request(
            url, callback=callback, priority=_PRIORITY[kind], meta={"newscrawl_source": kind}, errback=self._meta_failed
        )

    def _stat_value(self, name: str) -> int:
        assert self.crawler.stats is not None
        return int(self.crawler.stats.get_value(f"newscrawl/{name}", 0))

    def _feeds_from(self, tree: Any, page_url: str) -> Iterator[Request]:
        announced = feedlib.feed_links(tree, page_url)
        if not announced:
            yield from self._probe([urljoin(page_url, path) for path in feedlib.COMMON_FEED_PATHS], "feed")
        for url in announced:
            if request := self._meta_request(url, "feed"):
                yield request

    def _probe(self, urls: list[str], kind: str) -> Iterator[Request]:
        """Try common locations one at a time: the next only when the last gave nothing."""
        while urls:
            url, urls = urls[0], urls[1:]
            request = self._meta_request(url, kind)
            if request is not None:
                request.meta["newscrawl_probe"] = urls
                yield request
                return

    def _probe_next(self, response_or_failure: Response | Failure) -> Iterator[Request]:
        request = getattr(response_or_failure, "request", None)
        meta = request.meta if request is not None else {}
        if meta.get("newscrawl_probe") is not None:
            yield from self._probe(list(meta["newscrawl_probe"]), meta.get("newscrawl_source", "feed"))

    def parse_robots(self, response: Response) -> Iterator[Request]:
        urls = sitemaplib.sitemaps_from_robots(response.body, response.url)
        if not urls:
            yield from self._no_robots(None)
        for url in urls:
            if request := self._meta_request(url, "sitemap"):
                yield request

    def _no_robots(self, failure: Failure | None) -> Iterator[Request]:
        yield from self._probe([urljoin(self.profile.base_url, p) for p in sitemaplib.COMMON_SITEMAP_PATHS], "sitemap")

    def _failed(self, failure: Failure) -> None:
        """A listing or article that could not be had, after retries: one log line, not a traceback
        (the summary counts it under HTTP or download errors)."""
        request = getattr(failure, "request", None)
        url = getattr(request, "url", "?")
        if failure.check(HttpError):
            self.logger.info("ignored %s: %s", url, failure.getErrorMessage())
        elif failure.check(IgnoreRequest):  # refused on purpose (robots, guard, checks): counted and logged there
            self.logger.debug("skipped %s: %s", url, failure.getErrorMessage())
        else:
            self.logger.error("gave up on %s: %s: %s", url, type(failure.value).__name__, failure.getErrorMessage())
        if request is not None:
            self.crawler.signals.send_catch_log(signal=request_done, request=request)

    def _meta_failed(self, failure: Failure) -> Iterator[Request]:
        request = getattr(failure, "request", None)
        self.logger.debug("could not read %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())
        yield from self._probe_next(failure)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            kind, entries = sitemaplib.parse_sitemap(
                response.body, max_bytes=self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or sitemaplib.MAX_BYTES
            )
        except sitemaplib.SitemapError as exc:
            self._stat("skipped/sitemap_unreadable")
            self.logger.warning("skipped sitemap %s: %s", response.url, exc)
            return
        if kind == "sitemapindex":
            for entry in entries:
                if self.since is not None and entry.lastmod is not None and entry.lastmod < self.since:
                    self._stat("skipped/sitemap_older_than_since")
                    continue
                if request := self._meta_request(entry.url, "sitemap"):
                    yield request
        elif kind == "urlset":
            yield from self._listed(entries)
        else:
            feed = feedlib.parse_feed(response.body, response.url)  # robots.txt may name a feed
            if feed:
                yield from self._listed(feed)
            elif response.meta.get("newscrawl_probe") is not None:
                yield from self._probe_next(response)
            else:
                self._stat("skipped/sitemap_unreadable")
                self.logger.warning("skipped %s: not a sitemap", response.url)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        entries = feedlib.parse_feed(response.body, response.url)
        if not entries:
            yield from self._probe_next(response)
        statuses: list[str] = []
        yield from self._listed(entries, statuses)
        if entries:
            yield from self._feed_next(response, entries, statuses)

    def _feed_next(
        self, response: Response, entries: list[feedlib.FeedEntry], statuses: list[str]
    ) -> Iterator[Request]:
        """The feed's next page (``feeds.next_page``), read as a listing's is: while a page shows entries
        this feed has not shown, not all older than --since or known from the last run, within the
        section page budget."""
        url = feedlib.next_page(response.body, response.url)
        if url is None:
            return
        first = response.meta.get("newscrawl_feed", response.url)
        page = response.meta.get("newscrawl_feed_page", 1)
        seen = self._feed_entries.setdefault(first, set())
        fresh = {canonical_guess(e.url) for e in entries} - seen
        seen.update(fresh)
        if not fresh or "limit" in statuses or all(s in ("old", "known") for s in statuses):
            return
        if page >= (self.max_pages or self.bounds["NEWSCRAWL_SECTION_MAX_PAGES"]):
            self._stat("skipped/feed_budget")
            return
        if request := self._meta_request(url, "feed"):
            request.meta.update(newscrawl_feed=first, newscrawl_feed_page=page + 1)
            yield request

    def _listed(
        self, entries: Iterable[sitemaplib.SitemapEntry | feedlib.FeedEntry], statuses: list[str] | None = None
    ) -> Iterator[Request]:
        """Requests for the article URLs a sitemap or feed lists; each entry's status is appended to
        ``statuses``."""
        for entry in entries:
            date = entry.date if isinstance(entry, sitemaplib.SitemapEntry) else entry.published
            status, request = self._listed_article(entry.url, date)
            if statuses is not None:
                statuses.append(status)
            if request is not None:
                yield request
            elif status == "limit":
                return

    async def build_article(self, response: TextResponse, classify: bool = False) -> Article | None:
        """The record of an article page. None (counted, logged) when the extraction worker that parsed
        it found it too deep to parse whole, or, with ``classify``, not an article."""
        profile = self.profile_for(response)
        if profile.article or profile.related:
            loader = ArticleLoader(selector=response.selector, response=response)  # the tree parsed once
        else:
            loader = ArticleLoader(base_url=get_base_url(response))  # extraction parses the page, here or in a worker
        loader.add_value("url", response.url)
        loader.add_value("site", profile.key)
        provenance: dict[str, str] = {}
        pinned = set(profile.article)
        if "byline" in pinned:
            pinned.add("authors")
        if "authors" in pinned:
            pinned.add("author_details")  # described below, for the names the profile pins
        for field, selector in profile.article.items():
            values = select(response.selector, selector)
            if not values:
                continue
            provenance[field] = "profile"
            loader.add_value(field, values)
            if field in ("published", "modified"):
                loader.add_value(f"{field}_raw", values[0])
        if "byline" in profile.article and "authors" not in profile.article:
            loader.add_value("authors", loader.get_collected_values("byline"))
            if "byline" in provenance:
                provenance["authors"] = "profile"
        if profile.related:
            pinned.add("related")
            related = self._related(response, profile)
            if related:
                provenance["related"] = "profile"
                loader.add_value("related", related)
        missing = [f for f in _GENERIC_FIELDS if f not in pinned]
        if missing:
            found = await self.extraction.extract(response, missing, classify=classify)
            nesting = found.get("_nesting", 0)
            if response.meta.get("newscrawl_nesting_in_worker") and nesting >= self.max_nesting:
                self._stat("skipped/too_deep")
                self.logger.warning("skipped %s: %s", response.url, too_deep_message(nesting))
                return None
            if found.get("_not_article"):
                self._not_article(response, found["_not_article"])
                return None
            for field in missing:
                value = found.get(field)
                if field == "body" and value:
                    value = value.split("\n\n")  # the loader joins paragraphs; one string would become one
                if value:
                    loader.add_value(field, value)
                    provenance[field] = found.get("provenance", {}).get(field, "generic")
            for raw in ("published_raw", "modified_raw"):
                if raw[: -len("_raw")] in missing and found.get(raw):
                    loader.add_value(raw, found[raw])
        loader.add_value("provenance", provenance)
        # a page answered from an archive was fetched when its WARC record says
        fetched = response.meta.get("newscrawl_fetched_at")
        loader.add_value("crawled_at", fetched or datetime.now(UTC).isoformat(timespec="seconds"))
        item: Article = loader.load_item()
        if "author_details" in pinned:
            details = self._author_details(response, item.authors)
            if any(v is not None for d in details for k, v in d.items() if k != "name"):
                provenance["author_details"] = "heuristic"
        else:
            details = align_details(item.authors, item.author_details)
        item.author_details = [AuthorDetails(**d) for d in details]
        return item

    @staticmethod
    def _author_details(response: TextResponse, names: list[str]) -> list[dict[str, Any]]:
        """Details of the names a profile pins (the generic extraction may credit others); the page is
        parsed already, since the profile's selectors ran on it."""
        root = response.selector.root
        data = read_page_data(root, response.url)
        return find_author_details(root, data, names, get_base_url(response), data.attr_index)[0]

    def profile_for(self, response: Response) -> sites.Profile:
        """The profile whose selectors extract ``response`` (the archive spider has one per site)."""
        return self.profile

    def _related(self, response: TextResponse, profile: sites.Profile) -> list[RelatedLink]:
        spec = profile.related
        links = []
        for block in query(response.selector, spec["item"]):
            url = next(iter(select(block, spec["url"])), "")
            title = next(iter(select(block, spec["title"])), "")
            if not url or not title:
                continue
            teaser = next(iter(select(block, spec["teaser"])), None) if "teaser" in spec else None
            links.append(RelatedLink(url=response.urljoin(url), title=title, teaser=teaser))
        return links
