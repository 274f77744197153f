"""Authors and byline: structured data first, then the byline shown on the page."""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.bylines import split_authors
from newscrawl.extract.structured import PageData, _types, ld_text
from newscrawl.extract.text import clean_text, node_text

_BYLINE_ATTR = re.compile(r"byline|author|autor|writer|verfasser|credit|firma|signature|journalist", re.IGNORECASE)
_NOT_BYLINE_ATTR = re.compile(
    r"photo|image|img|caption|bio|comment|avatar|social|share|follow|more-by|related|teaser|card|list|footer|copyright",
    re.IGNORECASE,
)
_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|de|org|net)/", re.IGNORECASE)
_PROFILE_URL = re.compile(r"/(?:autor|author|authors|autoren|people|profile|profil|journalist|redaktion)/", re.IGNORECASE)


def _clean_structured_name(name: str) -> list[str]:
    """A name from structured data: usually one person; sometimes "A and B" or "By A"."""
    name = clean_text(name)
    if not name or _URLISH.search(name):
        return []
    split = split_authors(name)
    if split:
        return split
    # organisations like "BR24 Redaktion" fail the person-name rules: keep them as they are
    return [name] if len(name) < 80 else []


def _ld_authors(data: PageData) -> tuple[list[str], list[str]]:
    if not data.article:
        return [], []
    value = data.resolve(data.article.get("author") or data.article.get("creator"))
    if not isinstance(value, list):
        value = [value]
    people: list[str] = []
    orgs: list[str] = []
    for v in value:
        v = data.resolve(v)
        if isinstance(v, str):
            people += _clean_structured_name(v)
        elif isinstance(v, dict):
            name = ld_text(v.get("name"))
            if not name and (v.get("givenName") or v.get("familyName")):
                name = " ".join(str(x) for x in (v.get("givenName"), v.get("familyName")) if x)
            if not name:
                continue
            target = orgs if _types(v) & {"organization", "newsmediaorganization", "corporation"} else people
            target += _clean_structured_name(name)
    return _dedupe(people), _dedupe(orgs)


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n and n.casefold() not in {o.casefold() for o in out}:
            out.append(n)
    return out


def _in_furniture(el: HtmlElement) -> bool:
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("nav", "footer", "aside", "figure", "figcaption"):
            return True
        cls = f"{anc.get('class', '')} {anc.get('id', '')}"
        if _NOT_BYLINE_ATTR.search(cls) and not _BYLINE_ATTR.search(cls):
            return True
    return False


def visible_byline(tree: HtmlElement) -> tuple[str, list[str]] | None:
    """The byline text shown on the page and the names of its author links, if any."""
    candidates: list[HtmlElement] = []
    candidates += tree.xpath("//*[@rel='author']")
    candidates += tree.xpath("//*[@itemprop='author']")
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "meta", "link", "script", "style", "img"):
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('data-testid', '')}"
        if _BYLINE_ATTR.search(attrs) and not _NOT_BYLINE_ATTR.search(attrs):
            candidates.append(el)
    for el in candidates:
        if _in_furniture(el):
            continue
        text = node_text(el)
        if not text or len(text) > 250:
            continue
        link_names = [node_text(a) for a in el.iter("a") if _PROFILE_URL.search(a.get("href") or "")]
        return text, [n for n in link_names if n]
    return None


def find_authors(tree: HtmlElement, data: PageData) -> tuple[list[str], str | None, str]:
    """(authors, byline as shown, layer)."""
    people, orgs = _ld_authors(data)
    shown = visible_byline(tree)
    byline = shown[0] if shown else None
    if people:
        return people, byline or ", ".join(people), "jsonld"
    md: list[str] = []
    for v in data.microdata.get("author", []):
        name = v.get("name") if isinstance(v, dict) else v
        if isinstance(name, str):
            md += _clean_structured_name(name)
    if md:
        return _dedupe(md), byline or ", ".join(md), "microdata"
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "byline"):
        for value in data.meta.get(key, []):
            names = _clean_structured_name(value)
            if names:
                return names, byline or clean_text(value), "meta"
    if shown:
        names = split_authors(shown[0]) or _dedupe(shown[1])
        if names:
            return names, byline, "html"
    if orgs:
        return orgs, byline or ", ".join(orgs), "jsonld"
    return [], byline, "html"


