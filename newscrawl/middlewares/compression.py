"""Decompression that refuses what Scrapy quietly accepts.

Scrapy's HttpCompressionMiddleware already stops a decompression bomb at DOWNLOAD_MAXSIZE
(decompressing in 64 KiB steps), but returns "as much data as possible" from a truncated or
corrupt gzip, deflate or brotli stream: half an article that looks whole. Here a stream must
reach its end marker, or the response is refused (``newscrawl/skipped/truncated``); a corrupt
stream is ``bad_compression`` and a bomb ``too_large``. zstd is left to Scrapy.
"""

from __future__ import annotations

import logging
import zlib
from io import BytesIO
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware as ScrapyHttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils._compression import _CHUNK_SIZE, _check_max_size

try:
    import brotli
except ImportError:  # pragma: no cover - brotli comes with scrapy's dependencies here
    brotli = None

logger = logging.getLogger(__name__)


class TruncatedStream(ValueError):
    """A compressed body that ends before its end marker."""


def gunzip_complete(data: bytes, max_size: int = 0) -> bytes:
    """Every gzip member of ``data``, decompressed; TruncatedStream if the last one is cut short."""
    out = BytesIO()
    size = 0
    while True:
        decompressor = zlib.decompressobj(wbits=31)
        size = _drain(decompressor, data, max_size, out, size)
        if not decompressor.eof:
            raise TruncatedStream(f"gzip stream ends after {size} bytes without its trailer")
        data = decompressor.unused_data
        if not data.startswith(b"\x1f\x8b"):  # trailing padding or garbage after the last member
            return out.getvalue()


def _drain(decompressor: Any, data: bytes, max_size: int, out: BytesIO, size: int) -> int:
    """Decompress ``data`` into ``out`` chunk by chunk, stopping at ``max_size``; returns the size so far."""
    chunk = decompressor.decompress(data, _CHUNK_SIZE)
    while True:
        size += len(chunk)
        _check_max_size(size, max_size)
        out.write(chunk)
        if decompressor.eof or not decompressor.unconsumed_tail:
            return size
        chunk = decompressor.decompress(decompressor.unconsumed_tail, _CHUNK_SIZE)


def inflate_complete(data: bytes, max_size: int = 0) -> bytes:
    """A zlib or raw deflate body, decompressed; TruncatedStream if it is cut short."""
    try:
        return _inflate(data, max_size, wbits=15)
    except zlib.error:
        return _inflate(data, max_size, wbits=-15)


def _inflate(data: bytes, max_size: int, wbits: int) -> bytes:
    decompressor = zlib.decompressobj(wbits=wbits)
    out = BytesIO()
    size = _drain(decompressor, data, max_size, out, 0)
    if not decompressor.eof:
        raise TruncatedStream(f"deflate stream ends after {size} bytes without its end marker")
    return out.getvalue()


def unbrotli_complete(data: bytes, max_size: int = 0) -> bytes:
    """A brotli body, decompressed; TruncatedStream if it is cut short."""
    decompressor = brotli.Decompressor()
    out = BytesIO()
    chunk = decompressor.process(data, output_buffer_limit=_CHUNK_SIZE)
    size = 0
    while True:
        size += len(chunk)
        _check_max_size(size, max_size)
        out.write(chunk)
        if decompressor.is_finished():
            return out.getvalue()
        chunk = decompressor.process(b"", output_buffer_limit=_CHUNK_SIZE)
        if not chunk:
            raise TruncatedStream(f"brotli stream ends after {size} bytes without its end marker")


class HttpCompressionMiddleware(ScrapyHttpCompressionMiddleware):
    @staticmethod
    def _decode(body: bytes, encoding: bytes, max_size: int) -> bytes:
        if encoding in (b"gzip", b"x-gzip"):
            return gunzip_complete(body, max_size)
        if encoding == b"deflate":
            return inflate_complete(body, max_size)
        if encoding == b"br" and brotli is not None:
            return unbrotli_complete(body, max_size)
        return ScrapyHttpCompressionMiddleware._decode(body, encoding, max_size)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            self._count("too_large")  # Scrapy has logged the sizes
            raise
        except TruncatedStream as exc:
            self._refuse(response, "truncated", str(exc))
        except Exception as exc:  # zlib.error, brotli.error, OSError, EOFError: a corrupt stream
            self._refuse(response, "bad_compression", f"cannot decompress: {exc}")
        raise AssertionError("unreachable")  # pragma: no cover

    def _count(self, reason: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/skipped/{reason}")

    def _refuse(self, response: Response, reason: str, message: str) -> None:
        self._count(reason)
        logger.warning("skipped %s: %s", response.url, message)
        raise IgnoreRequest(message)
