"""Headline: the article's own headline, not the <title> with the site name."""

from __future__ import annotations

import functools
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.structured import PageData, ld_text
from newscrawl.extract.text import clean_text, node_text

# " | ", " - ", " :: " ...; CJK titles use a full-width colon or bar without spaces ("記事：新聞")
_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014\-:·•»«/]|::|\|\|)\s+|\s*[\uff1a\uff5c]\s*")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


@functools.lru_cache(maxsize=4096)
def loose(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def site_keys(data: PageData, url: str) -> list[str]:
    keys = []
    for name in ("og:site_name", "application-name", "twitter:site", "apple-mobile-web-app-title", "publisher"):
        v = data.meta_first(name)
        if v:
            keys.append(loose(v.lstrip("@")))
    if data.article:
        pub = data.resolve(data.article.get("publisher"))
        pub_name = ld_text(pub)
        if pub_name:
            keys.append(loose(pub_name))
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(www|m|amp|mobile)\.", "", host)
    if host:
        keys.append(host.rsplit(".", 1)[0].replace(".", " ").replace("-", " "))
        keys.append(host.split(".")[0].replace("-", " "))
    return [k for k in keys if k]


_DATE_SEGMENT = re.compile(r"^[\d\s./-]+$")
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "à": "a", "ç": "c"})


@functools.lru_cache(maxsize=4096)
def _squeezed(text: str) -> str:
    return text.translate(_TRANSLIT).replace(" ", "")


def is_site(segment: str, keys: list[str]) -> bool:
    if _DATE_SEGMENT.match(segment.strip()):
        return True
    seg = loose(segment).translate(_TRANSLIT)
    if not seg:
        return True
    squeezed = seg.replace(" ", "")
    for key in keys:
        k = _squeezed(key)
        if not k:
            continue
        if seg == key or squeezed == k or (len(k) >= 3 and (k in squeezed or squeezed in k)):
            return True
    return False


def strip_site(title: str, keys: list[str]) -> str:
    """Drop " | Site", " - Site", "Site: " parts naming the site (or its host)."""
    title = clean_text(title)
    prefix = re.match(r"^([^:]{2,40}):\s+(?=\S)", title)
    if prefix and _squeezed(loose(prefix.group(1))) in {_squeezed(k) for k in keys}:
        title = title[prefix.end() :]
    for _ in range(3):
        parts = _SEPARATORS.split(title)
        if len(parts) < 2:
            break
        seps = _SEPARATORS.findall(title)
        if is_site(parts[-1], keys):
            cut = title.rfind(seps[-1])
            title = title[:cut].strip()
            continue
        if is_site(parts[0], keys) and len(parts[0]) < len(title) / 2:
            title = title[title.find(seps[0]) + len(seps[0]) :].strip()
            continue
        break
    return title


def _usable(value: str, squeezed_keys: list[str]) -> bool:
    # truncated ("... and more…") or a fragment ("… and more") is not the headline
    return (
        bool(value)
        and len(value) < 400
        and not value.endswith(("...", "\u2026"))
        and not value.startswith(("...", "\u2026"))
        and not _site_name(value, squeezed_keys)
    )


def _site_name(value: str, squeezed_keys: list[str]) -> bool:
    """The value is the site's name (a logo h1, a home-page og:title), not a headline naming it."""
    squeezed = _squeezed(loose(value))
    return not squeezed or any(squeezed in key for key in squeezed_keys)


@dataclass(frozen=True)
class Rules:
    """The choices of the headline rule, each measured leave-one-publisher-out (benchmarks.lopo)."""

    # a wording this many sources agree on (after normalization) beats a chosen one no other
    # source repeats; 0: off
    min_support: int = 3
    # "Headline - Section" loses the segment when another source has the rest alone
    suffix_by_comparison: bool = True
    # an h1 in breadcrumbs is the SEO title, not the one shown; kicker elements inside the h1 go
    visible_h1: bool = True
    # when the structured headlines disagree, the shortest: longer variants add a kicker, SEO
    # keywords, a subtitle or the site's name
    shortest_structured: bool = True


RULES = Rules()

# the order of the candidates, and the source taken when no rule above decides
ORDER = ("jsonld", "microdata", "og:title", "twitter:title", "meta", "jsonld:name", "h1", "title")
# the page-title sources, which carry the site or section name after the headline
_TITLE_SOURCES = frozenset(("og:title", "twitter:title", "meta", "title"))
_TITLE_METAS = ("dc.title", "parsely-title", "sailthru.title", "title")
# class names of the small line above or inside a headline ("Kicker", "Dachzeile", "overline")
_KICKER_ATTR = re.compile(
    r"kicker|overline|eyebrow|roofline|dachzeile|spitzmarke|supertitle|pretitle|headline-?label|__topic|-topic",
    re.IGNORECASE,
)
_BREADCRUMB_ATTR = re.compile(r"breadcrumb", re.IGNORECASE)


def _place(el: HtmlElement) -> tuple[bool, bool]:
    """(inside article/main, inside breadcrumbs or nav), from one walk up the tree."""
    in_article = False
    for anc in el.iterancestors():
        tag = anc.tag
        if tag in ("article", "main"):
            in_article = True
        elif (
            tag == "nav"
            or anc.get("itemprop") == "itemListElement"
            or _BREADCRUMB_ATTR.search(f"{anc.get('class') or ''} {anc.get('id') or ''}")
        ):
            return in_article, True
    return in_article, False


