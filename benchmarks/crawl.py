"""The crawl benchmark: newscrawl against a no-op Scrapy spider on the same large generated site.

    python -m benchmarks.crawl [--articles 3000] [--pairs 3] [--no-profile] [--no-extraction]
    python -m benchmarks.crawl --shape wordpress   # a WordPress-style blog, crawled as a URL (no profile)
    python -m benchmarks.crawl --shape demo        # the bundled demo site, crawled as a URL (no profile)
    python -m benchmarks.crawl --articles 100000 --pairs 1 --only newscrawl --no-profile --no-extraction
    python -m benchmarks.crawl --src /path/to/other/checkout   # a third contender: newscrawl from that tree
    python -m benchmarks.crawl --set NEWSCRAWL_EXTRACT_PROCESSES=0   # newscrawl runs with -s NAME=VALUE
    python -m benchmarks.crawl --crawlers 2   # also 2 newscrawl processes sharing the crawl on scrapy-redis

In one run:
1. ``benchmarks.site`` generates and serves a site of ``--articles`` articles from its own process on
   127.0.0.1; its request rate and CPU per request are printed. ``--shape`` picks the site: ``news``
   (60-130 KB pages with a large JS state script), ``wordpress`` (a blog with comment threads of up
   to 500 comments, widget sidebars, related posts: 45-700 KB pages) or ``demo`` (newscrawl's
   bundled demo site).
2. The no-op reference spider (``benchmarks.noop``: the shape's listings with plain selectors) and
   ``newscrawl crawl --fast`` crawl it. On ``news``, newscrawl crawls a profile with listing
   selectors only, so every article field comes from ``extract_article``; on ``wordpress`` and
   ``demo`` it crawls the home page URL without a profile (whole-site discovery: robots.txt,
   sitemaps, feeds, sections, every page judged article or not). Dedupe, a fresh state store and
   JSON Lines output as in a real run. They crawl it, alternating A/B ``--pairs`` times
   (A B, B A, A B, ...). Per run: articles/s (articles over the crawl's own engine time), CPU
   seconds per article (the whole process and its extraction workers, user + system, interpreter
   start included: ``getrusage`` of the child, as ``time`` shows it) and peak RSS (the sum over the
   process tree, sampled every 0.5 s, or the child's own peak if higher); and the crawl process's
   own CPU per article and peak RSS, without its workers ("own": its times once it has exited,
   before it is reaped, and its VmHWM). Then the medians and the ratio newscrawl / no-op.
3. One more newscrawl run under py-spy (``pip install py-spy``; workers included): the top costs
   per article, by layer, by function including callees, and by function alone.
4. ``extract_article`` vs trafilatura, CPU ms per page on the real pages in
   ``../shared/data/fundus-dev`` (the loop of ``benchmarks.extraction``), alternating, medians.

``--crawlers N`` adds a third contender: N ``newscrawl crawl --fast --redis URL`` processes started
together on one shared crawl (scrapy-redis, ``--redis``, a fresh key prefix each run, removed after),
each with ``--crawler-workers`` extraction workers (1). Articles are the distinct URLs all wrote
(any written twice are reported), CPU and peak RSS are summed over all their process trees, and the
engine time is the longest crawl's less the idle second each waits for the others at the end.

``--rss-every S`` samples each crawler's RSS every S seconds and prints the trace (for the
100,000-article mode: RSS must stop growing once the listings are read).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.site import SECTIONS, SHAPES

ROOT = Path(__file__).resolve().parent.parent
FUNDUS = ROOT.parent / "shared" / "data" / "fundus-dev"

PROFILE = """name = "Benchmark site (listing selectors only)"
base_url = "{base_url}"
allowed_hosts = ["127.0.0.1"]
sections = [{sections}]

