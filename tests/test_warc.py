"""Unit: WARC writing and reading (newscrawl/warc.py), the replay index and host matching."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from newscrawl import warc
from newscrawl.middlewares.warc import build_index, fetched_at
from newscrawl.spiders.archive import bare_host
from tests.warcs import Rec, write_cc_news


def noise(n: int) -> bytes:
    return b"".join(hashlib.sha256(f"{n}-{i}".encode()).hexdigest().encode() for i in range(200))


def fetch(url: str, body: bytes, status: int = 200, **kwargs: object) -> warc.Fetch:
    return warc.Fetch(
        url=url, method="GET", request_headers=[("Host", "example.com")], request_body=b"", status=status,
        protocol="HTTP/1.1", headers=[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], body=body,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def test_writer_rotates_renames_and_every_record_reads_alone_from_its_offset(tmp_path):
    writer = warc.WarcFileWriter(tmp_path, "newscrawl-test", max_size=20_000, info={warc.INFO_SITE: "test"})
    bodies = {f"https://example.com/{n}": noise(n) for n in range(6)}  # ~6.5 KB each, gzipped
    for url, body in bodies.items():
        writer.write(fetch(url, body, truncated="disconnect" if url.endswith("/5") else None))
        assert list(tmp_path.glob("*.open")) in ([], [writer.directory / (writer.path.name + ".open")])
    writer.close()
    files = sorted(tmp_path.iterdir())
    assert len(files) >= 2 and all(p.name.endswith(".warc.gz") for p in files), files
    seen = {}
    for path in files:
        entries = list(warc.iter_entries(path))
        assert entries[0] == {
            "software": "newscrawl (warcio)", "format": "WARC File Format 1.1", warc.INFO_SITE: "test",
        }  # fmt: skip
        for entry in entries[1:]:
            assert isinstance(entry, warc.Entry)
            record = warc.read_record(entry.path, entry.offset)
            seen[record.url] = record
    assert {url: r.body for url, r in seen.items()} == bodies
    assert all(("Transfer-Encoding", "chunked") not in r.headers for r in seen.values())  # the body is not chunked
    assert [url for url, r in seen.items() if r.truncated] == ["https://example.com/5"]


def test_read_record_undoes_a_stored_chunked_coding_and_cuts_at_max_size(tmp_path):
    page = b"<html><body>" + b"x" * 3000 + b"</body></html>"
    path = write_cc_news(tmp_path / "c.warc.gz", [Rec("https://example.com/a", page, chunked=True)])
    entry = next(e for e in warc.iter_entries(path) if isinstance(e, warc.Entry))
    record = warc.read_record(path, entry.offset)
    assert record.body == page and record.truncated is None
    assert not any(name.lower() == "transfer-encoding" for name, _ in record.headers)
    cut = warc.read_record(path, entry.offset, max_size=1000)
    assert len(cut.body) == 1000 and cut.truncated == "length"


def test_not_a_warc_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"hello\n"))
    with pytest.raises(warc.WarcError, match=r"notes\.warc\.gz: not a readable WARC file"):
        list(warc.iter_entries(path))
    with pytest.raises(warc.WarcError, match="nothing: no such file or folder"):
        warc.warc_files([str(tmp_path / "nothing")])


def test_replay_index_answers_a_url_with_its_last_ok_response(tmp_path):
    writer = warc.WarcFileWriter(tmp_path, "t", max_size=1 << 30, info={})
    writer.write(fetch("https://example.com/a", b"first"))
    writer.write(fetch("https://example.com/a", b"retry later", status=503))
    writer.write(fetch("https://example.com/b", b"gone", status=404))
    writer.close()
    index, _ = build_index(tmp_path)
    assert warc.read_record(index["https://example.com/a"].path, index["https://example.com/a"].offset).body == b"first"
    assert index["https://example.com/b"].status == 404


@pytest.mark.parametrize(
    ("given", "host", "same"),
    [
        ("example.com", "www.example.com", True),
        ("www.example.com", "example.com", True),
        ("Example.COM.", "example.com", True),
        ("https://www.example.com/news/", "example.com", True),
        ("example.com", "notexample.com", False),
        ("example.com", "example.com.evil.test", False),
        ("example.com", "news.example.com", False),
    ],
)
def test_host_filter_matches_the_host_with_or_without_www_only(given, host, same):
    assert (bare_host(given) == bare_host(host)) is same


def test_fetched_at_is_utc_seconds():
    assert fetched_at("2024-03-01T08:00:00.123456Z") == "2024-03-01T08:00:00+00:00"
    assert fetched_at("2024-03-01T08:00:00Z") == "2024-03-01T08:00:00+00:00"
    assert fetched_at("not a date") is None


def test_written_files_are_found_in_a_folder_and_open_ones_are_not(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.warc.gz", "sub/b.warc", "c.warc.gz.open", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in warc.warc_files([str(tmp_path)])] == ["a.warc.gz", "sub/b.warc"]
    assert isinstance(warc.warc_files([str(tmp_path / "notes.txt")])[0], Path)  # a file named is read as given
