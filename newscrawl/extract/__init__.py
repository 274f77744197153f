"""Generic article extraction: pure functions from HTML to record fields, no engine.

``extract_article`` is the one entry point. The spider calls it for every field a site profile
does not pin down; the ``newscrawl extract`` command and the benchmark call it on saved pages.
Each field is tried layer by layer (JSON-LD, microdata, OpenGraph, meta, the HTML itself,
heuristics, libraries) and ``provenance`` records which layer answered.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

from newscrawl.extract.author_details import find_author_details
from newscrawl.extract.authors import find_authors
from newscrawl.extract.body import extract_body
from newscrawl.extract.comments import without_comments
from newscrawl.extract.dates import find_dates
from newscrawl.extract.encoding import decode_html, utf8_text
from newscrawl.extract.headline import find_headline
from newscrawl.extract.links import find_related
from newscrawl.extract.structured import PageData, ld_text, read_page_data
from newscrawl.extract.tags import shown_tags
from newscrawl.extract.text import clean_text
from newscrawl.extract.urls import normalize_url

__all__ = ["ALL_FIELDS", "HTMLParser", "extract_article", "parse_html"]

ALL_FIELDS = (
    "url",
    "canonical_url",
    "section",
    "headline",
    "description",
    "body",
    "authors",
    "byline",
    "author_details",
    "published",
    "modified",
    "language",
    "tags",
    "image",
    "related",
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# lxml.html's class lookup is a Python call for every element object lxml creates (~150,000 a
# second of a WordPress post's extraction); lxml's own default lookup, in C, gives every element
# the same HtmlElement class. Only lxml.html's form-field classes (FormElement, InputElement, ...)
# are lost, which nothing here uses: -1 ms (8%) per WordPress post in the extraction worker, the
# same records (benchmarks.page_costs).
_LOOKUP = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)


class HTMLParser(lxml.html.HTMLParser):
    """lxml.html's parser, every element an ``HtmlElement`` (looked up in C)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_element_class_lookup(_LOOKUP)


_PARSER = HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True, encoding="utf-8")


def parse_html(html: str | bytes | None) -> HtmlElement:
    """Parse a page (bytes are decoded with ``decode_html``) into an lxml tree."""
    text = utf8_text(html) if isinstance(html, bytes) else None
    if isinstance(html, bytes) and text and not _XML_DECL.match(text):
        data = html  # what encoding the text again would give, without the copy (0.3 ms)
    else:
        text = _XML_DECL.sub("", decode_html(html)) or "<html></html>"
        data = text.encode("utf-8", errors="replace")
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except Exception:  # lxml raises ParserError on documents with no elements
        return lxml.html.document_fromstring("<html><body></body></html>")


