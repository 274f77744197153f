"""A cap on the requests one page can yield (NEWSCRAWL_MAX_REQUESTS_PER_PAGE): a listing with
100,000 links would otherwise queue 100,000 requests (~2.6 KB of memory each). The rest are
dropped, counted (``newscrawl/skipped/links_over_cap``) and the page named in a warning."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

logger = logging.getLogger(__name__)


class RequestCapMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getint("NEWSCRAWL_MAX_REQUESTS_PER_PAGE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestCapMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        requests = 0
        for item in result:
            if isinstance(item, Request) and self.cap:
                requests += 1
                if requests > self.cap:
                    self._over(response, requests)
                    continue
            yield item
        self._report(response, requests)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        requests = 0
        async for item in result:
            if isinstance(item, Request) and self.cap:
                requests += 1
                if requests > self.cap:
                    self._over(response, requests)
                    continue
            yield item
        self._report(response, requests)

    def _over(self, response: Response, requests: int) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/skipped/links_over_cap")

    def _report(self, response: Response, requests: int) -> None:
        if self.cap and requests > self.cap:
            logger.warning(
                "%s yielded %d requests; only the first %d were followed (NEWSCRAWL_MAX_REQUESTS_PER_PAGE)",
                response.url,
                requests,
                self.cap,
            )
