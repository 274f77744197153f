"""Headline: the article's own headline, not the <title> with the site name."""

from __future__ import annotations

import re
import unicodedata
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


def is_site(segment: str, keys: list[str]) -> bool:
    if _DATE_SEGMENT.match(segment.strip()):
        return True
    seg = loose(segment).translate(_TRANSLIT)
    if not seg:
        return True
    squeezed = seg.replace(" ", "")
    for key in keys:
        k = key.translate(_TRANSLIT).replace(" ", "")
        if not k:
            continue
        if seg == key or squeezed == k or (len(k) >= 3 and (k in squeezed or squeezed in k)):
            return True
    return False


def strip_site(title: str, keys: list[str]) -> str:
    """Drop " | Site", " - Site", "Site: " parts naming the site (or its host)."""
    title = clean_text(title)
    prefix = re.match(r"^([^:]{2,40}):\s+(?=\S)", title)
    if prefix and loose(prefix.group(1)).translate(_TRANSLIT).replace(" ", "") in {
        k.translate(_TRANSLIT).replace(" ", "") for k in keys
    }:
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


def _usable(value: str, keys: list[str]) -> bool:
    # truncated ("... and more…") or a fragment ("… and more") is not the headline
    return (
        bool(value)
        and len(value) < 400
        and not value.endswith(("...", "\u2026"))
        and not value.startswith(("...", "\u2026"))
        and not is_site(value, keys)
    )


def find_headline(tree: HtmlElement, data: PageData, url: str) -> tuple[str, str] | None:
    """The headline and the layer that gave it.

    Measured on fundus-dev (129 pages): the JSON-LD headline (site name stripped) matches the
    expected headline more often than og:title or the on-page h1, which often carry a kicker or
    differ in wording; so structured data first, the h1 when the page has none.
    """
    keys = site_keys(data, url)
    structured: list[tuple[str, str]] = []
    if data.article:
        v = ld_text(data.article.get("headline"))
        if v:
            structured.append((v, "jsonld"))
    for v in data.microdata.get("headline", []):
        if isinstance(v, str) and clean_text(v):
            structured.append((clean_text(v), "microdata"))
    for name, layer in (
        ("og:title", "opengraph"),
        ("twitter:title", "meta"),
        ("dc.title", "meta"),
        ("parsely-title", "meta"),
        ("sailthru.title", "meta"),
        ("title", "meta"),
    ):
        v = data.meta_first(name)
        if v:
            structured.append((v, layer))
    if data.article:
        v = ld_text(data.article.get("name"))
        if v:
            structured.append((v, "jsonld"))
    for v, layer in structured:
        stripped = strip_site(v, keys)
        if _usable(stripped, keys):
            return stripped, layer
    h1s = [t for t in (node_text(h) for h in tree.iter("h1")) if t and len(t) < 400]
    in_article = [t for t in (node_text(h) for h in tree.xpath("//article//h1 | //main//h1")) if t]
    if in_article:
        return in_article[0], "html"
    if h1s:
        return h1s[0], "html"
    title_el = tree.find(".//title")
    page_title = clean_text(title_el.text_content()) if title_el is not None else ""
    if page_title:
        return strip_site(page_title, keys), "html"
    return None
