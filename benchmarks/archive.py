"""The archive benchmark: ``newscrawl archive`` over a generated WARC, and a crawl against its replay.

    python -m benchmarks.archive [--pages 10000] [--crawl-articles 1000] [--pairs 3] [--only archive|crawl|demo|gzip]

1. ``archive``: a CC-NEWS-shaped WARC of ``--pages`` article pages (``benchmarks.site`` pages,
   60-130 KB, stored decoded as StormCrawler does, one gzip member per record) is written with
   warcio; then ``newscrawl archive FILE --no-state`` reads it. Printed: records/s (articles
   written over the run's engine time, and over the whole command), CPU seconds (the process and
   its extraction worker), peak RSS (the sum over the process tree sampled every 0.5 s, or the
   main process's own peak if higher).
2. ``crawl``: ``benchmarks.site`` serves ``--crawl-articles`` articles; ``newscrawl crawl --fast``
   crawls it without an archive, with ``--warc``, and ``--replay`` of that archive (the server
   still up, so that nothing but the replay differs), rotating the order each of ``--pairs``
   rounds. Medians of articles/s and CPU s, and the WARC bytes per fetched page.
3. ``demo``: ``newscrawl crawl demo --warc``, then ``--replay``: the WARC size, the two durations;
   again at newscrawl's polite defaults (the demo profile turns the delays off), 60 articles.
4. ``gzip``: the CPU of compressing one record at gzip levels 9 (warcio's), 6 and 1, ms per page
   (medians of 5 rounds over 200 benchmark pages, process time) and the size ratio.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks.crawl import ROOT, Server, _env, _wait, write_profile
from benchmarks.site import article_page, article_path


def write_warc(path: Path, pages: int) -> None:
    host = "https://www.bench-news.example"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "benchmarks.archive"}))
        for n in range(pages):
            url = host + article_path(n)
            body = article_page(n, pages)
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            headers.append(("X-Crawler-Content-Encoding", "gzip"))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            response = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(f"GET {article_path(n)} HTTP/1.1", [], is_http_request=True),
            )
            writer.write_request_response_pair(request, response)


def timed(cmd: list[str], cwd: Path, log: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of ``cmd``, which must succeed."""
    started = time.monotonic()
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, env=_env(ROOT))
        code, usage, tree_rss = _wait(proc, [], 0.5)
    if code != 0:
        raise SystemExit(f"failed (exit {code}): {' '.join(cmd)}\n{log.read_text()[-3000:]}")
    return time.monotonic() - started, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss / 1024, tree_rss)


def summary(out: Path) -> dict:
    data: dict = json.loads(Path(f"{out}.summary.json").read_text())
    return data


def bench_archive(tmp: Path, pages: int) -> None:
    warc = tmp / "CC-NEWS-bench-00001.warc.gz"
    started = time.monotonic()
    write_warc(warc, pages)
    print(f"archive: wrote {pages} pages in {time.monotonic() - started:.1f} s: {warc.stat().st_size / 2**20:.1f} MB")
    out = tmp / "archive.jsonl"
    cmd = [sys.executable, "-m", "newscrawl.cli", "archive", str(warc), "--no-state", "-O", str(out)]
    wall, cpu, rss = timed(cmd, tmp, tmp / "archive.log")
    s = summary(out)
    written, engine = s["articles_written"], s["duration_s"]
    print(
        f"archive: {written} records written of {s['archive'].get('records', 0)} read; "
        f"{written / engine:.1f} records/s over the run ({engine:.1f} s), {written / wall:.1f} over the whole "
        f"command ({wall:.1f} s); CPU {cpu:.1f} s ({1000 * cpu / max(written, 1):.1f} ms/record); peak RSS {rss:.0f} MB"
    )


