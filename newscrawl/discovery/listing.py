"""Listing pages without a profile: the article links of the main content (with the date shown
next to each, when there is one), the next page of the same listing, and the site's sections.

Targeted lxml walks over anchors, not Scrapy's LinkExtractor (~12 ms a page): a listing is read
in well under a millisecond or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.discovery.dates import parse_date
from newscrawl.discovery.urls import (
    canonical_guess,
    in_listing,
    is_asset,
    listing_scope,
    looks_like_article,
    on_site,
    page_kind,
    page_number,
)

# Containers whose links are site furniture, not the listing: by tag, ARIA role, or class/id token.
_CHROME_TAGS = frozenset({"nav", "aside"})
_PAGE_CHROME_TAGS = frozenset({"header", "footer"})  # only page-level ones: cards have headers too
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})
_CHROME_TOKENS = frozenset(
    [
        "sidebar",
        "widget",
        "widgets",
        "menu",
        "navbar",
        "navigation",
        "breadcrumb",
        "breadcrumbs",
        "masthead",
        "colophon",
        "related",
        "popular",
        "trending",
        "mostread",
        "most-read",
        "share",
        "sharing",
        "social",
        "comments",
        "comment",
        "newsletter",
        "promo",
        "advert",
        "ads",
        "ad",
        "sponsored",
        "footer",
    ]
)
_LAYOUT_TOKENS = frozenset({"widget", "widgets"})
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
# Class words that name what an item is filed under (WordPress post_class(): ``tag-social-care``,
# ``category-promo``, ``format-aside``), not what the element is: their words are not furniture.
_TERM_CLASS = re.compile(r"^(?:tag|category|format|status|type)-", re.IGNORECASE)
_CONTENT_TAGS = frozenset({"article", "main", "section"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_NEXT_TEXT = re.compile(
    r"^\W*(?:go to (?:the )?)?(next|older|more|load more|show more|see more|view more|more stories|more articles|"
    r"older posts|older entries|older articles|earlier|next page|weiter|nächste|suivant|siguiente|successivo|volgende)\b"
    r"|^\s*[›»→>]{1,3}\s*$",
    re.IGNORECASE,
)
# A numbered pager: the current page's mark (WordPress ``span.current``, Drupal ``li.is-active`` or
# ``aria-current``) and the links labelled with page numbers ("3", "Page 3", "Go to page 3").
_CURRENT_TOKENS = frozenset({"current", "active", "is-active", "selected"})
_CURRENT_LABEL = re.compile(r"^(?:current page|page)?\s*(\d{1,4})$", re.IGNORECASE)
_PAGE_LABEL = re.compile(r"^(?:go to )?(?:page\s*)?(\d{1,4})$", re.IGNORECASE)
_NOT_NEXT_TEXT = re.compile(r"\b(newer|previous|prev|back|first|last|reading|read more)\b", re.IGNORECASE)
_HREF_ATTRS = ("href", "data-href", "data-url", "data-next", "data-next-url", "data-load-more")


@dataclass(frozen=True)
class Link:
    url: str  # canonical_guess form: normalized, AMP variant collapsed
    date: datetime | None = None  # the date the listing shows next to the link


def _tokens(el: HtmlElement) -> set[str]:
    out: set[str] = set()
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            words = [v for v in value.split() if not _TERM_CLASS.match(v)]
            out.update(t.lower() for w in words for t in _TOKEN_SPLIT.split(w) if t)
            out.update(w.lower() for w in words)
    return out


# The marks of a page's own posts (hAtom's ``hfeed``/``hentry``, schema.org microdata, the text's
# usual classes): a "widget" holding one is the page's content, not furniture.
_MAIN_TEXT = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ') or contains(concat(' ', "
    "normalize-space(@class), ' '), ' hfeed ') or contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')"
    " or contains(concat(' ', normalize-space(@itemprop), ' '), ' articleBody ') or @itemprop='blogPost']"
)


def is_chrome(el: HtmlElement) -> bool:
    """True for navigation, sidebars, page headers/footers and similar furniture."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _CHROME_TAGS:
        return True
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag in _PAGE_CHROME_TAGS:
        return not any(a.tag in _CONTENT_TAGS for a in el.iterancestors())
    furniture = _tokens(el) & _CHROME_TOKENS
    if furniture and furniture <= _LAYOUT_TOKENS:
        # Blogger's layout makes every block a widget, the posts too (div.widget.Blog); so do page
        # builders (Elementor's post-content widget)
        return not el.xpath(_MAIN_TEXT)
    # A furniture word in the class of the box that holds the headline names the kind of post, not
    # furniture: a newsletter platform's post is ``article.newsletter-post``.
    return bool(furniture) and el.find(".//h1") is None


