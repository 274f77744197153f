"""Item pipelines, one per module, in the order settings.ITEM_PIPELINES runs them."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl.state import StateStore, Store


class CrawlerPipeline:
    """Base: keeps the crawler and its stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlerPipeline:
        return cls(crawler)

    def drop(self, reason: str, url: str | None, stat: str | None = None, log_level: str = "WARNING") -> DropItem:
        """A DropItem whose reason is counted under ``stat`` (default newscrawl/dropped/<reason>)."""
        self.stats.inc_value(stat or f"newscrawl/dropped/{reason}")
        return DropItem(f"({reason}): {url}", log_level=log_level)

    @property
    def state(self) -> Store:
        state: Store | None = getattr(self.crawler.spider, "state", None)
        if state is None:  # a spider without a store of its own: dedupe within the run only
            state = getattr(self.crawler, "_newscrawl_state", None) or StateStore(None, "run").open()
            self.crawler._newscrawl_state = state  # type: ignore[attr-defined]
        return state
