"""Throughput of 1 vs 2 distributed workers on one crawl of the demo site, in one run.

    python -m benchmarks.distributed [--articles 1000] [--rounds 3] [--redis redis://127.0.0.1:6379/15]

Each round crawls the same demo site (served by its own process on 127.0.0.1) once with one
`newscrawl crawl demo --redis ... --fast` worker and once with two, alternating, each time on a fresh
key prefix. Throughput is articles written / (last record written - first record written): neither
the workers' start-up (about a second of imports) nor the idle tail a worker waits before stopping
is counted. Prints every run, the medians and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis

from newscrawl.demo.server import DemoServer


def crawl(base_url: str, url: str, workers: int, tmp: Path) -> tuple[int, float]:
    prefix = f"ncbench{uuid.uuid4().hex[:8]}"
    outs = [tmp / f"{prefix}-{i}.jsonl" for i in range(workers)]
    command = [
        sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", base_url, "--allow-host", "127.0.0.1",
        "--redis", url, "--fast", "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}", "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=1",
        "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
    ]  # fmt: skip
    procs = [
        subprocess.Popen([*command, "-O", str(out)], cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for out in outs
    ]
    first: float | None = None  # when the first record reached a file: start-up is not crawling
    deadline = time.monotonic() + 600
    while any(proc.poll() is None for proc in procs) and time.monotonic() < deadline:
        if first is None and any(out.exists() and out.stat().st_size for out in outs):
            first = time.time()
        time.sleep(0.005)
    for proc in procs:
        if proc.wait(600) != 0:
            raise SystemExit(f"a worker failed with exit status {proc.returncode}")
    written = sum(len(out.read_bytes().splitlines()) for out in outs)
    last = max(out.stat().st_mtime for out in outs)
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    assert first is not None
    return written, written / (last - first)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()
    rates: dict[int, list[float]] = {1: [], 2: []}
    with DemoServer(n_articles=args.articles) as server, tempfile.TemporaryDirectory() as tmp:
        for round_ in range(1, args.rounds + 1):
            for workers in (1, 2) if round_ % 2 else (2, 1):
                written, rate = crawl(server.base_url, args.redis, workers, Path(tmp))
                rates[workers].append(rate)
                print(f"round {round_}: {workers} worker(s): {written} articles, {rate:.1f} articles/s")
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    print(f"median: 1 worker {one:.1f} articles/s, 2 workers {two:.1f} articles/s, ratio {two / one:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
