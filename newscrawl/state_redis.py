"""The state store in Redis, shared by every worker of a distributed crawl (docs/distributed.md).

The same contract as the SQLite store (``newscrawl.state.Store``), plus claims: a worker fetches
and writes an article only while it holds the article's claim, so two workers never write the
same article. A claim held by a worker whose heartbeat has expired (killed) is taken over.

Keys, all under ``<prefix>:<site>:`` (prefix NEWSCRAWL_REDIS_PREFIX, default "newscrawl"):
``articles`` (hash: canonical URL -> JSON), ``minhash`` (hash: canonical URL -> signature),
``aliases`` (hash: fetched URL -> canonical URL), ``hashes`` (hash: content hash -> canonical
URL), ``bands:<i>`` (hash: MinHash band -> canonical URL), ``claims`` (hash: URL -> worker),
``worker:<id>`` (heartbeat, expires), ``outputs`` (hash: host:path -> committed offset),
``listings`` (hash: section URL -> 1 when the last session read it to its end), ``inflight`` (hash:
<worker>|<n> -> "<score> <encoded request>", requests workers took from the shared queue and have not
finished), ``writers`` (hash: worker -> JSON {host, path} of the output it appends to).

The queue operations that must not be cut in two by a ``kill -9`` are Lua scripts, atomic in Redis:
queueing a request with its dupefilter mark, taking one from the queue into ``inflight``, and putting
a gone worker's in-flight requests back (docs/distributed.md, "What a kill -9 can and cannot lose").
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import numpy as np
import redis

from newscrawl.extract.urls import normalize_url
from newscrawl.state import BANDS, Known, Store, _bands, signature

logger = logging.getLogger(__name__)


# Take the claim on ARGV[1] for worker ARGV[2] unless the article is recorded already (KEYS[3]: written
# since this worker looked), or its owner is alive (heartbeat key ARGV[3]..owner) or gone with its output
# not yet reconciled (still in ``writers``): its line may be in that file.
_CLAIM = """
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner == ARGV[2] then return 1 end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 0 end
if owner and (redis.call('EXISTS', ARGV[3] .. owner) == 1 or redis.call('HEXISTS', KEYS[2], owner) == 1) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
"""

# Queue a request (KEYS: dupefilter, queue; ARGV: fingerprint or "" for dont_filter, score, data) unless
# its fingerprint is known: the mark and the request go in together or not at all.
_PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# Take the first request of the queue (KEYS[1]) into the in-flight hash (KEYS[2]) as ARGV[1].
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], ARGV[1], top[2] .. ' ' .. top[1])
return top[1]
"""

