"""Text cleaning shared by every extractor."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from lxml import etree
from w3lib.html import replace_entities


def clean_text(text: str | None) -> str:
    """Unescape entities, NFC-normalize and collapse runs of whitespace to one space."""
    if not text:
        return ""
    if "&" in text:  # every entity starts with one; w3lib's regex pass costs as much again
        text = replace_entities(text)
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u200b", "")
    # str.split() splits on exactly what re's \s matches in a str: 2.6x cheaper than re.sub + strip
    return " ".join(text.split())


def join_paragraphs(paragraphs: list[str]) -> str:
    """Body text: cleaned, non-empty paragraphs separated by a blank line."""
    return "\n\n".join(p for p in (clean_text(p) for p in paragraphs) if p)


def word_count(text: str | None) -> int:
    return len(text.split()) if text else 0


_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "button"))
_INLINE = frozenset(
    ("a", "b", "i", "em", "strong", "span", "small", "sup", "sub", "u", "mark", "abbr", "time", "q", "font", "s")
)


def node_text(el: Any) -> str:
    """Visible text of an lxml element (scripts, styles and comments left out), cleaned."""
    parts: list[str] = []
    _collect(el, parts, tail=False)
    return clean_text("".join(parts))


def _collect(el: Any, parts: list[str], tail: bool = True) -> None:
    tag = el.tag
    if isinstance(tag, str):
        name = tag.lower()
        if name not in _SKIP_TAGS:
            block = name not in _INLINE
            if block:
                parts.append(" ")
            if el.text:
                parts.append(el.text)
            for child in el:
                _collect(child, parts)
            if block:
                parts.append(" ")
    if tail and el.tail:
        parts.append(el.tail)


AttrIndex = dict[str, list[tuple[int, Any]]]
# "/descendant::*[...]", not "//*[...]": libxml2 reads "//*" as every node's children and merges the
# sets, a third slower on a real page (the same elements, in the same order).
_WITH_ATTR = etree.XPath("/descendant::*[@class or @id]")


def attr_values(tree: Any) -> set[str]:
    """The distinct class and id values of a page."""
    return set(tree.xpath("//@class | //@id", smart_strings=False))


def attr_index(tree: Any) -> AttrIndex:
    """The page's elements by each distinct class and id value, with their document position.

    Built once per page (one XPath), it serves every class/id search (byline, related, boxes,
    captions): matching the distinct values and looking the elements up is several times faster
    than one XPath per search, and much faster than visiting every element from Python.
    """
    index: AttrIndex = {}
    get = index.get
    for n, el in enumerate(_WITH_ATTR(tree)):
        for v in (el.get("class"), el.get("id")):
            if v:
                found = get(v)
                if found is None:
                    index[v] = [(n, el)]  # not setdefault: that builds a list for every element
                else:
                    found.append((n, el))
    return index


@functools.cache
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern written in lower case, compiled case-sensitively, for lower-cased
    ASCII values: Python's re is ~5x faster without IGNORECASE, which was most of the byline,
    related-links and box searches' time. None for other patterns."""
    if not pattern.flags & re.IGNORECASE or pattern.pattern != pattern.pattern.lower():
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


@functools.cache
def _matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search`` as a test (case folded as in ``_folded``)."""
    folded = _folded(pattern)
    if folded is None:
        return lambda value: pattern.search(value) is not None
    return lambda value: (folded.search(value.lower()) if value.isascii() else pattern.search(value)) is not None


# Each search's verdict on each class/id value seen in this process. A site's pages share most of
# their values (its layout, widgets, menus), so after its first pages a search is a dict lookup
# per value instead of a regex search; bounded, and emptied when full.
_VERDICTS: dict[re.Pattern[str], dict[str, bool]] = {}
_MAX_VERDICTS = 4096  # values per search: a site repeats a few hundred per page


@functools.cache
def remembered(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search`` as a test (case folded as in ``_matcher``), each value's verdict remembered:
    for values a site repeats on every page (its links, its class names)."""
    test = _matcher(pattern)
    known = _VERDICTS.setdefault(pattern, {})

    def check(value: str) -> bool:
        hit = known.get(value)
        if hit is None:
            if len(known) >= _MAX_VERDICTS:
                known.clear()
            hit = known[value] = test(value)
        return hit

    return check


def elements_with_attr(
    tree: Any, include: re.Pattern[str], exclude: re.Pattern[str] | None = None, index: AttrIndex | None = None
) -> list[Any]:
    """Elements whose class or id matches ``include`` (and not ``exclude``), in document order."""
    if index is None:
        index = attr_index(tree)
    inc = _verdicts(include, index)
    hits = [v for v in index if inc[v]]
    if exclude is not None and hits:
        exc = _verdicts(exclude, hits)  # only for the values included: few
        hits = [v for v in hits if not exc[v]]
    found: dict[int, Any] = {}
    for value in hits:
        for n, el in index[value]:
            found[n] = el
    return [found[n] for n in sorted(found)]


def _verdicts(pattern: re.Pattern[str], values: Iterable[str]) -> dict[str, bool]:
    """``remembered``'s verdicts of ``pattern``, filled in for all of ``values`` at once: on a page of
    a site not seen before (most values new), the searches run in C-level maps rather than a Python
    call per value."""
    known = _VERDICTS.setdefault(pattern, {})
    missing = [v for v in values if v not in known]
    if not missing:
        return known
    if len(known) + len(missing) > _MAX_VERDICTS:
        known.clear()
        missing = list(dict.fromkeys(values))
    folded = _folded(pattern)
    if folded is None:
        known.update(zip(missing, map(bool, map(pattern.search, missing)), strict=True))
    else:
        ascii_values = [v for v in missing if v.isascii()]
        known.update(zip(ascii_values, map(bool, map(folded.search, map(str.lower, ascii_values))), strict=True))
        if len(ascii_values) < len(missing):
            other = [v for v in missing if not v.isascii()]
            known.update(zip(other, map(bool, map(pattern.search, other)), strict=True))
    return known


def nesting_at_end(root: Any) -> int:
    """How deep the document's last element sits (its chain of last children).

    Cheap (one step per level), and it is what a parse cut short by libxml2's depth limit leaves:
    every element on the deep path still open, last in its parent.
    """
    depth = 0
    element = root
    while element is not None and len(element):
        element = element[-1]
        depth += 1
    return depth
