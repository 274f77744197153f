"""The Redis state store against a real Redis (skipped without one, except under CI)."""

import json
import time

from newscrawl.merge import merge_records, write_jsonl
from newscrawl.state import signature
from newscrawl.state_redis import RedisStore

BODY = " ".join(f"w{i}" for i in range(60))


def rec(url: str, body: str = BODY, **extra) -> dict:
    return {"url": url, "canonical_url": url, "content_hash": f"h{hash(body)}", "body": body, **extra}


def test_record_known_hash_near_duplicate_and_sections(redis_url):
    url, prefix = redis_url
    with RedisStore(url, "site", prefix) as store:
        assert store.known("https://n.example/a/") is None
        store.record(
            {**rec("https://n.example/a/", published="2026-01-01"), "url": "https://n.example/a/?utm_source=x"}
        )
        known = store.known("https://n.example/a/")
        assert known is not None and known.published == "2026-01-01" and known.revision == 1
        assert store.known("https://n.example/a/?utm_source=x") is None  # lookups take normalized URLs
        assert store.with_hash(f"h{hash(BODY)}") == "https://n.example/a/"
        assert store.near_duplicate(signature(BODY.replace("w30", "x")), 0.8) == "https://n.example/a/"
        assert store.near_duplicate(signature(" ".join(f"z{i}" for i in range(60))), 0.8) is None
        assert store.begin_sections(["https://n.example/world/"]) == set()
        store.complete_sections({"https://n.example/world/"})
        assert store.begin_sections(["https://n.example/world/"]) == {"https://n.example/world/"}
    with RedisStore(url, "site", prefix) as again:  # another worker, another run: the same state
        assert again.count() == 1


def test_claims_hold_against_live_workers_and_pass_from_gone_ones(redis_url):
    url, prefix = redis_url
    a = RedisStore(url, "site", prefix, heartbeat_ttl=0.5).open()
    b = RedisStore(url, "site", prefix, heartbeat_ttl=0.5).open()
    try:
        assert a.claim("https://n.example/x/")
        assert a.claim("https://n.example/x/")  # its own claim
        assert not b.claim("https://n.example/x/")
        time.sleep(0.7)  # a stops beating (killed): its heartbeat expires
        b.heartbeat()
        assert b.claim("https://n.example/x/")
        b.record(rec("https://n.example/x/"))  # writing releases the claim
        assert b.claims() == 0
    finally:
        a.close()
        b.close()


def test_queue_take_and_hand_back_never_lose_a_request(redis_url):
    url, prefix = redis_url
    queue, dupefilter = f"{prefix}:site:requests", f"{prefix}:site:dupefilter"
    with RedisStore(url, "site", prefix) as store:
        assert store.push(dupefilter, queue, "fp-a", -10, b"request a")
        assert not store.push(dupefilter, queue, "fp-a", -10, b"request a again")  # its fingerprint is known
        assert store.push(dupefilter, queue, None, -20, b"listing")  # dont_filter
        first = store.take(queue)
        assert first is not None and first[0] == b"listing"  # the higher priority first
        assert not store.quiescent(queue)
        second = store.take(queue)
        assert second is not None and second[0] == b"request a" and store.take(queue) is None
        store.done(first[1])
        assert not store.quiescent(queue)  # "request a" is still in flight
        assert store.hand_back(queue) == 1  # stopping early: what it had taken goes back
        assert store.client.zrange(queue, 0, -1) == [b"request a"]


def test_a_gone_worker_line_written_but_not_recorded_is_recorded_before_its_requests_return(redis_url, tmp_path):
    """kill -9 between writing an article's line and recording it: the recovering worker must see the
    article as written before anyone fetches it again, and its claim must not pass on before that."""
    url, prefix = redis_url
    queue = f"{prefix}:site:requests"
    out = tmp_path / "a.jsonl"
    a = RedisStore(url, "site", prefix, heartbeat_ttl=0.5).open()
    b = RedisStore(url, "site", prefix, heartbeat_ttl=60).open()
    try:
        a.writing(str(out), 0)
        a.push(f"{prefix}:site:dupefilter", queue, "fp-x", -10, b"request for x")
        assert a.take(queue) is not None
        assert a.claim("https://n.example/x/") and a.claim("https://n.example/y/")  # y: fetched, not written
        line = json.dumps(rec("https://n.example/x/")).encode() + b"\n"
        out.write_bytes(line + b'{"url": "https://n.example/torn/", "bo')  # recorded: nothing; torn tail
        time.sleep(0.7)  # a is killed: its heartbeat expires
        assert b.gone_workers() == {a.worker}
        assert not b.claim("https://n.example/y/"), "a's claim passed on before its output was read"
        assert b.recover(a.worker, queue) == (1, 1)
        assert b.known("https://n.example/x/") is not None  # the requeued request will be dropped as known
        assert b.client.zrange(queue, 0, -1) == [b"request for x"]
        assert b.known("https://n.example/torn/") is None
        assert out.read_bytes().endswith(b'"bo')  # a torn line is left for its own worker's restart to cut
        assert b.gone_workers() == set() and b.claim("https://n.example/y/")
        assert not b.claim("https://n.example/x/")  # written: a claim is for articles not written yet
    finally:
        assert a.r is not None
        a.r.close()  # killed: no clean close, its keys stay
        a.r = None
        b.close()


