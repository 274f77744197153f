"""Text cleaning shared by every extractor."""

from __future__ import annotations

import re
import unicodedata

from w3lib.html import replace_entities

_SPACE = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    """Unescape entities, NFC-normalize and collapse runs of whitespace to one space."""
    if not text:
        return ""
    text = replace_entities(text)
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Body text: cleaned, non-empty paragraphs separated by a blank line."""
    return "\n\n".join(p for p in (clean_text(p) for p in paragraphs) if p)


def word_count(text: str | None) -> int:
    return len(text.split()) if text else 0
