"""Headline: the article's own headline, not the <title> with the site name."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.structured import PageData, ld_text
from newscrawl.extract.text import clean_text, node_text

_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014\-:·•»«/]|::|\|\|)\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def loose(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _site_keys(data: PageData, url: str) -> list[str]:
    keys = []
    for name in ("og:site_name", "application-name", "twitter:site", "apple-mobile-web-app-title", "publisher"):
        v = data.meta_first(name)
        if v:
            keys.append(loose(v.lstrip("@")))
    if data.article:
        pub = data.resolve(data.article.get("publisher"))
        name = ld_text(pub)
        if name:
            keys.append(loose(name))
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(www|m|amp|mobile)\.", "", host)
    if host:
        keys.append(host.rsplit(".", 1)[0].replace(".", " ").replace("-", " "))
        keys.append(host.split(".")[0].replace("-", " "))
    return [k for k in keys if k]


def _is_site(segment: str, keys: list[str]) -> bool:
    seg = loose(segment)
    if not seg:
        return True
    squeezed = seg.replace(" ", "")
    for key in keys:
        k = key.replace(" ", "")
        if not k:
            continue
        if seg == key or squeezed == k or (len(k) >= 3 and (k in squeezed or squeezed in k)):
            return True
    return False


def strip_site(title: str, keys: list[str]) -> str:
    """Drop " | Site", " - Site", "Site: " parts naming the site (or its host)."""
    title = clean_text(title)
    for _ in range(3):
        parts = _SEPARATORS.split(title)
        if len(parts) < 2:
            break
        seps = _SEPARATORS.findall(title)
        if _is_site(parts[-1], keys):
            cut = title.rfind(seps[-1])
            title = title[:cut].strip()
            continue
        if _is_site(parts[0], keys) and len(parts[0]) < len(title) / 2:
            title = title[title.find(seps[0]) + len(seps[0]) :].strip()
            continue
        break
    return title


def find_headline(tree: HtmlElement, data: PageData, url: str) -> tuple[str, str] | None:
    keys = _site_keys(data, url)
    structured: list[tuple[str, str]] = []
    if data.article:
        for key in ("headline", "name", "alternativeHeadline"):
            v = ld_text(data.article.get(key))
            if v:
                structured.append((v, "jsonld"))
    for v in data.microdata.get("headline", []):
        if isinstance(v, str) and clean_text(v):
            structured.append((clean_text(v), "microdata"))
    for name, layer in (("og:title", "opengraph"), ("twitter:title", "meta"), ("dc.title", "meta"),
                        ("title", "meta"), ("parsely-title", "meta"), ("sailthru.title", "meta")):
        v = data.meta_first(name)
        if v:
            structured.append((v, layer))
    title_el = tree.find(".//title")
    page_title = clean_text(title_el.text_content()) if title_el is not None else ""

    h1s = []
    for h in tree.iter("h1"):
        t = node_text(h)
        if t and len(t) < 400:
            h1s.append(t)
    h1_loose = [loose(h) for h in h1s]
    cand_loose = {loose(v) for v, _ in structured}
    cand_loose |= {loose(strip_site(v, keys)) for v, _ in structured}
    if page_title:
        cand_loose.add(loose(strip_site(page_title, keys)))
    # 1. an on-page h1 that agrees with the structured headline
    for h, hl in zip(h1s, h1_loose, strict=True):
        if hl and hl in cand_loose:
            return h, "html"
    # 2. an h1 that the structured headline or <title> starts with ("H1 | Site", "H1 - Section - Site")
    for h, hl in zip(h1s, h1_loose, strict=True):
        if len(hl) < 12:
            continue
        for c in [*cand_loose, loose(page_title)]:
            if c.startswith(hl) or c.endswith(hl):
                return h, "html"
    # 3. the structured headline, site name stripped
    for v, layer in structured:
        if layer in ("jsonld", "microdata"):
            return strip_site(v, keys), layer
    # 4. the only h1 / the first h1 inside the article
    in_article = [node_text(h) for h in tree.xpath("//article//h1 | //main//h1")]
    if len(h1s) == 1 or in_article:
        return (in_article[0] if in_article and in_article[0] else h1s[0]), "html"
    for v, layer in structured:
        return strip_site(v, keys), layer
    if h1s:
        return h1s[0], "html"
    if page_title:
        return strip_site(page_title, keys), "html"
    return None
