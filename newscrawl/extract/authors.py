"""Authors and byline: structured data first, then the byline shown on the page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.bylines import _AGENCY, _EMAIL, split_authors
from newscrawl.extract.headline import is_site, site_keys
from newscrawl.extract.structured import PageData, _types, ld_text
from newscrawl.extract.text import AttrIndex, clean_text, elements_with_attr, node_text

_BYLINE_ATTR = re.compile(r"byline|author|autor|writer|verfasser|firma|signature|journalist", re.IGNORECASE)
_NOT_BYLINE_ATTR = re.compile(
    r"photo|image|img|caption|bio|comment|avatar|social|share|follow|more-by|related|teaser|card|footer|copyright"
    r"|(?:article|news|post|story|teaser)s?-?list|(?<![a-z])list(?![a-z])",
    re.IGNORECASE,
)
_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|de|org|net)/", re.IGNORECASE)
# an author's page: a path step, or a script of that name (author.php?id=3), or WordPress' ?author=N
_PROFILE_URL = re.compile(
    r"(?:^|/)(?:autor|author|authors|autoren|people|profile|profil|journalist|redaktion)(?:/|\.(?:php|aspx?|html?|jsp)\b)"
    r"|[?&]author=",
    re.IGNORECASE,
)


# the web agency or theme credited in an author meta ("Developed by ...", "Powered by ...")
_SITE_CREDIT = re.compile(r"\b(?:developed|designed|powered|hosted|built)\s+by\b", re.IGNORECASE)


def _clean_structured_name(name: str) -> list[str]:
    """A name from structured data: usually one person; sometimes "A and B" or "By A"."""
    name = clean_text(name)
    if not name or _URLISH.search(name) or _SITE_CREDIT.search(name) or _EMAIL.fullmatch(name):
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


_INVERTED = re.compile(r"\s*([^\W\d][\w'-]*),\s*([^\W\d][\w.'-]*(?: [^\W\d][\w.'-]*)?)\s*")


def _catalogue_order(value: str) -> str:
    """Dublin Core's "Doe, Jane" (family name first) -> "Jane Doe"."""
    m = _INVERTED.fullmatch(value)
    if not m or _AGENCY.match(m.group(1)) or _AGENCY.match(m.group(2)) or not m.group(2)[:1].isupper():
        return value
    return f"{m.group(2)} {m.group(1)}"


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n and n.casefold() not in {o.casefold() for o in out}:
            out.append(n)
    return out


_LABEL_ONLY = re.compile(r"^(?:autorin/autor|autor(?:in)?|autoren|author|authors|by|von|text)\s*:?$", re.IGNORECASE)
_CREDIT = re.compile(r"^\s*(foto|photo|bild|image|grafik|quelle|source|video)\b", re.IGNORECASE)
_BY_WORDS = (
    "By ",
    "BY ",
    "by ",
    "Von ",
    "VON ",
    "von ",
    "Par ",
    "Por ",
    "Autor:",
    "Autorin:",
    "Author:",
    "Text:",
    "Autorin/Autor",
)
_BY_TAGS = ("p", "span", "div", "li", "strong", "b", "em", "address", "small", "a")
_BY_TEXT_XPATH = (
    "//body//*[" + " or ".join(f"self::{t}" for t in _BY_TAGS) + "]"
    "[" + " or ".join(f"starts-with(concat(normalize-space(text()), ' '), '{w}')" for w in _BY_WORDS) + "]"
    "[string-length(normalize-space(.)) < 160]"
)
_BY_TEXT_CHECK = etree.XPath(_BY_TEXT_XPATH.replace("//body//*", "self::*", 1))
_BY_PREFIXES = tuple(w.rstrip() for w in _BY_WORDS)


def _by_text(tree: HtmlElement) -> list[HtmlElement]:
    """The elements ``_BY_TEXT_XPATH`` selects. Its 13 string tests on every element cost ~6 ms
    per page; a prefix test of the first text node in Python lets only a few elements reach them."""
    bodies = list(tree.iter("body"))
    if len(bodies) != 1:
        return list(tree.xpath(_BY_TEXT_XPATH))
    found = []
    for el in bodies[0].iter(_BY_TAGS):
        text = el.text
        if text is None:
            text = next((child.tail for child in el if child.tail is not None), None)
            if text is None:
                continue
        if text.lstrip().startswith(_BY_PREFIXES) and _BY_TEXT_CHECK(el):
            found.append(el)
    return found


