"""Normalize: canonical URL, word count, content hash, crawl time."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from newscrawl.extract.text import word_count
from newscrawl.extract.urls import normalize_url
from newscrawl.items import Article
from newscrawl.pipelines import CrawlerPipeline


def content_hash(body: str) -> str:
    """SHA-256 of the body with whitespace collapsed and case folded (layout changes do not count)."""
    normalized = " ".join(body.split()).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


class NormalizePipeline(CrawlerPipeline):
    def process_item(self, item: Article) -> Article:
        if item.url:
            item.canonical_url = normalize_url(item.canonical_url or item.url)
        item.word_count = word_count(item.body)
        item.content_hash = content_hash(item.body) if item.body else None
        item.crawled_at = item.crawled_at or datetime.now(UTC).isoformat(timespec="seconds")
        return item
