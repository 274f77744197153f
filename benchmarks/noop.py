"""The no-op reference: a plain Scrapy spider over the benchmark site, the ceiling newscrawl is measured against.

    python -m benchmarks.noop BASE_URL STATS.json [--shape news|wordpress|demo] [-s NAME=VALUE]...

Listing pagination and article links with plain selectors (the shape's, ``LISTINGS``: its
sections, article links, next page); an article yields only its URL (no pipeline, no output). Scrapy's default settings except the ones a fast crawl of one's own server
sets, the same ``newscrawl crawl --fast`` uses (concurrency, no delay or throttling, log level,
robots.txt obeyed). Scrapy's stats are written to STATS.json at the end.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from benchmarks.site import SECTIONS
from benchmarks.wordpress import CATEGORIES
from newscrawl.demo.words import SECTIONS as DEMO_SECTIONS
from newscrawl.settings import NEWSCRAWL_FAST_SETTINGS

# shape: (section paths, article links, next page)
LISTINGS: dict[str, tuple[list[str], str, str]] = {
    "news": ([f"/{s}/" for s in SECTIONS], "div.stories article.teaser h2 a::attr(href)",
             "nav.pagination a[rel=next]::attr(href)"),
    "wordpress": ([f"/category/{c}/" for c in CATEGORIES], "h2.entry-title a::attr(href)",
                  "a.next.page-numbers::attr(href)"),
    "demo": ([f"/{s}/" for s in DEMO_SECTIONS], "div.stories article.teaser h2.teaser-title a::attr(href)",
             "nav.pagination a[rel=next]::attr(href)"),
}  # fmt: skip


class NoopSpider(Spider):
    name = "noop"

    def __init__(self, base_url: str, shape: str = "news", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.sections, self.article_links, self.next_page = LISTINGS[shape]

    async def start(self) -> AsyncIterator[Request]:
        for section in self.sections:
            yield Request(f"{self.base_url}{section}", callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        for href in response.css(self.article_links).getall():
            yield response.follow(href, callback=self.parse_article)
        next_page = response.css(self.next_page).get()
        if next_page:
            yield response.follow(next_page, callback=self.parse_listing)

    def parse_article(self, response: Response) -> Iterator[dict[str, str]]:
        yield {"url": response.url}


def main(argv: list[str]) -> int:
    base_url, stats_path, *rest = argv
    shape = "news"
    settings: dict[str, Any] = {
        **{k: v for k, v in NEWSCRAWL_FAST_SETTINGS.items() if not k.startswith("NEWSCRAWL_")},
        "ROBOTSTXT_OBEY": True,
        "TELNETCONSOLE_ENABLED": False,
    }
    while rest:
        flag, pair, *rest = rest
        if flag == "--shape":
            shape = pair
            continue
        name, _, value = pair.partition("=")
        settings[name] = value
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(NoopSpider)
    process.crawl(crawler, base_url=base_url, shape=shape)
    process.start()
    assert crawler.stats is not None
    stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in crawler.stats.get_stats().items()}
    with open(stats_path, "w") as fh:
        json.dump(stats, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