# Put gone worker ARGV[1]'s in-flight requests (KEYS[1]) back into the queue (KEYS[2]) and forget its output
# (KEYS[3]), unless its heartbeat (KEYS[4]) is back. Returns how many, or -1 when it is alive.
_REQUEUE = """
if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local mine = ARGV[1] .. '|'
local n = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, #mine) == mine then
    local v = all[i + 1]
    local sp = string.find(v, ' ', 1, true)
    redis.call('ZADD', KEYS[2], string.sub(v, 1, sp - 1), string.sub(v, sp + 1))
    redis.call('HDEL', KEYS[1], all[i])
    n = n + 1
  end
end
redis.call('HDEL', KEYS[3], ARGV[1])
return n
"""


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class RedisStore(Store):
    def __init__(self, url: str, site: str, prefix: str = "newscrawl", heartbeat_ttl: float = 15.0) -> None:
        self.heartbeat_ttl = heartbeat_ttl  # seconds without a heartbeat after which a worker counts as gone
        self.url = url
        self.site = site
        self.prefix = f"{prefix}:{site}:"
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.host = socket.gethostname()
        self.recovered = 0
        self.r: redis.Redis | None = None
        self._taken: set[str] = set()  # this worker's fields in ``inflight``
        self._serial = 0

    def key(self, name: str) -> str:
        return self.prefix + name

    @property
    def client(self) -> redis.Redis:
        return self._r

    @property
    def _r(self) -> redis.Redis:
        assert self.r is not None, "state store is not open"
        return self.r

    def open(self) -> RedisStore:
        self.r = redis.Redis.from_url(self.url, socket_timeout=30)
        self.r.ping()
        self._claim = self.r.register_script(_CLAIM)
        self._push = self.r.register_script(_PUSH)
        self._take = self.r.register_script(_TAKE)
        self._requeue = self.r.register_script(_REQUEUE)
        self.heartbeat()
        # Files live workers append to are theirs; a gone worker's file is reconciled here or by recover().
        live = set(self.workers())
        busy = frozenset(
            path for worker, (host, path) in self.writers().items() if worker in live and host == self.host
        )
        self.recovered = self._reconcile_outputs(skip=busy)
        return self

    def close(self) -> None:
        if self.r is not None:
            self.release_claims(lambda owner: owner == self.worker)
            self.forget_taken()  # what is left failed for good (a single-process crawl drops it too)
            self.r.hdel(self.key("writers"), self.worker)
            self.r.delete(self.key(f"worker:{self.worker}"))
            self.r.close()
            self.r = None

    # --- workers ---------------------------------------------------------------------------------

    def heartbeat(self, busy: bool = False, keep: tuple[str, ...] = ()) -> None:
        """Say this worker is alive; ``keep``: session keys (queue, dupefilter) that must not expire
        while any worker runs (a worker that stopped earlier may have set their expiry)."""
        value = json.dumps({"at": datetime.now(UTC).timestamp(), "busy": busy})
        pipe = self._r.pipeline(transaction=False)
        pipe.set(self.key(f"worker:{self.worker}"), value, px=int(self.heartbeat_ttl * 1000))
        for key in keep:
            pipe.persist(key)
        pipe.execute()

    def end_session(self, keys: tuple[str, ...], ttl: int) -> bool:
        """Let the session keys expire ``ttl`` seconds from now if no other worker is alive; returns
        whether it did (the last live worker's heartbeat clears an expiry set before it stopped)."""
        if any(w != self.worker for w in self.workers()):
            return False
        for key in keys:
            self._r.expire(key, ttl)
        return True

    def workers(self) -> dict[str, dict[str, Any]]:
        """The live workers of this site and their last heartbeat."""
        keys = list(self._r.scan_iter(self.key("worker:*"), count=1000))
        values = self._r.mget(keys) if keys else []
        prefix = len(self.key("worker:"))
        return {k.decode()[prefix:]: json.loads(v) for k, v in zip(keys, values, strict=True) if v}

    def claim(self, url: str) -> bool:
        keys = [self.key("claims"), self.key("writers"), self.key("articles")]
        return bool(self._claim(keys=keys, args=[url, self.worker, self.key("worker:")]))

    def writers(self) -> dict[str, tuple[str, str]]:
        """worker -> (host, output path) of every worker with an output open (or gone and not recovered)."""
        raw = self._r.hgetall(self.key("writers"))
        return {_text(k): (v["host"], v["path"]) for k, v in ((k, json.loads(v)) for k, v in raw.items())}

    # --- the shared queue and requests in flight (scrapy-redis' priority queue: a sorted set) ----

    def push(self, dupefilter: str, queue: str, fingerprint: str | None, score: float, data: bytes) -> bool:
        """Queue ``data`` unless ``fingerprint`` is in the dupefilter (None: always), atomically."""
        return bool(self._push(keys=[dupefilter, queue], args=[fingerprint or "", score, data]))

    def take(self, queue: str) -> tuple[bytes, str] | None:
        """The first request of ``queue``, moved into this worker's in-flight requests in one step."""
        self._serial += 1
        field = f"{self.worker}|{self._serial}"
        data = self._take(keys=[queue, self.key("inflight")], args=[field])
        if data is None:
            return None
        self._taken.add(field)
        return data, field

    def done(self, field: str) -> None:
        if field in self._taken:
            self._taken.discard(field)
            self._r.hdel(self.key("inflight"), field)

    def forget_taken(self) -> int:
        """Drop what this worker still has in flight: call only when its engine is idle or stopping."""
        fields, self._taken = list(self._taken), set()
        return int(self._r.hdel(self.key("inflight"), *fields)) if fields else 0

    def hand_back(self, queue: str) -> int:
        """Put this worker's in-flight requests back into ``queue`` (it is stopping early); returns how many."""
        self._taken = set()
        self._r.delete(self.key(f"worker:{self.worker}"))
        keys = [self.key("inflight"), queue, self.key("writers"), self.key(f"worker:{self.worker}")]
        return max(int(self._requeue(keys=keys, args=[self.worker])), 0)

    def quiescent(self, queue: str) -> bool:
        """No request queued and none in flight at any worker, in one snapshot."""
        pipe = self._r.pipeline(transaction=True)
        pipe.zcard(queue)
        pipe.hlen(self.key("inflight"))
        queued, inflight = pipe.execute()
        return not queued and not inflight

    def gone_workers(self) -> set[str]:
        """Workers with requests in flight or an output registered whose heartbeat has expired."""
        holders = {_text(field).split("|", 1)[0] for field in self._r.hkeys(self.key("inflight"))}
        return (holders | set(self.writers())) - set(self.workers()) - {self.worker}

    def recover(self, worker: str, queue: str) -> tuple[int, int]:
        """Take over gone ``worker``: first record the lines its output holds past the committed offset
        (when that file is on this host), then put its in-flight requests back into ``queue``, so that
        an article it wrote but had not recorded is known before anyone fetches it again.
        Returns (articles recorded, requests requeued)."""
        recorded = 0
        host_path = self.writers().get(worker)
        if host_path is not None and host_path[0] == self.host:
            committed = dict(self.outputs()).get(host_path[1], 0)
            recorded = self.reconcile_output(host_path[1], committed, repair=False)
        elif host_path is not None:
            logger.warning(
                "distributed: worker %s wrote %s on host %s, which this host cannot read: an article it wrote "
                "in its last moment may be written again (newscrawl merge keeps one)", worker, host_path[1], host_path[0]
            )  # fmt: skip
        keys = [self.key("inflight"), queue, self.key("writers"), self.key(f"worker:{worker}")]
        requeued = int(self._requeue(keys=keys, args=[worker]))
        return recorded, max(requeued, 0)

    def claims(self) -> int:
        return int(self._r.hlen(self.key("claims")))

    def release_claims(self, whose: Callable[[str], bool]) -> int:
        """Drop the claims whose owner ``whose`` picks (this worker's at close; gone workers' at a new session)."""
        fields = [url for url, owner in self._r.hscan_iter(self.key("claims"), count=1000) if whose(_text(owner))]
        return int(self._r.hdel(self.key("claims"), *fields)) if fields else 0

    def release_gone_claims(self) -> int:
        live = set(self.workers())
        return self.release_claims(lambda owner: owner not in live)

    def touch(self, urls: list[str]) -> None:
        """Note that these known articles are still listed (what retention counts from)."""
        if urls:
            now = int(datetime.now(UTC).timestamp())
            self._r.hset(self.key("listed"), mapping=dict.fromkeys(urls, now))

    def prune(self, days: float) -> int:
        """Forget articles neither written nor listed for ``days`` days; returns how many."""
        cutoff = datetime.now(UTC).timestamp() - days * 86400
        listed = {_text(k): int(v) for k, v in self._r.hscan_iter(self.key("listed"), count=1000)}
        gone = []
        for key, raw in self._r.hscan_iter(self.key("articles"), count=1000):
            url = _text(key)
            last = max(datetime.fromisoformat(json.loads(raw)["last_seen"]).timestamp(), listed.get(url, 0))
            if last < cutoff:
                gone.append(url)
        if not gone:
            return 0
        dead = set(gone)
        pipe = self._r.pipeline(transaction=False)
        for name in ("articles", "minhash", "listed"):
            pipe.hdel(self.key(name), *gone)
        for name in ("aliases", "hashes", *(f"bands:{band}" for band in range(BANDS))):
            stale = [k for k, v in self._r.hscan_iter(self.key(name), count=1000) if _text(v) in dead]
            if stale:
                pipe.hdel(self.key(name), *stale)
        pipe.execute()
        return len(gone)

    # --- reading ---------------------------------------------------------------------------------

    def known(self, url: str) -> Known | None:
        key = url
        raw = self._r.hget(self.key("articles"), url)
        if raw is None:
            alias = self._r.hget(self.key("aliases"), url)
            if alias is None:
                return None
            key = _text(alias)
            raw = self._r.hget(self.key("articles"), key)
            if raw is None:
                return None
        data = json.loads(raw)
        return Known(key, data["url"], data.get("content_hash"), data.get("published"), data.get("revision", 1))

    def with_hash(self, content_hash: str) -> str | None:
        raw = self._r.hget(self.key("hashes"), content_hash)
        return _text(raw) if raw else None

    def near_duplicate(self, sig: np.ndarray, threshold: float) -> str | None:
        pipe = self._r.pipeline(transaction=False)
        for band, value in _bands(sig):
            pipe.hget(self.key(f"bands:{band}"), value)
        candidates = sorted({_text(c) for c in pipe.execute() if c})
        if not candidates:
            return None
        best, best_score = None, threshold
        for key, raw in zip(candidates, self._r.hmget(self.key("minhash"), candidates), strict=True):
            if raw:
                score = float(
                    np.mean(
                        np.frombuffer(bytes(raw, "latin-1") if isinstance(raw, str) else raw, dtype=np.uint64) == sig
                    )
                )
                if score >= best_score:
                    best, best_score = key, score
        return best

    def count(self) -> int:
        return int(self._r.hlen(self.key("articles")))

    def outputs(self) -> list[tuple[str, int]]:
        mine = f"{self.host}:"
        fields = {_text(field): int(value) for field, value in self._r.hgetall(self.key("outputs")).items()}
        return [(field[len(mine) :], value) for field, value in fields.items() if field.startswith(mine)]

    # --- writing ---------------------------------------------------------------------------------

    def record(self, item: Mapping[str, Any], output: str | None = None, committed: int | None = None) -> None:
        key = item.get("canonical_url") or item["url"]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        old = self._r.hget(self.key("articles"), key)
        first_seen = json.loads(old)["first_seen"] if old else now
        data = {
            "url": item["url"], "content_hash": item.get("content_hash"), "published": item.get("published"),
            "first_seen": first_seen, "last_seen": now, "revision": item.get("revision") or 1,
        }  # fmt: skip
        fetched = normalize_url(item["url"])
        pipe = self._r.pipeline(transaction=True)
        pipe.hset(self.key("articles"), key, json.dumps(data))
        pipe.hset(self.key("aliases"), fetched, key)
        if item.get("content_hash"):
            pipe.hsetnx(self.key("hashes"), item["content_hash"], key)
        if item.get("body"):
            sig = signature(item["body"])
            pipe.hset(self.key("minhash"), key, sig.tobytes())
            for band, value in _bands(sig):
                pipe.hset(self.key(f"bands:{band}"), value, key)
        if output is not None and committed is not None:
            pipe.hset(self.key("outputs"), f"{self.host}:{output}", committed)
        pipe.hdel(self.key("claims"), key, fetched)
        pipe.execute()

    def start_output(self, output: str, size: int) -> None:
        self._r.hset(self.key("outputs"), f"{self.host}:{output}", size)

    def writing(self, output: str, size: int) -> None:
        self.start_output(output, size)
        self._r.hset(self.key("writers"), self.worker, json.dumps({"host": self.host, "path": output}))

    def begin_sections(self, urls: list[str]) -> set[str]:
        flags = self._r.hmget(self.key("listings"), urls) if urls else []
        complete = {url for url, flag in zip(urls, flags, strict=True) if flag == b"1"}
        if urls:
            self._r.hset(self.key("listings"), mapping=dict.fromkeys(urls, 0))
        return complete

    def complete_sections(self, urls: set[str]) -> None:
        # Safe only when no article of the crawl is still claimed (by a worker that may have died).
        if urls and not self.claims():
            self._r.hset(self.key("listings"), mapping=dict.fromkeys(urls, 1))

    def clear(self) -> int:
        """Delete every key of this site (state, queue, dupefilter): the documented way to start over."""
        keys = list(self._r.scan_iter(self.prefix + "*", count=1000))
        return int(self._r.delete(*keys)) if keys else 0


__all__ = ["BANDS", "RedisStore"]
