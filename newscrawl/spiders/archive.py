"""``newscrawl archive``: article records from WARC files, through the crawl's own path.

Each response record that may be an article becomes a request whose meta names the record; the
replay middleware (middlewares/warc.py) answers it from the file, so the page goes through the
same decompression, encoding checks, extraction (``NewsSpider._article_item``), pipelines, dedupe
and state as a crawled one. Records are skipped, counted, when they are revisits (their payload is
another record's), not 2xx, not HTML, truncated (``WARC-Truncated``, refused by the body checks),
of another host than ``--site`` names, or already in the state store.

Sites: the records of our own WARC files are extracted with the profile the crawl used (its
warcinfo names it), and only the article pages of that crawl are read; any other record with the
generic extraction of its host, judged article or not first (discovery/pages.py).

Files: a file is recorded in the state store once every record of it has gone through the
pipelines, so a rerun skips it. A run killed before that reads the file again; its articles
already written are known to the state and skipped, so nothing is lost and nothing doubled.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawl import sites, warc
from newscrawl.discovery.dates import parse_since
from newscrawl.items import Article
from newscrawl.process_pool import ExtractionPool, pool_size
from newscrawl.spiders.news import NewsSpider
from newscrawl.state import Store, open_store

SITE = "archive"  # the key of the run: its output folder and state store
_HTML = ("text/html", "application/xhtml+xml")


def bare_host(host: str) -> str:
    """A host compared without case, port, trailing dot or a leading ``www.``."""
    host = host.strip().lower().rstrip(".")
    if "://" in host:
        host = urlsplit(host).hostname or ""
    host = host.split(":", 1)[0] if host.count(":") == 1 else host
    return host.removeprefix("www.")


def file_key(path: Path, hosts: set[str]) -> str:
    """How the state store knows a WARC file read with a host filter: its name and size (Common Crawl's
    names are unique), and the hosts read (a run for other hosts reads the file again)."""
    return f"{path.name}:{path.stat().st_size}" + (f":{','.join(sorted(hosts))}" if hosts else "")


class ArchiveSpider(NewsSpider):
    name = "archive"

    def __init__(
        self,
        files: list[Path] | None = None,
        hosts: list[str] | str | None = None,
        since: str | None = None,
        state: Store | None = None,
        sources: str | None = None,
        **kwargs: Any,
    ) -> None:
        """``files`` from the CLI; or, as spider arguments (scrapyd, ``scrapy crawl archive -a``),
        ``sources`` and ``hosts`` as comma-separated lists."""
        Spider.__init__(self, **kwargs)  # not NewsSpider's: no target, no profile, no demo server
        if files is None:
            if not sources:
                raise ValueError("the archive spider needs WARC files: -a sources=FILE_OR_FOLDER[,...]")
            files = warc.warc_files([s.strip() for s in sources.split(",") if s.strip()])
        if isinstance(hosts, str):
            hosts = hosts.split(",")
        self.files = files
        self.hosts = {bare_host(h) for h in hosts or () if h.strip()}
        self.since = parse_since(since) if since else None
        self.state = state
        self._own_state = state is None
        self.refreshing: set[str] = set()
        self._demo = None
        self.extraction = ExtractionPool(0)
        self._nesting_in_worker = False
        self.max_nesting = 0
        self._profiles: dict[str, sites.Profile] = {}
        self._pending: dict[Path, int] = {}
        self._read: set[Path] = set()

    @property
    def site(self) -> str:
        return SITE

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArchiveSpider:
        spider: ArchiveSpider = super(NewsSpider, cls).from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if spider.state is None:
            spider.state = open_store(settings, SITE)
        spider.extraction = ExtractionPool(pool_size(settings.get("NEWSCRAWL_EXTRACT_PROCESSES")), spider._stat)
        spider.max_nesting = settings.getint("NEWSCRAWL_MAX_NESTING")
        crawler.signals.connect(spider._engine_stopped, signal=signals.engine_stopped)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        assert self.state is not None
        for path in self.files:
            key = file_key(path, self.hosts)
            if self.state.archive_read(key):
                self._stat("archive/files_already_read")
                self.logger.info("skipped %s: read to its end by an earlier run", path)
                continue
            self._pending[path] = 0
            used: sites.Profile | None = None  # the profile our own crawl used, from the file's warcinfo
            try:
                for entry in warc.iter_entries(path):
                    if isinstance(entry, dict):
                        used = self._crawl_profile(entry)
                        continue
                    self._stat("archive/records")
                    request = self._request(entry, used)
                    if request is not None:
                        self._pending[path] += 1
                        yield request
            except warc.WarcError as exc:
                self._stat("skipped/unreadable_warc")
                self.logger.error("skipped %s", exc)
                continue
            self._read.add(path)
            self._file_done(path)

    def _crawl_profile(self, info: dict[str, str]) -> sites.Profile | None:
        key = info.get(warc.INFO_SITE, "")
        if not key or key not in sites.available():
            return None
        try:
            return sites.load(key)
        except sites.ProfileError:
            return None

    def _request(self, entry: warc.Entry, used: sites.Profile | None) -> Request | None:
        assert self.state is not None
        kind = entry.fields.get(warc.KIND_FIELD)
        if kind is not None and kind != "article":
            self._stat("archive/not_article_fetches")  # our crawl's listings, feeds, sitemaps, robots.txt
            return None
        parts = urlsplit(entry.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self._stat("skipped/not_http")
            return None
        if self.hosts and bare_host(parts.hostname) not in self.hosts:
            self._stat("archive/other_hosts")
            return None
        if entry.kind == "revisit":
            self._stat("skipped/revisit")  # the page is the record it refers to, read on its own
            return None
        if not 200 <= entry.status < 300:
            self._stat("skipped/not_ok_status")
            return None
        if entry.content_type and not entry.content_type.lower().lstrip().startswith(_HTML):
            self._stat("skipped/article_not_html")
            return None
        profile = used if used is not None and kind == "article" else self._generic(entry.url)
        if profile is None:
            self._stat("skipped/bad_url")
            return None
        classify = kind is None or entry.fields.get(warc.CLASSIFY_FIELD) == "1"
        meta: dict[str, Any] = {"newscrawl_profile": profile.key}
        if classify:
            meta["newscrawl_classify"] = True
        request = Request(entry.url, callback=self.parse_article, errback=self._failed, meta=meta, dont_filter=True)
        if self.state.known(request.url) is not None:
            self._stat("skipped/known")
            return None
        # the URL as Scrapy spells it (percent-escaped): a redirect to another URL is not this record
        request.meta["newscrawl_warc"] = (str(entry.path), entry.offset, request.url)
        return request

    def _generic(self, url: str) -> sites.Profile | None:
        host = (urlsplit(url).hostname or "").lower()
        profile = self._profiles.get(host)
        if profile is None:
            try:
                profile = sites.for_url(url)
            except sites.ProfileError:
                return None
            self._profiles[host] = profile
        return profile

    def profile_for(self, response: Response) -> sites.Profile:
        key = response.meta["newscrawl_profile"]
        profile = self._profiles.get(key)
        if profile is None:
            profile = self._profiles[key] = sites.load(key)
        return profile

    async def parse_article(self, response: Response) -> AsyncIterator[Article]:
        try:
            item = await self._article_item(response)
        except Exception:
            self._request_done(response.request)
            raise
        if item is None:
            self._request_done(response.request)
            return
        yield item  # done when the pipelines are (_item_done)

    def _failed(self, failure: Failure) -> None:
        super()._failed(failure)
        self._request_done(getattr(failure, "request", None))

    def _item_done(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        self._request_done(response.request if response is not None else None)

    def _request_done(self, request: Request | None) -> None:
        where = request.meta.get("newscrawl_warc") if request is not None else None
        if request is None or where is None or request.meta.get("newscrawl_warc_done"):
            return
        request.meta["newscrawl_warc_done"] = True
        path = Path(where[0])
        self._pending[path] -= 1
        self._file_done(path)

    def _file_done(self, path: Path) -> None:
        """Record a file read to its end once every request made from it is through the pipelines."""
        if path not in self._read or self._pending.get(path):
            return
        assert self.state is not None
        self._read.discard(path)
        self.state.archive_done(file_key(path, self.hosts))
        self._stat("archive/files_read")
        self.logger.info("read %s", path)