def bench_crawl(tmp: Path, articles: int, pairs: int) -> None:
    server = Server(articles)
    try:
        profile = write_profile(tmp, server.url)
        rates: dict[str, list[float]] = {"live": [], "live --warc": [], "replay": []}
        cpus: dict[str, list[float]] = {name: [] for name in rates}
        order = list(rates)
        latest: Path | None = None  # the last archive written: what the replay reads
        for round_ in range(pairs):
            warc_dir = tmp / f"warc-{round_}"
            for name in order[round_ % 3 :] + order[: round_ % 3]:
                if name == "replay" and latest is None:
                    continue  # no archive yet: the first round's order puts the replay last anyway
                out = tmp / f"{name.replace(' ', '')}-{round_}.jsonl"
                extra = {"live": [], "live --warc": ["--warc", str(warc_dir)], "replay": ["--replay", str(latest)]}
                cmd = [sys.executable, "-m", "newscrawl.cli", "crawl", str(profile), "--fast", "--no-state",
                       "-O", str(out), *extra[name]]  # fmt: skip
                _, cpu, _ = timed(cmd, tmp, tmp / f"{out.name}.log")
                s = summary(out)
                rates[name].append(s["articles_written"] / s["duration_s"])
                cpus[name].append(cpu)
                print(f"crawl round {round_ + 1}: {name}: {s['articles_written']} articles, "
                      f"{rates[name][-1]:.1f} articles/s, CPU {cpu:.1f} s")  # fmt: skip
                if name == "live --warc":
                    latest = warc_dir
                    size = sum(p.stat().st_size for p in warc_dir.glob("*.warc.gz"))
                    fetched = s["responses"]
                    print(
                        f"  WARC: {size / 2**20:.1f} MB for {fetched} responses ({size / fetched / 1024:.1f} KB each)"
                    )
        for name in rates:
            if rates[name]:
                print(f"crawl median: {name}: {statistics.median(rates[name]):.1f} articles/s, "
                      f"CPU {statistics.median(cpus[name]):.1f} s ({len(rates[name])} runs)")  # fmt: skip
    finally:
        server.stop()


POLITE = ["-s", "DOWNLOAD_DELAY=0.5", "-s", "AUTOTHROTTLE_ENABLED=True", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]


def bench_demo(tmp: Path) -> None:
    """The demo crawl with --warc, then its replay; at the demo profile's settings (no delays), then at
    newscrawl's polite defaults (0.5 s delay, AutoThrottle, 2 per domain; 60 articles)."""
    for name, extra in (("demo", []), ("demo, polite", ["--max-articles", "60", *POLITE])):
        warc_dir = tmp / f"{name.replace(', ', '-')}-warc"
        seconds = {}
        for mode in ("live", "replay"):
            out = tmp / f"{warc_dir.name}-{mode}.jsonl"
            archive = ["--warc", str(warc_dir)] if mode == "live" else ["--replay", str(warc_dir)]
            cmd = [
                sys.executable,
                "-m",
                "newscrawl.cli",
                "crawl",
                "demo",
                "--no-state",
                "-O",
                str(out),
                *archive,
                *extra,
            ]
            _, cpu, _ = timed(cmd, tmp, tmp / f"{out.name}.log")
            s = summary(out)
            seconds[mode] = s["duration_s"]
            print(f"{name}: {mode}: {s['articles_written']} articles in {s['duration_s']:.1f} s, CPU {cpu:.1f} s")
        size = sum(p.stat().st_size for p in warc_dir.glob("*.warc.gz"))
        responses = summary(tmp / f"{warc_dir.name}-live.jsonl")["responses"]
        print(f"{name}: WARC {size / 1024:.0f} KB for {responses} responses ({size / responses / 1024:.1f} KB each); "
              f"replay {seconds['live'] / seconds['replay']:.1f}x the live crawl's speed")  # fmt: skip


def bench_gzip() -> None:
    pages = [article_page(n, 10_000) for n in range(200)]
    raw = sum(len(p) for p in pages)
    for level in (9, 6, 1):
        times, size = [], 0
        for _ in range(5):
            started, size = time.process_time(), 0
            for page in pages:
                packer = zlib.compressobj(level, zlib.DEFLATED, 31)
                size += len(packer.compress(page) + packer.flush())
            times.append(time.process_time() - started)
        print(f"gzip level {level}: {1000 * statistics.median(times) / len(pages):.2f} ms/page, "
              f"{size / raw:.3f} of the page size ({raw / len(pages) / 1024:.0f} KB pages)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--crawl-articles", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--only", choices=("archive", "crawl", "demo", "gzip"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.only in (None, "gzip"):
            bench_gzip()
        if args.only in (None, "demo"):
            bench_demo(tmp)
        if args.only in (None, "archive"):
            bench_archive(tmp, args.pages)
        if args.only in (None, "crawl"):
            bench_crawl(tmp, args.crawl_articles, args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
