"""Sitemaps: robots.txt ``Sitemap:`` lines, sitemap indexes and urlsets (gzipped or not) and the
Google News extension, on top of Scrapy's own parser.

Scrapy's ``Sitemap`` keeps only the direct children of each ``<url>``: the nested
``<news:news>`` block (``news:publication_date``, ``news:title``) comes out as an empty string.
``_NewsSitemap`` reads that block before Scrapy's code clears the element.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import lxml.etree
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawl.discovery.dates import parse_date

MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limits
MAX_ENTRIES = 50_000
COMMON_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml")


class SitemapError(ValueError):
    """A sitemap that cannot be read: too large once decompressed, or a broken gzip stream."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None
    published: datetime | None = None  # news:publication_date
    title: str | None = None  # news:title

    @property
    def date(self) -> datetime | None:
        """The best date to compare with ``--since``: publication, else last modification (never earlier)."""
        return self.published or self.lastmod


class _NewsSitemap(Sitemap):
    __slots__ = ()

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        news: dict[str, str] = {}
        for child in elem:
            if self._get_tag_name(child) == "news":
                for el in child.iter():
                    name = self._get_tag_name(el)
                    if name in ("publication_date", "title") and el.text:
                        news[name] = el.text.strip()
        d = super()._process_sitemap_element(elem)
        if d is not None:
            d.pop("news", None)
            d.update({f"news_{k}": v for k, v in news.items()})
        return d


def sitemaps_from_robots(body: bytes, robots_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt body, absolute, in order, without repeats."""
    return list(dict.fromkeys(u for u in sitemap_urls_from_robots(body, base_url=robots_url) if u))


def parse_sitemap(
    body: bytes, *, max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES
) -> tuple[str, list[SitemapEntry]]:
    """(type, entries): ``urlset`` or ``sitemapindex`` (``""`` when the body is not a sitemap).

    Gzipped bodies (``.xml.gz`` served without Content-Encoding) are decompressed up to ``max_bytes``;
    at most ``max_entries`` entries are read. Entities are never expanded (Scrapy parses with
    ``resolve_entities=False``).
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=max_bytes)
        except _DecompressionMaxSizeExceeded:
            raise SitemapError(f"sitemap larger than {max_bytes} bytes once decompressed") from None
        except OSError as exc:
            raise SitemapError(f"broken gzip stream: {exc}") from None
    if len(body) > max_bytes:
        raise SitemapError(f"sitemap of {len(body)} bytes, over the {max_bytes} byte cap")
    if not body.strip():
        return "", []
    try:
        sitemap = _NewsSitemap(body)
    except (StopIteration, lxml.etree.XMLSyntaxError):
        return "", []
    if sitemap.type not in ("urlset", "sitemapindex"):
        return "", []
    return sitemap.type, list(_entries(sitemap, max_entries))


def _entries(raw: Iterable[dict[str, Any]], limit: int) -> Iterable[SitemapEntry]:
    for n, d in enumerate(raw):
        if n >= limit:
            return
        url = (d.get("loc") or "").strip()
        if not url:
            continue
        yield SitemapEntry(
            url=url,
            lastmod=parse_date(d.get("lastmod")),
            published=parse_date(d.get("news_publication_date")),
            title=d.get("news_title") or None,
        )
