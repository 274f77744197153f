"""End-to-end: several `newscrawl crawl --redis` workers on one crawl of the demo site (real Redis).

No test depends on lucky timing on a loaded machine: the demo server is held (SIGSTOP) until every
worker has taken a request, and a worker is killed while frozen with requests in flight."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis as redis_client

from newscrawl.demo.server import DemoServer
from newscrawl.demo.site import build_site

ARTICLES = 500


@pytest.fixture
def port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def worker(base_url: str, redis: tuple[str, str], out: Path, *extra: str, flag: str = "-O") -> subprocess.Popen[str]:
    url, prefix = redis
    return subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", base_url, "--allow-host", "127.0.0.1",
         "--redis", url, flag, str(out), "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}",
         "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=2", "-s", "NEWSCRAWL_REDIS_HEARTBEAT_TTL=5", *extra],
        cwd=out.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(proc: subprocess.Popen[str]) -> str:
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr[-3000:]
    return stderr


def wait_for(
    condition: Callable[[], bool], what: str, procs: list[subprocess.Popen[str]], timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if any(proc.poll() is not None for proc in procs):
            raise AssertionError(f"a worker exited while waiting for {what}: {procs[0].communicate()[1][-3000:]}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def inflight(redis: tuple[str, str], proc: subprocess.Popen[str]) -> int:
    """How many requests worker ``proc`` has taken from the queue and not finished (in Redis)."""
    url, prefix = redis
    client = redis_client.Redis.from_url(url)
    fields = client.hkeys(f"{prefix}:demo:inflight")
    client.close()
    return sum(1 for f in fields if f.decode().split("|")[0].split(":")[-2] == str(proc.pid))


def started(server: DemoServer, redis: tuple[str, str], procs: list[subprocess.Popen[str]]) -> None:
    """Hold the demo server until every worker has taken a request, so that each takes part."""
    assert server._proc is not None
    os.kill(server._proc.pid, signal.SIGSTOP)
    try:
        wait_for(lambda: all(inflight(redis, proc) for proc in procs), "every worker to take a request", procs)
    finally:
        os.kill(server._proc.pid, signal.SIGCONT)


def union(paths: list[Path]) -> tuple[list[str], int]:
    urls, malformed = [], 0
    for path in paths:
        raw = path.read_bytes() if path.exists() else b""
        for line in raw.splitlines():
            try:
                urls.append(json.loads(line)["canonical_url"])
            except ValueError:
                malformed += 1
        if raw and not raw.endswith(b"\n"):
            malformed += 1
    return urls, malformed


def truth(base_url: str, n: int = ARTICLES) -> set[str]:
    return {t["canonical_url"] for t in build_site(n_articles=n).truth(base_url)}


def test_two_workers_write_every_article_once(tmp_path, redis_url, port):
    outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"]
    with DemoServer(n_articles=ARTICLES, port=port) as server:
        procs = [worker(server.base_url, redis_url, out) for out in outs]
        started(server, redis_url, procs)
        for proc in procs:
            finish(proc)
        expected = truth(server.base_url)
    urls, malformed = union(outs)
    per_worker = [len(out.read_bytes().splitlines()) for out in outs]
    print(f"\n2 workers: per worker {per_worker}, union {len(set(urls))}/{len(expected)}, "
          f"duplicates {len(urls) - len(set(urls))}, malformed {malformed}")  # fmt: skip
    assert malformed == 0 and len(urls) == len(set(urls)) and set(urls) == expected
    assert min(per_worker) > 0, "one worker did all the work"


def test_a_worker_killed_midway_loses_nothing_when_another_joins(tmp_path, redis_url, port):
    slow = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "DOWNLOAD_DELAY=0.01")
    outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl", tmp_path / "w3.jsonl"]
    with DemoServer(n_articles=ARTICLES, port=port) as server:
        first, second = (
            worker(server.base_url, redis_url, outs[0], *slow),
            worker(server.base_url, redis_url, outs[1], *slow),
        )
        started(server, redis_url, [first, second])
        wait_for(lambda: outs[0].exists() and outs[0].read_bytes().count(b"\n") >= 20, "20 records", [first, second])
        # kill -9 while it holds requests taken from the queue (frozen first, so the count stays true)
        first.send_signal(signal.SIGSTOP)
        deadline = time.monotonic() + 120
        while not inflight(redis_url, first):
            assert time.monotonic() < deadline, "worker 1 never held a request in flight"
            first.send_signal(signal.SIGCONT)
            time.sleep(0.02)
            first.send_signal(signal.SIGSTOP)
        held = inflight(redis_url, first)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert first.stderr is not None
        first.stderr.close()
        killed_at = len(outs[0].read_bytes().splitlines())
        third = worker(server.base_url, redis_url, outs[2], *slow)
        stderrs = [finish(second), finish(third)]
        expected = truth(server.base_url)
    urls, malformed = union(outs)
    per_worker = [len(out.read_bytes().splitlines()) for out in outs]
    print(f"\nkill -9 worker 1 after {killed_at} records with {held} requests in flight: per worker {per_worker}, "
          f"union {len(set(urls))}/{len(expected)}, duplicates {len(urls) - len(set(urls))}, malformed {malformed}")  # fmt: skip
    assert any("requests of gone workers back into the queue" in e for e in stderrs), "nobody requeued its requests"
    assert malformed == 0
    assert len(urls) == len(set(urls)), "an article was written by two workers"
    assert set(urls) == expected, f"lost {len(expected - set(urls))} articles"
    summaries = [json.loads(Path(f"{out}.summary.json").read_text()) for out in outs[1:]]
    assert sum(s["articles_written"] for s in summaries) == len(expected) - killed_at
    assert not any("Traceback" in e for e in stderrs)
    assert inflight(redis_url, second) == inflight(redis_url, third) == 0


def test_a_second_distributed_run_writes_only_the_new_articles(tmp_path, redis_url, port):
    with DemoServer(n_articles=ARTICLES, port=port) as server:
        for proc in [worker(server.base_url, redis_url, tmp_path / f"a{i}.jsonl") for i in (1, 2)]:
            finish(proc)
    with DemoServer(n_articles=ARTICLES + 5, port=port) as server:
        for proc in [worker(server.base_url, redis_url, tmp_path / f"b{i}.jsonl") for i in (1, 2)]:
            finish(proc)
        new = truth(server.base_url, ARTICLES + 5) - truth(server.base_url)
    second, malformed = union([tmp_path / "b1.jsonl", tmp_path / "b2.jsonl"])
    assert malformed == 0 and sorted(second) == sorted(new) and len(second) == 5


def test_merge_command_joins_worker_outputs(tmp_path, newscrawl):
    for name, urls in (("w1", ["a", "b"]), ("w2", ["b", "c"])):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps({"url": f"https://n/{u}", "canonical_url": f"https://n/{u}"}) + "\n" for u in urls)
        )
    result = newscrawl("merge", "all.jsonl", "w1.jsonl", "w2.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 articles written to all.jsonl, 1 duplicates removed" in result.stderr
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 3


def test_a_worker_restarted_on_its_file_records_the_line_it_wrote_before_the_kill(tmp_path, redis_url, port):
    """kill -9 between writing a line and recording it, then the worker starts again on its own file."""
    url, prefix = redis_url
    out = tmp_path / "w1.jsonl"
    with DemoServer(n_articles=ARTICLES, port=port) as server:
        expected = truth(server.base_url)
        written = sorted(expected)[0]
        out.write_text(json.dumps({"url": written, "canonical_url": written}) + "\n")
        client = redis_client.Redis.from_url(url)
        client.hset(f"{prefix}:demo:outputs", f"{socket.gethostname()}:{out}", 0)  # committed: nothing
        client.close()
        stderr = finish(worker(server.base_url, redis_url, out, flag="-o"))  # -o: append to it
    urls, malformed = union([out])
    assert json.loads(Path(f"{out}.summary.json").read_text())["state_recovered"] == 1
    assert malformed == 0 and len(urls) == len(set(urls)) and set(urls) == expected
    assert "Traceback" not in stderr