[listing]
article_links = "div.stories article.teaser h2 a::attr(href)"
next_page = "nav.pagination a[rel=next]::attr(href)"
"""


@dataclass
class Run:
    name: str
    articles: int
    engine_s: float
    cpu_s: float
    rss_mb: float
    wall_s: float
    own_cpu_s: float = 0.0  # the crawl process alone, without its extraction workers
    own_rss_mb: float = 0.0  # the crawl process's own peak RSS (VmHWM)
    server_requests: int = 0
    server_cpu_s: float = 0.0
    rss_trace: list[tuple[float, float]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.articles / self.engine_s if self.engine_s else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_s / self.articles if self.articles else float("nan")

    @property
    def own_cpu_ms(self) -> float:
        return 1000 * self.own_cpu_s / self.articles if self.articles else float("nan")


class Server:
    def __init__(self, articles: int, shape: str = "news") -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.site", "--articles", str(articles), "--shape", shape],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            raise SystemExit(f"benchmark site did not start: {line!r}")
        self.url = line.split()[1]

    def stats(self) -> dict[str, float]:
        with urllib.request.urlopen(self.url + "__stats", timeout=10) as response:
            stats: dict[str, float] = json.loads(response.read())
        return stats

    def stop(self) -> dict[str, float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        line = self.proc.stdout.readline()
        self.proc.wait(timeout=30)
        return json.loads(line) if line.strip() else {}


def _tree_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and all its descendants (the extraction workers), in MB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree) / 2**20


def _own_peak_rss_mb(pid: int) -> float:
    """The peak RSS of ``pid`` alone (the kernel's high-water mark), in MB; 0 once it has exited."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _own_cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` itself, not its children (exact once it has exited and
    before it is reaped: a zombie's /proc stat keeps its final times)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait(
    proc: subprocess.Popen[bytes], trace: list[tuple[float, float]], every: float
) -> tuple[int, Any, tuple[float, float], float]:
    """Wait for ``proc``: its rusage (CPU of it and the children it waited for), the peak RSS of its
    process tree (sampled every ``every`` s; ``trace`` gets the samples when asked for) and of the
    process alone, and the CPU seconds of the process alone (the crawl process without its
    extraction workers)."""
    started = time.monotonic()
    peak = [0.0, 0.0]

    def sample() -> None:
        while proc.returncode is None:
            mb = _tree_rss_mb(proc.pid)
            peak[0] = max(peak[0], mb)
            peak[1] = max(peak[1], _own_peak_rss_mb(proc.pid))
            if every > 0:
                trace.append((time.monotonic() - started, mb))
            time.sleep(every if every > 0 else 0.5)

    threading.Thread(target=sample, daemon=True).start()
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped: its own times are final
    own = _own_cpu_s(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage, (peak[0], peak[1]), own


def run_process(name: str, cmd: list[str], server: Server, env: dict[str, str], log: Path, every: float) -> Run:
    before = server.stats()
    started = time.monotonic()
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, cwd=log.parent, stdout=fh, stderr=subprocess.STDOUT, env=env)
        trace: list[tuple[float, float]] = []
        code, usage, (tree_rss, own_rss), own_cpu = _wait(proc, trace, every)
    wall = time.monotonic() - started
    after = server.stats()
    if code not in (0, 3):
        raise SystemExit(f"{name} failed (exit {code}); its log: {log}\n{log.read_text()[-3000:]}")
    return Run(
        name=name, articles=0, engine_s=0.0, cpu_s=usage.ru_utime + usage.ru_stime, own_cpu_s=own_cpu,
        rss_mb=max(usage.ru_maxrss / 1024, tree_rss), own_rss_mb=own_rss,
        wall_s=wall, server_requests=int(after["requests"] - before["requests"]),
        server_cpu_s=after["cpu_s"] - before["cpu_s"], rss_trace=trace,
    )  # fmt: skip


