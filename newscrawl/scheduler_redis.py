"""The scheduler of a distributed crawl: scrapy-redis' shared queue and dupefilter (docs/distributed.md).

Apart from newscrawl.distributed so that a crawl without Redis never imports scrapy-redis.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from newscrawl.state_redis import RedisStore


class Scheduler(RedisScheduler):
    """scrapy-redis' scheduler, adapted at the seam:

    - for Scrapy >= 2.13: scrapy-redis passes ``spider=`` to stats calls (deprecated); this keeps
      Scrapy's own scheduler/enqueued and /dequeued counters, which the progress lines read;
    - no request is lost to a ``kill -9`` between two Redis calls: queueing a request and marking its
      fingerprint seen is one Lua script, and so is taking it from the queue into the ``inflight``
      hash, where it stays until it is done (see ``distributed.Worker``): another worker puts what a killed
      worker had in flight back into the queue.
    """

    def open(self, spider: Spider) -> None:
        super().open(spider)
        if not isinstance(self.queue, PriorityQueue):
            raise NotConfigured("newscrawl's distributed scheduler needs scrapy_redis.queue.PriorityQueue")
        store = getattr(spider, "state", None)
        if not isinstance(store, RedisStore):
            raise NotConfigured("newscrawl's distributed scheduler needs the Redis state store")
        self.store = store

    def enqueue_request(self, request: Request) -> bool:
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(request)
        if not self.store.push(self.df.key, self.queue.key, fingerprint, -request.priority, data):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued")
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        taken = self.store.take(self.queue.key)
        if taken is None:
            return None
        data, field = taken
        request: Request = self.queue._decode_request(data)
        request.meta["newscrawl_inflight"] = field
        if self.stats:
            self.stats.inc_value("scheduler/dequeued")
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