def _in_chrome(el: HtmlElement, cache: dict[HtmlElement, bool]) -> bool:
    chain: list[HtmlElement] = []
    node: HtmlElement | None = el
    verdict = False
    while node is not None:
        if node in cache:
            verdict = cache[node]
            break
        chain.append(node)
        if is_chrome(node) or _is_rail(node):
            verdict = True
            break
        node = node.getparent()
    for n in chain:
        cache[n] = verdict
    return verdict


# The label of a box of site-wide story links: most read, latest, trending (in the languages news
# sites most often use); a sidebar in a table layout says what it is only by this label.
_RAIL_LABEL = re.compile(
    r"^(?:most (?:read|popular|viewed|shared|commented)|(?:the )?latest(?: (?:news|posts|stories|articles|headlines))?"
    r"|recent (?:posts|news|articles|stories)|popular(?: (?:posts|news|stories|now))?|trending(?: now)?|newest|"
    r"meistgelesen|meist gelesen|neueste(?: artikel| nachrichten)?|les plus lus|dernières (?:nouvelles|infos)"
    r"|más leídas|más vistas|últimas noticias|ultime notizie|più lette|najczęściej czytane|самое читаемое)$",
    re.IGNORECASE,
)
_RAIL_LINKS = 12  # a box with more links than this is a river of stories, whatever its label


def _is_rail(el: HtmlElement) -> bool:
    """A box whose first element is a "Most read" / "Latest news" label, over a few links."""
    first = next(iter(el), None)
    if first is None or not isinstance(first.tag, str) or first.tag == "a":
        return False
    label = " ".join(first.text_content().split()).rstrip(":")
    if not label or len(label) > 40 or not _RAIL_LABEL.match(label):
        return False
    return sum(1 for _ in el.iter("a")) <= _RAIL_LINKS


