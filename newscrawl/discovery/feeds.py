"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: entries with their dates, and feed autodiscovery.

A small lxml reader rather than a feed library: we need each entry's link and date only, and the
parser must never expand entities or touch the network (``resolve_entities=False``,
``no_network=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.etree
from lxml.html import HtmlElement

from newscrawl.discovery.dates import parse_date

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"})
COMMON_FEED_PATHS = ("/feed/", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/rss/")
MAX_ENTRIES = 10_000
_WORDPRESS_NAMESPACES = frozenset({"http://wellformedweb.org/CommentAPI/", "http://purl.org/rss/1.0/modules/slash/"})
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "huge_tree": False}


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: datetime | None = None
    title: str | None = None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _child(el: lxml.etree._Element, *names: str) -> lxml.etree._Element | None:
    for child in el:
        if _local(child.tag) in names:
            return child
    return None


def _text(el: lxml.etree._Element | None) -> str | None:
    if el is None or not el.text:
        return None
    return el.text.strip() or None


def parse_feed(body: bytes, base_url: str = "", max_entries: int = MAX_ENTRIES) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed (newest first, as the feed lists them); [] when not a feed."""
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(**_PARSER_OPTIONS))
    except (lxml.etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        items = [el for el in channel if _local(el.tag) == "item"] if channel is not None else []
    elif kind == "rdf":
        items = [el for el in root if _local(el.tag) == "item"]
    elif kind == "feed":
        items = [el for el in root if _local(el.tag) == "entry"]
    else:
        return []
    entries: list[FeedEntry] = []
    for item in items[:max_entries]:
        url = _atom_link(item) if kind == "feed" else _rss_link(item)
        if not url:
            continue
        if kind == "feed":
            date = _text(_child(item, "published")) or _text(_child(item, "updated"))
        else:
            date = _text(_child(item, "pubdate")) or _text(_child(item, "date"))  # dc:date
        entries.append(FeedEntry(urljoin(base_url, url), parse_date(date), _text(_child(item, "title"))))
    return entries


def next_page(body: bytes, url: str) -> str | None:
    """The feed's next page: an RFC 5005 ``<link rel="next">`` (Atom's own, or ``atom:link`` in an RSS
    channel); else, for a WordPress feed (its ``<generator>``), ``?paged=N+1``: WordPress pages
    every feed that way and announces none of it."""
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(**_PARSER_OPTIONS))
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    head = _child(root, "channel") if _local(root.tag) == "rss" else root
    if head is None:
        return None
    generator = ""
    for child in head:
        name = _local(child.tag)
        if name == "link" and "next" in (child.get("rel") or "").lower().split() and child.get("href"):
            return urljoin(url, str(child.get("href")).strip())
        if name == "generator":
            generator = f"{child.text or ''} {child.get('uri') or ''}".lower()
    # Sites that hide the generator still declare the namespaces WordPress' RSS template does.
    wordpress = "wordpress.org" in generator or set(root.nsmap.values()) >= _WORDPRESS_NAMESPACES
    parts = urlsplit(url)
    if not wordpress or "comments" in parts.path.lower().split("/"):
        return None  # a comments feed lists comments on posts the posts feed has
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "paged"]
    current = next((v for k, v in parse_qsl(parts.query) if k == "paged" and v.isdigit()), "1")
    query.append(("paged", str(int(current) + 1)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _rss_link(item: lxml.etree._Element) -> str | None:
    link = _text(_child(item, "link"))
    if link:
        return link
    guid = _child(item, "guid")
    if guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
        return _text(guid)
    return None


def _atom_link(entry: lxml.etree._Element) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = (child.get("rel") or "alternate").lower()
        if rel == "alternate" and (child.get("type") or "text/html").lower() in ("text/html", "application/xhtml+xml"):
            return str(child.get("href")).strip()
        if rel == "alternate":
            fallback = fallback or str(child.get("href")).strip()
    return fallback


def feed_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Feeds a page announces (``<link rel="alternate" type="application/rss+xml" href=...>``),
    absolute, in page order; comment feeds last."""
    found: list[str] = []
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base_url, href)
            if url not in found:
                found.append(url)
    return sorted(found, key=lambda u: "comment" in u.lower())
