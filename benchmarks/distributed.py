"""Throughput of 1 vs 2 distributed workers on one crawl of the demo site, in one run; or a kill stress.

    python -m benchmarks.distributed [--articles 1000] [--rounds 3] [--redis redis://127.0.0.1:6379/15]
    python -m benchmarks.distributed --kill-rounds 20 [--articles 500] [--seed 1] [--replace alternate]

Each round crawls the same demo site (served by its own process on 127.0.0.1) once with one
`newscrawl crawl demo --redis ... --fast` worker and once with two, alternating, each time on a fresh
key prefix. Throughput is articles written / (last record written - first record written): neither
the workers' start-up (about a second of imports) nor the idle tail a worker waits before stopping
is counted. Prints every run, the medians and the ratio.

``--kill-rounds N`` runs N crawls of 2 or 3 workers (alternating) and SIGKILLs one of them (its whole
process group: a lost machine) at a random moment: during start-up (0-3 s after it was started,
before or after it reached Redis), at a random share of the articles written, or once every article
is written (during its idle tail). On alternate rounds (``--replace``) a replacement worker starts
right after the kill. ``--kills K`` kills K times a round, at random shares of what is left, with a
replacement after each kill but the last. Each round prints the articles expected (the demo site's truth), the union of
the workers' files, lost (expected but in no file), doubled (lines beyond one per article across all
files), malformed lines, and what Redis still holds in flight or claimed after every worker stopped;
then the totals. Exit status 1 when anything was lost, doubled or malformed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
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


KILL_MOMENTS = ("start-up", "midway", "tail")


def kill_round(base_url: str, url: str, expected: set[str], workers: int, moment: str, replace: bool, kills: int,
               rng: random.Random, tmp: Path) -> dict[str, int | str]:  # fmt: skip
    prefix = f"nckill{uuid.uuid4().hex[:8]}"
    command = [
        sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", base_url, "--allow-host", "127.0.0.1",
        "--redis", url, "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}", "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=2",
        "-s", "NEWSCRAWL_REDIS_HEARTBEAT_TTL=4", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
    ]  # fmt: skip
    outs: list[Path] = []

    def start() -> subprocess.Popen[bytes]:
        out = tmp / f"{prefix}-{len(outs)}.jsonl"
        outs.append(out)
        log = (tmp / f"{out.name}.log").open("wb")
        return subprocess.Popen([*command, "-O", str(out)], cwd=tmp, stdout=log, stderr=log, start_new_session=True)

    def written() -> int:
        return sum(out.read_bytes().count(b"\n") for out in outs if out.exists())

    procs = [start() for _ in range(workers)]
    began = time.monotonic()
    killed: set[int] = set()
    moments = []
    for kill in range(kills):
        live = [i for i, proc in enumerate(procs) if i not in killed and proc.poll() is None]
        if not live:
            break
        victim = rng.choice(live)
        if moment == "start-up" and kill == 0:
            time.sleep(rng.uniform(0.0, 3.0))
        else:  # later kills of a round: at a random share of what is left, or in the tail
            late = moment == "tail" and kill == 0
            target = len(expected) if late else rng.randint(min(written() + 1, len(expected)), len(expected))
            while written() < target and procs[victim].poll() is None and time.monotonic() - began < 300:
                time.sleep(0.01)
            if late:
                time.sleep(rng.uniform(0.0, 1.5))
        moments.append(f"{time.monotonic() - began:.1f} s/{written()} written")
        if procs[victim].poll() is None:
            os.killpg(procs[victim].pid, signal.SIGKILL)
        procs[victim].wait()
        killed.add(victim)
        if replace or kill < kills - 1:
            procs.append(start())
    at = ", ".join(moments)
    failed = 0
    for i, proc in enumerate(procs):
        if i not in killed and proc.wait(600) != 0:
            failed += 1
            log = (tmp / f"{outs[i].name}.log").read_text(errors="replace")
            print(f"worker {i} failed with exit status {proc.returncode}:\n{log[-3000:]}", file=sys.stderr)
    urls: list[str] = []
    malformed = 0
    for out in outs:
        raw = out.read_bytes() if out.exists() else b""
        for line in raw.splitlines():
            try:
                urls.append(json.loads(line)["canonical_url"])
            except (ValueError, KeyError, TypeError):
                malformed += 1
        malformed += bool(raw) and not raw.endswith(b"\n")
    client = redis.Redis.from_url(url)
    left = client.hlen(f"{prefix}:demo:inflight") + client.hlen(f"{prefix}:demo:claims")
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    union = set(urls)
    return {
        "workers": workers, "moment": moment, "at": at, "replaced": int(replace), "expected": len(expected),
        "union": len(union & expected), "lost": len(expected - union), "doubled": len(urls) - len(union),
        "extra": len(union - expected), "malformed": malformed, "left": left, "failed": failed,
    }  # fmt: skip


def kill_stress(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    totals = {"lost": 0, "doubled": 0, "extra": 0, "malformed": 0, "left": 0, "failed": 0, "expected": 0, "union": 0}
    from newscrawl.demo.site import build_site

    with DemoServer(n_articles=args.articles) as server, tempfile.TemporaryDirectory() as tmp:
        expected = {str(t["canonical_url"]) for t in build_site(n_articles=args.articles).truth(server.base_url)}
        for round_ in range(1, args.kill_rounds + 1):
            replace = args.replace == "always" or (args.replace == "alternate" and round_ % 2 == 0)
            moment = KILL_MOMENTS[(round_ - 1) % len(KILL_MOMENTS)]
            workers = 2 + (round_ - 1) // len(KILL_MOMENTS) % 2
            r = kill_round(server.base_url, args.redis, expected, workers, moment, replace, args.kills, rng, Path(tmp))
            for key in totals:
                totals[key] += int(r[key])
            print(
                f"round {round_:2}: {r['workers']} workers, kill -9 at {r['moment']} ({r['at']}), "
                f"replacement {'yes' if replace else 'no'}: expected {r['expected']}, union {r['union']}, "
                f"lost {r['lost']}, doubled {r['doubled']}, extra {r['extra']}, malformed {r['malformed']}, "
                f"left in flight/claimed {r['left']}, failed workers {r['failed']}",
                flush=True,
            )
    print(
        f"total over {args.kill_rounds} rounds: expected {totals['expected']}, union {totals['union']}, "
        f"lost {totals['lost']}, doubled {totals['doubled']}, extra {totals['extra']}, malformed {totals['malformed']}, "
        f"left in flight/claimed {totals['left']}, failed workers {totals['failed']}"
    )
    bad = ("lost", "doubled", "extra", "malformed", "left", "failed")
    return 1 if any(totals[k] for k in bad) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None, help="demo site size (1000; 500 with --kill-rounds)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--kill-rounds", type=int, default=0, help="run a kill stress of this many rounds instead")
    parser.add_argument("--seed", type=int, default=1, help="of the kill stress's random moments and victims")
    parser.add_argument("--replace", choices=("never", "always", "alternate"), default="alternate")
    parser.add_argument(
        "--kills", type=int, default=1, help="kills per round (a replacement starts after each but the last)"
    )
    args = parser.parse_args()
    if args.kill_rounds:
        args.articles = args.articles or 500
        return kill_stress(args)
    args.articles = args.articles or 1000
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
