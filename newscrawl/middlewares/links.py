"""A cap on the requests one page can yield (NEWSCRAWL_MAX_REQUESTS_PER_PAGE): a listing with
100,000 links would otherwise queue 100,000 requests (~2.6 KB of memory each). The rest are
dropped, counted (``newscrawl/skipped/links_over_cap``) and the page named in a warning.

Sitemaps and feeds are exempt: a sitemap may list 50,000 articles by design (the spider bounds
them with NEWSCRAWL_MAX_SITEMAPS and its state store instead)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

logger = logging.getLogger(__name__)

_UNCAPPED_SOURCES = frozenset({"sitemap", "feed"})


class RequestCapMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getint("NEWSCRAWL_MAX_REQUESTS_PER_PAGE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestCapMiddleware:
        return cls(crawler)

    def _cap_for(self, response: Response) -> int:
        return 0 if response.meta.get("newscrawl_source") in _UNCAPPED_SOURCES else self.cap

    def _admit(self, response: Response, item: Any, cap: int, counter: list[int]) -> bool:
        if not cap or not isinstance(item, Request):
            return True
        counter[0] += 1
        if counter[0] <= cap:
            return True
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/skipped/links_over_cap")
        return False

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        cap, counter = self._cap_for(response), [0]
        yield from (item for item in result if self._admit(response, item, cap, counter))
        self._report(response, counter[0], cap)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        cap, counter = self._cap_for(response), [0]
        async for item in result:
            if self._admit(response, item, cap, counter):
                yield item
        self._report(response, counter[0], cap)

    def _report(self, response: Response, requests: int, cap: int) -> None:
        if cap and requests > cap:
            logger.warning(
                "%s yielded %d requests; only the first %d were followed (NEWSCRAWL_MAX_REQUESTS_PER_PAGE)",
                response.url,
                requests,
                cap,
            )
