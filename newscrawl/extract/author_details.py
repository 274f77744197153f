"""Author details: profile URL, bio, job title, same-as links, image and type of each credited author.

The names come from ``find_authors``; this module only describes them, one entry per name, in the
same order. Evidence, in order: the JSON-LD author of the main article node (``@id`` references
resolved into ``@graph``), a microdata author item, byline links (``rel=author`` or an author/profile
URL whose text is the name), and a bio box (class/id "author-bio", "about-author", ...) that names
the author, near the byline or after the body.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.bylines import _AGENCY, split_authors
from newscrawl.extract.structured import PageData, _types, ld_text
from newscrawl.extract.text import AttrIndex, clean_text, elements_with_attr, node_text, remembered
from newscrawl.extract.urls import normalize_url

__all__ = ["find_author_details"]

_ORG_TYPES = frozenset(
    ("organization", "newsmediaorganization", "corporation", "governmentorganization", "ngo", "educationalorganization")
)
_PROFILE_HREF = re.compile(
    r"/(?:autor|autore|autores|author|authors|autoren|auteur|people|profile|profil|journalist|redaktion|staff"
    r"|contributors?|reporters?|team|verfasser|av)/|[/-](?:redaktion|team)/|/profile-\d",
    re.IGNORECASE,
)
_BIO_BOX = re.compile(
    r"(?:author|autor|writer|contributor|journalist)[-_]*(?:bio|box|info|desc|about|details|profile|card)"
    r"|about[-_]*(?:the[-_]*)?author|biography|(?:^|[\s_-])bio(?:$|[\s_-])",
    re.IGNORECASE,
)
# Containers an author box or byline link inside of is about someone else: teasers, related lists,
# comments, quotes, people in the text.
# Layout words ("widget", "sidebar", "list", "card") are not among them: page builders put the byline
# and the author box in such containers too (url recall on the labels 0.8938 -> 0.9558 without them).
_ELSEWHERE = re.compile(
    r"teaser|related|recommend|more-?stories|most-?read|popular|comment|carousel|quote|expert"
    r"|(?:article|news|post|story)s?-?list",
    re.IGNORECASE,
)
_ELSEWHERE_TAGS = frozenset(("blockquote", "q", "nav", "figure", "figcaption"))
_BLOCK_TAGS = (
    "p", "div", "li", "section", "article", "aside", "header", "footer", "dd", "dt", "td", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote",
)  # fmt: skip
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|door|av|written by|geschrieben von|über|about)\b\s*:?\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?)\]»\"”]$")
_LINKISH = re.compile(r"^(?:https?://|www\.)\S+$|\S+@\S+\.\w+", re.IGNORECASE)
_MIN_BIO = 25
_MAX_BIO = 1500


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _good_url(value: Any, base: str) -> str | None:
    """An author page URL, made absolute; None for a site root, a bare slug, or a non-http(s) value."""
    if not isinstance(value, str):
        return None
    value = html.unescape(value.strip())
    if not value or not value.startswith(("http://", "https://", "//", "/")):
        return None  # a bare slug ("resnik"), mailto:, javascript: ...
    url = urljoin(base, value) if base else value
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or (parts.path.strip("/") == "" and not parts.query):
        return None
    return normalize_url(url)


def _urls(value: Any, base: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for v in values:
        if isinstance(v, dict):
            v = v.get("url") or v.get("@id")
        url = _good_url(v, base)
        if url and url not in out:
            out.append(url)
    return out


def _clean_bio(value: Any) -> str | None:
    """A bio from structured data: entities decoded, tags dropped; None when too short to say anything."""
    if not isinstance(value, str):
        return None
    text = clean_text(re.sub(r"<[^>]+>", " ", html.unescape(value)))
    return text if _is_bio(text) else None


def _is_bio(text: str) -> bool:
    """Long enough to say something: a role line ("Motorsport-Magazin.com Redakteur") is not a bio."""
    return _MIN_BIO <= len(text) <= _MAX_BIO and len(text.split()) >= 4 and not _LINKISH.fullmatch(text)


def _empty(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "url": None,
        "bio": None,
        "job_title": None,
        "same_as": None,
        "image": None,
        "type": "organization" if _AGENCY.match(name) else None,
    }


def _merge(entry: dict[str, Any], found: dict[str, Any]) -> None:
    """Fill the entry's missing values from a later layer."""
    for field, value in found.items():
        if value not in (None, "", []) and entry.get(field) in (None, "", []):
            entry[field] = value


def _names_of(name: str) -> set[str]:
    keys = {_key(name)}
    keys.update(_key(n) for n in split_authors(name))
    return keys


def _several(name: str) -> bool:
    return len(split_authors(name)) > 1


