"""End-to-end: `newscrawl crawl demo` in a subprocess against the bundled demo server on 127.0.0.1."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

import newscrawl
from newscrawl.demo.site import build_site
from tests.conftest import REPO, run_newscrawl

SCHEMA = json.loads((Path(newscrawl.__file__).parent / "schema" / "article.schema.json").read_text())
COMPARED = (
    "url", "canonical_url", "site", "section", "headline", "description", "body", "authors", "byline",
    "author_details", "published", "modified", "language", "tags", "image", "related",
)  # fmt: skip


def read_jsonl(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("demo")
    out = work / "demo.jsonl"
    result = run_newscrawl("crawl", "demo", "-O", str(out), cwd=work)
    return result, out


def test_demo_crawl_writes_every_article_once_equal_to_truth(demo_run):
    result, out = demo_run
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_jsonl(out)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in records:
        validator.validate(record)
    truth = {t["canonical_url"]: t for t in build_site().truth(origin(records[0]["url"]))}
    got = [r["canonical_url"] for r in records]
    assert len(got) == len(set(got)), "an article was written twice"
    assert set(got) == set(truth), (set(truth) - set(got), set(got) - set(truth))
    for record in records:
        expected = truth[record["canonical_url"]]
        for field in COMPARED:
            assert record[field] == expected[field], (record["url"], field)
        assert record["word_count"] == len(record["body"].split())
        assert record["provenance"]["headline"] == "profile"


def test_demo_crawl_emits_no_non_article_page(demo_run):
    _, out = demo_run
    records = read_jsonl(out)
    paths = {urlsplit(r["url"]).path for r in records}
    assert not paths & set(build_site().non_article_paths)


def test_demo_summary_is_written_and_consistent(demo_run):
    result, out = demo_run
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    lines = out.read_bytes().count(b"\n")
    assert summary["status"] == "healthy" and summary["exit_code"] == 0 and summary["problems"] == []
    assert summary["articles_written"] == lines == len(build_site().truth("http://x/"))
    assert summary["output"] == str(out)
    assert summary["dropped"] == {} and summary["http_errors"] == {}
    assert summary["coverage"]["headline"] == summary["coverage"]["body"] == 1.0
    assert summary["duration_s"] > 0
    assert f"articles written  {lines}" in result.stderr
    assert "Traceback" not in result.stderr


def test_append_repairs_torn_line_and_max_articles_bounds_the_crawl(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"kept": true}\n{"torn": ')
    result = run_newscrawl("crawl", "demo", "-o", str(out), "--max-articles", "7", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_jsonl(out)
    assert records[0] == {"kept": True}
    assert len(records) == 1 + 7
    assert json.loads(Path(f"{out}.summary.json").read_text())["articles_written"] == 7


def test_max_pages_bounds_listing_pages_per_section(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_newscrawl("crawl", "demo", "-O", str(out), "--max-pages", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    sections = 4
    assert summary["listing_pages"] == sections
    assert summary["articles_written"] == len(read_jsonl(out)) == sections * 10


def test_default_output_goes_under_the_current_folder(tmp_path):
    result = run_newscrawl("crawl", "demo", "--max-articles", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    files = list((tmp_path / "output" / "demo").glob("*.jsonl"))
    assert len(files) == 1 and len(read_jsonl(files[0])) == 3
    assert (files[0].parent / (files[0].name + ".summary.json")).is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "nosuchsite"], "unknown site profile 'nosuchsite'"),
        (["crawl", "demo", "--max-articles", "0"], "expected a whole number >= 1"),
        (["crawl", "demo", "-s", "NOEQUALS"], "expected NAME=VALUE"),
        (["crawl", "demo", "-O", "/proc/nope/out.jsonl"], "cannot write the output file /proc/nope/out.jsonl"),
        (["crawl", "http://169.254.169.254/latest/"], "http://169.254.169.254/latest/: refused by the address guard"),
        (
            ["crawl", "demo", "--base-url", "http://127.0.0.2:9/"],
            "http://127.0.0.2:9/world/: refused by the address guard",
        ),
        (["crawl", "http://0x7f.1/news/"], "refused by the address guard"),
        (["crawl", "file:///etc/passwd"], "file:///etc/passwd"),
        (["crawl", "demo", "--redis", "redis://127.0.0.1:1/0"], "cannot reach Redis at redis://127.0.0.1:1/0"),
        (["crawl", "demo", "--redis", "127.0.0.1:6379"], "expected a redis://host:port/db URL"),
        (["merge", "out.jsonl", "missing.jsonl"], "cannot read missing.jsonl"),
        (["crawl"], "TARGET"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(tmp_path, args, message):
    result = run_newscrawl(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


class _Empty(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body><p>Nothing here.</p></body></html>"
        self.send_response(404 if self.path != "/robots.txt" else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_broken_site_exits_3_with_a_summary_that_says_why(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Empty)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        out = tmp_path / "out.jsonl"
        result = run_newscrawl("crawl", "demo", "--base-url", base, "-O", str(out), cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 3, result.stderr[-3000:]
    summary = json.loads(Path(f"{out}.summary.json").read_text())
    assert summary["status"] == "unhealthy"
    assert summary["problems"][0].startswith("no articles written")
    assert summary["http_errors"] == {"404": 4}
    assert out.read_bytes() == b""


def test_scrapy_crawl_works_as_in_any_scrapy_project(tmp_path):
    out = tmp_path / "scrapy.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "target=demo", "-a", "max_articles=4",
         "-s", f"NEWSCRAWL_OUTPUT={out}", "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(read_jsonl(out)) == 4


def test_extract_into_a_pipe_closed_early_exits_quietly(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {i} of a long report on the harbour works and the ferries.</p>" for i in range(3000)
    )
    page = tmp_path / "long.html"
    page.write_text(f"<html><body><article><h1>Harbour works</h1>{paragraphs}</article></body></html>")
    cmd = [sys.executable, "-m", "newscrawl.cli", "extract", str(page), "--url", "https://n.example/a"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(1) == b"{"  # the output is far larger than a pipe's buffer: the writer blocks
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr


def test_extract_command_prints_the_author_details_of_a_demo_page(tmp_path):
    site = build_site()
    base = "http://127.0.0.1:8000/"
    truth = next(
        t for t in site.truth(base) if len(t["authors"]) == 1 and t["author_details"][0]["type"] == "person"
    )  # one author, with JSON-LD: the generic extraction sees what the profile-driven crawl sees
    _, _, html = site.render(urlsplit(truth["url"]).path, base)
    page = tmp_path / "article.html"
    page.write_bytes(html)
    cmd = [sys.executable, "-m", "newscrawl.cli", "extract", str(page), "--url", truth["url"]]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads(result.stdout)
    assert record["authors"] == truth["authors"]
    assert record["author_details"] == truth["author_details"]
    assert truth["author_details"][0]["bio"] not in record["body"]
