"""Downloader middlewares of archives (newscrawl/warc.py): writing every fetch to WARC files
(``crawl --warc DIR``), and answering requests from WARC files instead of the network
(``crawl --replay DIR``, and ``newscrawl archive``, whose requests name their record).

The writer sits next to the download handler (950): it sees each response as received, before
decompression, redirects, retries and checks, and the request with every header the other
middlewares set. The replayer comes first (30): an answered request touches neither the address
guard, nor robots.txt, nor the downloader's slots and delays; the answer then goes through every
``process_response`` as a downloaded one does (decompression, encoding checks, redirects).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from newscrawl import warc

logger = logging.getLogger(__name__)

_KINDS = {"parse_article": "article", "parse_listing": "listing", "parse_robots": "robots"}
_KINDS |= {"parse_sitemap": "sitemap", "parse_feed": "feed"}


def _text_headers(headers: Headers) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, values in headers.items() for value in values]


class WarcWriterMiddleware:
    def __init__(self, crawler: Crawler, directory: Path) -> None:
        self.crawler = crawler
        self.directory = directory
        self.max_size = crawler.settings.getint("NEWSCRAWL_WARC_MAX_SIZE")
        self.writer: warc.WarcFileWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcWriterMiddleware:
        directory = crawler.settings.get("NEWSCRAWL_WARC_DIR")
        if not directory:
            raise NotConfigured
        middleware = cls(crawler, Path(directory))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        site = getattr(spider, "site", spider.name)
        profile = getattr(spider, "profile", None)
        info = {
            warc.INFO_SITE: site,
            warc.INFO_TARGET: getattr(spider, "target", "") or site,
            warc.INFO_BASE_URL: getattr(profile, "base_url", ""),
        }
        level = self.crawler.settings.getint("NEWSCRAWL_WARC_GZIP_LEVEL")
        self.writer = warc.WarcFileWriter(self.directory, f"newscrawl-{site}", self.max_size, info, level)

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is not None:
            self.writer.close()
            stats = self.crawler.stats
            if stats is not None:
                stats.set_value("newscrawl/warc/files", len(self.writer.files))

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is None:
            return response
        headers = _text_headers(request.headers)
        if not any(name.lower() == "host" for name, _ in headers):
            from urllib.parse import urlsplit

            headers.insert(0, ("Host", urlsplit(request.url).netloc))
        fields = [(warc.KIND_FIELD, _KINDS.get(getattr(request.callback, "__name__", ""), "other"))]
        if request.meta.get("newscrawl_classify"):
            fields.append((warc.CLASSIFY_FIELD, "1"))
        if "partial" in response.flags:
            fields.append((warc.FLAGS_FIELD, "partial"))
        fetch = warc.Fetch(
            url=response.url,
            method=request.method,
            request_headers=headers,
            request_body=request.body,
            status=response.status,
            protocol=response.protocol or "HTTP/1.1",
            headers=_text_headers(response.headers),
            body=response.body,
            truncated="disconnect" if "dataloss" in response.flags else None,
            fields=tuple(fields),
        )
        self.writer.write(fetch)
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("newscrawl/warc/records")
            stats.inc_value("newscrawl/warc/payload_bytes", len(response.body))
        return response


def fetched_at(warc_date: str) -> str | None:
    """A WARC-Date as the record's ``crawled_at`` (ISO 8601, seconds, UTC)."""
    try:
        when = datetime.fromisoformat(warc_date)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def build_index(directory: Path) -> tuple[dict[str, warc.Entry], dict[str, str]]:
    """URL -> the record that answers it (its last 2xx response, else its last response), and the
    warcinfo fields of the first file that has them."""
    index: dict[str, warc.Entry] = {}
    info: dict[str, str] = {}
    for path in warc.warc_files([str(directory)]):
        for entry in warc.iter_entries(path):
            if isinstance(entry, dict):
                info = info or entry
                continue
            if entry.kind != "response":
                continue
            earlier = index.get(entry.url)
            if earlier is None or 200 <= entry.status < 300 or not 200 <= earlier.status < 300:
                index[entry.url] = entry
    return index, info


class WarcReplayMiddleware:
    """Answers a request whose meta names a record (``newscrawl_warc``: path, offset, URL), or,
    with NEWSCRAWL_REPLAY_DIR set, any request whose URL the archive holds; with a replay archive,
    a URL it does not hold is refused (``newscrawl/skipped/not_archived``): nothing is fetched."""

    def __init__(self, crawler: Crawler, index: dict[str, warc.Entry] | None) -> None:
        self.crawler = crawler
        self.index = index
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcReplayMiddleware:
        directory = crawler.settings.get("NEWSCRAWL_REPLAY_DIR")
        index = build_index(Path(directory))[0] if directory else None
        if index is not None:
            logger.info("replaying %d URLs from %s", len(index), directory)
        return cls(crawler, index)

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def process_request(self, request: Request) -> Response | None:
        where: Any = request.meta.get("newscrawl_warc")
        if where is not None and where[2] == request.url:
            return self._answer(request, Path(where[0]), where[1])
        if where is None and self.index is None:
            return None
        entry = self.index.get(request.url) if self.index is not None else None
        if entry is None:
            self._count("newscrawl/skipped/not_archived")
            logger.debug("not in the archive: %s", request.url)
            raise IgnoreRequest(f"not in the archive: {request.url}")
        return self._answer(request, entry.path, entry.offset)

    def _answer(self, request: Request, path: Path, offset: int) -> Response:
        try:
            record = warc.read_record(path, offset, self.max_size)
        except warc.WarcError as exc:
            self._count("newscrawl/skipped/unreadable_record")
            logger.warning("skipped %s: %s", request.url, exc)
            raise IgnoreRequest(str(exc)) from None
        headers = Headers()
        for name, value in record.headers:
            headers.appendlist(name, value)
        request.meta["newscrawl_fetched_at"] = fetched_at(record.date)
        cls = responsetypes.from_args(headers=headers, url=request.url)
        self._count("newscrawl/warc/replayed")
        return cls(
            url=request.url,
            status=record.status or 200,
            headers=headers,
            body=record.body,
            # refused as truncated by ResponseCheckMiddleware, as the live response was
            flags=[*record.flags, *(["dataloss"] if record.truncated else [])],
            request=request,
        )
