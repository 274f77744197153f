"""Generic extraction in the crawl and in worker processes (NEWSCRAWL_EXTRACT_PROCESSES): the same records,
paragraphs kept, a worker that dies, a crawl killed with SIGKILL."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawl.demo.server import DemoServer
from newscrawl.demo.site import build_site
from newscrawl.process_pool import ExtractionPool
from tests.conftest import run_newscrawl
from tests.servers.common import RawServer, article_html, listing_html, response

PAGE = b"""<html lang="en"><head><title>Harbour reopens - Example News</title>
<meta property="og:title" content="Harbour reopens after the storm">
<meta property="article:published_time" content="2025-03-02T08:00:00+01:00"></head>
<body><article><h1>Harbour reopens after the storm</h1><p class="byline">By Ada Quill</p>
<p>The harbour reopened on Sunday morning after three days of repairs to the outer wall.</p>
<p>Ferries resumed their timetable at noon, and the first boats were full, the operator said.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def demo():
    with DemoServer(n_articles=600) as server:
        yield server


def _records(path: Path) -> dict[str, dict]:
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("crawled_at")
        records[record["url"]] = record
    return records


def test_workers_extract_the_same_records_as_the_crawl_process(demo, tmp_path):
    runs = {}
    for processes in (0, 2):  # two workers: pages go to either
        out = tmp_path / f"p{processes}.jsonl"
        result = run_newscrawl(
            "crawl", demo.base_url + "world/", "--allow-host", "127.0.0.1", "--no-state", "--max-articles", "40", "--fast",
            "-O", str(out), "-s", f"NEWSCRAWL_EXTRACT_PROCESSES={processes}", cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        summary = json.loads(Path(f"{out}.summary.json").read_text())
        runs[processes] = (_records(out), summary)
    in_process, in_workers = runs[0][0], runs[2][0]
    assert len(in_process) == 40
    assert in_workers == in_process
    truth = {t["canonical_url"]: t for t in build_site(n_articles=600).truth(demo.base_url)}
    for record in in_workers.values():
        assert record["provenance"]["body"] == "trafilatura"  # generic extraction ran
        # every paragraph of the story, as its own paragraph (the standfirst may come first)
        paragraphs = record["body"].split("\n\n")
        story = truth[record["canonical_url"]]["body"].split("\n\n")
        assert paragraphs[-len(story) :] == story, record["url"]
    assert runs[0][1]["extraction"] == {}
    assert runs[2][1]["extraction"]["in_workers"] >= 40  # and the pages it classified as not articles
    assert runs[2][1]["skipped"] == runs[0][1]["skipped"]  # classification in the worker: the same verdicts


def _response(url: str = "https://news.example/2025/03/harbour-reopens") -> HtmlResponse:
    return HtmlResponse(url, body=PAGE, encoding="utf-8")


def test_a_worker_that_dies_is_replaced_and_its_page_extracted_anyway():
    counts: list[str] = []
    pool = ExtractionPool(1, counts.append)
    try:
        first = asyncio.run(pool.extract(_response(), None))
        assert first["headline"] == "Harbour reopens after the storm"
        assert first["authors"] == ["Ada Quill"]
        workers = [p for p in multiprocessing.active_children() if "Process" in p.name]
        assert workers, "no worker process was started"
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
            worker.join(5)
        again = asyncio.run(pool.extract(_response(), None))
        assert again == first  # extracted in this process, while a new pool starts
        assert counts.count("extract/pool_restarts") == 1
        third = asyncio.run(pool.extract(_response(), None))
        assert third == first
        assert counts.count("extract/in_workers") == 2
    finally:
        pool.close()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError):
            continue
        if ppid == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # an exited orphan waits for PID 1 to reap it


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc (Linux)")
def test_workers_do_not_outlive_a_crawl_killed_with_sigkill(demo, tmp_path):
    out = tmp_path / "killed.jsonl"
    cmd = [sys.executable, "-m", "newscrawl.cli", "crawl", demo.base_url, "--allow-host", "127.0.0.1", "--no-state",
           "-O", str(out), "--fast", "-s", "NEWSCRAWL_EXTRACT_PROCESSES=1", "-s", "DOWNLOAD_DELAY=0.05"]  # fmt: skip
    with (tmp_path / "log").open("wb") as log:
        crawl = subprocess.Popen(cmd, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out.exists() and out.read_bytes().count(b"\n") >= 5):
            assert crawl.poll() is None, (tmp_path / "log").read_text()[-3000:]
            time.sleep(0.05)
        children = _children(crawl.pid)
        assert children, "the crawl started no worker process"
    finally:
        crawl.kill()
        crawl.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in children):
        time.sleep(0.1)
    alive = [pid for pid in children if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "worker processes outlived the killed crawl"
    for line in out.read_bytes().splitlines():
        json.loads(line)


def test_a_page_too_deep_to_parse_whole_is_refused_by_its_worker(tmp_path):
    deep = article_html(3).replace("<body>", "<body>" + "<div>" * 5000, 1)

    def handle(path: str, conn: socket.socket) -> None:
        if path == "/list/":
            conn.sendall(response(200, listing_html(["/a/1", "/a/2", "/a/3"]).encode()))
        elif path.startswith("/a/"):
            n = int(path.rsplit("/", 1)[1])
            conn.sendall(response(200, (deep if n == 3 else article_html(n)).encode()))
        else:
            conn.sendall(response(404, b""))

    with RawServer(handle) as site:
        profile = tmp_path / "listing-only.toml"  # every article field from generic extraction
        profile.write_text(
            f'name = "Deep"\nbase_url = "{site.base_url}"\nsections = ["/list/"]\n'
            '[listing]\narticle_links = "a.art::attr(href)"\n'
        )
        out = tmp_path / "out.jsonl"
        result = run_newscrawl(
            "crawl", str(profile), "--allow-host", "127.0.0.1", "--fast", "--no-state", "-O", str(out), cwd=tmp_path
        )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    assert summary["extraction"]["in_workers"] == 3  # --fast: one worker parses every article page
    assert summary["skipped"] == {"too_deep": 1}
    assert sorted(r["url"].rsplit("/", 1)[1] for r in _records(out).values()) == ["1", "2"]
    assert "skipped http://127.0.0.1:" in result.stderr and "/a/3: elements nested" in result.stderr
    assert "Deprecat" not in result.stderr


def test_a_worker_stays_lean_it_loads_neither_numpy_nor_the_state_store():
    # what a spawned worker imports and runs: ~15 MB of RSS more in each worker if it did
    code = (
        "import sys; from newscrawl.process_pool import _extract, _start_worker;"
        "import os; _start_worker(os.getppid());"
        f"found = _extract({PAGE.decode()!r}, 'https://news.example/2025/03/harbour', None, False);"
        "assert 'The harbour reopened' in found['body'], found;"
        "print(sorted(m for m in ('numpy', 'sqlite3', 'newscrawl.state') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