def run_noop(server: Server, tmp: Path, n: int, every: float, shape: str = "news") -> Run:
    stats_path = tmp / f"noop-{n}.stats.json"
    cmd = [sys.executable, "-m", "benchmarks.noop", server.url, str(stats_path), "--shape", shape]
    run = run_process("no-op", cmd, server, _env(ROOT), tmp / f"noop-{n}.log", every)
    stats = json.loads(stats_path.read_text())
    run.articles = int(stats.get("item_scraped_count", 0))
    run.engine_s = float(stats["elapsed_time_seconds"])
    return run


SETTINGS: list[str] = []  # --set NAME=VALUE: passed on to every newscrawl run as -s NAME=VALUE


def newscrawl_cmd(tmp: Path, n: int, profile: Path | str) -> tuple[list[str], Path]:
    """The command of newscrawl run ``n``: ``profile`` is a profile file, or a URL to crawl without one."""
    out = tmp / f"newscrawl-{n}.jsonl"
    for stale in tmp.glob(f"state-{n}.sqlite*"):  # a fresh state store: nothing is known yet
        stale.unlink()
    cmd = [sys.executable, "-m", "newscrawl.cli", "crawl", str(profile), "--fast", "-O", str(out),
           "--state", str(tmp / f"state-{n}.sqlite")]  # fmt: skip
    if isinstance(profile, str):
        cmd += ["--allow-host", "127.0.0.1"]
    for setting in SETTINGS:
        cmd += ["-s", setting]
    return cmd, out


def run_newscrawl(server: Server, tmp: Path, n: int, profile: Path | str, src: Path, name: str, every: float) -> Run:
    cmd, out = newscrawl_cmd(tmp, n, profile)
    run = run_process(name, cmd, server, _env(src), tmp / f"newscrawl-{n}.log", every)
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    run.articles = int(summary["articles_written"])
    run.engine_s = float(summary["duration_s"])
    return run


def run_distributed(
    server: Server, tmp: Path, n: int, profile: Path | str, crawlers: int, workers: int, redis_url: str, every: float
) -> Run:
    """``crawlers`` newscrawl processes sharing one crawl through scrapy-redis (``--redis``), each with
    ``workers`` extraction workers, started together: articles written by all, CPU and peak RSS
    summed over all their process trees (no crawl-process-only figures). The engine time is the
    longest crawl's, less the idle second each waits for the others at the end."""
    import redis

    prefix = f"ncbench{uuid.uuid4().hex[:8]}"
    procs, outs, logs = [], [], []
    before = server.stats()
    started = time.monotonic()
    for i in range(crawlers):
        cmd, out = newscrawl_cmd(tmp, n * 100 + i, profile)
        at = cmd.index("--state")
        del cmd[at : at + 2]  # the crawl's state is in Redis
        cmd += ["--redis", redis_url, "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}", "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=1"]
        cmd += ["-s", f"NEWSCRAWL_EXTRACT_PROCESSES={workers}"]
        log = tmp / f"newscrawl-{n * 100 + i}.log"
        fh = log.open("wb")
        procs.append(subprocess.Popen(cmd, cwd=tmp, stdout=fh, stderr=subprocess.STDOUT, env=_env(ROOT)))
        outs.append(out)
        logs.append((log, fh))
    peak = [0.0]
    trace: list[tuple[float, float]] = []

    def sample() -> None:
        while any(p.returncode is None for p in procs):
            mb = sum(_tree_rss_mb(p.pid) for p in procs if p.returncode is None)
            peak[0] = max(peak[0], mb)
            if every > 0:
                trace.append((time.monotonic() - started, mb))
            time.sleep(every if every > 0 else 0.5)

    threading.Thread(target=sample, daemon=True).start()
    cpu = 0.0
    for proc, (log, fh) in zip(procs, logs, strict=True):
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        fh.close()
        cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode not in (0, 3):
            raise SystemExit(f"a distributed crawl failed (exit {proc.returncode}); its log: {log}")
    wall = time.monotonic() - started
    after = server.stats()
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    summaries = [json.loads(Path(f"{out}.summary.json").read_text()) for out in outs]
    urls = [json.loads(line)["url"] for out in outs for line in out.read_text(encoding="utf-8").splitlines()]
    if len(urls) != len(set(urls)):
        print(f"    {len(urls) - len(set(urls))} articles written twice across the crawl processes")
    return Run(
        name=f"newscrawl x{crawlers} (redis)", articles=len(set(urls)),
        engine_s=max(float(s["duration_s"]) for s in summaries) - 1.0, cpu_s=cpu, rss_mb=peak[0], wall_s=wall,
        server_requests=int(after["requests"] - before["requests"]), server_cpu_s=after["cpu_s"] - before["cpu_s"],
        rss_trace=trace, own_cpu_s=float("nan"), own_rss_mb=float("nan"),
    )  # fmt: skip


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(ROOT)])
    env.pop("NEWSCRAWL_PROGRESS_INTERVAL", None)
    return env