def _ld_people(data: PageData, base: str) -> list[tuple[set[str], dict[str, Any]]]:
    """JSON-LD authors of the main article node: (name keys, details)."""
    if not data.article:
        return []
    value = data.resolve(data.article.get("author") or data.article.get("creator"))
    out = []
    for node in value if isinstance(value, list) else [value]:
        node = data.resolve(node)
        if not isinstance(node, dict):
            continue
        name = ld_text(node.get("name"))
        if not name and (node.get("givenName") or node.get("familyName")):
            name = " ".join(str(x) for x in (node.get("givenName"), node.get("familyName")) if x)
        if not name:
            continue
        types = _types(node)
        image = data.resolve(node.get("image"))
        if isinstance(image, list):
            image = image[0] if image else None
        if isinstance(image, dict):
            image = image.get("url") or image.get("contentUrl")
        same_as = _urls(node.get("sameAs"), "")
        url = _good_url(node.get("url"), base)
        if url is None and isinstance(node.get("@id"), str) and _PROFILE_HREF.search(node["@id"]):
            url = _good_url(node["@id"].split("#")[0], base)
        out.append(
            (
                _names_of(name),
                {
                    "url": url,
                    "bio": _clean_bio(node.get("description")),
                    "job_title": ld_text(node.get("jobTitle")),
                    "same_as": same_as or None,
                    "image": _good_url(image, base),
                    "type": "person" if "person" in types else "organization" if types & _ORG_TYPES else None,
                    "_several": _several(name),
                },
            )
        )
    return out


def _md_people(tree: HtmlElement, base: str) -> list[tuple[set[str], dict[str, Any]]]:
    """Microdata author items (``itemprop=author itemscope``)."""
    out = []
    for el in tree.xpath(
        "/descendant::*[@itemscope][contains(concat(' ', normalize-space(@itemprop), ' '), ' author ')]"
    ):
        props: dict[str, str] = {}
        for p in el.xpath(".//*[@itemprop]"):
            prop = (p.get("itemprop") or "").split()[0] if p.get("itemprop") else ""
            if prop in props:
                continue
            if p.tag in ("a", "link"):
                props[prop] = p.get("href") or ""
            elif p.tag == "img":
                props[prop] = p.get("src") or ""
            else:
                props[prop] = p.get("content") or node_text(p)
        name = clean_text(props.get("name"))
        if not name:
            continue
        itemtype = (el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].lower()
        out.append(
            (
                _names_of(name),
                {
                    "url": _good_url(props.get("url"), base),
                    "bio": _clean_bio(props.get("description")),
                    "job_title": clean_text(props.get("jobTitle")) or None,
                    "same_as": _urls(props.get("sameAs"), base) or None,
                    "image": _good_url(props.get("image"), base),
                    "type": "person" if itemtype == "person" else "organization" if itemtype in _ORG_TYPES else None,
                    "_several": _several(name),
                },
            )
        )
    return out


def _elsewhere(el: HtmlElement) -> bool:
    """Inside a teaser, related list, comment, quote or navigation: about someone else."""
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("body", "html"):
            return False
        if tag in _ELSEWHERE_TAGS:
            return True
        cls = f"{anc.get('class', '')} {anc.get('id', '')}"
        if _ELSEWHERE.search(cls) and not _BIO_BOX.search(cls):
            return True
        if tag == "main":
            return False  # the layout above the page's main part says nothing about the link
    return False


def _link_name(text: str) -> str:
    return _key(_BY_PREFIX.sub("", clean_text(text)))


_profile_href = remembered(_PROFILE_HREF)  # every link of the page, most of them on every page of the site


def _byline_links(tree: HtmlElement, base: str) -> dict[str, str]:
    """Name -> profile URL, from links marked rel=author or pointing at an author page, whose text is a name."""
    found: dict[str, str] = {}
    for a in tree.iter("a"):
        href = a.get("href")
        if not href:
            continue
        rel = (a.get("rel") or "").lower().split()
        if "author" not in rel and not _profile_href(href):
            continue
        text = node_text(a)
        if not text or len(text) > 80:
            continue
        url = _good_url(href, base)
        if url is None or _elsewhere(a):
            continue
        found.setdefault(_link_name(text), url)
    return found


def _inline_text(el: HtmlElement) -> tuple[str, int]:
    """The element's own text, without its block-level children; and the length of its links' text."""
    parts: list[str] = [el.text or ""]
    links = 0
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in _BLOCK_TAGS:
            text = node_text(child)
            parts.append(f" {text} " if tag not in ("a", "span", "b", "strong", "em", "i") else text)
            if tag == "a" or child.find(".//a") is not None:
                links += len(text)
        parts.append(child.tail or "")
    return clean_text("".join(parts)), links