def _in_furniture(el: HtmlElement) -> bool:
    """Inside navigation, a caption, a teaser list, comments ...; judged up to the article element,
    whose own ancestors are page layout (their class names say nothing about the byline)."""
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("article", "main", "body"):
            return False
        if tag in ("nav", "footer", "aside", "figure", "figcaption"):
            return True
        cls = f"{anc.get('class', '')} {anc.get('id', '')}"
        if _NOT_BYLINE_ATTR.search(cls) and not _BYLINE_ATTR.search(cls):
            return True
    return False


_PROFILE_XPATH = (
    "//a["
    + " or ".join(
        [
            f"contains(@href, '/{w}/')"
            for w in ("autor", "author", "authors", "autoren", "people", "profile", "profil", "journalist")
        ]
        + ["starts-with(@href, 'author.')", "contains(@href, '/author.')", "contains(@href, '?author=')"]
    )
    + "]"
)


# one walk (a union of two "//*" paths walked the page twice and sorted the result)
_MARKED = etree.XPath("/descendant::*[@rel='author' or @itemprop='author']")

_SEARCHES: dict[str, Callable[[HtmlElement, AttrIndex | None], list[HtmlElement]]] = {
    "marked": lambda tree, index: _MARKED(tree),
    "by_text": lambda tree, index: _by_text(tree),
    "by_attr": lambda tree, index: elements_with_attr(tree, _BYLINE_ATTR, _NOT_BYLINE_ATTR, index),
    "profile_links": lambda tree, index: tree.xpath(_PROFILE_XPATH),
}


def _byline_candidates(
    tree: HtmlElement, thorough: bool, index: AttrIndex | None, found: dict[str, list[HtmlElement]]
) -> Iterator[tuple[str, HtmlElement]]:
    for name in ("marked", "by_text", "by_attr", "profile_links") if thorough else ("marked", "by_attr"):
        if name not in found:
            found[name] = _SEARCHES[name](tree, index)
        for el in found[name]:
            yield name, el


def _byline_around(el: HtmlElement, marked: list[HtmlElement]) -> HtmlElement:
    """A rel=author or itemprop=author element is often one name of the byline ("By <a>A</a> and
    <a>B</a> (AFP)"): the smallest element around it that holds more of the marked names, or that
    starts with "By", and has little text besides the names (separators, an agency, a date)."""
    own = node_text(el)
    if not own or el.tag in ("link", "meta") or any(a.tag == "head" for a in el.iterancestors()):
        return el
    marked = [m for m in marked if not any(o in m.iterancestors() for o in marked)]  # outermost only
    box, inside = el, 1
    for anc in el.iterancestors():
        if anc.tag in ("article", "main", "body", "html"):
            break
        text = node_text(anc)
        names = [node_text(m) for m in marked if anc in m.iterancestors()]
        if len(text) > 200 or len(text) - sum(map(len, names)) > 25:
            break
        if len(names) > inside or (box is el and text.startswith(_BY_PREFIXES)):
            box, inside = anc, len(names)
        else:
            break
    return box


def visible_byline(
    tree: HtmlElement,
    thorough: bool = True,
    index: AttrIndex | None = None,
    found: dict[str, list[HtmlElement]] | None = None,
) -> tuple[str, list[str]] | None:
    """The byline text shown on the page and the names of its author links, if any.

    ``thorough`` adds the costlier searches (text starting with "By"/"Von", author-page links).
    ``found`` keeps each search's elements for a later call on the same page.
    """
    found = {} if found is None else found
    shown_marked: list[HtmlElement] | None = None
    for search, el in _byline_candidates(tree, thorough, index, found):
        if _in_furniture(el):
            continue
        marked: list[HtmlElement] = []
        if search == "marked":
            if shown_marked is None:
                shown_marked = [m for m in found["marked"] if not _in_furniture(m)]
            marked = shown_marked
            el = _byline_around(el, marked)
        text = node_text(el)
        if not text or len(text) > 250 or _CREDIT.match(text):
            continue
        if _LABEL_ONLY.match(text) and el.getparent() is not None:
            text = node_text(el.getparent())
            if len(text) > 150:
                continue
        links = [m for m in marked if m is el or el in m.iterancestors()]
        links += [a for a in el.iter("a") if a not in links and _PROFILE_URL.search(a.get("href") or "")]
        link_names = _dedupe([node_text(a) for a in links])
        return text, [n for n in link_names if n]
    return None