def _absolute(value: str | None, base: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    return urljoin(base, value) if base else value


def _canonical(tree: HtmlElement, data: PageData, url: str) -> tuple[str, str] | None:
    for link in tree.iterfind(".//link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return normalize_url(_absolute(link.get("href"), url) or ""), "html"
    og = data.meta_first("og:url")
    if og:
        return normalize_url(_absolute(og, url) or ""), "opengraph"
    if data.article:
        v = ld_text(data.article.get("url")) or ld_text(data.article.get("mainEntityOfPage"))
        if v and v.startswith("http"):
            return normalize_url(v), "jsonld"
    return None


def _language(tree: HtmlElement, data: PageData) -> tuple[str, str] | None:
    candidates = [(tree.get("lang") or tree.get("xml:lang"), "html")]
    if data.article:
        candidates.append((ld_text(data.article.get("inLanguage")), "jsonld"))
    candidates += [
        (data.meta_first("og:locale"), "opengraph"),
        (data.meta_first("content-language", "language", "dc.language"), "meta"),
    ]
    for value, layer in candidates:
        tag = normalize_language(value)
        if tag:
            return tag, layer
    return None


def normalize_language(value: str | None) -> str | None:
    """BCP 47 casing of a language tag: "en_us" -> "en-US", "DE" -> "de", "zh-hant-tw" -> "zh-Hant-TW"."""
    if not value:
        return None
    value = value.strip().split(",")[0].replace("_", "-")
    parts = [p for p in value.split("-") if p]
    if not parts or not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    out = [parts[0].lower()]
    for p in parts[1:]:
        if re.fullmatch(r"[A-Za-z]{2}|\d{3}", p):
            out.append(p.upper())
        elif re.fullmatch(r"[A-Za-z]{4}", p):
            out.append(p.title())
        elif re.fullmatch(r"[A-Za-z0-9]{5,8}", p):
            out.append(p.lower())
        else:
            break
    return "-".join(out)


def _section(data: PageData) -> tuple[str, str] | None:
    if data.article:
        v = ld_text(data.article.get("articleSection"))
        if v:
            return v, "jsonld"
    for v in data.microdata.get("articlesection", []):
        if isinstance(v, str) and clean_text(v):
            return clean_text(v), "microdata"
    v = data.meta_first("article:section", "section", "parsely-section", "sailthru.section", "cxenseparse:section")
    return (v, "meta") if v else None


def _description(data: PageData) -> tuple[str, str] | None:
    v = data.meta_first("og:description")
    if v:
        return v, "opengraph"
    v = data.meta_first("description", "twitter:description", "dc.description")
    if v:
        return v, "meta"
    if data.article:
        v = ld_text(data.article.get("description"))
        if v:
            return v, "jsonld"
    return None


def _split_keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for v in value for k in _split_keywords(v)]
    if isinstance(value, dict):
        return _split_keywords(value.get("name"))
    if isinstance(value, str):
        return [clean_text(k) for k in re.split(r"[,;]", value) if clean_text(k)]
    return []


def _tags(data: PageData) -> tuple[list[str], str] | None:
    layers: list[tuple[list[str], str]] = []
    if data.article and data.article.get("keywords"):
        layers.append((_split_keywords(data.article.get("keywords")), "jsonld"))
    if data.microdata.get("keywords"):
        layers.append((_split_keywords(data.microdata["keywords"]), "microdata"))
    if data.meta.get("article:tag"):
        layers.append(([clean_text(t) for t in data.meta["article:tag"] if clean_text(t)], "opengraph"))
    for name in ("news_keywords", "keywords", "parsely-tags", "sailthru.tags"):
        if data.meta.get(name):
            layers.append((_split_keywords(data.meta[name]), "meta"))
            break
    for tags, layer in layers:
        seen: list[str] = []
        for t in tags:
            if t not in seen and len(t) < 100:
                seen.append(t)
        if seen:
            return seen, layer
    return None


def _image(data: PageData, base: str) -> tuple[str, str] | None:
    v = data.meta_first("og:image", "og:image:url", "og:image:secure_url")
    if v:
        return _absolute(v, base) or v, "opengraph"
    if data.article:
        img = data.resolve(data.article.get("image"))
        if isinstance(img, list):
            img = img[0] if img else None
        if isinstance(img, dict):
            img = img.get("url") or img.get("contentUrl") or img.get("@id")
        if isinstance(img, str) and img.strip():
            return _absolute(img, base) or img, "jsonld"
    v = data.meta_first("twitter:image", "twitter:image:src")
    if v:
        return _absolute(v, base) or v, "meta"
    for v in data.microdata.get("image", []):
        if isinstance(v, str) and v.strip():
            return _absolute(v, base) or v, "microdata"
    return None


def extract_article(
    html: str | bytes | None = None,
    url: str = "",
    *,
    tree: lxml.html.HtmlElement | None = None,
    fields: Collection[str] | None = None,
) -> dict[str, Any]:
    """Record fields of the article page ``html`` fetched from ``url``.

    ``tree`` is an already parsed page (e.g. ``response.selector.root``), to parse once; it is
    never modified. Reader-comment sections are left out first (``comments.without_comments``). ``fields`` limits the work to those fields. Missing fields are absent or empty.
    Returns the record's content fields plus ``published_raw``/``modified_raw`` and ``provenance``
    (field -> layer).
    """
    if tree is None:
        tree = without_comments(parse_html(html), in_place=True)
    else:
        if hasattr(tree, "getroottree"):
            tree = tree.getroottree().getroot()
        tree = without_comments(tree)
    wanted = set(fields) if fields is not None else set(ALL_FIELDS)
    data = read_page_data(tree, url)
    out: dict[str, Any] = {"url": url}
    prov: dict[str, str] = {}

    def put(name: str, found: tuple[Any, str] | None) -> None:
        if found is not None and found[0] not in (None, "", []):
            out[name], prov[name] = found

    base = url
    base_el = tree.find(".//base")
    if base_el is not None and base_el.get("href"):
        base = urljoin(url, base_el.get("href") or "")
    if "canonical_url" in wanted:
        put("canonical_url", _canonical(tree, data, base))
    if "section" in wanted:
        put("section", _section(data))
    headline: str | None = None
    if wanted & {"headline", "body"}:
        found = find_headline(tree, data, url)
        if found:
            headline = found[0]
            if "headline" in wanted:
                put("headline", found)
    description = _description(data) if wanted & {"description", "body"} else None
    if "description" in wanted:
        put("description", description)
    authors: list[str] = []
    author_boxes: list[str] = []  # taken out before the body is cleaned: a bio is not article text
    if wanted & {"authors", "byline", "author_details", "body"}:
        authors, byline, layer = find_authors(tree, data, url)
        if "authors" in wanted:
            out["authors"] = authors
            if authors:
                prov["authors"] = layer
        if "byline" in wanted and byline:
            out["byline"], prov["byline"] = byline, layer
        if wanted & {"author_details", "body"}:
            out["author_details"], author_boxes = find_author_details(tree, data, authors, base, data.attr_index)
            if "author_details" not in wanted:
                del out["author_details"]
            elif out["author_details"]:
                prov["author_details"] = "heuristic"
    if "body" in wanted:
        article_body = data.article.get("articleBody") if data.article else None
        body = extract_body(
            tree,
            url,
            headline,
            description[0] if description else None,
            article_body if isinstance(article_body, str) else None,
            data.attr_index,
            author_boxes,
            authors,
        )
        if body:
            out["body"], prov["body"] = body, "trafilatura"
    if wanted & {"published", "modified"}:
        dates = find_dates(tree, data, url)
        for name in ("published", "modified"):
            if name in wanted and name in dates:
                iso, raw, layer = dates[name]
                out[name], out[f"{name}_raw"], prov[name] = iso, raw, layer
    if "language" in wanted:
        put("language", _language(tree, data))
    if "tags" in wanted:
        out["tags"] = []
        put("tags", _tags(data) or ((linked, "html") if (linked := shown_tags(tree)) else None))
    if "image" in wanted:
        put("image", _image(data, base))
    if "related" in wanted:
        out["related"] = find_related(tree, url, base, data.attr_index)
        if out["related"]:
            prov["related"] = "heuristic"
    out["provenance"] = prov
    return out
