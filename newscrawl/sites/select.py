"""How a profile selector reads a page (see docs/adding-a-site.md, "Selectors")."""

from __future__ import annotations

from typing import Any

from parsel import Selector, SelectorList

from newscrawl.extract.text import clean_text

_SKIP = frozenset({"script", "style", "noscript", "template"})
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def element_text(element: Any) -> str:
    """All text under ``element`` (scripts and styles left out), a space between block elements."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        block = tag in _BLOCK
        if block:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    walk(element)
    return "".join(parts)


def query(sel: Selector, selector: str) -> SelectorList[Selector]:
    if selector.startswith("xpath:"):
        return sel.xpath(selector[6:])
    return sel.css(selector)


def select(sel: Selector, selector: str) -> list[str]:
    """Cleaned, non-empty strings the selector yields: matched strings as they are, elements as their whole text."""
    values = []
    for match in query(sel, selector):
        text = clean_text(match.root if isinstance(match.root, str) else element_text(match.root))
        if text:
            values.append(text)
    return values
