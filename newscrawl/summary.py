"""The run summary: what a scheduler needs to decide whether to alert.

Built from the crawl's stats when the spider closes, written as JSON next to the output
(``<output>.summary.json``) and kept on the extension for the CLI to print.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.pipelines.validate import COVERED_FIELDS

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNHEALTHY = 0, 1, 2, 3
_FINISHED = ("finished", "closespider_")


def _with_prefix(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def build_summary(stats: dict[str, Any], reason: str, floors: dict[str, float] | None = None) -> dict[str, Any]:
    """The summary of one run from its stats and finish reason, with its status and exit code."""
    written = stats.get("newscrawl/written", 0)
    validated = stats.get("newscrawl/validated", 0)
    coverage = {
        name: round(stats.get(f"newscrawl/coverage/{name}", 0) / validated, 4) if validated else 0.0
        for name in COVERED_FIELDS
    }
    dropped = _with_prefix(stats, "newscrawl/dropped/")
    statuses = _with_prefix(stats, "downloader/response_status_count/")
    started = stats.get("start_time")
    finished = datetime.now(UTC)
    problems: list[str] = []
    if not reason.startswith(_FINISHED):
        problems.append(f"the crawl did not finish: {reason}")
    if stats.get("newscrawl/fatal"):
        problems.append(str(stats["newscrawl/fatal"]))
    failed = bool(problems)
    nothing_new = stats.get("newscrawl/skipped/known", 0) + stats.get("newscrawl/refresh/unchanged", 0)
    nothing_new += stats.get("newscrawl/archive/files_already_read", 0)  # newscrawl archive, run again
    if not failed and written == 0 and not nothing_new:
        requests = stats.get("newscrawl/article_requests", 0)
        problems.append(
            f"no articles written: {requests} article pages requested, "
            f"{stats.get('newscrawl/listing_pages', 0)} listing pages read"
        )
    if written:
        for name, floor in sorted((floors or {}).items()):
            if coverage.get(name, 0.0) < floor:
                problems.append(
                    f"coverage of {name} is {coverage.get(name, 0.0):.2f}, under the site's floor {floor:.2f}"
                )
    status = "failed" if failed else "unhealthy" if problems else "healthy"
    return {
        "status": status,
        "exit_code": {"healthy": EXIT_OK, "failed": EXIT_FAILED, "unhealthy": EXIT_UNHEALTHY}[status],
        "problems": problems,
        "finish_reason": reason,
        "output": stats.get("newscrawl/output"),
        "articles_written": written,
        "duplicates": sum(_with_prefix(stats, "newscrawl/duplicates/").values()),
        "duplicates_by_kind": _with_prefix(stats, "newscrawl/duplicates/"),
        "duplicates_marked": _with_prefix(stats, "newscrawl/duplicates_marked/"),
        "known_skipped": stats.get("newscrawl/skipped/known", 0),
        "refreshed": {
            "requested": stats.get("newscrawl/refresh/requests", 0),
            "updated": stats.get("newscrawl/refresh/updated", 0),
            "unchanged": stats.get("newscrawl/refresh/unchanged", 0),
        },
        "listings_stopped_at_known": stats.get("newscrawl/listing_stopped_at_known", 0),
        "state_recovered": stats.get("newscrawl/state_recovered", 0),
        "dropped": dropped,
        "skipped": {k: v for k, v in _with_prefix(stats, "newscrawl/skipped/").items() if k != "known"},
        "article_requests": stats.get("newscrawl/article_requests", 0),
        "listing_pages": stats.get("newscrawl/listing_pages", 0),
        "responses": stats.get("response_received_count", 0),
        "http_errors": {code: n for code, n in statuses.items() if code >= "400"},
        "download_errors": _with_prefix(stats, "downloader/exception_type_count/"),
        "retries": stats.get("retry/count", 0),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "robots_deferred_hosts": stats.get("newscrawl/robots/deferred_hosts", 0),
        "blocked": _with_prefix(stats, "newscrawl/blocked/"),
        "errors_logged": stats.get("log_count/ERROR", 0),
        "extraction": _with_prefix(stats, "newscrawl/extract/"),
        "warc": _with_prefix(stats, "newscrawl/warc/"),  # records written (--warc) or replayed
        "archive": _with_prefix(stats, "newscrawl/archive/"),  # newscrawl archive: records and files read
        "coverage": coverage,
        "started_at": started.isoformat(timespec="seconds") if started else None,
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_s": round((finished - started).total_seconds(), 3) if started else None,
    }


class RunSummary:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.summary: dict[str, Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        profile = getattr(spider, "profile", None)
        floors = profile.coverage_floors if profile is not None else {}
        summary = build_summary(self.crawler.stats.get_stats(), reason, floors)
        summary["site"] = getattr(spider, "site", spider.name)
        self.summary = summary
        output = summary["output"]
        if not output:
            return
        path = Path(f"{output}.summary.json")
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        logger.info("run summary written to %s", path)