def write_profile(tmp: Path, base_url: str) -> Path:
    path = tmp / "bench.toml"
    sections = ", ".join(f'"/{s}/"' for s in SECTIONS)
    path.write_text(PROFILE.format(base_url=base_url, sections=sections))
    return path


def print_runs(runs: list[Run], names: list[str]) -> dict[str, dict[str, float]]:
    print(f"\n{'run':<22}{'articles':>9}{'engine s':>10}{'art/s':>9}{'CPU ms/art':>12}{'peak RSS MB':>13}"
          f"{'server req/s':>14}{'server CPU ms/req':>19}{'own CPU ms/art':>16}{'own RSS MB':>12}")  # fmt: skip
    for r in runs:
        engine = r.engine_s or 1e-9
        per_req = 1000 * r.server_cpu_s / r.server_requests if r.server_requests else 0.0
        print(f"{r.name:<22}{r.articles:>9}{r.engine_s:>10.1f}{r.rate:>9.1f}{r.cpu_ms:>12.2f}{r.rss_mb:>13.0f}"
              f"{r.server_requests / engine:>14.0f}{per_req:>19.3f}{r.own_cpu_ms:>16.2f}{r.own_rss_mb:>12.0f}")  # fmt: skip
    medians: dict[str, dict[str, float]] = {}
    print(f"\nmedians over {len(runs) // max(1, len(names))} runs each")
    print(f"{'':<22}{'art/s':>9}{'(min-max)':>16}{'CPU ms/art':>12}{'(min-max)':>16}{'peak RSS MB':>13}"
          f"{'own CPU ms/art':>16}{'(min-max)':>16}{'own RSS MB':>12}")  # fmt: skip
    for name in names:
        mine = [r for r in runs if r.name == name]
        rates, cpus, rss = [r.rate for r in mine], [r.cpu_ms for r in mine], [r.rss_mb for r in mine]
        own = [r.own_cpu_ms for r in mine]
        medians[name] = {
            "rate": statistics.median(rates), "cpu_ms": statistics.median(cpus), "rss": max(rss),
            "own_cpu_ms": statistics.median(own), "own_rss": max(r.own_rss_mb for r in mine),
        }  # fmt: skip
        print(f"{name:<22}{medians[name]['rate']:>9.1f}{f'({min(rates):.0f}-{max(rates):.0f})':>16}"
              f"{medians[name]['cpu_ms']:>12.2f}{f'({min(cpus):.2f}-{max(cpus):.2f})':>16}{max(rss):>13.0f}"
              f"{medians[name]['own_cpu_ms']:>16.2f}{f'({min(own):.2f}-{max(own):.2f})':>16}"
              f"{medians[name]['own_rss']:>12.0f}")  # fmt: skip
    if "no-op" in medians:
        for name in names:
            if name == "no-op":
                continue
            pairs = [
                a.rate / b.rate
                for a, b in zip(
                    [r for r in runs if r.name == name], [r for r in runs if r.name == "no-op"], strict=False
                )
                if b.rate
            ]
            print(
                f"ratio {name} / no-op: articles/s {medians[name]['rate'] / medians['no-op']['rate']:.2f} "
                f"(per pair: {', '.join(f'{p:.2f}' for p in pairs)}), "
                f"CPU per article {medians[name]['cpu_ms'] / medians['no-op']['cpu_ms']:.2f}x"
            )
    return medians


