"""Bytes to text: BOM, then valid UTF-8, then the declared charset, then a detector."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:+-]+)""", re.IGNORECASE)
# WHATWG: labels that browsers decode with a superset codec.
_SUPERSET = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "tis-620": "cp874",
}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta charset / http-equiv / XML declaration)."""
    head = data[:4096]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _SUPERSET.get(name, name)


def decode_html(data: bytes | str | None) -> str:
    """Decode page bytes without mojibake.

    A byte-order mark wins; otherwise bytes that are valid UTF-8 are UTF-8 (legacy encodings
    almost never validate as UTF-8 when they hold non-ASCII text, whatever the page declares);
    otherwise the declared charset; otherwise charset-normalizer's guess; cp1252 as last resort.
    """
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    text = utf8_text(data)
    if text is not None:
        return text
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    guess = _detect(data)
    if guess:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    return data.decode("utf-8", errors="replace") if _mostly_utf8(data) else data.decode("cp1252", errors="replace")


def utf8_text(data: bytes) -> str | None:
    """``data`` as text if it is valid UTF-8 without a byte-order mark (what ``decode_html`` then
    returns), else None."""
    if data.startswith(codecs.BOM_UTF8):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer comes with requests/trafilatura
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def _mostly_utf8(data: bytes) -> bool:
    bad = len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1
    return bad * 200 < len(data)
