"""Retries sized for flaky news servers, bounded in time.

On top of Scrapy's RetryMiddleware (RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS):
- a pause before each retry: exponential backoff (NEWSCRAWL_RETRY_BACKOFF, doubled each time,
  jittered, capped at NEWSCRAWL_RETRY_BACKOFF_MAX), or the server's ``Retry-After`` on 429/503
  (seconds or an HTTP date; one longer than NEWSCRAWL_RETRY_AFTER_MAX gives up). A Retry-After
  also holds back the rest of that host's queue for the same time.
- timeouts are retried at most NEWSCRAWL_RETRY_TIMEOUTS times (a hanging URL is usually still
  hanging), and no URL is retried once NEWSCRAWL_RETRY_BUDGET seconds have passed since its
  first attempt: a hanging or slow-drip URL costs at most about that long in all.
"""

from __future__ import annotations

import logging
import random
import time
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware as ScrapyRetryMiddleware
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)

_FIRST_TRY = "newscrawl_first_try"
_TIMEOUTS = "newscrawl_timeouts"


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date), None if unusable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_seconds(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """The pause before retry number ``attempt`` (1, 2, ...): base * 2**(attempt-1), +-25% jitter, capped."""
    pause = min(cap, base * 2 ** max(0, attempt - 1))
    return pause * (rng or random).uniform(0.75, 1.25)


class RetryMiddleware(ScrapyRetryMiddleware):
    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF")
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")
        self.budget = settings.getfloat("NEWSCRAWL_RETRY_BUDGET")
        self.timeout_retries = settings.getint("NEWSCRAWL_RETRY_TIMEOUTS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryMiddleware:
        mw = cls(crawler.settings)
        mw.crawler = crawler
        return mw

    def process_request(self, request: Request) -> None:
        request.meta.setdefault(_FIRST_TRY, time.monotonic())

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None and wait > self.retry_after_max:
                self._give_up(request, f"Retry-After {wait:.0f} s is longer than NEWSCRAWL_RETRY_AFTER_MAX")
                return response
        retry = await self._retry_later(request, response_status_message(response.status), wait)
        return retry or response

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        if isinstance(exception, DownloadTimeoutError | TwistedTimeoutError):
            timeouts = request.meta.get(_TIMEOUTS, 0) + 1
            request.meta[_TIMEOUTS] = timeouts
            if timeouts > self.timeout_retries:
                self._give_up(request, f"timed out {timeouts} times")
                return None
        return await self._retry_later(request, exception, None)

    async def _retry_later(self, request: Request, reason: Any, wait: float | None) -> Request | None:
        attempt = request.meta.get("retry_times", 0) + 1
        pause = wait if wait is not None else backoff_seconds(attempt, self.backoff, self.backoff_max)
        elapsed = time.monotonic() - request.meta.get(_FIRST_TRY, time.monotonic())
        if elapsed + pause > self.budget:
            self._give_up(request, f"retry budget of {self.budget:.0f} s spent ({reason})")
            return None
        retry = self._retry(request, reason)
        if retry is None:
            return None
        if wait is not None:
            self._hold_host(request, wait)
        if pause > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(deferLater(reactor, pause))
        return retry

    def _hold_host(self, request: Request, wait: float) -> None:
        """Retry-After speaks for the host: its queue waits too (the slot's next download is pushed back)."""
        engine = self.crawler.engine
        slot_key = request.meta.get("download_slot")
        slot = engine.downloader.slots.get(slot_key) if engine is not None and slot_key else None
        if slot is not None:
            slot.lastseen = max(slot.lastseen, time.monotonic() + wait - slot.download_delay())

    def _give_up(self, request: Request, why: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("retry/max_reached")
        self.crawler.stats.inc_value("newscrawl/retry/gave_up")
        logger.error("gave up on %s: %s", request.url, why)
