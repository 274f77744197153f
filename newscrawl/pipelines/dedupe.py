"""Dedupe against everything already written, in this run and earlier ones (the state store):
the same canonical URL, then the same body (content hash), then a near-same body (MinHash).

A known article that the spider re-fetched on purpose (--refresh-days) is let through as its next
revision when its body changed.
"""

from __future__ import annotations

from newscrawl.extract.urls import normalize_url
from newscrawl.items import Article
from newscrawl.pipelines import CrawlerPipeline
from newscrawl.state import signature


class DedupePipeline(CrawlerPipeline):
    def open_spider(self) -> None:
        settings = self.crawler.settings
        self.mark = settings.get("NEWSCRAWL_DUPLICATES") == "mark"
        self.threshold = settings.getfloat("NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD")

    def process_item(self, item: Article) -> Article:
        key = item.canonical_url or item.url or ""
        known = self.state.known(key) or self.state.known(normalize_url(item.url or ""))
        if known is not None:
            if not self._refreshing(item.url):
                raise self.drop("duplicate", item.url, stat="newscrawl/duplicates/canonical_url", log_level="DEBUG")
            if item.content_hash == known.content_hash:
                raise self.drop("unchanged", item.url, stat="newscrawl/refresh/unchanged", log_level="DEBUG")
            item.revision = known.revision + 1
            item.modified = item.modified or item.crawled_at
            self.stats.inc_value("newscrawl/refresh/updated")
            return item
        if not self.state.claim(key):  # another worker of a distributed crawl is writing this article
            raise self.drop("duplicate", item.url, stat="newscrawl/duplicates/claimed", log_level="DEBUG")
        if not item.content_hash or not item.body:
            return item
        earlier = self.state.with_hash(item.content_hash)
        kind = "content_hash"
        if earlier is None:
            earlier = self.state.near_duplicate(signature(item.body), self.threshold)
            kind = "near"
        if earlier is None:
            return item
        if not self.mark:
            raise self.drop("duplicate", item.url, stat=f"newscrawl/duplicates/{kind}", log_level="INFO")
        self.stats.inc_value(f"newscrawl/duplicates_marked/{kind}")
        item.duplicate_of = earlier
        return item

    def _refreshing(self, url: str | None) -> bool:
        refreshing: set[str] = getattr(self.crawler.spider, "refreshing", set())
        return bool(url) and normalize_url(url or "") in refreshing
