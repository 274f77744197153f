"""Normalize: canonical URL, word count, content hash, crawl time."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from newscrawl.extract.urls import normalize_url
from newscrawl.items import Article
from newscrawl.pipelines import CrawlerPipeline


def content_hash(body: str) -> str:
    """SHA-256 of the body with whitespace collapsed and case folded (layout changes do not count)."""
    return _words_hash(body.split())


def _words_hash(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).casefold().encode("utf-8")).hexdigest()


class NormalizePipeline(CrawlerPipeline):
    def process_item(self, item: Article) -> Article:
        if item.url:
            item.canonical_url = normalize_url(item.canonical_url or item.url)
        # one split for both: splitting a body was most of this pipeline's cost
        words = item.body.split() if item.body else []
        item.word_count = len(words)
        item.content_hash = _words_hash(words) if item.body else None
        item.crawled_at = item.crawled_at or datetime.now(UTC).isoformat(timespec="seconds")
        return item
