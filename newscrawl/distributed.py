"""Distributed crawling on scrapy-redis: many workers, one crawl (docs/distributed.md).

``--redis URL`` (or NEWSCRAWL_REDIS_URL) switches a crawl to scrapy-redis' shared scheduler queue
and dupefilter and to the Redis state store. This module holds the seam to scrapy-redis and the
worker's life: heartbeat, the start of a crawl session, and when an idle worker may stop; the
scheduler is in scheduler_redis.py. Every crawl loads this module (its components are in the
settings and switch themselves off without Redis), so it imports redis and scrapy-redis only where
a distributed crawl needs them (+6 MB of RSS and ~0.1 s of start-up otherwise).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import create_looping_call

if TYPE_CHECKING:
    from newscrawl.state_redis import RedisStore

logger = logging.getLogger(__name__)


def redis_settings(settings: BaseSettings, site: str) -> dict[str, Any]:
    """The scrapy-redis settings for a crawl of ``site`` on NEWSCRAWL_REDIS_URL (empty when off)."""
    url = settings.get("NEWSCRAWL_REDIS_URL")
    if not url:
        return {}
    prefix = f"{settings.get('NEWSCRAWL_REDIS_PREFIX')}:{site}"
    return {
        "REDIS_URL": url,
        "SCHEDULER": "newscrawl.scheduler_redis.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # one worker stopping must not empty the queue the others share
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never block the reactor on a pop
    }


# Sent by the spider when an article response yields no item: its request is done.
request_done = object()


def mark_done(crawler: Crawler, request: Request | None) -> None:
    """Drop ``request`` from this worker's in-flight requests."""
    field = request.meta.get("newscrawl_inflight") if request is not None else None
    if not field:  # set by the Redis scheduler only
        return
    from newscrawl.state_redis import RedisStore

    state = getattr(crawler.spider, "state", None)
    if isinstance(state, RedisStore) and state.r is not None:
        state.done(field)


def _is_article(request: Request) -> bool:
    return getattr(request.callback, "__name__", "") == "parse_article"