# --- profile ---------------------------------------------------------------------------------------

_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (layer, path fragments of a frame), first match wins, scanning each stack's frames in this order
    ("extraction: trafilatura (body)", ("trafilatura/", "justext/")),
    ("extraction: dates (htmldate, dateutil)", ("htmldate/", "dateutil/", "extract/dates.py")),
    ("extraction: newscrawl/extract (rest)", ("newscrawl/extract/",)),
    ("HTML parse (parsel/lxml)", ("parsel/selector.py",)),
    ("process pool: pickling, pipes", ("multiprocessing/connection.py", "multiprocessing/queues.py")),
    ("item loader", ("itemloaders/", "scrapy/loader/", "newscrawl/loaders.py")),
    ("pipelines: state store (SQLite, MinHash)", ("newscrawl/state.py",)),
    ("pipelines: other", ("newscrawl/pipelines/",)),
    ("spider (listings, requests)", ("newscrawl/spiders/",)),
    ("newscrawl middlewares", ("newscrawl/middlewares/",)),
    ("logging", ("logging/__init__.py", "scrapy/logformatter.py")),
    ("Scrapy downloader + HTTP (Twisted)", ("scrapy/core/downloader/", "twisted/web/", "twisted/protocols/")),
    ("Scrapy middlewares", ("scrapy/downloadermiddlewares/", "scrapy/spidermiddlewares/")),
    ("Scrapy engine, scheduler, scraper", ("scrapy/",)),
    ("reactor, asyncio, Twisted", ("twisted/", "asyncio/")),
    ("start-up (imports)", ("<frozen importlib",)),
)


# Frames that only pass calls on (interpreter start, the reactor loop, Scrapy's async chaining).
_PLUMBING = (
    "<frozen runpy>", "newscrawl/cli.py", "asyncio/", "twisted/internet/", "scrapy/crawler.py", "scrapy/utils/",
    "scrapy/core/spidermw.py", "scrapy/spidermiddlewares/base.py", "newscrawl/middlewares/links.py",
    "scrapy/spidermiddlewares/depth.py", "scrapy/core/scraper.py", "scrapy/core/engine.py",
    "scrapy/core/downloader/middleware.py", "scrapy/middleware.py", "multiprocessing/", "concurrent/futures/",
    "threading.py", "<string>",
)  # fmt: skip


