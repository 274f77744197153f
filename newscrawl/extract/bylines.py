"""Bylines: the names a byline credits."""

from __future__ import annotations

import re

from newscrawl.extract.text import clean_text

_BY = re.compile(r"^\s*(by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\bog\b|\ben\b)\s*", re.IGNORECASE)
# "Jane Doe, Science Editor" / "Jane Doe (Reuters)" / "Jane Doe | Staff writer": the role is not a name.
_ROLE = re.compile(
    r"\b(editor|correspondent|reporter|writer|columnist|contributor|staff|photographer|analyst"
    r"|redakteur\w*|korrespondent\w*)\b",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\(([^)]*)\)")


def split_authors(byline: str | None) -> list[str]:
    """Names credited by ``byline``: "By A, B and C (Reuters)" -> ["A", "B", "C", "Reuters"]."""
    text = clean_text(byline)
    if not text:
        return []
    agencies = [a.strip() for a in _PAREN.findall(text) if a.strip() and not _ROLE.search(a)]
    text = _PAREN.sub(" ", text)
    text = re.split(r"\s[|\u2013\u2014-]\s", text)[0]
    text = _BY.sub("", text)
    names: list[str] = []
    for part in _SPLIT.split(text):
        part = _BY.sub("", part.strip(" .:"))
        if part and not _ROLE.search(part) and part not in names:
            names.append(part)
    return names + [a for a in agencies if a not in names]
