"""Structured data: JSON-LD, microdata, OpenGraph and meta tags, read from one parsed tree."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import orjson
from lxml.html import HtmlElement

from newscrawl.extract.text import AttrIndex, attr_index, clean_text

ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "SatiricalArticle",
        "AdvertiserContentArticle",
        "MedicalScholarlyArticle",
        "DiscussionForumPosting",
        "Posting",
    )
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    if isinstance(t, str):
        t = [t]
    if not isinstance(t, list):
        return set()
    return {str(x).rsplit("/", 1)[-1].lower() for x in t}


def is_article(node: dict[str, Any]) -> bool:
    return bool(_types(node) & ARTICLE_TYPES)


def _load_json(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    text = text.replace("<!--", "").replace("-->", "").replace("<![CDATA[", "").replace("]]>", "").strip()
    text = text.rstrip(";")
    text = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:  # several objects pasted one after the other
        decoder = json.JSONDecoder(strict=False)
        out, pos = [], 0
        while pos < len(text):
            obj, end = decoder.raw_decode(text, pos)
            out.append(obj)
            pos = end
            while pos < len(text) and text[pos] in " \t\r\n,;":
                pos += 1
        return out
    except ValueError:
        return None


def _flatten(obj: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(obj, list):
        for x in obj:
            _flatten(x, out, depth + 1)
    elif isinstance(obj, dict):
        out.append(obj)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            sub = obj.get(key)
            if isinstance(sub, (list, dict)):
                _flatten(sub, out, depth + 1)


def jsonld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members and lists flattened."""
    nodes: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            _flatten(_load_json(script.text or ""), nodes)
    return nodes


@dataclass
class PageData:
    """What the page says about itself, collected once."""

    jsonld: list[dict[str, Any]] = field(default_factory=list)
    article: dict[str, Any] | None = None
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, list[str]] = field(default_factory=dict)
    microdata: dict[str, list[Any]] = field(default_factory=dict)
    attr_index: AttrIndex | None = None

    def meta_first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                value = clean_text(value)
                if value:
                    return value
        return None

    def resolve(self, value: Any) -> Any:
        """Follow a JSON-LD {"@id": ...} reference to the node it names."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.ids:
            return self.ids[value["@id"]]
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value


def _article_score(node: dict[str, Any], url: str) -> float:
    score = 0.0
    types = _types(node)
    if types & {"newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle"}:
        score += 2
    if node.get("headline"):
        score += 2
    if node.get("articleBody"):
        score += 1
    if node.get("datePublished"):
        score += 1
    if node.get("author"):
        score += 1
    if "liveblogposting" in types:
        score -= 0.5
    node_url = node.get("url") or node.get("mainEntityOfPage")
    if isinstance(node_url, dict):
        node_url = node_url.get("@id") or node_url.get("url")
    if url and isinstance(node_url, str) and node_url.split("?")[0].rstrip("/") == url.split("?")[0].rstrip("/"):
        score += 3
    return score


def read_page_data(tree: HtmlElement, url: str = "") -> PageData:
    data = PageData()
    data.jsonld = jsonld_nodes(tree)
    for node in data.jsonld:
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 2:
            data.ids.setdefault(node_id, node)
    articles = [n for n in data.jsonld if is_article(n)]
    if articles:
        data.article = max(articles, key=lambda n: _article_score(n, url))
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content is not None:
            data.meta.setdefault(key.strip().lower(), []).append(content)
    if data.article is None:  # microdata only matters where JSON-LD has no article
        data.microdata = read_microdata(tree)
    data.attr_index = attr_index(tree)
    return data


_MD_PROPS = frozenset(
    (
        "headline",
        "name",
        "author",
        "datepublished",
        "datemodified",
        "datecreated",
        "articlesection",
        "keywords",
        "description",
        "image",
        "inlanguage",
        "articlebody",
    )
)


def read_microdata(tree: HtmlElement) -> dict[str, list[Any]]:
    """itemprop values of the page's Article items (schema.org microdata), by lower-cased property."""
    out: dict[str, list[Any]] = {}
    scopes = [
        el
        for el in tree.xpath("/descendant::*[@itemscope][@itemtype]")
        if el.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1].lower() in ARTICLE_TYPES
    ]
    for scope in scopes:
        for el in scope.xpath(".//*[@itemprop]"):
            for prop in (el.get("itemprop") or "").lower().split():
                if prop not in _MD_PROPS:
                    continue
                # skip properties of nested items other than author
                owner = el.getparent()
                while owner is not None and owner is not scope and owner.get("itemscope") is None:
                    owner = owner.getparent()
                if owner is not scope:
                    continue
                out.setdefault(prop, []).append(_md_value(el, prop))
    # dates marked up outside an article item are still the page's dates
    for prop in ("datepublished", "datemodified"):
        if prop not in out:
            for el in tree.xpath(
                f"/descendant::*[@itemprop='{prop}' or @itemprop='{prop[:4]}{prop[4:].capitalize()}']"
            )[:1]:
                out.setdefault(prop, []).append(_md_value(el, prop))
    return out


def _md_value(el: HtmlElement, prop: str) -> Any:
    if prop == "author" and el.get("itemscope") is not None:
        names = el.xpath(".//*[@itemprop='name']")
        if names:
            return {"name": _md_value(names[0], "name")}
    for attr in ("content", "datetime") if prop.startswith("date") else ("content",):
        if el.get(attr):
            return el.get(attr)
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "meta":
        return el.get("content") or ""
    if tag in ("a", "link") and prop == "image":
        return el.get("href") or ""
    if tag == "img":
        return el.get("src") or ""
    if tag == "time":
        return el.get("datetime") or clean_text(el.text_content())
    if tag == "abbr" and prop.startswith("date") and el.get("title"):
        return el.get("title")  # the abbr pattern: "10:30 AM" shown, the ISO stamp in title (Blogger)
    return clean_text(el.text_content())


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as one clean string (first of a list, "name" of a node)."""
    if isinstance(value, list):
        for v in value:
            s = ld_text(v)
            if s:
                return s
        return None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value") or value.get("url") or value.get("@id"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        s = clean_text(str(value))
        return s or None
    return None
