"""Validate: drop records that are not usable articles (reason counted) and count per-field coverage."""

from __future__ import annotations

from newscrawl.items import Article
from newscrawl.pipelines import CrawlerPipeline

COVERED_FIELDS = (
    "canonical_url", "section", "headline", "description", "body", "authors", "byline",
    "published", "modified", "language", "tags", "image", "related",
)  # fmt: skip


class ValidatePipeline(CrawlerPipeline):
    def open_spider(self) -> None:
        self.min_words = self.crawler.settings.getint("NEWSCRAWL_MIN_BODY_WORDS")

    def process_item(self, item: Article) -> Article:
        if not item.url:
            raise self.drop("no_url", item.url)
        if not item.headline:
            raise self.drop("no_headline", item.url)
        if not item.body:
            raise self.drop("no_body", item.url)
        if (item.word_count or 0) < self.min_words:
            raise self.drop("body_too_short", item.url)
        self.stats.inc_value("newscrawl/validated")
        for name in COVERED_FIELDS:
            if getattr(item, name):
                self.stats.inc_value(f"newscrawl/coverage/{name}")
        return item
