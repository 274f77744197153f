"""End-to-end: scheduled runs against the demo server on 127.0.0.1 (new articles, edits, kills, overlap)."""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.demo.site import build_site
from tests.conftest import run_newscrawl

ALL_TIME = "36500"  # --refresh-days that reaches every demo article


@pytest.fixture
def port() -> int:
    """A free loopback port, so that two demo servers in a row serve the same URLs."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def crawl(base_url: str, out: Path, *extra: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    result = run_newscrawl(
        "crawl", "demo", "--base-url", base_url, "--allow-host", "127.0.0.1", "--state", str(cwd / "state.sqlite"),
        "-O", str(out), *extra, cwd=cwd,
    )  # fmt: skip
    summary_path = Path(f"{out}.summary.json")
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    return result, summary


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_second_run_emits_only_the_new_articles_and_fetches_little(tmp_path, port):
    with DemoServer(n_articles=240, port=port) as server:
        first, s1 = crawl(server.base_url, tmp_path / "run1.jsonl", cwd=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    with DemoServer(n_articles=245, port=port) as server:
        second, s2 = crawl(server.base_url, tmp_path / "run2.jsonl", cwd=tmp_path)
        truth = {t["canonical_url"] for t in build_site(n_articles=245).truth(server.base_url)}
        old = {t["canonical_url"] for t in build_site(n_articles=240).truth(server.base_url)}
    assert second.returncode == 0, second.stderr[-2000:]
    run1 = {r["canonical_url"] for r in lines(tmp_path / "run1.jsonl")}
    run2 = [r["canonical_url"] for r in lines(tmp_path / "run2.jsonl")]
    assert len(run1) == 240 and len(run2) == 5
    assert set(run2) == truth - old
    assert s2["article_requests"] <= 0.2 * s1["article_requests"], (s1["article_requests"], s2["article_requests"])
    print(f"\nrun 1: {s1['article_requests']} article requests, {s1['articles_written']} written; "
          f"run 2: {s2['article_requests']} article requests, {s2['articles_written']} written, "
          f"{s2['known_skipped']} known links skipped, {s2['listings_stopped_at_known']} listings stopped")  # fmt: skip


def test_nothing_new_is_a_healthy_run(tmp_path):
    with DemoServer(n_articles=240) as server:
        crawl(server.base_url, tmp_path / "run1.jsonl", "--max-pages", "1", cwd=tmp_path)
        again, summary = crawl(server.base_url, tmp_path / "run2.jsonl", "--max-pages", "1", cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert summary["articles_written"] == 0 and summary["known_skipped"] == 40 and summary["status"] == "healthy"


def test_an_edited_article_in_the_refresh_window_is_emitted_again_as_an_update(tmp_path, port):
    site = build_site()
    edited = site.truth("http://x/")[7]
    with DemoServer(n_articles=240, port=port) as server:
        first, _ = crawl(server.base_url, tmp_path / "run1.jsonl", cwd=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    with DemoServer(n_articles=240, edited={edited["id"]}, port=port) as server:
        second, summary = crawl(server.base_url, tmp_path / "run2.jsonl", "--refresh-days", ALL_TIME, cwd=tmp_path)
        truth = {t["id"]: t for t in build_site(edited={edited["id"]}).truth(server.base_url)}
    assert second.returncode == 0, second.stderr[-2000:]
    (update,) = lines(tmp_path / "run2.jsonl")
    expected = truth[edited["id"]]
    assert update["canonical_url"] == expected["canonical_url"]
    assert update["revision"] == 2 and update["body"] == expected["body"] and "Correction" in update["body"]
    assert update["modified"] is not None
    assert summary["refreshed"] == {"requested": 240, "updated": 1, "unchanged": 239}


def test_kill_9_at_random_moments_loses_nothing_and_doubles_nothing(tmp_path):
    seed = int(os.environ.get("NEWSCRAWL_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    outputs = []
    with DemoServer(n_articles=240) as server:
        for attempt in range(3):
            out = tmp_path / f"killed{attempt}.jsonl"
            outputs.append(out)
            proc = subprocess.Popen(
                [sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", server.base_url,
                 "--allow-host", "127.0.0.1", "--state", str(tmp_path / "state.sqlite"), "-O", str(out),
                 "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "DOWNLOAD_DELAY=0.01"],
                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            # wait until the crawl writes, then kill it at a random moment of its run
            deadline = time.monotonic() + 60
            while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        final = tmp_path / "final.jsonl"
        outputs.append(final)
        result, _ = crawl(server.base_url, final, cwd=tmp_path)
        truth = {t["canonical_url"] for t in build_site().truth(server.base_url)}
    assert result.returncode == 0, result.stderr[-2000:]
    records, malformed = [], 0
    for out in outputs:
        raw = out.read_bytes() if out.exists() else b""
        assert not raw or raw.endswith(b"\n"), f"{out.name} ends with a torn line"
        for line in raw.splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                malformed += 1
    urls = [r["canonical_url"] for r in records]
    per_run = [len(out.read_bytes().splitlines()) if out.exists() else 0 for out in outputs]
    print(f"\nkill seed {seed}: records per run {per_run}, union {len(set(urls))}/{len(truth)}, "
          f"duplicates {len(urls) - len(set(urls))}, malformed {malformed}")  # fmt: skip
    assert malformed == 0
    assert len(urls) == len(set(urls)), f"duplicated across runs (seed {seed})"
    assert set(urls) == truth, f"lost {len(truth - set(urls))} articles (seed {seed})"
    assert sum(per_run[:3]) > 0, "no kill landed after the crawl had started writing"


def test_sigterm_stops_gracefully_with_whole_lines_and_a_summary(tmp_path):
    out = tmp_path / "term.jsonl"
    with DemoServer(n_articles=240) as server:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", server.base_url, "--allow-host",
             "127.0.0.1", "--no-state", "-O", str(out), "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
             "-s", "DOWNLOAD_DELAY=0.05"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
        stopped_in = time.monotonic() - started
    assert stopped_in < 30
    assert proc.returncode == 1, stderr[-2000:]
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    assert summary["status"] == "failed" and summary["finish_reason"] == "shutdown"
    assert summary["articles_written"] == len(lines(out)) > 0
    assert "Traceback" not in stderr


def test_an_overlapping_run_of_the_same_site_is_refused(tmp_path):
    state = tmp_path / "state.sqlite"
    with DemoServer(n_articles=240) as server:
        first = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--base-url", server.base_url, "--allow-host",
             "127.0.0.1", "--state", str(state), "-O", str(tmp_path / "a.jsonl"),
             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.05"],
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            lock = Path(f"{state}.lock")
            deadline = time.monotonic() + 30
            while not (lock.exists() and lock.read_text().startswith("pid")) and time.monotonic() < deadline:
                time.sleep(0.02)
            second, _ = crawl(server.base_url, tmp_path / "b.jsonl", cwd=tmp_path)
        finally:
            first.terminate()
            first.wait(60)
    assert second.returncode == 1
    assert f"another newscrawl run (pid {first.pid})" in second.stderr
    assert "Traceback" not in second.stderr


@pytest.mark.parametrize("mode", ["-o", "-O"])
def test_stateless_run_still_dedupes_within_the_run(tmp_path, mode):
    out = tmp_path / "x.jsonl"
    result = run_newscrawl("crawl", "demo", "--no-state", mode, str(out), "--max-pages", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (tmp_path / "output" / ".state").exists()
    urls = [r["canonical_url"] for r in lines(out)]
    assert len(urls) == len(set(urls)) == 40
