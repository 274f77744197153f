"""Crawl a loopback test server in a child process and report what happened.

    python -m tests.servers.measure hostile     # each hostile input's outcome, good articles, peak RSS
    python -m tests.servers.measure flaky       # articles fetched from a server failing 20% of requests
    python -m tests.servers.measure ssrf        # hits on the internal service (must be 0)

Peak RSS is the child's ``ru_maxrss`` (os.wait4), the whole crawl process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.servers.common import RawServer, write_profile

REPO = Path(__file__).resolve().parents[2]
# Loopback settings for tests: no politeness delays, short timeouts and backoff.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "DOWNLOAD_TIMEOUT": "3",
    "NEWSCRAWL_RETRY_BACKOFF": "0.1",
}


@dataclass
class Crawl:
    returncode: int
    stderr: str
    records: list[dict[str, Any]]
    summary: dict[str, Any]
    peak_rss_mb: float
    seconds: float

    def lines_about(self, fragment: str) -> list[str]:
        return [
            line for line in self.stderr.splitlines() if fragment in line and ("WARNING" in line or "ERROR" in line)
        ]


def crawl(site: RawServer, workdir: Path, sections: list[str], settings: dict[str, str] | None = None) -> Crawl:
    profile = write_profile(workdir / "site.toml", site.base_url, sections)
    out = workdir / "out.jsonl"
    args = [sys.executable, "-m", "newscrawl.cli", "crawl", str(profile), "--allow-host", "127.0.0.1", "-O", str(out)]
    for name, value in {**FAST, **(settings or {})}.items():
        args += ["-s", f"{name}={value}"]
    started = time.monotonic()
    stderr_path = workdir / "stderr.log"
    with stderr_path.open("wb") as err:
        child = subprocess.Popen(
            args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, "PYTHONPATH": str(REPO)}
        )
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    summary_path = Path(f"{out}.summary.json")
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    return Crawl(
        child.returncode, stderr_path.read_text(errors="replace"), records, summary, usage.ru_maxrss / 1024, seconds
    )


def outcome(result: Crawl, name: str) -> str:
    """The first warning or error the crawl logged about /bad/<name>, shortened to its gist."""
    lines = result.lines_about(f"/bad/{name}")
    if not lines:
        return "(nothing logged)"
    text = lines[0].split("] ", 1)[-1]
    text = re.sub(r"https?://127\.0\.0\.1:\d+", "", text)
    return text[:160]


def hostile() -> int:
    from tests.servers.hostile import GOOD, INPUTS, server

    with tempfile.TemporaryDirectory() as tmp, server() as site:
        result = crawl(site, Path(tmp), ["/list/"])
    good = sorted(int(r["url"].rsplit("/", 1)[-1]) for r in result.records if "/good/" in r["url"])
    bad = [r["url"] for r in result.records if "/good/" not in r["url"]]
    print(f"exit {result.returncode}; {len(good)}/{GOOD} good articles; {len(bad)} records from bad inputs; "
          f"peak RSS {result.peak_rss_mb:.0f} MB; {result.seconds:.1f} s")  # fmt: skip
    print(f"skipped: {result.summary.get('skipped')}")
    print(f"download errors: {result.summary.get('download_errors')}")
    print("| input | outcome |\n|---|---|")
    for name in INPUTS:
        print(f"| {name} | {outcome(result, name)} |")
    return 0


def flaky() -> int:
    from tests.servers.flaky import ARTICLES, server

    with tempfile.TemporaryDirectory() as tmp, server() as site:
        result = crawl(site, Path(tmp), ["/list/"])
        failures = dict(site.failures)
    fetched = len({r["url"] for r in result.records})
    print(f"exit {result.returncode}; {fetched}/{ARTICLES} articles; injected failures {failures}; "
          f"retries {result.summary.get('retries')}; peak RSS {result.peak_rss_mb:.0f} MB; {result.seconds:.1f} s")  # fmt: skip
    return 0


def ssrf() -> int:
    from urllib.parse import urlsplit

    from tests.servers.ssrf import attacker_site, internal_server, spellings

    with tempfile.TemporaryDirectory() as tmp, internal_server() as internal, attacker_site(internal.port) as site:
        hosts = sorted({h for u in spellings(internal.port).values() if (h := urlsplit(u).hostname)} - {"127.0.0.1"})
        write_profile(Path(tmp) / "site.toml", site.base_url, ["/list/"], allowed_domains=hosts)
        result = crawl_profile(Path(tmp))
        hits = sum(internal.hits.values())
    blocked = len([line for line in result.stderr.splitlines() if "] WARNING: blocked " in line])
    print(f"exit {result.returncode}; internal service hits {hits}; requests blocked {blocked}; "
          f"{len(result.records)} articles")  # fmt: skip
    return 0


def crawl_profile(workdir: Path) -> Crawl:
    out = workdir / "out.jsonl"
    args = [
        sys.executable,
        "-m",
        "newscrawl.cli",
        "crawl",
        str(workdir / "site.toml"),
        "--allow-host",
        "127.0.0.1",
        "-O",
        str(out),
    ]
    for name, value in FAST.items():
        args += ["-s", f"{name}={value}"]
    started = time.monotonic()
    child = subprocess.run(
        args, cwd=workdir, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    records = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    return Crawl(child.returncode, child.stderr, records, {}, 0.0, time.monotonic() - started)


def main(argv: list[str]) -> int:
    modes = {"hostile": hostile, "flaky": flaky, "ssrf": ssrf}
    if len(argv) != 1 or argv[0] not in modes:
        print(f"usage: python -m tests.servers.measure {{{'|'.join(modes)}}}", file=sys.stderr)
        return 2
    return modes[argv[0]]()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
