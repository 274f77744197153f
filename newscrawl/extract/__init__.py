"""Generic article extraction: pure functions from HTML to record fields, no engine.

``extract_article`` is the one entry point. The spider calls it for every field a site profile
does not pin down; the ``newscrawl extract`` command and the benchmark call it on saved pages.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import lxml.html
from parsel import Selector

from newscrawl.extract.bylines import split_authors
from newscrawl.extract.dates import to_iso
from newscrawl.extract.text import clean_text, join_paragraphs

__all__ = ["extract_article"]


def _first(sel: Selector, *queries: str) -> tuple[str, str] | None:
    for layer, query in queries_with_layers(queries):
        value = clean_text(sel.xpath(query).get())
        if value:
            return value, layer
    return None


def queries_with_layers(queries: Collection[str]) -> list[tuple[str, str]]:
    return [tuple(q.split(" ", 1)) for q in queries]  # type: ignore[misc]


_QUERIES: dict[str, tuple[str, ...]] = {
    "canonical_url": ("html //link[@rel='canonical']/@href", "opengraph //meta[@property='og:url']/@content"),
    "headline": ("html //h1", "opengraph //meta[@property='og:title']/@content", "html //title"),
    "description": (
        "opengraph //meta[@property='og:description']/@content",
        "meta //meta[@name='description']/@content",
    ),
    "byline": ("meta //meta[@name='author']/@content",),
    "published": (
        "meta //meta[@property='article:published_time']/@content",
        "html //time/@datetime",
    ),
    "modified": ("meta //meta[@property='article:modified_time']/@content",),
    "section": ("meta //meta[@property='article:section']/@content",),
    "language": ("html /html/@lang", "meta //meta[@http-equiv='content-language']/@content"),
    "image": ("opengraph //meta[@property='og:image']/@content",),
}


def extract_article(
    html: str | bytes | None = None,
    url: str = "",
    *,
    tree: lxml.html.HtmlElement | None = None,
    fields: Collection[str] | None = None,
) -> dict[str, Any]:
    """Record fields of the article page ``html`` fetched from ``url``.

    ``tree`` is an already parsed page (e.g. ``response.selector.root``), to parse once;
    ``fields`` limits the work to those fields. Missing fields are absent or empty.
    Returns the record's content fields plus ``provenance`` (field -> layer).
    """
    sel = Selector(root=tree) if tree is not None else Selector(text=_decode(html), base_url=url)
    wanted = set(fields) if fields is not None else None
    out: dict[str, Any] = {"url": url, "provenance": {}}
    for name, queries in _QUERIES.items():
        if wanted is not None and name not in wanted:
            continue
        found = _first(sel, *queries)
        if found:
            out[name], out["provenance"][name] = found
    if "byline" in out:
        out["authors"] = split_authors(out["byline"])
        out["provenance"]["authors"] = out["provenance"]["byline"]
    for name in ("published", "modified"):
        if name in out:
            out[f"{name}_raw"] = out[name]
            out[name] = to_iso(out[name])
    if wanted is None or "tags" in wanted:
        out["tags"] = [clean_text(t) for t in sel.xpath("//meta[@property='article:tag']/@content").getall()]
    if wanted is None or "body" in wanted:
        out["body"] = join_paragraphs(["".join(p.xpath(".//text()").getall()) for p in sel.xpath("//article//p")])
        out["provenance"]["body"] = "heuristic"
    out.setdefault("related", [])
    return out


def _decode(html: str | bytes | None) -> str:
    if html is None:
        return ""
    if isinstance(html, bytes):
        return html.decode("utf-8", errors="replace")
    return html