def _anchors(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            yield a, href


def _card_date(a: HtmlElement) -> datetime | None:
    """The date shown in the smallest container around ``a`` that holds one <time> and no other story."""
    node = a
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            return None
        node = parent
        times = node.findall(".//time")
        if times:
            stories = {h.split("#")[0] for x in node.iter("a") if looks_like_article(h := x.get("href") or "")}
            if len(times) > 1 or len(stories) > 1:
                return None
            return parse_date(times[0].get("datetime"))
    return None


@lru_cache(maxsize=16384)
def _target(base: str, href: str) -> tuple[str, bool]:
    """The scheduled form of link ``href`` on a page at ``base``, and whether it is article-shaped.
    Cached: most of a listing's links (navigation, sidebar widgets, tag cloud, footer) recur on
    every page of the site, and resolving one costs ~20 µs (urljoin, normalize_url, the shape)."""
    url = canonical_guess(urljoin(base, href))
    return url, looks_like_article(url)


def _is_title_link(a: HtmlElement) -> bool:
    """A card's headline link: ``rel=bookmark`` (a permalink), inside a heading, or wrapping one."""
    if "bookmark" in (a.get("rel") or "").lower().split():
        return True
    node = a.getparent()
    for _ in range(3):
        if node is None:
            return False
        if node.tag in _HEADINGS:
            return True
        node = node.getparent()
    return any(el.tag in _HEADINGS for el in a.iterdescendants())


def article_links(tree: HtmlElement, page_url: str, domains: Iterable[str], fallback: bool = True) -> list[Link]:
    """Article links of the page's main content (not nav, sidebars, page header or footer), on the
    site, in page order, without repeats: article-shaped URLs, and the headline links of cards
    whatever their URL's shape (``/world/eastmere-harbour``), unless it names another kind of page
    or this listing. With ``fallback``, the whole page's article-shaped links when the main content
    has none (a later page of a listing has no such excuse: an empty one is its end)."""
    domains = list(domains)
    cache: dict[HtmlElement, bool] = {}
    here = canonical_guess(page_url)
    scope = listing_scope(page_url)
    main: list[Link] = []
    other: list[Link] = []
    # A story's link in furniture does not hide its link in the main content: a card's title link
    # may carry a furniture word (a newsletter platform's ``a.post-preview-title.newsletter``).
    seen: set[str] = set()
    seen_in_chrome: set[str] = set()
    origin = urljoin(page_url, "/")
    for a, href in _anchors(tree):
        # a link's target depends on the page's origin only, unless the link is relative to the page's path
        base = origin if href.startswith(("/", "http:", "https:")) else page_url
        url, shaped = _target(base, href)
        if url in seen or url == here or not on_site(url, domains):
            continue
        if not shaped and not _is_title_link(a):
            continue
        chrome = _in_chrome(a, cache)
        if not shaped and (chrome or page_kind(url) is not None or is_asset(url) or listing_scope(url) == scope):
            continue
        if chrome:
            if url not in seen_in_chrome:
                seen_in_chrome.add(url)
                other.append(Link(url, _card_date(a)))
            continue
        seen.add(url)
        main.append(Link(url, _card_date(a)))
    return main or (other if fallback else [])


def next_page(tree: HtmlElement, page_url: str, scope: str | None = None) -> str | None:
    """The next page of the listing ``page_url`` belongs to: ``rel=next``, a next/older/more link or
    button, or the link to page N+1; only within the same listing (``listing_scope``)."""
    scope = listing_scope(page_url) if scope is None else scope
    here = canonical_guess(page_url)

    def usable(href: str | None) -> str | None:
        if not href or href.startswith(("#", "javascript:")):
            return None
        url = urljoin(page_url, href.strip())
        if urlsplit(url).scheme not in ("http", "https") or canonical_guess(url) == here:
            return None
        if urlsplit(url).netloc.lower() != urlsplit(page_url).netloc.lower() or not in_listing(url, scope):
            return None
        return url

    for link in tree.iterfind(".//link"):
        if "next" in (link.get("rel") or "").lower().split() and (url := usable(link.get("href"))):
            return url
    clickable = [el for el in tree.iter("a", "button") if any(el.get(attr) for attr in _HREF_ATTRS)]
    for el in clickable:
        if "next" in (el.get("rel") or "").lower().split() and (url := usable(_href(el))):
            return url
    for el in clickable:
        label = _label(el)
        parent = el.getparent()
        tokens = _tokens(el) | (_tokens(parent) if parent is not None and parent.tag == "li" else set())
        wanted = (_NEXT_TEXT.search(label) and not _NOT_NEXT_TEXT.search(label)) or tokens & {
            "next",
            "older",
            "load-more",
        }
        if wanted and (url := usable(_href(el))) is not None:
            return url
    # A pager of numbers only: the link labelled one more than the current page. Labels count from 1
    # wherever the URLs count from (Drupal's ?page=N counts from 0).
    shown = _current_label(tree) or (1 if page_number(page_url) is None else None)
    if shown is not None:
        for el in clickable:
            m = _PAGE_LABEL.match(_label(el))
            if m and int(m.group(1)) == shown + 1 and (url := usable(_href(el))) is not None:
                return url
    current = page_number(page_url) or 1
    for el in clickable:
        url = usable(_href(el))
        if url is not None and page_number(url) == current + 1:
            return url
    return None


def script_pager(tree: HtmlElement) -> bool:
    """The page has a "Load more" / "Next" control that names no URL (a ``<button>``, ``href="#"`` or
    ``javascript:``): its further pages exist only for the page's script, which calls an API this crawler
    does not guess. Call when ``next_page`` found nothing. Menus' "More" buttons do not count."""
    cache: dict[HtmlElement, bool] = {}
    for el in tree.iter("a", "button"):
        if _href(el) is not None or _in_chrome(el, cache):
            continue
        label = _label(el)
        if len(label) <= 30 and _NEXT_TEXT.search(label) and not _NOT_NEXT_TEXT.search(label):
            return True
    return False


def _label(el: HtmlElement) -> str:
    return " ".join(el.text_content().split()) or el.get("aria-label") or el.get("title") or ""


def _current_label(tree: HtmlElement) -> int | None:
    """The number of the page a numbered pager marks as the current one, or None."""
    for el in tree.iter("a", "span", "li", "strong", "em", "b"):
        if (el.get("aria-current") or "").lower() == "page" or _tokens(el) & _CURRENT_TOKENS:
            m = _CURRENT_LABEL.match(_label(el))
            if m:
                return int(m.group(1))
    return None


def _href(el: HtmlElement) -> str | None:
    for attr in _HREF_ATTRS:
        value = el.get(attr)
        if value and value.strip() and not value.strip().startswith(("#", "javascript:")):
            return value
    return None


_MENU_TOKENS = frozenset({"menu", "menubar", "nav", "navbar", "navigation", "mainnav", "topnav", "mainmenu", "topmenu"})
_MENU_ROLES = frozenset({"navigation", "menu", "menubar"})


def _is_menu(el: HtmlElement) -> bool:
    """A menu outside ``<nav>`` (table layouts, ``div.menu``, ``ul#main-menu``, ``role=navigation``)."""
    return (el.get("role") or "").lower() in _MENU_ROLES or bool(_tokens(el) & _MENU_TOKENS)


def section_links(tree: HtmlElement, page_url: str, domains: Iterable[str]) -> list[str]:
    """Section listings the site's navigation (``<nav>``, a page header, a menu) links to: same-site, not article-shaped, not a tag,
    author, search, static or paginated page, not the home page. Navigation inside the page footer
    is left out: it links the site's service pages (corrections policy, ...), not its sections."""
    site = tuple(domains)
    origin = urljoin(page_url, "/")
    found: list[str] = []
    for container in tree.iter("nav", "header", "div", "ul", "td", "p"):
        if container.tag == "header":
            if not is_chrome(container):
                continue
        elif container.tag != "nav" and not _is_menu(container):
            continue
        if any(_is_page_footer(el) for el in (container, *container.iterancestors())):
            continue
        for _a, href in _anchors(container):
            url = _section_target(origin if href.startswith(("/", "http:", "https:")) else page_url, href, site)
            if url is not None and url not in found:
                found.append(url)
    return found


@lru_cache(maxsize=4096)
def _section_target(base: str, href: str, domains: tuple[str, ...]) -> str | None:
    """The section listing a navigation link ``href`` names, or None (cached: every page has the same navigation)."""
    url, article_shaped = _target(base, href)
    path = urlsplit(url).path
    if article_shaped or not on_site(url, domains) or listing_scope(url) == "" or is_asset(url):
        return None
    if page_kind(url) not in (None, "listing_page") or len([s for s in path.split("/") if s]) > 3:
        return None
    return url


def _is_page_footer(el: HtmlElement) -> bool:
    if (el.get("role") or "").lower() == "contentinfo":
        return True
    return el.tag == "footer" and not any(a.tag in _CONTENT_TAGS for a in el.iterancestors())
