"""Reading sitemap bodies safely (for the sitemap discovery that builds on this).

Scrapy's ``Sitemap`` parses with lxml ``iterparse(resolve_entities=False, recover=True)`` and
lxml's defaults (no network, no huge trees): checked here (tests/test_hardening_units.py),
internal entities are not expanded (a billion-laughs file yields nothing, instantly) and external
entities (``SYSTEM "file:///etc/passwd"``) are not read. What it lacks is a cap: a gzipped
sitemap is only capped by DOWNLOAD_MAXSIZE, and nothing bounds the number of entries.
``read_sitemap`` adds both: the protocol's own limits (50 MB uncompressed, 50,000 URLs) by default.
"""

from __future__ import annotations

from typing import Any

from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.sitemap import Sitemap

from newscrawl.middlewares.compression import gunzip_complete

MAX_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 50_000


class SitemapTooLarge(ValueError):
    pass


def read_sitemap(
    body: bytes, *, max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES
) -> tuple[str, list[dict[str, Any]]]:
    """(type, entries) of a sitemap or sitemap index, gzipped or not; ``urlset``/``sitemapindex``.

    Raises SitemapTooLarge past ``max_bytes`` (after decompression) and stops at ``max_entries``;
    a truncated gzip raises compression.TruncatedStream.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip_complete(body, max_bytes)
        except _DecompressionMaxSizeExceeded:
            raise SitemapTooLarge(f"sitemap larger than {max_bytes} bytes once decompressed") from None
    if len(body) > max_bytes:
        raise SitemapTooLarge(f"sitemap of {len(body)} bytes, over the {max_bytes} byte cap")
    try:
        sitemap = Sitemap(body)
    except StopIteration:  # nothing parseable
        return "", []
    entries: list[dict[str, Any]] = []
    for entry in sitemap:
        if len(entries) >= max_entries:
            break
        entries.append(entry)
    return sitemap.type, entries
