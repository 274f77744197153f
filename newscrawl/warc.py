"""WARC files: a crawl's fetches written as WARC/1.1 records, and records read back for
``newscrawl archive`` and ``newscrawl crawl --replay`` (docs/operations.md, "Archives").

Written with warcio (the reader and writer of Common Crawl's own tooling): one request and one
response record per fetch, each record its own gzip member, so any record can be read alone from
its offset. The response record holds the HTTP payload as the server sent it (Content-Encoding
still applied; only a chunked transfer coding is undone, and its Transfer-Encoding header
dropped). A process writes its own file, ``<prefix>-<UTC time>-<serial>-<host>-<pid>.warc.gz``,
named ``.open`` while it is written and renamed when closed; a file that reaches the size limit
is closed and the next one started.

Reading accepts our files and Common Crawl's (CC-NEWS is written by StormCrawler: WARC/1.0,
payloads already decoded with the original headers renamed ``X-Crawler-*``), gzipped per record
or not compressed.
"""

from __future__ import annotations

import io
import logging
import os
import socket
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

SUFFIXES = (".warc.gz", ".warc")
OPEN_SUFFIX = ".open"
# Custom WARC fields on our response records: what the crawl requested the page for.
KIND_FIELD = "X-Newscrawl-Kind"  # the spider callback: article, listing, robots, sitemap, feed, other
CLASSIFY_FIELD = "X-Newscrawl-Classify"  # "1": a discovered page the spider judged article or not
FLAGS_FIELD = "X-Newscrawl-Flags"  # the response's flags ("partial": no length, ended with the connection)
# Fields of our warcinfo record: what ran, so that a replay can find the same origin again.
INFO_SITE, INFO_TARGET, INFO_BASE_URL = "newscrawl-site", "newscrawl-target", "newscrawl-base-url"
_HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}


class WarcError(ValueError):
    """A file that is not a readable WARC file (the message names it)."""


@dataclass(frozen=True)
class Fetch:
    """One HTTP exchange to archive."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes
    truncated: str | None = None  # WARC-Truncated: length, time, disconnect or unspecified
    fields: tuple[tuple[str, str], ...] = ()  # extra WARC fields of the response record


class WarcFileWriter:
    """Writes fetches into ``directory``, one file at a time, rotating at ``max_size`` bytes."""

    def __init__(self, directory: Path, prefix: str, max_size: int, info: dict[str, str], level: int = 6) -> None:
        self.directory = directory
        self.level = level
        self.prefix = prefix
        self.max_size = max_size
        self.info = {"software": "newscrawl (warcio)", "format": "WARC File Format 1.1", **info}
        self.serial = 0
        self.fh: BinaryIO | None = None
        self.path: Path | None = None
        self.writer: _GzipWriter | None = None
        self.files: list[Path] = []  # closed files
        self.records = 0
        directory.mkdir(parents=True, exist_ok=True)

    def _open(self) -> _GzipWriter:
        self.serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self.prefix}-{stamp}-{self.serial:05d}-{socket.gethostname()}-{os.getpid()}.warc.gz"
        self.path = self.directory / name
        self.fh = (self.directory / (name + OPEN_SUFFIX)).open("xb")
        self.writer = _GzipWriter(self.fh, self.level)
        self.writer.write_record(self.writer.create_warcinfo_record(name, self.info))
        return self.writer

    def write(self, fetch: Fetch) -> None:
        writer = self.writer or self._open()
        assert self.fh is not None
        head = StatusAndHeaders(_status_line(fetch.status), _clean(fetch.headers), protocol=fetch.protocol)
        fields = dict(fetch.fields)
        if fetch.truncated:
            fields["WARC-Truncated"] = fetch.truncated
        response = writer.create_warc_record(
            fetch.url,
            "response",
            payload=io.BytesIO(fetch.body),
            length=len(fetch.body),
            http_headers=head,
            warc_headers_dict=fields,
        )
        path = _request_target(fetch.url)
        request = writer.create_warc_record(
            fetch.url,
            "request",
            payload=io.BytesIO(fetch.request_body),
            length=len(fetch.request_body),
            http_headers=StatusAndHeaders(
                f"{fetch.method} {path} HTTP/1.1", fetch.request_headers, is_http_request=True
            ),
        )
        writer.write_request_response_pair(request, response)  # the response, then its request
        self.records += 1
        if self.fh.tell() >= self.max_size:
            self.close()

    def close(self) -> None:
        """Close the current file (renamed without ``.open``); the next write starts another."""
        if self.fh is None or self.path is None:
            return
        self.fh.close()
        os.replace(self.path.with_name(self.path.name + OPEN_SUFFIX), self.path)
        self.files.append(self.path)
        self.fh = self.writer = None


class _GzipWriter(WARCWriter):
    """warcio's writer, each record its own gzip member at ``level``: warcio's own gzip is level 9, which
    costs 2.5 ms per 89 KB page against 1.6 ms at level 6 for a 2% larger file (benchmarks/archive.py)."""

    def __init__(self, fh: BinaryIO, level: int) -> None:
        super().__init__(fh, gzip=False, warc_version="1.1")
        self.level = level

    def _write_warc_record(self, out: Any, record: Any) -> None:
        buffer = io.BytesIO()
        super()._write_warc_record(buffer, record)
        packer = zlib.compressobj(self.level, zlib.DEFLATED, 31)
        out.write(packer.compress(buffer.getbuffer()) + packer.flush())
        out.flush()


def _status_line(status: int) -> str:
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _clean(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers as stored: the transfer coding is undone, so its headers would lie."""
    return [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP]


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


