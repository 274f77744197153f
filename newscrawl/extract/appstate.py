"""The article text in a client-rendered app's embedded state.

Next.js (``<script id="__NEXT_DATA__" type="application/json">``), Nuxt 3 (``__NUXT_DATA__``) and
Redux/Apollo stores (``window.__INITIAL_STATE__ = {...}``) ship the data the page is rendered from.
Where the server-rendered markup shows only the first paragraphs (the rest is rendered in the
browser, or behind a "continue reading" button), the body is there: as an HTML string, or as a
list of content blocks (``{"type": "paragraph", "text": ...}``; Portable Text's ``children`` spans,
Contentful's ``content`` nodes) among ads, images and teasers.

Only a script that contains a piece of the text the markup shows is parsed, so a page without such
state costs one substring search per large inline script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import orjson
from lxml import etree

from newscrawl.extract.text import clean_text, node_text

# ``window.__INITIAL_STATE__ = {...};`` and the like
_ASSIGN = re.compile(r"^\s*(?:window\.|self\.|var |let |const )?(?:__[A-Za-z0-9_]+__|[A-Z_]*STATE[A-Z_]*)\s*=\s*")
# a run of plain characters that a JSON serializer leaves as it is: the probe
_PLAIN = re.compile(r"[A-Za-z0-9 ,.]{40,}")
# content blocks that are not running text
_NOT_TEXT = re.compile(
    r"ad|advert|image|photo|picture|video|audio|embed|gallery|related|teaser|promo|newsletter|caption|credit"
    r"|social|tweet|widget|pull-?quote|fact-?box|byline|author|button",
    re.IGNORECASE,
)
_TYPE_KEYS = ("type", "_type", "nodeType", "__typename", "kind", "blockType", "component")
_TEXT_KEYS = ("text", "html", "value", "content", "body", "children", "paragraph")
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
_MAX_NODES = 200_000
_TAG = re.compile(r"^[a-z][a-z0-9-]*$")


# prose in a script's source: a long run without JSON's quotes, escapes or brackets
_PROSE = re.compile(r"[^\"\\{}\[\]<>]{100,}")
_AFTER = 2000  # characters after the last shown paragraph where more of the article would be


def _continues(text: str, end: str) -> bool:
    """The script holds the last paragraph the markup shows, and more prose right after it: the markup
    may have stopped short. (Where the markup shows it all, most pages' state goes on with ids and
    URLs; parsing and walking it costs 5-20 ms.)"""
    at = text.find(end)
    return at >= 0 and _PROSE.search(text, at + len(end), at + len(end) + _AFTER) is not None


def _payloads(tree: Any, probe: str, end: str) -> Iterator[Any]:
    for script in tree.iter("script"):
        kind = script.get("type") or ""
        if "ld+json" in kind or script.get("src"):
            continue
        text = script.text
        if not text or len(text) < 500 or probe not in text or not _continues(text, end):
            continue
        if "json" not in kind:
            match = _ASSIGN.match(text)
            if match is None:
                continue
            text = text[match.end() :].rstrip().rstrip(";")
        try:
            yield orjson.loads(text)
        except orjson.JSONDecodeError:
            continue


def _html_paragraphs(markup: str) -> list[str]:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    blocks = [
        node_text(el) for el in root.iter(*_BLOCK_TAGS) if not any(a.tag in _BLOCK_TAGS for a in el.iterancestors())
    ]
    return [b for b in blocks if b] or [t for t in [node_text(root)] if t]


def _raw_text(value: Any) -> str:
    """The text of a content block: a string, or its spans / text nodes joined as they are."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if value and isinstance(value[0], str) and _TAG.match(value[0]):
            # JsonML: ["p", {attributes}, "text", ["em", "more"], ...]
            return "".join(_raw_text(v) for v in value[1:] if not isinstance(v, dict))
        return "".join(_raw_text(v) for v in value)
    if isinstance(value, dict):
        kind = next((value[k] for k in _TYPE_KEYS if isinstance(value.get(k), str)), "")
        if kind and _NOT_TEXT.search(kind):
            return ""
        return next((t for k in _TEXT_KEYS if k in value and (t := _raw_text(value[k]))), "")
    return ""


def _block_text(block: Any) -> str:
    text = _raw_text(block)
    return " ".join(_html_paragraphs(text)) if "<" in text else clean_text(text)


def _candidates(data: Any) -> Iterator[list[str]]:
    """Every paragraph list the state holds: HTML strings with several blocks, lists of text blocks."""
    stack = [data]
    seen = 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, str):
            if len(node) > 200 and node.count("<p") >= 2:
                yield _html_paragraphs(node)
        elif isinstance(node, list):
            items = node[1:] if node and isinstance(node[0], str) and _TAG.match(node[0]) else node  # JsonML
            texts = [t for item in items if (t := _block_text(item))]
            # running text is mostly paragraphs: a flat store of values (Nuxt's payload) or a tag list is not
            if len(texts) >= 2 and sum(len(t) >= 80 for t in texts) >= 0.5 * len(texts):
                yield texts
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def state_body(tree: Any, shown: list[str]) -> list[str] | None:
    """The longest paragraph list in the page's app state that contains a piece of the ``shown`` text."""
    probe = next((m.group()[:40] for p in shown if (m := _PLAIN.search(p))), None)
    end = next((ms[-1][-40:] for p in reversed(shown) if (ms := _PLAIN.findall(p))), None)
    if probe is None or end is None:
        return None
    best: list[str] | None = None
    best_len = 0
    for data in _payloads(tree, probe, end):
        for paragraphs in _candidates(data):
            size = sum(len(p) for p in paragraphs)
            if size > best_len and any(probe in p for p in paragraphs):
                best, best_len = paragraphs, size
    return best
