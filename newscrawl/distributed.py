"""Distributed crawling on scrapy-redis: many workers, one crawl (docs/distributed.md).

``--redis URL`` (or NEWSCRAWL_REDIS_URL) switches a crawl to scrapy-redis' shared scheduler queue
and dupefilter and to the Redis state store. This module holds the seam to scrapy-redis and the
worker's life: heartbeat, the start of a crawl session, and when an idle worker may stop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.scheduler import Scheduler as RedisScheduler

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
        "SCHEDULER": "newscrawl.distributed.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # one worker stopping must not empty the queue the others share
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never block the reactor on a pop
    }


# Sent by the spider when an article response yields no item: its request is done.
request_done = object()


def inflight_key(settings: BaseSettings, site: str, worker: str) -> str:
    return f"{settings.get('NEWSCRAWL_REDIS_PREFIX')}:{site}:inflight:{worker}"


class Scheduler(RedisScheduler):
    """scrapy-redis' scheduler, adapted at the seam:

    - for Scrapy >= 2.13: scrapy-redis passes ``spider=`` to stats calls (deprecated); this keeps
      Scrapy's own scheduler/enqueued and /dequeued counters, which the progress lines read;
    - in-flight requests: a request popped from the shared queue is kept in this worker's
      ``inflight:<worker>`` hash until it is done (see ``Worker``), so that a worker killed with
      ``kill -9`` loses nothing: another worker puts what it had in flight back into the queue.
    """

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.queue.push(request)
        if self.stats:
            self.stats.inc_value("scheduler/enqueued")
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop(self.idle_before_close)
        if request is None:
            return None
        store = getattr(self.spider, "state", None)
        if isinstance(store, RedisStore):
            fp = self.df.request_fingerprint(request)
            request.meta["newscrawl_fp"] = fp
            self.server.hset(
                inflight_key(self.spider.settings, store.site, store.worker), fp, self.queue._encode_request(request)
            )
        if self.stats:
            self.stats.inc_value("scheduler/dequeued")
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def requeue(self, encoded: bytes) -> None:
        """Put a request another (killed) worker had in flight back into the shared queue."""
        request = self.queue._decode_request(encoded)
        request.meta.pop("newscrawl_fp", None)
        request.dont_filter = True  # its fingerprint is in the dupefilter already
        self.queue.push(request)


def mark_done(crawler: Crawler, request: Request | None) -> None:
    """Drop ``request`` from this worker's in-flight requests."""
    fp = request.meta.get("newscrawl_fp") if request is not None else None
    state = getattr(crawler.spider, "state", None)
    if fp and isinstance(state, RedisStore) and state.r is not None:
        state.client.hdel(inflight_key(crawler.settings, state.site, state.worker), fp)


def _is_article(request: Request) -> bool:
    return getattr(request.callback, "__name__", "") == "parse_article"


class InflightMiddleware:
    """Spider middleware: a listing, sitemap or feed response is done once its callback's requests
    are all scheduled (a worker killed before that has it put back into the queue)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InflightMiddleware:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            yield item
        if not _is_article(response.request):
            mark_done(self.crawler, response.request)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        yield from result
        if not _is_article(response.request):
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
        """Put the in-flight requests of gone workers back into the shared queue."""
        store = self.store(spider)
        live = set(store.workers())
        prefix = inflight_key(self.crawler.settings, store.site, "")
        recovered = 0
        for key in list(store.client.scan_iter(prefix + "*", count=1000)):
            name = key.decode() if isinstance(key, bytes) else key
            if name[len(prefix) :] in live:
                continue
            taken = f"{name}:recovering:{store.worker}"
            try:
                store.client.rename(name, taken)  # only one worker recovers each gone worker's requests
            except redis.ResponseError:
                continue
            scheduler = (
                self.crawler.engine._slot.scheduler if self.crawler.engine and self.crawler.engine._slot else None
            )
            for encoded in store.client.hvals(taken):
                if isinstance(scheduler, Scheduler):
                    scheduler.requeue(encoded if isinstance(encoded, bytes) else encoded.encode("latin-1"))
                    recovered += 1
            store.client.delete(taken)
        if recovered:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/distributed/requeued", recovered)
            logger.warning("distributed: put %d requests of gone workers back into the queue", recovered)
        return recovered

    def store(self, spider: Spider) -> RedisStore:
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
        self.store(spider).heartbeat(busy=self.busy())

    def spider_idle(self, spider: Spider) -> None:
        # A gone worker's requests may not be requeued yet (heartbeats run every second or two):
        # recover them now, or this worker could stop with them still stranded.
        if self.recover(spider):
            self.active()
            raise DontCloseSpider
        store = self.store(spider)
        busy_others = [w for w, beat in store.workers().items() if w != store.worker and beat.get("busy")]
        if busy_others or self.busy():
            raise DontCloseSpider

    def spider_closed(self, spider: Spider) -> None:
        for task in (self.task, self.waker):
            if task is not None and task.running:
                task.stop()
        retention = self.crawler.settings.getfloat("NEWSCRAWL_REDIS_SESSION_TTL")
        store = self.store(spider)
        for name in ("SCHEDULER_QUEUE_KEY", "SCHEDULER_DUPEFILTER_KEY"):
            store.client.expire(self.crawler.settings.get(name), int(retention))