def _frame_name(frame: str) -> str:
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/lib/python3.11/", str(ROOT) + "/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def profile_run(server: Server, tmp: Path, profile: Path | str, rate: int) -> None:
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        print("\nprofile: py-spy not found (pip install py-spy); skipped")
        return
    cmd, out = newscrawl_cmd(tmp, 999, profile)
    raw = tmp / "profile.txt"
    spy = [py_spy, "record", "--format", "raw", "--rate", str(rate), "--nonblocking", "--subprocesses", "-o", str(raw),
           "--", *cmd]  # fmt: skip
    log = tmp / "profile.log"
    with log.open("wb") as fh:
        code = subprocess.run(spy, cwd=tmp, stdout=fh, stderr=subprocess.STDOUT, env=_env(ROOT), check=False).returncode
    if code not in (0, 3) or not raw.exists():
        print(f"\nprofile: py-spy failed (exit {code}), see {log}:\n{log.read_text()[-1500:]}")
        return
    articles = int(json.loads(Path(f"{out}.summary.json").read_text())["articles_written"]) or 1
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in raw.read_text().splitlines():
        frames, _, samples = line.rpartition(" ")
        if frames and samples.isdigit():
            stacks[tuple(frames.split(";"))] += int(samples)
    total = sum(stacks.values())
    ms = 1000 / rate / articles  # one sample, in ms per article
    print(f"\nprofile of one newscrawl run (py-spy, {rate} Hz, {total} samples, {articles} articles: "
          f"{total * ms:.2f} ms of sampled CPU per article)")  # fmt: skip
    layers: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    processes: Counter[str] = Counter()
    crawl_layers: Counter[str] = Counter()  # the crawl process's samples alone
    for stack, count in stacks.items():
        # py-spy --subprocesses: the first frames name the process and its parents
        named = [f for f in stack[:3] if f.startswith("process ")]
        worker = bool(named) and "multiprocessing" in named[-1]
        if named:
            processes["extraction workers" if worker else "crawl process"] += count
            stack = stack[len(named) :]
            if not stack:
                continue
        layer = next((name for name, parts in _LAYERS if any(p in f for f in stack for p in parts)), "other")
        layers[layer] += count
        if not worker:
            crawl_layers[layer] += count
        for name in {_frame_name(f) for f in stack}:
            inclusive[name] += count
        own[_frame_name(stack[-1])] += count
    print(f"  {'by process':<70}{'ms/article':>11}{'share':>8}")
    for name, count in processes.most_common():
        print(f"  {name:<70}{count * ms:>11.2f}{count / total:>8.0%}")
    print(f"  {'by layer':<70}{'ms/article':>11}{'share':>8}")
    for name, count in layers.most_common():
        print(f"  {name:<70}{count * ms:>11.2f}{count / total:>8.0%}")
    print(f"  {'by layer, the crawl process alone':<70}{'ms/article':>11}{'share':>8}")
    for name, count in crawl_layers.most_common():
        print(f"  {name:<70}{count * ms:>11.2f}{count / total:>8.0%}")
    print(f"  {'top functions, callees included':<70}{'ms/article':>11}{'share':>8}")
    shown = 0
    for name, count in inclusive.most_common():
        if any(part in name for part in _PLUMBING):
            continue
        print(f"  {name[:70]:<70}{count * ms:>11.2f}{count / total:>8.0%}")
        shown += 1
        if shown == 25:
            break
    print(f"  {'top functions alone':<70}{'ms/article':>11}{'share':>8}")
    for name, count in own.most_common(15):
        print(f"  {name[:70]:<70}{count * ms:>11.2f}{count / total:>8.0%}")


# --- extraction ------------------------------------------------------------------------------------