# CMS accounts that structured data names instead of the byline: the user who saved the story
_ACCOUNT = re.compile(
    r"^(?:admin|administrator|webmaster|web ?desk|online ?desk|news ?desk|newsroom|editor|editors|staff|user|guest"
    r"|author|publisher|redaktion|online-redaktion|webredaktion|redacci[oó]n|r[ée]daction|redazione)$",
    re.IGNORECASE,
)


def account_like(name: str) -> bool:
    """A CMS account name rather than a credit: "admin", "webdesk", "jdoe", "editor2", "j_doe"."""
    if _AGENCY.match(name):
        return False
    if _ACCOUNT.match(name):
        return True
    if " " in name:
        return False
    return (name == name.lower() and name != name.upper()) or any(ch.isdigit() or ch == "_" for ch in name)


_PARTICLES = frozenset(
    (
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "e",
        "y",
        "bin",
        "al",
        "ter",
        "zu",
    )
)


def _person_like(name: str) -> bool:
    """Two to four capitalised words, name particles between them ("Ana de la Cruz", "Jane Q. Doe");
    not a unit with an acronym ("ACLU Racial Justice Program") or a phrase ("Director of Policy")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if any(not w[:1].isupper() and w not in _PARTICLES for w in words):
        return False
    caps = [len(w.strip(".")) > 1 and w.isupper() for w in words]
    return all(caps) or not any(caps)


def _completes(names: list[str], shown: list[str]) -> bool:
    """The byline shown says more than ``names``: it names every one of them and more people (or
    agencies), or ``names`` is only a wire agency and the byline names the reporter."""
    have = {n.casefold() for n in names}
    more = [n for n in shown if n.casefold() not in have]
    if not more or not all(_person_like(n) or _AGENCY.match(n) for n in more):
        return False
    return have <= {n.casefold() for n in shown} or (
        all(_AGENCY.match(n) for n in names) and any(_person_like(n) for n in more)
    )


def _good_names(names: list[str]) -> bool:
    return 0 < len(names) <= 6 and all(len(n.split()) <= 4 and "@" not in n for n in names)


def _shown(
    tree: HtmlElement, thorough: bool, index: AttrIndex | None, found: dict[str, list[HtmlElement]]
) -> tuple[str | None, list[str]]:
    shown = visible_byline(tree, thorough, index, found)
    if not shown:
        return None, []
    names = split_authors(shown[0])
    linked = [n for a in shown[1] if len(a.split()) <= 4 for n in split_authors(a)[:1]]
    if len(linked) > 1 and not {n.casefold() for n in linked} <= {n.casefold() for n in names}:
        # names set apart only by their links ("<a>A</a> <a>B</a>"): the links are the names
        names = _dedupe(linked + [n for n in names if _AGENCY.match(n)])
    if not _good_names(names):
        names = [n for n in shown[1] if len(n.split()) <= 4]
        if not _good_names(names):
            return None, []
    return shown[0], names


# A desk sign-off right after the article's last paragraph: lower-case initials ("ssi, dan"), maybe
# followed by other credits after a semicolon ("ssi, dan; Foto: ...").
_SIGN_OFF = re.compile(r"^\(?([a-zäöü]{2,3}(?:\s*[,/]\s*[a-zäöü]{2,3}){0,3})\)?\s*(?:;.*)?$")
_SIGN_OFF_XPATH = (
    "//body/descendant::p[string-length(normalize-space(.)) > 150]/following-sibling::*[1]"
    "[self::p or self::span or self::small or self::em or self::i or self::div][string-length(normalize-space(.)) < 120]"
)
_NOT_INITIALS = frozenset(("und", "der", "die", "das", "mehr", "top", "neu", "von", "zum", "the", "and", "via", "end"))


def _sign_off(tree: HtmlElement) -> list[str]:
    """Initials signing off the article text, the credit German-language desks give instead of a byline."""
    for el in reversed(tree.xpath(_SIGN_OFF_XPATH)):
        m = _SIGN_OFF.match(node_text(el))
        if not m or _in_furniture(el):
            continue
        names = [n for n in re.split(r"\s*[,/]\s*", m.group(1)) if n]
        if names and not any(n in _NOT_INITIALS for n in names):
            return names
    return []


def find_authors(tree: HtmlElement, data: PageData, url: str = "") -> tuple[list[str], str | None, str]:
    """(authors, byline as shown, layer).

    Layers: JSON-LD people, microdata, meta author tags, the visible byline, then JSON-LD
    organisations. A name that is only the site's own name ("Deutsche Welle" on dw.com) gives way
    to a byline that names someone, and a CMS account ("webdesk", "admin", "jdoe") to a byline that
    names people; either is kept when nothing better is found. Wire agencies the visible byline
    credits are added.
    """
    keys = site_keys(data, url)
    searched: dict[str, list[HtmlElement]] = {}
    byline, shown_names = _shown(tree, False, data.attr_index, searched)
    site_only: tuple[list[str], str] | None = None
    accounts = False  # the structured credit held back is a CMS account

    def accept(names: list[str], layer: str) -> tuple[list[str], str | None, str] | None:
        nonlocal site_only, accounts
        names = [n for n in _dedupe(names) if "@" not in n]
        if not names:
            return None
        # structured data naming the site or a CMS account gives way to a later layer naming someone
        own = [n for n in names if is_site(n, keys) or (layer != "html" and account_like(n))]
        if len(own) == len(names):
            if site_only is None:
                site_only = (names, layer)
                accounts = not all(is_site(n, keys) for n in names)
            return None
        names = [n for n in names if n not in own]
        if layer != "html" and _completes(names, shown_names):
            # structured data credits the first name only; the byline shown names all of them
            return shown_names, byline, "html"
        for n in shown_names:
            if _AGENCY.match(n) and n.casefold() not in {x.casefold() for x in names}:
                names.append(n)
        return names, byline or ", ".join(names), layer

    people, orgs = _ld_authors(data)
    found = accept(people + [o for o in orgs if not is_site(o, keys)] if people else [], "jsonld")
    if found:
        return found
    md: list[str] = []
    for v in data.microdata.get("author", []):
        name = v.get("name") if isinstance(v, dict) else v
        if isinstance(name, str):
            md += _clean_structured_name(name)
    found = accept(md, "microdata")
    if found:
        return found
    for key in (
        "author",
        "article:author",
        "articleauthor",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "byline",
    ):
        raw = data.meta.get(key, [])
        if key == "dc.creator":
            raw = [_catalogue_order(p) for v in raw for p in v.split(";")]
        values = [n for v in raw for n in _clean_structured_name(v)]
        found = accept(values, "meta")
        if found:
            return found
    byline, shown_names = _shown(tree, True, data.attr_index, searched)
    # single words in a cased script (initials, a stray word); CJK names are written without spaces
    weak = all(len(n.split()) == 1 and n.lower() != n.upper() and not _AGENCY.match(n) for n in shown_names)
    # an account name gives way only to a byline that names people
    weak = weak or (
        accounts and not any(_person_like(n) or n.lower() == n.upper() or _AGENCY.match(n) for n in shown_names)
    )
    if not (weak and (site_only or orgs)):
        # a byline of single words is weaker evidence than the site's own credit
        found = accept(shown_names, "html")
        if found:
            return found
    found = accept(orgs, "jsonld")
    if found:
        return found
    if not orgs:
        # no organisation is credited in JSON-LD: a desk's initials under the text name the authors
        found = accept(_sign_off(tree), "html")
        if found:
            return found
    if site_only:
        names, layer = site_only
        return names, byline or ", ".join(names), layer
    return [], byline, "html"
