"""Write JSON Lines: one record per line, each line handed to the OS as it is written.

Scrapy's feed exports buffer lines and cannot repair a file torn by a crash, hence this pipeline.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import orjson
from scrapy.settings import BaseSettings

from newscrawl.items import Article
from newscrawl.jsonl import repair_torn_tail
from newscrawl.pipelines import CrawlerPipeline

logger = logging.getLogger(__name__)


def output_path(settings: BaseSettings, site: str) -> Path:
    """The configured output file, or output/<site>/<UTC timestamp>.jsonl under the current folder."""
    configured = settings.get("NEWSCRAWL_OUTPUT")
    if configured:
        return Path(configured)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path("output") / site / f"{stamp}.jsonl"


class JsonLinesPipeline(CrawlerPipeline):
    fh: BinaryIO | None = None

    def open_spider(self) -> None:
        spider = self.crawler.spider
        site = getattr(spider, "site", None) or (spider.name if spider else "crawl")
        self.path = output_path(self.crawler.settings, site)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        overwrite = self.crawler.settings.getbool("NEWSCRAWL_OUTPUT_OVERWRITE")
        if not overwrite and self.path.exists():
            removed = repair_torn_tail(self.path)
            if removed:
                self.stats.set_value("newscrawl/output_repaired_bytes", removed)
                logger.warning("%s: removed a torn last line (%d bytes) left by an interrupted run", self.path, removed)
        # Unbuffered: every record is one write() to the OS, so a killed process leaves whole lines.
        self.fh = self.path.open("wb" if overwrite else "ab", buffering=0)
        self.offset = self.fh.seek(0, os.SEEK_END)
        self.state.writing(str(self.path), self.offset)
        self.stats.set_value("newscrawl/output", str(self.path))

    def process_item(self, item: Article) -> Article:
        assert self.fh is not None
        data = orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE)
        line = memoryview(data)
        while line:
            line = line[self.fh.write(line) or 0 :]
        self.offset += len(data)
        self.state.record(
            {"url": item.url, "canonical_url": item.canonical_url, "content_hash": item.content_hash,
             "published": item.published, "revision": item.revision, "body": item.body},
            str(self.path), self.offset,
        )  # fmt: skip
        self.stats.inc_value("newscrawl/written")
        return item

    def close_spider(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None