def extraction(dataset: Path, rounds: int) -> None:
    from benchmarks.extraction import load_scorer, predict

    if not dataset.is_dir():
        print(f"\nextraction: {dataset} not found; skipped")
        return
    pages = list(load_scorer().iter_pages(dataset))
    tools = {"newscrawl": "extract_article", "trafilatura": "trafilatura"}  # benchmarks.extraction's TOOLS
    medians: dict[str, list[float]] = {name: [] for name in tools.values()}
    means: dict[str, list[float]] = {name: [] for name in tools.values()}
    for n in range(rounds):
        runs = predict(pages, list(tools) if n % 2 == 0 else list(tools)[::-1])  # page by page, alternating
        for tool, name in tools.items():
            times = [ms for _, ms in runs[tool]]
            medians[name].append(statistics.median(times))
            means[name].append(statistics.fmean(times))
    print(f"\nextraction CPU on {len(pages)} real pages ({dataset.name}), {rounds} alternating rounds")
    print(f"  {'':<18}{'median ms/page':>16}{'mean ms/page':>14}")
    for name in tools.values():
        print(f"  {name:<18}{statistics.median(medians[name]):>16.2f}{statistics.median(means[name]):>14.2f}")
    ratio = statistics.median(medians["extract_article"]) / statistics.median(medians["trafilatura"])
    mean_ratio = statistics.median(means["extract_article"]) / statistics.median(means["trafilatura"])
    print(f"  extract_article / trafilatura: {ratio:.2f}x (median page), {mean_ratio:.2f}x (mean)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000, help="articles on the generated site")
    parser.add_argument("--shape", choices=SHAPES, default="news", help="the site's shape (benchmarks/site.py)")
    parser.add_argument("--pairs", type=int, default=3, help="A/B rounds")
    parser.add_argument("--only", choices=("noop", "newscrawl"), help="run one contender only")
    parser.add_argument(
        "--src", type=Path, action="append", default=[], help="also crawl with newscrawl from this tree"
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--profile-rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--no-extraction", action="store_true")
    parser.add_argument("--extraction-rounds", type=int, default=2)
    parser.add_argument("--rss-every", type=float, default=0.0, help="sample RSS every S seconds and print it")
    parser.add_argument("--keep", type=Path, help="keep logs, outputs and the profile in this folder")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a newscrawl setting for its runs (-s)"
    )
    parser.add_argument(
        "--crawlers", type=int, default=0, help="also crawl with N newscrawl processes sharing the crawl on --redis"
    )
    parser.add_argument("--crawler-workers", type=int, default=1, help="extraction workers of each of --crawlers")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="the Redis of --crawlers")
    args = parser.parse_args(argv)

    SETTINGS.extend(args.set)
    tmp = Path(tempfile.mkdtemp(prefix="newscrawl-bench-")) if args.keep is None else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    server = Server(args.articles, args.shape)
    print(f"site: {args.shape}, {args.articles} articles, served at {server.url} (work folder {tmp})")
    profile: Path | str = write_profile(tmp, server.url) if args.shape == "news" else server.url
    contenders: list[tuple[str, Any]] = []
    if args.only != "newscrawl":
        contenders.append(("no-op", lambda n: run_noop(server, tmp, n, args.rss_every, args.shape)))
    if args.only != "noop":
        contenders.append(
            ("newscrawl", lambda n: run_newscrawl(server, tmp, n, profile, ROOT, "newscrawl", args.rss_every))
        )
        if args.crawlers:
            name = f"newscrawl x{args.crawlers} (redis)"
            contenders.append(
                (
                    name,
                    lambda n: run_distributed(
                        server, tmp, n, profile, args.crawlers, args.crawler_workers, args.redis, args.rss_every
                    ),
                )
            )
        for i, src in enumerate(args.src):
            name = f"newscrawl@{src.name or i}"
            contenders.append(
                (name, lambda n, s=src, nm=name: run_newscrawl(server, tmp, n, profile, s, nm, args.rss_every))
            )
    runs: list[Run] = []
    try:
        for n in range(args.pairs):
            order = contenders if n % 2 == 0 else list(reversed(contenders))
            for name, fn in order:
                run = fn(n * 10 + len(runs))
                runs.append(run)
                print(f"  pair {n + 1}: {name:<20} {run.articles} articles, {run.rate:.1f}/s, "
                      f"{run.cpu_ms:.2f} CPU ms/article ({run.own_cpu_ms:.2f} in the crawl process alone), "
                      f"peak RSS {run.rss_mb:.0f} MB ({run.own_rss_mb:.0f} MB)", flush=True)  # fmt: skip
                if run.rss_trace:
                    trace = ", ".join(f"{t:.0f}s {mb:.0f}" for t, mb in run.rss_trace)
                    print(f"    RSS MB over time: {trace}")
        print_runs(runs, [name for name, _ in contenders])
        if not args.no_profile and args.only != "noop":
            profile_run(server, tmp, profile, args.profile_rate)
    finally:
        served = server.stop()
    if served:
        print(f"\nsite server: {served['requests']:.0f} requests, {served['bytes'] / 1e6:.0f} MB, "
              f"{served['cpu_s']:.1f} CPU s = {1000 * served['cpu_s'] / max(1, served['requests']):.2f} ms/request "
              f"(capacity ~{served['requests'] / max(served['cpu_s'], 1e-9):.0f} requests per CPU-second)")  # fmt: skip
    if not args.no_extraction:
        extraction(FUNDUS, args.extraction_rounds)
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