def _h1_text(h1: HtmlElement, drop_kicker: bool) -> str:
    if drop_kicker:
        kickers = [el for el in h1.iterdescendants() if _KICKER_ATTR.search(str(el.get("class") or ""))]
        if kickers:
            copy = deepcopy(h1)
            for el in copy.iterdescendants():
                if _KICKER_ATTR.search(str(el.get("class") or "")) and el.getparent() is not None:
                    el.drop_tree()
            text = node_text(copy)
            if text:
                return text
    return node_text(h1)


def _shown_h1(tree: HtmlElement, rules: Rules, squeezed_keys: list[str]) -> str | None:
    """The first h1 in article/main, else the first h1; not a breadcrumb's, not the site's logo."""
    first = None
    for h in tree.iter("h1"):
        in_article, in_crumbs = _place(h)
        if in_crumbs and rules.visible_h1:
            continue
        if first is not None and not in_article:
            continue
        text = _h1_text(h, rules.visible_h1)
        if not text or len(text) >= 400 or (rules.visible_h1 and _site_name(text, squeezed_keys)):
            continue
        if in_article:
            return text
        first = text
    return first


def headline_candidates(
    tree: HtmlElement, data: PageData, url: str, rules: Rules | None = None
) -> list[tuple[str, str]]:
    """(source, text) of every headline the page states, site names cut, in ``ORDER``."""
    rules = rules or RULES
    keys = site_keys(data, url)
    raw: list[tuple[str, str]] = []
    if data.article:
        v = ld_text(data.article.get("headline"))
        if v:
            raw.append(("jsonld", v))
    for v in data.microdata.get("headline", []):
        if isinstance(v, str) and clean_text(v):
            raw.append(("microdata", v))
    for name in ("og:title", "twitter:title"):
        v = data.meta_first(name)
        if v:
            raw.append((name, v))
    for name in _TITLE_METAS:
        v = data.meta_first(name)
        if v:
            raw.append(("meta", v))
            break
    if data.article:
        v = ld_text(data.article.get("name"))
        if v:
            raw.append(("jsonld:name", v))
    squeezed_keys = [_squeezed(k) for k in keys]
    h1 = _shown_h1(tree, rules, squeezed_keys)
    if h1:
        raw.append(("h1", h1))
    title_el = tree.find(".//title")
    if title_el is not None and clean_text(title_el.text_content()):
        raw.append(("title", title_el.text_content()))
    # the h1 is what the page shows: only the site's own name (a logo) is not a headline
    found = [(source, text if source == "h1" else strip_site(text, keys)) for source, text in raw]
    found = [(source, text) for source, text in found if _usable(text, squeezed_keys)]
    found.sort(key=lambda c: ORDER.index(c[0]))
    if rules.suffix_by_comparison:
        found = _cut_suffixes(found)
    return found


def _cut_suffixes(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut a trailing segment of a page title (" - Section", " | Site") that other sources lack."""
    out = []
    keys = [loose(t) for _, t in found]
    for i, (source, text) in enumerate(found):
        if source not in _TITLE_SOURCES:
            out.append((source, text))
            continue
        others = {k for j, k in enumerate(keys) if j != i}
        seps = list(_SEPARATORS.finditer(text)) + list(re.finditer(r":\s+", text))
        for m in sorted(seps, key=lambda m: m.start()):
            head, rest = text[: m.start()].strip(), text[m.end() :].strip()
            # what is cut is the shorter part; the JSON-LD headline is meant to be the bare headline
            if len(rest) < len(head) and loose(head) in others:
                text = head
                break
        out.append((source, text))
    return out


def choose_headline(found: list[tuple[str, str]], rules: Rules | None = None) -> tuple[str, str] | None:
    """The headline among the candidates and its source.

    The shortest of the headlines written for the article (JSON-LD, microdata, og:title,
    twitter:title; not one cut at a length limit), else the first source in ``ORDER``; but a
    wording no other source repeats gives way to one ``min_support`` sources agree on (compared
    after normalizing case, punctuation and quotes).
    """
    rules = rules or RULES
    if not found:
        return None
    support: dict[str, set[str]] = {}
    for source, text in found:
        support.setdefault(loose(text), set()).add(source)
    best = found[0]
    structured = [c for c in found if c[0] in _HEADLINE_SOURCES and not _cut_short(c[1], found)]
    if rules.shortest_structured and structured:
        best = min(structured, key=lambda c: len(c[1]))
    if rules.min_support and len(support[loose(best[1])]) == 1:
        top_sources = max(support.values(), key=len)
        if len(top_sources) >= rules.min_support:
            best = next(c for c in found if c[0] in top_sources)
    return best[1], _LAYER.get(best[0], "html")


# the sources written as the article's headline; title metas (name="title", dc.title) often hold
# a section's or the site's title, or are cut at a fixed length
_HEADLINE_SOURCES = frozenset(("jsonld", "microdata", "og:title", "twitter:title"))


def _cut_short(text: str, found: list[tuple[str, str]]) -> bool:
    """Another candidate goes on where this one stops mid-word: a length limit cut it."""
    return any(len(t) > len(text) and t.startswith(text) and t[len(text)].isalnum() for _, t in found)


_LAYER = {
    "jsonld": "jsonld",
    "jsonld:name": "jsonld",
    "microdata": "microdata",
    "og:title": "opengraph",
    "twitter:title": "meta",
    "meta": "meta",
}


def find_headline(tree: HtmlElement, data: PageData, url: str) -> tuple[str, str] | None:
    """The headline and the layer that gave it (see ``choose_headline``)."""
    return choose_headline(headline_candidates(tree, data, url))
