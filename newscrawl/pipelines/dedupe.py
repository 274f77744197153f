"""Dedupe within the run on the normalized canonical URL."""

from __future__ import annotations

from newscrawl.items import Article
from newscrawl.pipelines import CrawlerPipeline


class DedupePipeline(CrawlerPipeline):
    def open_spider(self) -> None:
        self.seen: set[str] = set()

    def process_item(self, item: Article) -> Article:
        key = item.canonical_url or item.url or ""
        if key in self.seen:
            self.stats.inc_value("newscrawl/duplicates/canonical_url")
            raise self.drop("duplicate", item.url, log_level="DEBUG")
        self.seen.add(key)
        return item
