"""Article or not: the verdict on a fetched page, from its URL shape, structured data (JSON-LD
@type, og:type), and its text (a headline, a body of paragraphs with few links, a date).

Tag, author, search, static (about, contact, ...), listing and paginated pages are never articles;
``Verdict.reason`` names why a page is not one (the spider counts it as
``newscrawl/skipped/<reason>``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from newscrawl.discovery.listing import is_chrome
from newscrawl.discovery.urls import page_kind
from newscrawl.extract.comments import without_comments
from newscrawl.extract.dates import dates_near, first_h1, plausible, to_iso
from newscrawl.extract.structured import ARTICLE_TYPES as STRUCTURED_ARTICLE_TYPES

# The types whose metadata the extractor reads, less those that are not news articles as pages.
ARTICLE_TYPES = STRUCTURED_ARTICLE_TYPES - {"discussionforumposting", "posting", "advertisercontentarticle"}
NON_ARTICLE_TYPES = frozenset(
    t.lower()
    for t in [
        "CollectionPage",
        "ItemList",
        "ProfilePage",
        "SearchResultsPage",
        "AboutPage",
        "ContactPage",
        "QAPage",
        "FAQPage",
        "Event",
        "Product",
        "Recipe",
        "JobPosting",
        "Course",
    ]
)
_DATE_META = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
    }
)
MIN_BODY_WORDS = 60  # a page with structured article data still needs a body
MIN_HEURISTIC_WORDS = 120  # without structured data: a longer body, a headline and a date
MAX_LINK_DENSITY = 0.35


@dataclass(frozen=True)
class Verdict:
    is_article: bool
    reason: str  # why: "structured", "heuristic", or a skip reason such as "tag_page", "no_date"


@dataclass(frozen=True)
class PageSignals:
    ld_types: frozenset[str]
    og_type: str
    headline: bool
    dated: bool
    body_words: int
    body_link_density: float


def _ld_items(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for v in value:
            yield from _ld_items(v)
    elif isinstance(value, dict):
        yield value
        yield from _ld_items(value.get("@graph"))


def _ld_types(tree: HtmlElement) -> tuple[frozenset[str], bool]:
    types: set[str] = set()
    dated = False
    for script in tree.iter("script"):
        if (script.get("type") or "").lower().strip() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            types.update(k.lower() for k in kinds if isinstance(k, str))
            if item.get("datePublished") and {str(k).lower() for k in kinds} & ARTICLE_TYPES:
                dated = True
    return frozenset(types), dated


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _in_chrome(el: HtmlElement, known: dict[HtmlElement, bool]) -> bool:
    """``el`` or one of its ancestors is page furniture (``is_chrome``), each element judged once
    per page: the paragraphs' containers share most of their ancestors."""
    chain = []
    node: HtmlElement | None = el
    while node is not None and node not in known:
        chain.append(node)
        node = node.getparent()
    inside = known[node] if node is not None else False
    for node in reversed(chain):
        inside = inside or is_chrome(node)
        known[node] = inside
    return inside


def signals(tree: HtmlElement) -> PageSignals:
    """What the page itself says about being an article."""
    ld_types, dated = _ld_types(tree)
    og_type = ""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key == "og:type":
            og_type = (meta.get("content") or "").strip().lower()
        elif key in _DATE_META and meta.get("content"):
            dated = True
    if not dated:
        dated = any(t.get("datetime") for t in tree.iter("time")) or bool(
            tree.xpath("/descendant::*[@itemprop='datePublished']")
        )
    h1 = first_h1(tree)
    headline = h1 is not None
    if not dated and h1 is not None:
        dated = any(plausible(to_iso(raw)) for raw in dates_near(h1))
    # The body: the element whose direct <p> children hold the most words, outside page furniture.
    chrome: dict[HtmlElement, bool] = {}
    per_parent: dict[HtmlElement, list[int]] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        if _in_chrome(parent, chrome):
            continue
        words = _words(p.text_content())
        link_words = sum(_words(a.text_content()) for a in p.iter("a"))
        counts = per_parent.setdefault(parent, [0, 0])
        counts[0] += words
        counts[1] += link_words
    # Text broken into paragraphs by <br> rather than <p> (Blogger's older posts, hand-built pages):
    # the lines between the breaks count as their container's paragraphs.
    for br in tree.iter("br"):
        parent = br.getparent()
        if parent is None or parent.tag == "p":
            continue
        if _in_chrome(parent, chrome):
            continue
        if parent not in per_parent:
            per_parent[parent] = [_words(parent.text), 0]
        per_parent[parent][0] += _words(br.tail)
    body_words, body_links = max(per_parent.values(), key=lambda c: c[0], default=[0, 0])
    return PageSignals(
        ld_types=ld_types,
        og_type=og_type,
        headline=headline,
        dated=dated,
        body_words=body_words,
        body_link_density=body_links / body_words if body_words else 1.0,
    )


def page_link_density(tree: HtmlElement) -> float:
    """Words in links over all words of the page's body (scripts and styles left out)."""
    body = tree.find("body")
    all_words = link_words_total = 0
    if body is not None:
        for el in body.iter("script", "style", "noscript", "template"):
            el_text = el.text or ""
            all_words -= _words(el_text)
        all_words += _words(body.text_content())
        link_words_total = sum(_words(a.text_content()) for a in body.iter("a"))
    return link_words_total / all_words if all_words > 0 else 1.0


def classify_page(tree: HtmlElement, url: str) -> Verdict:
    """Is the page at ``url`` an article? Never for tag, author, search, static, listing and
    paginated pages; else structured data with a body, or a headline, a long low-link body and a date."""
    kind = page_kind(url)
    if kind is not None:
        return Verdict(False, kind)
    tree = without_comments(tree)  # a thread's words, links and <time>s are not the page's
    s = signals(tree)
    if s.ld_types & ARTICLE_TYPES or s.og_type == "article":
        if s.body_words >= MIN_BODY_WORDS and s.body_link_density < MAX_LINK_DENSITY:
            return Verdict(True, "structured")
        # the page's link density only names the reason (0.3 ms on a WordPress post): not for articles
        return Verdict(False, "listing_page" if page_link_density(tree) >= 0.5 else "thin_page")
    if s.ld_types & NON_ARTICLE_TYPES:
        return Verdict(False, "not_article_type")
    if s.og_type and s.og_type not in ("article", "website"):
        return Verdict(False, "not_article_type")
    if s.body_words < MIN_HEURISTIC_WORDS or s.body_link_density >= MAX_LINK_DENSITY:
        return Verdict(False, "listing_page" if page_link_density(tree) >= 0.4 else "thin_page")
    if not s.headline:
        return Verdict(False, "no_headline")
    if not s.dated:
        return Verdict(False, "no_date")
    return Verdict(True, "heuristic")
