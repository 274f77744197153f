"""Related links: the page's related-articles block(s), not navigation, footer, tag clouds or in-body links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.text import AttrIndex, clean_text, elements_with_attr, node_text
from newscrawl.extract.urls import normalize_url

_RELATED_ATTR = re.compile(
    r"related|read-?more|more-?stories|more-?articles|recommend|empfehlung|weitere|also-?read|further-?reading"
    r"|mehr-?zum|auch-?interessant|teaser-?list|similar|you-?may|outbrain-no|lire-?aussi|relacionad|correlat",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(?:related|read (?:also|more|next)|more (?:on this|stories|from|about|news)|you (?:may|might) (?:also )?like"
    r"|recommended|further reading|see also|lesen sie auch|auch interessant|mehr zum thema|mehr aus|weitere artikel"
    r"|das könnte sie auch interessieren|empfehlungen|zum thema|à lire aussi|lire aussi|sur le même sujet"
    r"|noticias relacionadas|te puede interesar|leggi anche|relaterte|relaterade|gerelateerd)",
    re.IGNORECASE,
)
_EXCLUDE_ANCESTOR = re.compile(r"nav|footer|menu|breadcrumb|tag|comment|header|social|share|cookie", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _excluded(el: HtmlElement) -> bool:
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("nav", "footer", "header"):
            return True
        attrs = f"{anc.get('class', '')} {anc.get('id', '')} {anc.get('role', '')}"
        if _EXCLUDE_ANCESTOR.search(attrs) and not _RELATED_ATTR.search(attrs):
            return True
    return False


def _containers(tree: HtmlElement, index: AttrIndex | None) -> list[HtmlElement]:
    found: list[HtmlElement] = []
    for el in elements_with_attr(tree, _RELATED_ATTR, index=index):
        if el.tag in ("aside", "section", "div", "ul", "ol", "nav") and el.find(".//a") is not None:
            found.append(el)
    for h in tree.iter(*_HEADINGS):
        if _RELATED_HEADING.match(clean_text(h.text_content())[:60]):
            parent = h.getparent()
            for _ in range(3):
                if parent is None:
                    break
                if len(parent.xpath(".//a[@href]")) >= 2:
                    found.append(parent)
                    break
                parent = parent.getparent()
    # keep outermost containers only
    outer: list[HtmlElement] = []
    for el in found:
        if any(el is o or o in el.iterancestors() for o in outer):
            continue
        outer = [o for o in outer if el not in o.iterancestors()]
        outer.append(el)
    return [el for el in outer if not _excluded(el)]


def find_related(
    tree: HtmlElement, url: str, base: str | None = None, index: AttrIndex | None = None
) -> list[dict[str, Any]]:
    base = base or url
    page = normalize_url(url) if url else ""
    host = urlsplit(url).hostname or ""
    out: list[dict[str, Any]] = []
    seen = {page}
    for box in _containers(tree, index):
        for a in box.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            absolute = urljoin(base, href)
            if not absolute.startswith(("http://", "https://")):
                continue
            key = normalize_url(absolute)
            if key in seen:
                continue
            heading = a.xpath(".//h2|.//h3|.//h4|.//h5")
            title = node_text(heading[0]) if heading else node_text(a)
            if len(title) < 12 or len(title.split()) < 3:
                continue
            link_host = urlsplit(absolute).hostname or ""
            if host and link_host and not (link_host.endswith(host.split(".", 1)[-1])):
                continue
            teaser = None
            item = a
            for _ in range(3):
                parent = item.getparent()
                if parent is None or parent is box or len(parent.xpath(".//a[@href]")) > 1:
                    break
                item = parent
            for p in item.iter("p"):
                t = node_text(p)
                if t and t != title and len(t) > 20:
                    teaser = t
                    break
            seen.add(key)
            out.append({"url": absolute, "title": title, "teaser": teaser})
            if len(out) >= 40:
                return out
    return out