class InflightMiddleware:
    """Spider middleware, the last before the engine: a listing, sitemap or feed response is done once
    the requests its callback yields are all in the shared queue. It queues them itself: Scrapy hands
    a callback's output to the engine through an asyncio queue, so the callback's end comes before its
    last requests are queued, and a worker killed between the two would lose them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InflightMiddleware:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    def _queued(self, output: Any) -> bool:
        if isinstance(output, Request):
            assert self.crawler.engine is not None
            self.crawler.engine.crawl(output)
            return True
        return False

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        if _is_article(response.request):
            async for output in result:
                yield output
            return
        async for output in result:
            if not self._queued(output):
                yield output
        mark_done(self.crawler, response.request)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        if _is_article(response.request):
            yield from result
            return
        for output in result:
            if not self._queued(output):
                yield output
        mark_done(self.crawler, response.request)


class Worker:
    """Heartbeat, session start and idle policy of one worker of a distributed crawl.

    - Heartbeat: every 2 s the worker refreshes ``<prefix>:<site>:worker:<id>`` (expires after
      15 s), saying whether it has been busy lately. A worker whose key expired is gone: its
      claims may be taken over.
    - Session start: the first worker of a crawl (no other worker alive) clears the shared
      dupefilter and the claims of gone workers, so each crawl session starts afresh.
    - Idle: a worker whose queue is empty stays while another worker is busy (it may still
      enqueue requests) and stops once everything has been quiet for NEWSCRAWL_REDIS_IDLE_SECONDS.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.idle_seconds = crawler.settings.getfloat("NEWSCRAWL_REDIS_IDLE_SECONDS")
        self.last_active = time.monotonic()
        self.task: Any = None
        self.waker: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Worker:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.active, signal=signals.response_received)
        crawler.signals.connect(ext.active, signal=signals.item_scraped)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(ext.item_done, signal=signal)
        crawler.signals.connect(ext.request_done, signal=request_done)
        return ext

    # --- in-flight requests: an article's is done when its item is written or dropped (or it is no
    # article); others' once their callback's output is handled (InflightMiddleware). A download that
    # failed for good stays until this worker stops cleanly: if it is killed, another retries it.

    def _done(self, request: Request | None) -> None:
        mark_done(self.crawler, request)

    def item_done(self, item: Any, response: Any = None) -> None:
        self._done(getattr(response, "request", None))

    def request_done(self, request: Request) -> None:
        self._done(request)

    def recover(self, spider: Spider) -> int:
        """Take over gone workers: record what their output holds, requeue their in-flight requests."""
        store = self.store(spider)
        queue = self.crawler.settings.get("SCHEDULER_QUEUE_KEY")
        recorded = requeued = 0
        for gone in sorted(store.gone_workers()):
            articles, requests = store.recover(gone, queue)
            recorded += articles
            requeued += requests
        assert self.crawler.stats is not None
        if recorded:
            self.crawler.stats.inc_value("newscrawl/distributed/reconciled", recorded)
            logger.warning("distributed: recorded %d articles gone workers had written", recorded)
        if requeued:
            self.crawler.stats.inc_value("newscrawl/distributed/requeued", requeued)
            logger.warning("distributed: put %d requests of gone workers back into the queue", requeued)
        return recorded + requeued

    def store(self, spider: Spider) -> RedisStore:
        from newscrawl.state_redis import RedisStore

        state = getattr(spider, "state", None)
        if not isinstance(state, RedisStore):
            raise RuntimeError("a distributed crawl needs the Redis state store")
        return state

    def spider_opened(self, spider: Spider) -> None:
        store = self.store(spider)
        others = [w for w in store.workers() if w != store.worker]
        if not others:
            dupefilter = self.crawler.settings.get("SCHEDULER_DUPEFILTER_KEY")
            released = store.release_gone_claims()
            store.client.delete(dupefilter)
            pruned = store.prune(self.crawler.settings.getfloat("NEWSCRAWL_STATE_RETENTION_DAYS"))
            if pruned:
                logger.info("distributed: forgot %d articles not listed for the retention period", pruned)
            logger.info("distributed: new crawl session of %s (%d stale claims released)", store.site, released)
        else:
            logger.info("distributed: joining %d live worker(s) of %s", len(others), store.site)
        self.task = create_looping_call(self.beat, spider)
        self.task.start(min(2.0, store.heartbeat_ttl / 3), now=True)
        self.waker = create_looping_call(self.wake)
        self.waker.start(0.5, now=False)

    def wake(self) -> None:
        """Ask the engine for the next request now. An engine with nothing in flight otherwise polls its
        scheduler every 5 s only, and with a shared queue the busy workers would take everything."""
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def active(self) -> None:
        self.last_active = time.monotonic()

    def busy(self) -> bool:
        return time.monotonic() - self.last_active < self.idle_seconds

    def beat(self, spider: Spider) -> None:
        if self.recover(spider):
            self.active()
        self.store(spider).heartbeat(busy=self.busy(), keep=self.session_keys())

    def session_keys(self) -> tuple[str, ...]:
        return tuple(self.crawler.settings.get(name) for name in ("SCHEDULER_QUEUE_KEY", "SCHEDULER_DUPEFILTER_KEY"))

    def spider_idle(self, spider: Spider) -> None:
        store = self.store(spider)
        # An idle engine has finished everything it took; what is left failed for good.
        store.forget_taken()
        # A gone worker's requests may not be requeued yet (heartbeats run every second or two):
        # recover them now, or this worker could stop with them still stranded.
        if self.recover(spider):
            self.active()
            raise DontCloseSpider
        # A request queued or in flight anywhere (at a live worker, or a dead one whose heartbeat has
        # not expired yet) may still yield work, or need recovering: stay.
        if not store.quiescent(self.crawler.settings.get("SCHEDULER_QUEUE_KEY")):
            raise DontCloseSpider
        busy_others = [w for w, beat in store.workers().items() if w != store.worker and beat.get("busy")]
        if busy_others or self.busy():
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        for task in (self.task, self.waker):
            if task is not None and task.running:
                task.stop()
        retention = self.crawler.settings.getfloat("NEWSCRAWL_REDIS_SESSION_TTL")
        store = self.store(spider)
        if reason != "finished":  # stopped early (Ctrl-C, a limit): leave what it had taken to the others
            requeued = store.hand_back(self.crawler.settings.get("SCHEDULER_QUEUE_KEY"))
            if requeued:
                logger.info("distributed: put %d requests this worker had taken back into the queue", requeued)
        store.end_session(self.session_keys(), int(retention))