# --- reading ---


@dataclass(frozen=True)
class Entry:
    """Where one response (or revisit) record is, and what its headers say."""

    path: Path
    offset: int
    kind: str  # WARC-Type
    url: str
    date: str  # WARC-Date
    status: int
    content_type: str
    truncated: str | None
    fields: dict[str, str]


@dataclass
class Record:
    """A response record read back: status, headers and payload bytes."""

    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    truncated: str | None
    flags: list[str]


def warc_files(sources: list[str]) -> list[Path]:
    """The WARC files named by ``sources`` (files, or folders searched for *.warc.gz / *.warc), sorted."""
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)))
        elif path.is_file():
            found.append(path)
        else:
            raise WarcError(f"{source}: no such file or folder")
    return found


def iter_entries(path: Path) -> Iterator[Entry | dict[str, str]]:
    """The response and revisit records of ``path`` (and the fields of each warcinfo record, as a dict).

    WarcError if the file is not a WARC file; a file cut short ends its records early (logged)."""
    with path.open("rb") as fh:
        try:
            iterator = ArchiveIterator(fh, arc2warc=True)
            for record in iterator:
                kind = record.rec_type
                if kind == "warcinfo":
                    yield _warcinfo(record.content_stream().read(1 << 20))
                    continue
                if kind not in ("response", "revisit"):
                    continue
                headers = record.rec_headers
                http = record.http_headers
                status = _status(http)
                content_type = (http.get_header("Content-Type") if http else None) or ""
                fields = {k: v for k, v in headers.headers if k.startswith("X-Newscrawl-")}
                url = headers.get_header("WARC-Target-URI") or ""
                date = headers.get_header("WARC-Date") or ""
                truncated = headers.get_header("WARC-Truncated")
                offset = iterator.get_record_offset()
                yield Entry(path, offset, kind, url.strip("<>"), date, status, content_type, truncated, fields)
        except ArchiveLoadFailed as exc:
            raise WarcError(f"{path}: not a readable WARC file: {exc}") from None
        except (EOFError, OSError) as exc:  # a file cut short (a copy in progress, a crash): what came before stands
            logger.warning("%s: ends inside a record (%s); its records before that were read", path, exc)


def _warcinfo(block: bytes) -> dict[str, str]:
    info: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            info[name.strip()] = value.strip()
    return info


def _status(http: Any) -> int:
    try:
        return int(http.get_statuscode()) if http else 0
    except (TypeError, ValueError):
        return 0


def read_record(path: Path, offset: int, max_size: int = 0) -> Record:
    """The response record at ``offset`` of ``path``; its payload cut at ``max_size`` bytes (0: no limit),
    which marks it truncated (``length``), as Common Crawl marks the payloads it cut at 1 MiB."""
    with path.open("rb") as fh:
        fh.seek(offset)
        try:
            record = next(iter(ArchiveIterator(fh, arc2warc=True)))
        except (StopIteration, ArchiveLoadFailed, EOFError, OSError) as exc:
            raise WarcError(f"{path}: no readable record at offset {offset}: {exc}") from None
        http = record.http_headers
        headers = [(k, v) for k, v in http.headers] if http else []
        stream = record.raw_stream
        if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
            stream = ChunkedDataReader(stream)  # left as is when the body turns out not to be chunked
            headers = _clean(headers)
        truncated = record.rec_headers.get_header("WARC-Truncated")
        flags = (record.rec_headers.get_header(FLAGS_FIELD) or "").split()
        body = stream.read(max_size + 1) if max_size else stream.read()
        if max_size and len(body) > max_size:
            body, truncated = body[:max_size], truncated or "length"
        return Record(
            url=(record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>"),
            date=record.rec_headers.get_header("WARC-Date") or "",
            status=_status(http),
            headers=headers,
            body=body,
            truncated=truncated,
            flags=flags,
        )
