"""Recover the hand-labelled author bios of ``author_labels.json`` from the pages themselves.

The labels hold no page text: each bio is a short opening span, its length in characters and the SHA-256 of
the normalized text. ``page_haystack`` is the text the labels were made on: the visible text of
the page's body, then each JSON-LD author ``description``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.structured import read_page_data
from newscrawl.extract.text import node_text
from newscrawl.extract.urls import normalize_url


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


LABELS = Path(__file__).resolve().parent / "author_labels.json"
_TOKEN = re.compile(r"\w+")


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    pages: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["pages"]
    return pages


def token_f1(got: str, expected: str) -> float:
    g, e = Counter(_TOKEN.findall(got.lower())), Counter(_TOKEN.findall(expected.lower()))
    common = sum((g & e).values())
    if not g and not e:
        return 1.0
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(e.values())
    return 2 * p * r / (p + r)


def score_page(page_id: str, label: dict[str, Any], details: list[dict[str, Any]], haystack: str) -> dict[str, Any]:
    """Counts for one labelled page: url true/false positives and misses, and the bio's token F1 (or a false bio)."""
    gold = [{normalize_url(u) for u in a["url"]} for a in label["authors"] if a["url"]]
    got = [normalize_url(d["url"]) for d in details if d.get("url")]
    tp = 0
    for url in got:
        match = next((g for g in gold if url in g), None)
        if match is not None:
            gold.remove(match)
            tp += 1
    bios = []
    for a in label["authors"]:
        if a["bio"]:
            text = recover(haystack, a["bio"]["span"], a["bio"]["chars"], a["bio"]["sha256"])
            if text is None:
                raise SystemExit(f"label of {page_id}: bio not found in the page (the page changed?)")
            bios.append(text)
    predicted = " ".join(d["bio"] for d in details if d.get("bio"))
    row: dict[str, Any] = {"url_tp": tp, "url_fp": len(got) - tp, "url_fn": len(gold)}
    if bios:
        row["bio_f1"] = token_f1(predicted, " ".join(bios))
    else:
        row["false_bio"] = bool(predicted)
    return row


def summarize(rows: list[dict[str, Any]]) -> dict[str, float]:
    tp, fp, fn = (sum(r[k] for r in rows) for k in ("url_tp", "url_fp", "url_fn"))
    f1s = [r["bio_f1"] for r in rows if "bio_f1" in r]
    no_bio = [r["false_bio"] for r in rows if "false_bio" in r]
    return {
        "pages": len(rows),
        "url_p": tp / (tp + fp) if tp + fp else 0.0,
        "url_r": tp / (tp + fn) if tp + fn else 0.0,
        "bio_pages": len(f1s),
        "bio_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "no_bio_pages": len(no_bio),
        "false_bio_rate": sum(no_bio) / len(no_bio) if no_bio else 0.0,
    }
