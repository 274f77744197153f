"""End-to-end: WARC archives. A crawl writes them (--warc), a crawl re-runs from them with no network
(--replay), and ``newscrawl archive`` extracts our files and CC-NEWS-shaped ones (built here with warcio)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.conftest import REPO, run_newscrawl
from tests.servers import hostile
from tests.servers.measure import crawl
from tests.warcs import Rec, article_text, news_page, write_cc_news


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_url(records: list[dict]) -> dict[str, dict]:
    found = {r["url"]: r for r in records}
    assert len(found) == len(records), "a URL written twice"
    return found


def without_time(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "crawled_at"}


def summary_of(out: Path) -> dict:
    return json.loads(Path(f"{out}.summary.json").read_text())


def warc_records(folder: Path) -> list[tuple[str, dict[str, str]]]:
    found = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as fh:
            found += [(r.rec_type, dict(r.rec_headers.headers)) for r in ArchiveIterator(fh)]
    return found


def test_demo_crawl_then_replay_and_archive_give_the_same_records(tmp_path):
    warc_dir = tmp_path / "warc"
    live = run_newscrawl(
        "crawl", "demo", "--no-state", "-O", "live.jsonl", "--warc", str(warc_dir),
        "-s", "NEWSCRAWL_WARC_MAX_SIZE=300000", cwd=tmp_path,
    )  # fmt: skip
    assert live.returncode == 0, live.stderr[-3000:]
    files = sorted(p.name for p in warc_dir.iterdir())
    assert len(files) >= 3 and all(name.endswith(".warc.gz") for name in files), files  # rotated, none left .open
    records = warc_records(warc_dir)
    responses = [h for kind, h in records if kind == "response"]
    requests = [h for kind, h in records if kind == "request"]
    assert len(responses) == len(requests) > 240
    assert {h["WARC-Record-ID"] for h in responses} == {h["WARC-Concurrent-To"] for h in requests}
    assert all(h["WARC-Type"] == "response" and h.get("WARC-Target-URI") for h in responses)
    assert sum(h.get("X-Newscrawl-Kind") == "article" for h in responses) == 240

    # the demo server is gone: a replay that touched the network would fail every request
    replay = run_newscrawl("crawl", "demo", "--no-state", "-O", "replay.jsonl", "--replay", str(warc_dir), cwd=tmp_path)
    assert replay.returncode == 0, replay.stderr[-3000:]
    archive = run_newscrawl("archive", str(warc_dir), "--no-state", "-O", "archive.jsonl", cwd=tmp_path)
    assert archive.returncode == 0, archive.stderr[-3000:]

    expected = by_url(lines(tmp_path / "live.jsonl"))
    replayed = by_url(lines(tmp_path / "replay.jsonl"))
    archived = by_url(lines(tmp_path / "archive.jsonl"))
    assert len(expected) == 240
    assert {u: without_time(r) for u, r in replayed.items()} == {u: without_time(r) for u, r in expected.items()}
    assert {u: without_time(r) for u, r in archived.items()} == {u: without_time(r) for u, r in expected.items()}
    # crawled_at: when the page was fetched, from its record's WARC-Date
    assert all(archived[u]["crawled_at"] == replayed[u]["crawled_at"] for u in expected)
    assert summary_of(tmp_path / "replay.jsonl")["skipped"].get("not_archived", 0) == 0


def test_hostile_crawl_replays_to_the_same_records_and_marks_truncation(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSTILE_ONLY", "lying-length,truncated-gzip,short-body,broken-chunked,binary-as-html")
    warc_dir = tmp_path / "warc"
    settings = {"NEWSCRAWL_STATE_ENABLED": "False", "DOWNLOAD_FAIL_ON_DATALOSS": "False"}
    with hostile.server() as site:
        live = crawl(site, tmp_path, ["/list/"], {**settings, "NEWSCRAWL_WARC_DIR": str(warc_dir)})
    assert live.returncode == 0, live.stderr[-3000:]
    assert len(live.records) == hostile.GOOD
    truncated = {
        h["WARC-Target-URI"]: h.get("WARC-Truncated") for kind, h in warc_records(warc_dir) if kind == "response"
    }
    assert truncated[f"{site.base_url}bad/lying-length"] == "disconnect"
    assert truncated[f"{site.base_url}good/3"] is None  # a gzipped page: stored as sent
    live_records = {r["url"]: without_time(r) for r in live.records}

    replay = crawl(site, tmp_path, ["/list/"], {**settings, "NEWSCRAWL_REPLAY_DIR": str(warc_dir)})
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert {r["url"]: without_time(r) for r in replay.records} == live_records
    for reason in ("truncated", "binary"):
        assert replay.summary["skipped"].get(reason) == live.summary["skipped"].get(reason), reason


CC = "https://www.example.com"


def cc_news_records() -> list[Rec]:
    def page(n: int, url: str, **kwargs: str) -> bytes:
        return news_page(n, url, **kwargs).encode()

    lying = news_page(5, f"{CC}/news/5", text="Zürich café owners réjoice. " + article_text(5)).encode("utf-8")
    return [
        Rec(f"{CC}/news/1", page(1, f"{CC}/news/1")),
        Rec("https://example.com/news/2", page(2, "https://example.com/news/2")),  # the same host without www.
        Rec(f"{CC}/news/3", page(3, f"{CC}/news/3"), chunked=True),
        Rec(f"{CC}/news/café 8", page(8, f"{CC}/news/café 8")),  # a URL Scrapy percent-escapes
        Rec(f"{CC}/news/1", kind="revisit"),
        Rec(f"{CC}/news/4", page(4, f"{CC}/news/4")[:900], truncated="length"),
        Rec(f"{CC}/news/5", lying, headers=[("Content-Type", "text/html; charset=ISO-8859-1")]),  # a lying charset
        Rec(f"{CC}/old-news", status="301 Moved Permanently", headers=[("Location", f"{CC}/news/1")]),
        Rec(f"{CC}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), headers=[("Content-Type", "image/png")]),
        Rec("https://notexample.com/news/6", page(6, "https://notexample.com/news/6")),
        Rec("https://example.com.evil.test/news/7", page(7, "https://example.com.evil.test/news/7")),
    ]


def test_cc_news_shaped_archive_pitfalls_and_host_filter(tmp_path):
    source = write_cc_news(tmp_path / "CC-NEWS-20240301000000-00001.warc.gz", cc_news_records())
    state = str(tmp_path / "state.sqlite")
    result = run_newscrawl(
        "archive", str(source), "--site", "example.com", "--state", state, "-o", "out.jsonl", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    got = by_url(lines(tmp_path / "out.jsonl"))
    assert sorted(got) == sorted(
        [f"{CC}/news/1", "https://example.com/news/2", f"{CC}/news/3", f"{CC}/news/5", f"{CC}/news/caf%C3%A9%208"]
    )
    assert got[f"{CC}/news/5"]["body"].startswith("Zürich café owners réjoice")  # the bytes were UTF-8
    assert got[f"{CC}/news/3"]["headline"] == "Harbour council story number 3"
    assert got[f"{CC}/news/1"]["site"] == "www.example.com" and got[f"{CC}/news/1"]["authors"] == ["Ada Lovelace"]
    summary = summary_of(tmp_path / "out.jsonl")
    skipped = summary["skipped"]
    assert (skipped["revisit"], skipped["truncated"], skipped["not_ok_status"], skipped["article_not_html"]) == (
        1,
        1,
        1,
        1,
    )

    # read to its end for example.com: a rerun for every host reads it again, and writes the other hosts only
    every = run_newscrawl("archive", str(source), "--state", state, "-o", "out.jsonl", cwd=tmp_path)
    assert every.returncode == 0, every.stderr[-3000:]
    assert len(by_url(lines(tmp_path / "out.jsonl"))) == 7
    assert summary_of(tmp_path / "out.jsonl")["known_skipped"] == 5
    for hosts in ([], ["--site", "example.com"]):
        again = run_newscrawl("archive", str(source), *hosts, "--state", state, "-o", "out.jsonl", cwd=tmp_path)
        assert again.returncode == 0, again.stderr[-3000:]
        assert summary_of(tmp_path / "out.jsonl")["archive"] == {"files_already_read": 1}
    assert len(lines(tmp_path / "out.jsonl")) == 7


def test_archive_host_filter_never_matches_a_part_of_a_name(tmp_path):
    source = write_cc_news(tmp_path / "cc.warc", cc_news_records(), gzip=False)  # an uncompressed WARC too
    result = run_newscrawl(
        "archive", str(tmp_path), "--site", "www.notexample.com", "--no-state", "-O", "o.jsonl", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert [r["url"] for r in lines(tmp_path / "o.jsonl")] == ["https://notexample.com/news/6"]
    assert lines(tmp_path / "o.jsonl")[0]["published"] == "2024-03-07T08:00:00+00:00"
    later = run_newscrawl(
        "archive", str(source), "--site", "notexample.com", "--since", "2024-03-08", "--no-state", "-O", "l.jsonl",
        cwd=tmp_path,
    )  # fmt: skip
    assert later.returncode == 3, later.stderr[-3000:]  # nothing written: unhealthy, as a crawl would be
    assert lines(tmp_path / "l.jsonl") == [] and summary_of(tmp_path / "l.jsonl")["skipped"] == {"older_than_since": 1}


def test_archive_of_a_file_that_is_no_warc_is_a_counted_skip_naming_it(tmp_path):
    bad = tmp_path / "notes.warc.gz"
    bad.write_bytes(gzip.compress(b"just some notes\n"))
    result = run_newscrawl("archive", str(bad), "--no-state", "-O", "o.jsonl", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert "notes.warc.gz" in result.stderr and "not a readable WARC file" in result.stderr
    assert summary_of(tmp_path / "o.jsonl")["skipped"] == {"unreadable_warc": 1}
    missing = run_newscrawl("archive", str(tmp_path / "nothing-here"), cwd=tmp_path)
    assert missing.returncode == 2 and "nothing-here: no such file or folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    replay = run_newscrawl("crawl", "demo", "--replay", str(tmp_path / "empty"), cwd=tmp_path)
    assert replay.returncode == 2 and "no WARC files (*.warc.gz, *.warc) in" in replay.stderr


def test_archive_killed_midway_then_rerun_loses_and_doubles_nothing(tmp_path):
    urls = [f"https://news{n % 3}.example.org/story/{n}" for n in range(500)]
    first = write_cc_news(tmp_path / "a.warc.gz", [Rec(u, news_page(n, u).encode()) for n, u in enumerate(urls[:60])])
    second = write_cc_news(
        tmp_path / "b.warc.gz", [Rec(u, news_page(n, u).encode()) for n, u in enumerate(urls[60:], 60)]
    )
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    args = [
        sys.executable,
        "-m",
        "newscrawl.cli",
        "archive",
        str(first),
        str(second),
        "--state",
        str(state),
        "-o",
        str(out),
    ]
    child = subprocess.Popen(
        args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy()
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 100:
            break
        time.sleep(0.05)
    assert child.poll() is None, "the run ended before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    written_before = out.read_bytes().count(b"\n")
    assert written_before < len(urls)

    rerun = run_newscrawl("archive", str(first), str(second), "--state", str(state), "-o", str(out), cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    records = lines(out)  # a torn last line would fail here
    assert sorted(r["url"] for r in records) == sorted(urls)  # each once
    third = run_newscrawl("archive", str(first), str(second), "--state", str(state), "-o", str(out), cwd=tmp_path)
    assert third.returncode == 0, third.stderr[-3000:]
    assert len(lines(out)) == len(urls)
    assert summary_of(out)["archive"] == {"files_already_read": 2}


def test_archive_spider_takes_spider_arguments_as_scrapyd_passes_them(tmp_path):
    url = f"{CC}/news/1"
    source = write_cc_news(tmp_path / "s.warc.gz", [Rec(url, news_page(1, url).encode()), *cc_news_records()[8:]])
    out = tmp_path / "s.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "archive", "-a", f"sources={source}", "-a", "hosts=example.com",
         "-s", "NEWSCRAWL_STATE_ENABLED=False", "-s", f"NEWSCRAWL_OUTPUT={out}", "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert [r["url"] for r in lines(out)] == [url]
