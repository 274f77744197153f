"""Body checks before a page reaches the spider: no record from a truncated or garbage body.

Each HTML page (2xx, after decompression) is refused, counted as ``newscrawl/skipped/<reason>``
and logged, when:

- ``truncated``: the connection closed early (Scrapy's ``dataloss`` flag, when
  DOWNLOAD_FAIL_ON_DATALOSS is off), or the body had no length and ended without ``</html>``
  or ``</body>`` (Twisted's ``partial`` flag);
- ``empty_body``: nothing but whitespace;
- ``binary``: an image, PDF, archive or other binary served as HTML (magic bytes, control bytes);
- ``nul_bytes``: NUL bytes in a page without a UTF-16 BOM (parsel drops them silently);
- ``encoding_unreliable``: no encoding gives readable text (see encoding.py); otherwise the page
  is decoded with the encoding that does, whatever it declared;
- ``too_many_links``: more than NEWSCRAWL_MAX_LINKS_PER_PAGE ``<a`` tags (parsing and extracting
  a 100,000-link page cost 6-12 s and 160-300 MB);
- ``too_deep``: elements nested NEWSCRAWL_MAX_NESTING deep (libxml2 stops parsing at 2,045
  levels and silently drops the rest of the page).

The page is parsed here, once: the spider reuses the same tree (``response.selector``). An article
page that an extraction worker will parse anyway (process_pool.py) is checked for ``too_deep``
there instead, and is not parsed in the crawl process at all.
"""

from __future__ import annotations

import logging

import numpy as np
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse

from newscrawl.extract.text import nesting_at_end
from newscrawl.middlewares.encoding import choose_encoding

logger = logging.getLogger(__name__)

_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ",
    b"7z\xbc\xaf", b"Rar!", b"\x00\x00\x01\x00", b"RIFF", b"OggS", b"ID3", b"\x7fELF", b"MZ", b"wOF",
)  # fmt: skip
_CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")
_HTML_TYPES = (b"text/html", b"application/xhtml+xml")


def binary_reason(body: bytes) -> str | None:
    """``binary`` if the start of ``body`` is a known binary format or mostly control bytes."""
    head = body[:2048].lstrip()
    if head.startswith(_MAGIC):
        return "binary"
    if head and sum(head.count(c) for c in _CONTROL) * 10 > len(head):
        return "binary"
    return None


def _tags(body: bytes) -> int:
    """How many ``<`` the body holds: a bound on its links (NumPy: 3x cheaper than ``bytes.count``)."""
    return int(np.count_nonzero(np.frombuffer(body, dtype=np.uint8) == 0x3C))


def _links(body: bytes) -> int:
    """How many ``<a `` or ``<A `` the body holds: the bytes after each ``<``, compared in NumPy
    (half the cost of one regex pass, which was 2.6x cheaper than two substring counts)."""
    data = np.frombuffer(body, dtype=np.uint8)
    starts = np.flatnonzero(data[:-2] == 0x3C)
    return int(np.count_nonzero(((data[starts + 1] | 0x20) == 0x61) & (data[starts + 2] == 0x20)))


def looks_complete(body: bytes) -> bool:
    """Whether an HTML body of unknown length ends like a whole document."""
    tail = body[-2048:].lower()
    return b"</html>" in tail or b"</body>" in tail


def too_deep_message(depth: int) -> str:
    return f"elements nested {depth} deep (the parser drops what follows)"


class ResponseCheckMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_nesting = crawler.settings.getint("NEWSCRAWL_MAX_NESTING")
        self.max_links = crawler.settings.getint("NEWSCRAWL_MAX_LINKS_PER_PAGE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResponseCheckMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("dont_obey_robotstxt") or not 200 <= response.status < 300:
            return response
        content_type = response.headers.get(b"Content-Type", b"") or b""
        if not isinstance(response, HtmlResponse) and not content_type.lower().startswith(_HTML_TYPES):
            return response
        body = response.body
        if "dataloss" in response.flags or ("partial" in response.flags and not looks_complete(body)):
            self._refuse(response, "truncated", f"the body ended early ({len(body)} bytes received)")
        if not body.strip():
            self._refuse(response, "empty_body", "the body is empty")
        if body.lstrip()[:8].startswith(_MAGIC):
            self._refuse(response, "binary", "binary content (a known file format) served as HTML")
        if b"\x00" in body and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._refuse(response, "nul_bytes", "NUL bytes in an HTML page")
        if binary_reason(body):
            self._refuse(response, "binary", "binary content (control bytes) served as HTML")
        # counting "<" is cheaper than counting "<a " and bounds it
        if self.max_links and _tags(body) > self.max_links and (links := _links(body)) > self.max_links:
            self._refuse(response, "too_many_links", f"{links} links on one page (NEWSCRAWL_MAX_LINKS_PER_PAGE)")
        decision = choose_encoding(body, content_type.decode("latin-1"))
        if decision.encoding is None:
            self._refuse(response, "encoding_unreliable", decision.source)
        assert decision.encoding is not None
        if decision.overrode_declaration:
            self._count("newscrawl/encoding/overrode_declared")
            logger.info(
                "%s declares %s but is %s (%s); decoded as %s",
                response.url,
                decision.declared,
                decision.encoding,
                decision.source,
                decision.encoding,
            )
        response = response.replace(cls=HtmlResponse, encoding=decision.encoding)
        assert isinstance(response, TextResponse)
        if request.meta.get("newscrawl_nesting_in_worker"):
            return response  # parsed and checked by the extraction worker (the spider refuses it there)
        depth = nesting_at_end(response.selector.root)
        if depth >= self.max_nesting:
            self._refuse(response, "too_deep", too_deep_message(depth))
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, DownloadCancelledError) and "max size" in str(exception):
            # Scrapy has logged the sizes; counted here and dropped quietly, instead of a traceback
            self._count("newscrawl/skipped/too_large")
            raise IgnoreRequest(str(exception))

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)

    def _refuse(self, response: Response, reason: str, message: str) -> None:
        self._count(f"newscrawl/skipped/{reason}")
        logger.warning("skipped %s: %s", response.url, message)
        raise IgnoreRequest(f"{reason}: {message}")