def test_a_live_worker_is_not_recovered(redis_url, tmp_path):
    url, prefix = redis_url
    queue = f"{prefix}:site:requests"
    with RedisStore(url, "site", prefix) as a, RedisStore(url, "site", prefix) as b:
        a.writing(str(tmp_path / "a.jsonl"), 0)
        a.push(f"{prefix}:site:dupefilter", queue, None, 0, b"r")
        assert a.take(queue) is not None
        assert b.gone_workers() == set()
        assert b.recover(a.worker, queue) == (0, 0)  # its heartbeat is alive: nothing taken from it
        assert b.client.zcard(queue) == 0 and not b.quiescent(queue)


def test_the_session_expires_only_after_the_last_worker_stops(redis_url):
    """A worker stopping while others crawl must not start the queue's expiry clock under them."""
    url, prefix = redis_url
    keys = (f"{prefix}:site:requests", f"{prefix}:site:dupefilter")
    with RedisStore(url, "site", prefix) as a, RedisStore(url, "site", prefix) as b:
        a.push(keys[1], keys[0], "fp", 0, b"r")
        assert not a.end_session(keys, 3600)  # b still runs
        assert [a.client.ttl(k) for k in keys] == [-1, -1]
        a.close()
        assert b.end_session(keys, 3600)  # the last one
        assert all(0 < b.client.ttl(k) <= 3600 for k in keys)
        with RedisStore(url, "site", prefix) as c:  # a worker of the next run joins before they expire
            c.heartbeat(keep=keys)
            assert [c.client.ttl(k) for k in keys] == [-1, -1]


def test_prune_forgets_articles_neither_written_nor_listed(redis_url):
    url, prefix = redis_url
    with RedisStore(url, "site", prefix) as store:
        store.record(rec("https://n.example/old/"))
        store.record(rec("https://n.example/listed/", BODY + " listed"))
        store.touch(["https://n.example/listed/"])
        assert store.prune(days=1) == 0
        assert store.prune(days=-1) == 2  # a cutoff in the future: both are older than it
        assert store.count() == 0 and store.with_hash(f"h{hash(BODY)}") is None


def test_merge_keeps_one_record_per_article_and_is_idempotent(tmp_path):
    import json

    a, b, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "merged.jsonl"
    lines = [
        {
            "url": "https://n/1",
            "canonical_url": "https://n/1",
            "revision": 1,
            "crawled_at": "2026-01-01T00:00:02+00:00",
        },
        {
            "url": "https://n/2",
            "canonical_url": "https://n/2",
            "revision": 1,
            "crawled_at": "2026-01-01T00:00:01+00:00",
        },
    ]
    a.write_text("".join(json.dumps(r) + "\n" for r in lines) + '{"url": "https://n/3", "tor')
    b.write_text(
        json.dumps({**lines[0], "crawled_at": "2026-01-01T00:00:09+00:00"}) + "\n"
        + json.dumps({**lines[1], "revision": 2, "crawled_at": "2026-01-02T00:00:00+00:00"}) + "\n"
        + "not json\n"
    )  # fmt: skip
    records, report = merge_records([a, b])
    assert [(r["url"], r["revision"], r["crawled_at"][-14:-6]) for r in records] == [
        ("https://n/1", 1, "00:00:02"),
        ("https://n/2", 2, "00:00:00"),
    ]
    assert (report.lines, report.articles, report.duplicates, len(report.malformed)) == (4, 2, 2, 2)
    write_jsonl(records, out)
    first = out.read_bytes()
    again, _ = merge_records([out, a, b])
    write_jsonl(again, out)
    assert out.read_bytes() == first
