"""robots.txt, the RFC 9309 way, on top of Scrapy's middleware.

Scrapy parses whatever comes back: a 503 page means allow-all and a 55 MB file takes minutes and
gigabytes. Here: only the first NEWSCRAWL_ROBOTSTXT_MAXSIZE bytes are read (the download stops
there, the rest is ignored, as the RFC allows past 500 KiB); a 5xx or 429 answer, or no answer at
all, defers the host (nothing on it is fetched in this run); a 4xx means no rules; and the
``Crawl-delay`` for our user agent becomes the host's minimum download delay, capped at
NEWSCRAWL_MAX_CRAWL_DELAY.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


class DeferredHost(RobotParser):
    """Stands in for the rules of a host whose robots.txt could not be read: nothing is allowed."""

    def __init__(self, why: str) -> None:
        self.why = why

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> DeferredHost:
        return cls("")

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.max_size = crawler.settings.getint("NEWSCRAWL_ROBOTSTXT_MAXSIZE")
        self.max_crawl_delay = crawler.settings.getfloat("NEWSCRAWL_MAX_CRAWL_DELAY")
        self.crawl_delays: dict[str, float] = {}
        self._received: dict[int, int] = {}
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)
        crawler.signals.connect(self._response_downloaded, signal=signals.response_downloaded)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt"):
            return
        parser = await self.robot_parser(request)
        if isinstance(parser, DeferredHost):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/skipped/robots_unavailable")
            logger.info("skipped %s: robots.txt %s; host deferred to a later run", request.url, parser.why)
            raise IgnoreRequest(f"robots.txt {parser.why}")
        self.process_request_2(parser, request)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        # Scrapy's version logs a failed robots.txt download as an ERROR with its traceback; here
        # the failure defers the host with one warning line (_robots_error).
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robots = Request(
                f"{url.scheme}://{netloc}/robots.txt",
                priority=self.DOWNLOAD_PRIORITY,
                meta={"dont_obey_robotstxt": True},
                callback=NO_CALLBACK,
            )
            assert self.crawler.engine is not None and self.crawler.stats is not None
            try:
                response = await self.crawler.engine.download_async(robots)
                await self._parse_robots(response, netloc, request)
            except Exception as exc:
                self._robots_error(exc, netloc)
            self.crawler.stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            found: RobotParser | None = await maybe_deferred_to_future(parser)
            return found
        return parser

    def _bytes_received(self, data: bytes, request: Request) -> None:
        if not request.meta.get("dont_obey_robotstxt") or not request.url.endswith("/robots.txt"):
            return
        key = id(request)
        self._received[key] = self._received.get(key, 0) + len(data)
        if self._received[key] > self.max_size:
            del self._received[key]
            raise StopDownload(fail=False)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        self._received.pop(id(response.request), None)
        status = response.status
        if status >= 500 or status == 429:
            self._defer(netloc, f"answered HTTP {status}")
            return
        if status >= 400:
            response = response.replace(body=b"")  # RFC 9309 2.3.1.3: unavailable means no rules
        elif len(response.body) > self.max_size or "download_stopped" in response.flags:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/robots/truncated")
            logger.warning("robots.txt of %s is larger than %d bytes; only that much is read", netloc, self.max_size)
            body = response.body[: self.max_size]
            response = response.replace(body=body[: body.rfind(b"\n") + 1])
        await super()._parse_robots(response, netloc, request)
        self._remember_crawl_delay(netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # the guard refused the host: the request is refused anyway
            super()._robots_error(exc, netloc)
            return
        key = f"robotstxt/exception_count/{type(exc)}"
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)
        self._defer(netloc, f"could not be fetched ({type(exc).__name__})")

    def _defer(self, netloc: str, why: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/robots/deferred_hosts")
        logger.warning("robots.txt of %s %s: the host is deferred (nothing on it is fetched in this run)", netloc, why)
        waiting = self._parsers[netloc]
        parser = DeferredHost(why)
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def _remember_crawl_delay(self, netloc: str, request: Request) -> None:
        parser = self._parsers.get(netloc)
        rules = getattr(parser, "rp", None)
        agent = self._robotstxt_useragent or self._default_useragent
        delay = None
        if rules is not None and hasattr(rules, "crawl_delay"):
            delay = rules.crawl_delay(agent)
        if not delay:
            return
        delay = min(float(delay), self.max_crawl_delay)
        slot_key = self._slot_key(request)
        self.crawl_delays[slot_key] = delay
        logger.info("robots.txt of %s asks for a Crawl-delay; waiting %.1f s between requests", netloc, delay)
        self._apply(slot_key)

    def _slot_key(self, request: Request) -> str:
        assert self.crawler.engine is not None
        key: str = self.crawler.engine.downloader.get_slot_key(request)
        return key

    def _response_downloaded(self, response: Response, request: Request) -> None:
        # Runs after AutoThrottle's own handler (connected earlier), so its adjustment cannot undercut the delay.
        if self.crawl_delays:
            self._apply(request.meta.get("download_slot") or self._slot_key(request))

    def _apply(self, slot_key: str) -> None:
        floor = self.crawl_delays.get(slot_key)
        assert self.crawler.engine is not None
        slot = self.crawler.engine.downloader.slots.get(slot_key)
        if floor and slot is not None and slot.delay < floor:
            slot.delay = floor
            slot.jitter = 0.0  # a minimum: no random shortening
