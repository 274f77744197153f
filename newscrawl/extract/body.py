"""Body text: trafilatura's main-content extraction on the shared tree, then our clean-up."""

from __future__ import annotations

import logging
import re
import warnings

from lxml.html import HtmlElement

from newscrawl.extract.text import clean_text, node_text

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Short paragraphs that are page furniture, not article text.
_BOILER = re.compile(
    r"^(?:(?:read|see|watch|listen)\s+(?:also|more|next)|related|more on this|more from|lesen sie (?:auch|mehr)|auch interessant"
    r"|mehr zum thema|weiterlesen|das könnte sie auch interessieren|zum thema|lire aussi|à lire aussi|lee también"
    r"|leer más|te puede interesar|leggi anche|advertisement|anzeige|werbung|sponsored|newsletter|sign up|subscribe"
    r"|abonnieren|jetzt abonnieren|share (?:this|on)|teilen|follow us|folgen sie|click here|hier klicken"
    r"|copyright|©|\(c\)|all rights reserved|alle rechte vorbehalten|foto:|photo:|bild:|image:|credit:|getty images"
    r"|this article (?:was|is)|dieser artikel|mehr informationen|more information|comments?|kommentare?)\b",
    re.IGNORECASE,
)
_CAPTION_TAGS = ("figcaption",)


def _paragraphs(body: HtmlElement) -> list[str]:
    out: list[str] = []
    for child in body:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            for item in child.iter("item"):
                text = clean_text("".join(item.itertext()))
                if text:
                    out.append(text)
            continue
        if tag == "table":
            for row in child.iter("row"):
                cells = [clean_text("".join(c.itertext())) for c in row.iter("cell")]
                text = " ".join(c for c in cells if c)
                if text:
                    out.append(text)
            continue
        if tag == "graphic":
            continue
        text = clean_text("".join(child.itertext()))
        if text:
            out.append(text)
    return out


def _captions(tree: HtmlElement) -> set[str]:
    caps: set[str] = set()
    for el in tree.iter(*_CAPTION_TAGS):
        t = node_text(el)
        if t:
            caps.add(t)
    for el in tree.xpath("//*[contains(@class,'caption') or contains(@class,'credit')][not(self::body)]"):
        t = node_text(el)
        if t and len(t) < 600:
            caps.add(t)
    return caps


def extract_body(tree: HtmlElement, url: str = "", headline: str | None = None) -> str:
    """Article text, paragraphs separated by a blank line; "" when nothing article-like is found."""
    from trafilatura import bare_extraction

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = bare_extraction(
            tree,
            url=url or None,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    if doc is None or doc.body is None:
        return ""
    paragraphs = _paragraphs(doc.body)
    caps = _captions(tree)
    head = clean_text(headline) if headline else None
    kept: list[str] = []
    for p in paragraphs:
        if head and p == head:
            continue
        if p in caps:
            continue
        if len(p) < 120 and _BOILER.match(p):
            continue
        kept.append(p)
    return "\n\n".join(kept)
