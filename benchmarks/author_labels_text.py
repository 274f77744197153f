"""Recover the hand-labelled author bios of ``author_labels.json`` from the pages themselves.

The labels hold no page text: each bio is a short opening span, its length in characters and the SHA-256 of
the normalized text. ``page_haystack`` is the text the labels were made on: the visible text of
the page's body, then each JSON-LD author ``description``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.structured import read_page_data
from newscrawl.extract.text import node_text


def normalize(text: str) -> str:
    return " ".join(text.split())


def digest(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def page_haystack(tree: HtmlElement, url: str) -> str:
    """The page's visible body text (``node_text``: block elements spaced, scripts and styles left
    out), then its JSON-LD author descriptions."""
    body = tree.find("body")
    parts = [node_text(body)] if body is not None else []
    data = read_page_data(tree, url)
    authors: Any = data.resolve(data.article.get("author")) if data.article else None
    for a in authors if isinstance(authors, list) else [authors]:
        a = data.resolve(a)
        if isinstance(a, dict) and isinstance(a.get("description"), str):
            parts.append(a["description"])
    return normalize(" ".join(parts))


def recover(haystack: str, span: str, chars: int, sha256: str) -> str | None:
    """The labelled bio: ``chars`` characters from an occurrence of ``span`` whose hash is ``sha256``."""
    start = haystack.find(span)
    while start >= 0:
        text = haystack[start : start + chars]
        if digest(text) == sha256:
            return text
        start = haystack.find(span, start + 1)
    return None
