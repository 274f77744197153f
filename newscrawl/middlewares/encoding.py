"""Which encoding a page's bytes are really in, or that no encoding gives readable text.

Scrapy (w3lib) trusts, in order, the HTTP header charset, a BOM, a ``<meta charset>`` in the first
4 KiB, then charset-normalizer. Measured: a cp1251, Shift_JIS, GB18030, EUC-KR, Big5 or ISO-8859-7
page without a declaration decodes right, but a lying header (``charset=utf-8`` or
``iso-8859-1`` on a cp1251 page) gives mojibake or U+FFFD, with no sign of it.

``choose_encoding`` checks instead of trusting: a BOM wins; bytes that are valid UTF-8 are UTF-8
(legacy multi-byte text almost never validates as UTF-8); otherwise each declaration (header,
then a meta charset anywhere in the first 64 KiB) must decode the whole body without error and
give plausible text (charset-normalizer's mess ratio on the non-ASCII parts); otherwise
charset-normalizer's guess, under the same test; otherwise no encoding (the page is refused).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import http_content_type_encoding, read_bom, resolve_encoding

MAX_MESS = 0.15  # charset-normalizer mess ratio above which decoded text counts as mojibake
_SCAN = 64 * 1024
_META = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:+-]+)""", re.IGNORECASE)
# Non-ASCII runs with the word around them: a lone "é" or "»" scores as mess on its own, "Clément" does not.
_NON_ASCII_RUN = re.compile(r"[^\s<>&]{0,30}[^\x00-\x7f](?:[^<>&]{0,80}?[^\x00-\x7f])*[^\s<>&]{0,30}")
_UNICODE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


@dataclass(frozen=True)
class Decision:
    encoding: str | None  # a Python codec name; None: no encoding gives readable text
    source: str  # bom, ascii, utf8, header, meta, detected; or why none worked
    declared: str | None = None  # what the page said, when it said something else

    @property
    def overrode_declaration(self) -> bool:
        return self.encoding is not None and self.declared is not None and self.declared != self.encoding


def declared_encodings(body: bytes, content_type: str | None) -> list[tuple[str, str]]:
    """(source, codec) for each declaration: the HTTP header, then the XML declaration or meta charset."""
    found: list[tuple[str, str]] = []
    header = http_content_type_encoding(content_type)
    if header:
        found.append(("header", header))
    head = body[:_SCAN]
    match = _XML_DECL.match(head) or _META.search(head)
    if match:
        codec = resolve_encoding(match.group(1).decode("ascii", "replace"))
        if codec:
            found.append(("meta", codec))
    return found


def mess(text: str) -> float:
    """charset-normalizer's mess ratio of the non-ASCII parts of ``text``, each with its word (0 for pure ASCII)."""
    from charset_normalizer.md import mess_ratio

    sample = " ".join(_NON_ASCII_RUN.findall(text[:400_000]))[:20_000]
    return mess_ratio(sample, maximum_threshold=1.0) if sample else 0.0


def _plausible(body: bytes, codec: str) -> bool:
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return mess(text) <= MAX_MESS


def choose_encoding(body: bytes, content_type: str | None = None) -> Decision:
    """The codec to decode ``body`` with, where it came from, and what the page declared if that lost."""
    bom, _ = read_bom(body)
    if bom:
        return Decision(codecs.lookup(bom).name, "bom")
    declared = declared_encodings(body, content_type)
    first = declared[0][1] if declared else None
    if body.isascii():
        ascii_ok = first if first and first not in _UNICODE and _ascii_compatible(first) else "utf-8"
        return Decision(ascii_ok, "ascii")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decision("utf-8", "utf8", None if first in (None, "utf-8") else first)
    for source, codec in declared:
        if codec not in _UNICODE and _plausible(body, codec):
            return Decision(codec, source, None if codec == first else first)
    guess = _detect(body)
    if guess and _plausible(body, guess):
        return Decision(guess, "detected", first)
    return Decision(None, f"no encoding gives readable text (declared {first or 'nothing'})", first)


def _ascii_compatible(codec: str) -> bool:
    try:
        return "a<b>".encode(codec) == b"a<b>"
    except (LookupError, UnicodeError):
        return False


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is None:
        return None
    return resolve_encoding(best.encoding) or best.encoding
