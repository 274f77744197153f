"""Progress lines during long runs: articles written, pages fetched, queue, errors, rate."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger("newscrawl.progress")


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        written = stats.get_value("newscrawl/written", 0)
        elapsed = max(time.monotonic() - self.started, 1e-9)
        pending = stats.get_value("scheduler/enqueued", 0) - stats.get_value("scheduler/dequeued", 0)
        logger.info(
            "progress: %d articles written (%.1f/s), %d pages fetched, %d queued, %d dropped, %d errors",
            written,
            written / elapsed,
            stats.get_value("response_received_count", 0),
            pending,
            sum(v for k, v in stats.get_stats().items() if k.startswith("newscrawl/dropped/")),
            stats.get_value("log_count/ERROR", 0),
        )

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