def _strip_link_labels(el: HtmlElement, text: str) -> str:
    """Drop trailing link labels ("Mehr Infos", "@handle") after the last sentence."""
    for a in reversed(list(el.iterchildren("a"))):
        label = node_text(a)
        rest = text[: -len(label)].rstrip() if label and text.endswith(label) else None
        if rest is None or len(label) > 40 or not _SENTENCE_END.search(rest):
            break
        text = rest
    return text


def _box_bio(box: HtmlElement, name: str) -> str | None:
    """The descriptive text of an author box: not the name, headings, link lists, role lines or labels."""
    key = _key(name)
    parts: list[str] = []
    for el in box.iter(_BLOCK_TAGS):
        if el.tag in _HEADINGS:
            continue
        text, links = _inline_text(el)
        if not text or links >= 0.7 * len(text):  # a list of links (the author's latest posts)
            continue
        text = _ABOUT.sub("", _strip_link_labels(el, text))
        if _key(text[: len(name)]) == key and len(text) - len(name) >= _MIN_BIO and not text[len(name)].isspace():
            text = text[len(name) :].lstrip(" ,:-–")  # the name glued to the bio ("Jane DoeCorrespondent ...")
        k = _link_name(text)
        if k == key or (k.startswith(key) and len(text) - len(name) < _MIN_BIO):
            continue  # the name, maybe with a short role after it
        if len(text) < _MIN_BIO or _LINKISH.fullmatch(text):
            continue
        if text not in parts:
            parts.append(text)
    bio = " ".join(parts)
    return bio if _is_bio(bio) else None


# A box headed "About the author" is about the author even when it does not repeat the name.
_ABOUT = re.compile(
    r"^(?:about the author|über den autor(?:in)?|zum autor|zur autorin|sobre el autor|sobre la autora"
    r"|à propos de l'auteur|a proposito dell'autore|om skribenten)\s*:?\s*",
    re.IGNORECASE,
)


def _bio_boxes(tree: HtmlElement, index: AttrIndex | None) -> list[HtmlElement]:
    return [
        el
        for el in elements_with_attr(tree, _BIO_BOX, index=index)
        if el.tag not in ("body", "html", "main", "article", "a", "img") and not _elsewhere(el)
    ]


def _names_in(text: str, names: list[str]) -> list[str]:
    low = _key(text)
    return [n for n in names if _key(n) in low]


def _names_author(box: HtmlElement, entry: dict[str, Any], authors: list[str], base: str) -> bool:
    """The box, or the container around it (the bio often sits beside the name), names this author
    and no other credited one, by name or by a link to the author's page."""
    if len(authors) == 1 and _ABOUT.match(node_text(box)):
        # unless it links someone else's author page
        pages = {_good_url(a.get("href"), base) for a in box.iter("a") if _PROFILE_HREF.search(a.get("href") or "")}
        return not pages - {entry["url"]}
    el: HtmlElement | None = box
    for _ in range(3):
        if el is None or el.tag in ("body", "main", "article"):
            return False
        text = node_text(el)
        if len(text) > 3000:
            return False
        named = _names_in(text, authors)
        if named:
            return named == [entry["name"]]
        if entry["url"] is not None and any(_good_url(a.get("href"), base) == entry["url"] for a in el.iter("a")):
            return True
        el = el.getparent()
    return False


def find_author_details(
    tree: HtmlElement, data: PageData, authors: list[str], base: str = "", index: AttrIndex | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """One details entry per name of ``authors`` (same order), and the bios the page shows (to keep
    out of the body). Missing values are None."""
    if not authors:
        return [], []
    entries = [_empty(n) for n in authors]
    for people in (_ld_people(data, base), _md_people(tree, base) if not data.article else []):
        for entry in entries:
            key = _key(entry["name"])
            for keys, found in people:
                if key in keys:
                    if found["_several"]:
                        found = {"type": found["type"]}  # one node naming several people: its url is no one's
                    _merge(entry, {k: v for k, v in found.items() if k != "_several"})
                    break
    links = _byline_links(tree, base)
    for entry in entries:
        if entry["url"] is None:
            entry["url"] = links.get(_key(entry["name"]))
    shown: list[str] = []
    boxes = _bio_boxes(tree, index)
    for entry in entries:
        bios = [
            bio for box in boxes if _names_author(box, entry, authors, base) and (bio := _box_bio(box, entry["name"]))
        ]
        shown += bios  # kept out of the body even where structured data gave the bio
        if bios and entry["bio"] is None:
            # a teaser of the bio by the byline, the whole bio after the body: the longest says most
            entry["bio"] = max(bios, key=len)
    return entries, shown


def align_details(authors: list[str], details: Iterable[Any] | None) -> list[dict[str, Any]]:
    """``details`` reordered to match ``authors`` one to one; a name without details gets an empty entry."""
    by_name = {_key(d["name"]): d for d in details or [] if isinstance(d, dict) and d.get("name")}
    return [by_name.get(_key(name)) or _empty(name) for name in authors]
