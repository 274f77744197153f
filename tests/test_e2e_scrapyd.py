"""End-to-end: deploy newscrawl to a real scrapyd on 127.0.0.1, schedule a demo crawl, read its output."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}{endpoint}", data=body, timeout=30) as response:
        return dict(json.load(response))


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n"
    )
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            if call(base, "daemonstatus.json")["status"] == "ok":
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("scrapyd did not start") from None
            time.sleep(0.1)
    yield base, home
    proc.terminate()
    proc.wait(30)


def test_deploy_schedule_and_run_on_scrapyd(scrapyd, tmp_path):
    base, home = scrapyd
    config = tmp_path / "config"
    config.mkdir()
    (config / "scrapy.cfg").write_text(f"[deploy:test]\nurl = {base}\nproject = newscrawl\n")
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "e2e"],
        cwd=REPO, env={**os.environ, "XDG_CONFIG_HOME": str(config)},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert call(base, "listspiders.json?project=newscrawl")["spiders"] == ["archive", "news"]
    out = tmp_path / "scrapyd.jsonl"
    job = call(
        base,
        "schedule.json",
        [("project", "newscrawl"), ("spider", "news"), ("target", "demo"), ("max_articles", "12"),
         ("setting", f"NEWSCRAWL_OUTPUT={out}"), ("setting", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}")],
    )["jobid"]  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        finished = call(base, "listjobs.json?project=newscrawl")["finished"]
        if any(j["id"] == job for j in finished):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the scrapyd job did not finish in 120 s")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 12 and len({r["canonical_url"] for r in records}) == 12
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    assert summary["status"] == "healthy" and summary["articles_written"] == 12
    log = next((home / "logs" / "newscrawl" / "news").glob(f"{job}.log")).read_text()
    assert "run summary written to" in log
