"""The state store in Redis, shared by every worker of a distributed crawl (docs/distributed.md).

The same contract as the SQLite store (``newscrawl.state.Store``), plus claims: a worker fetches
and writes an article only while it holds the article's claim, so two workers never write the
same article. A claim held by a worker whose heartbeat has expired (killed) is taken over.

Keys, all under ``<prefix>:<site>:`` (prefix NEWSCRAWL_REDIS_PREFIX, default "newscrawl"):
``articles`` (hash: canonical URL -> JSON), ``minhash`` (hash: canonical URL -> signature),
``aliases`` (hash: fetched URL -> canonical URL), ``hashes`` (hash: content hash -> canonical
URL), ``bands:<i>`` (hash: MinHash band -> canonical URL), ``claims`` (hash: URL -> worker),
``worker:<id>`` (heartbeat, expires), ``outputs`` (hash: host:path -> committed offset),
``listings`` (hash: section URL -> 1 when the last session read it to its end).
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


# Take the claim on ARGV[1] for worker ARGV[2] unless a live worker (heartbeat key ARGV[3]..owner) holds it.
_CLAIM = """
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner == ARGV[2] then return 1 end
if owner and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
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
        self.heartbeat()
        self.recovered = self._reconcile_outputs()
        return self

    def close(self) -> None:
        if self.r is not None:
            self.release_claims(lambda owner: owner == self.worker)
            self.r.delete(self.key(f"worker:{self.worker}"), self.key(f"inflight:{self.worker}"))
            self.r.close()
            self.r = None

    # --- workers ---------------------------------------------------------------------------------

    def heartbeat(self, busy: bool = False) -> None:
        value = json.dumps({"at": datetime.now(UTC).timestamp(), "busy": busy})
        self._r.set(self.key(f"worker:{self.worker}"), value, px=int(self.heartbeat_ttl * 1000))

    def workers(self) -> dict[str, dict[str, Any]]:
        """The live workers of this site and their last heartbeat."""
        keys = list(self._r.scan_iter(self.key("worker:*"), count=1000))
        values = self._r.mget(keys) if keys else []
        prefix = len(self.key("worker:"))
        return {k.decode()[prefix:]: json.loads(v) for k, v in zip(keys, values, strict=True) if v}

    def claim(self, url: str) -> bool:
        return bool(self._claim(keys=[self.key("claims")], args=[url, self.worker, self.key("worker:")]))

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
