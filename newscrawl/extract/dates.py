"""Dates: any date string a page shows, to ISO 8601; and the page's published/modified dates."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from dateutil import parser as dateparser
from dateutil.tz import gettz
from lxml import etree

from newscrawl.extract.text import elements_with_attr

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_FULL = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})[T ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b")
_YEAR_FIRST = re.compile(r"\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b")
_TZINFOS = {
    name: gettz(zone)
    for name, zone in {
        "CET": "Europe/Berlin",
        "CEST": "Europe/Berlin",
        "MEZ": "Europe/Berlin",
        "MESZ": "Europe/Berlin",
        "BST": "Europe/London",
        "GMT": "UTC",
        "UTC": "UTC",
        "Z": "UTC",
        "EST": "America/New_York",
        "EDT": "America/New_York",
        "ET": "America/New_York",
        "CST": "America/Chicago",
        "CDT": "America/Chicago",
        "MST": "America/Denver",
        "MDT": "America/Denver",
        "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles",
        "PT": "America/Los_Angeles",
        "IST": "Asia/Kolkata",
        "JST": "Asia/Tokyo",
        "KST": "Asia/Seoul",
        "AEST": "Australia/Sydney",
        "AEDT": "Australia/Sydney",
        "SAST": "Africa/Johannesburg",
    }.items()
}
_LABEL = re.compile(
    r"^\s*(published|updated|last updated|posted|on|modified|created|date|veröffentlicht( am)?|aktualisiert( am)?"
    r"|stand|erschienen( am)?|publié le|mis à jour le|publicado( el)?|actualizado( el)?)\s*:?\s*",
    re.IGNORECASE,
)
# a time of day, not the "06.20" inside "23.06.2016" or "2016.06.23"
_HAS_TIME = re.compile(r"(?<![\d./])\d{1,2}[:.h]\d{2}(?![./]?\d)|T\d{2}")
# Month names of the languages news sites most often print, mapped to English for dateutil.
_MONTHS = {
    "januar": "January",
    "jänner": "January",
    "janvier": "January",
    "enero": "January",
    "gennaio": "January",
    "janeiro": "January",
    "januari": "January",
    "stycznia": "January",
    "februar": "February",
    "feber": "February",
    "février": "February",
    "fevrier": "February",
    "febrero": "February",
    "febbraio": "February",
    "fevereiro": "February",
    "februari": "February",
    "lutego": "February",
    "märz": "March",
    "maerz": "March",
    "mars": "March",
    "marzo": "March",
    "março": "March",
    "maart": "March",
    "marca": "March",
    "avril": "April",
    "abril": "April",
    "aprile": "April",
    "kwietnia": "April",
    "mai": "May",
    "mayo": "May",
    "maggio": "May",
    "maio": "May",
    "mei": "May",
    "maja": "May",
    "juni": "June",
    "juin": "June",
    "junio": "June",
    "giugno": "June",
    "junho": "June",
    "czerwca": "June",
    "juli": "July",
    "juillet": "July",
    "julio": "July",
    "luglio": "July",
    "julho": "July",
    "lipca": "July",
    "august": "August",
    "août": "August",
    "aout": "August",
    "agosto": "August",
    "augustus": "August",
    "sierpnia": "August",
    "september": "September",
    "septembre": "September",
    "septiembre": "September",
    "settembre": "September",
    "setembro": "September",
    "września": "September",
    "oktober": "October",
    "octobre": "October",
    "octubre": "October",
    "ottobre": "October",
    "outubro": "October",
    "października": "October",
    "november": "November",
    "novembre": "November",
    "noviembre": "November",
    "novembro": "November",
    "listopada": "November",
    "dezember": "December",
    "décembre": "December",
    "decembre": "December",
    "diciembre": "December",
    "dicembre": "December",
    "dezembro": "December",
    "december": "December",
    "grudnia": "December",
    # Arabic (Gulf/Egypt and Levant), Russian (genitive), Turkish
    "يناير": "January",
    "فبراير": "February",
    "مارس": "March",
    "أبريل": "April",
    "إبريل": "April",
    "مايو": "May",
    "يونيو": "June",
    "يوليو": "July",
    "أغسطس": "August",
    "سبتمبر": "September",
    "أكتوبر": "October",
    "نوفمبر": "November",
    "ديسمبر": "December",
    "كانون الثاني": "January",
    "شباط": "February",
    "آذار": "March",
    "نيسان": "April",
    "أيار": "May",
    "حزيران": "June",
    "تموز": "July",
    "آب": "August",
    "أيلول": "September",
    "تشرين الأول": "October",
    "تشرين الثاني": "November",
    "كانون الأول": "December",
    "января": "January",
    "февраля": "February",
    "марта": "March",
    "апреля": "April",
    "мая": "May",
    "июня": "June",
    "июля": "July",
    "августа": "August",
    "сентября": "September",
    "октября": "October",
    "ноября": "November",
    "декабря": "December",
    "ocak": "January",
    "şubat": "February",
    "mart": "March",
    "nisan": "April",
    "mayıs": "May",
    "haziran": "June",
    "temmuz": "July",
    "ağustos": "August",
    "eylül": "September",
    "ekim": "October",
    "kasım": "November",
    "aralık": "December",
}
_MONTH_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?!\w)\.?", re.IGNORECASE)
_NOISE = re.compile(r"\b(de|del|um|uhr|à|a las|le|el|am|the|at|h)\b\.?", re.IGNORECASE)
# English AM/PM after a time ("12:39 AM", "9 p.m."), glued to it so that German "am" ("am 3. Mai") stays noise.
_MERIDIEM = re.compile(r"(?<![\d:.])(\d{1,2}(?:[:.]\d{2})?)\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\D{0,6}?(\d{1,2})[:時시](\d{2}))?")

MIN_YEAR = 1995


def _tz(text: str | None) -> Any:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
    from datetime import timezone

    return timezone(sign * timedelta(minutes=minutes))


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def to_iso(text: str | None) -> str | None:
    """ISO 8601 form of a date string: with UTC offset where it gives one, date-only where it has no time.

    Accepts ISO 8601 / RFC 3339, RFC 2822, epoch seconds, "03.05.2024 18:19", "3. Mai 2024",
    "May 3, 2024 6:19 PM EDT", "2024年5月3日" and the like. Returns None for text that holds no date.
    """
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = _ISO_FULL.match(text)
    if m:
        try:
            stamp = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=_tz(m[8]))
            return _iso(stamp)
        except ValueError:
            pass
    if text.isdigit() and 9 <= len(text) <= 13:
        seconds = int(text) / (1000 if len(text) > 11 else 1)
        return _iso(datetime.fromtimestamp(seconds, UTC))
    m = _CJK.search(text)
    if m:
        try:
            if m[4]:
                return _iso(datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5])))
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    text = _LABEL.sub("", text)
    text = _MONTH_RE.sub(lambda mm: " " + _MONTHS[mm.group(1).lower()] + " ", text)
    text = _MERIDIEM.sub(lambda mm: mm.group(1) + mm.group(2).lower() + "m ", text)
    text = _NOISE.sub(" ", text)
    if not re.search(r"\d", text):
        return None
    has_time = bool(_HAS_TIME.search(text))
    text = re.sub(r"(\d{1,2})h(\d{2})", r"\1:\2", text)
    text = re.sub(r"(?<=\d)\.(?=\d{2}(?!\d|\.\d))(?!\d{2}\.\d)", ":", text) if has_time and ":" not in text else text
    dayfirst = bool(_DAY_FIRST.search(text)) and not _YEAR_FIRST.search(text)
    if not dayfirst and re.search(r"\b\d{1,2}\.?\s+[A-Z][a-z]+\.?\s+\d{4}", text):
        dayfirst = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value: datetime = dateparser.parse(
                text, fuzzy=True, dayfirst=dayfirst, tzinfos=_TZINFOS, default=datetime(1, 1, 1)
            )
    except (ValueError, OverflowError, TypeError):
        return None
    if value.year < 100:
        return None
    if not has_time:
        return value.date().isoformat()
    return _iso(value)


def plausible(iso: str | None, now: datetime | None = None) -> bool:
    """A publication date can be neither in the future nor before the web news era (1995)."""
    if not iso:
        return False
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return False
    now = now or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value.year < MIN_YEAR:
        return False
    return value <= now + timedelta(days=1)


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "published-date",
    "date_published",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "original-publish-date",
    "dc.date",
    "dcterms.date",
    "date",
    "dc:date",
    "created",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "dc.date.modified",
    "article.updated",
    "modified_time",
    "updated_time",
)
# Generic date metas, often the last change rather than the first publication.
_GENERIC_META = frozenset(("dc.date", "dcterms.date", "date", "dc:date", "created"))
# Reader comment sections (a class/id token, not "has-comments" flags or a "category-kommentar" opinion label).
_COMMENTS = re.compile(
    r"(?:^|\s)(?!(?:has|no|is|category|tag|icon|fa|i)[-_])(?:[a-z]+[-_])?"
    r"(?:comments?|commentlist|kommentare|commentaires|comentarios|commenti|lesermeinungen|disqus)"
    r"(?:[-_](?:area|wrap|wrapper|list|listing|section|container|block|box|thread|entries|content|single|module))?(?:\s|$)",
    re.IGNORECASE,
)
_UPDATE_HINT = re.compile(r"updat|modif|aktualisiert|geändert|actualiz|mis à jour|edited", re.IGNORECASE)


def _candidate(raw: Any, layer: str) -> tuple[str, str, str] | None:
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    if isinstance(raw, dict):
        raw = raw.get("@value")
    if raw is None or isinstance(raw, bool):
        return None
    raw = str(raw).strip()
    iso = to_iso(raw)
    if iso and plausible(iso):
        return iso, raw, layer
    return None


# A date as pages print it (14.05.2024, 2024-05-14, 14 May 2024, May 14th, 2024; any language's
# month word), with the time of day that may follow it ("10:30", "um 10.30 Uhr", "at 6:19 p.m.").
_SHOWN_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[./]\s?\d{1,2}[./]\s?(?:19|20)\d{2}|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+(?:19|20)\d{2}|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})(?!\d)"
    r"(?:,?\s*(?:um|at|à|a las|alle|-|\|)?\s*\d{1,2}[:.h]\d{2}(?!\d)(?:\s*[ap]\.?\s?m\.?)?)?",
    re.IGNORECASE,
)
_NEAR = 300  # characters of text above and below the headline where a printed date counts


def dates_near(h1: Any) -> list[str]:
    """The dates printed just above or below the headline ``h1`` (a byline line such as
    "14.05.2024 10:30 | By ..."), as written, nearest first: pages without date markup show them so."""
    parts = [h1.tail or ""]
    el: Any = h1
    for _ in range(3):  # the headline's siblings, then its parents'
        if el is None or sum(map(len, parts)) >= _NEAR:
            break
        # elements only: a comment is not shown (and the worker's plain comments have no text_content)
        for sib in el.itersiblings(etree.Element, preceding=True):
            parts.append(sib.text_content()[-_NEAR:])
            break
        for sib in el.itersiblings(etree.Element):
            parts.append(sib.text_content()[:_NEAR])
            if sum(map(len, parts)) >= 2 * _NEAR:
                break
        el = el.getparent()
    return [m.group(0) for m in _SHOWN_DATE.finditer(" ".join(" ".join(p.split()) for p in parts))]


# How much text from the headline on is read for the days a page shows: all of it. Reading only the
# article's head (its first 500-4000 characters) scores the same in all on fundus-dev and dates-dev
# together and adds a number to tune (benchmarks.lopo, "dates shown update").
_SHOWN_HEAD: int | None = None
_NOT_SHOWN = frozenset(("script", "style", "noscript", "template"))
_BLOCK = 1000  # characters of text read between two searches for dates
_CARRY = 80  # the end of a block searched again with the next: a date split between two blocks


def _texts(el: Any) -> Iterator[str]:
    """The text of ``el`` and its descendants, then its tail, in document order; scripts, styles
    and comments show none."""
    if isinstance(el.tag, str) and el.tag not in _NOT_SHOWN:
        if el.text:
            yield el.text
        for child in el:
            yield from _texts(child)
    if el.tail:
        yield el.tail


def shown_from(h1: Any) -> Iterator[str]:
    """The text a reader sees from the headline ``h1`` to the end of the page, piece by piece."""
    el = h1
    yield from _texts(el)
    while el is not None:
        for sibling in el.itersiblings():
            yield from _texts(sibling)
        el = el.getparent()
        if el is not None and el.tail:
            yield el.tail


def _dates_of_years(text: str, years: tuple[str, ...]) -> Iterator[str]:
    """The dates ``text`` prints in one of ``years``: searched only around where a year occurs (most
    text holds none), each stretch widened to whole words so that a match starts where it would in
    the whole text."""
    for year in years:
        at = text.find(year)
        while at >= 0:
            start, end = max(0, at - 40), min(len(text), at + 30)
            while start and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            for m in _SHOWN_DATE.finditer(text, start, end):
                if year in m.group(0):
                    yield m.group(0)
            at = text.find(year, at + 4)


def days_shown_after(h1: Any, days: set[str], enough: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Which of ``days`` (ISO) the page prints from the headline ``h1`` on; read block by block,
    and no further once one of ``enough`` is found."""
    years = tuple({day[:4] for day in days})
    found: set[str] = set()
    block, size, read = "", 0, 0
    pieces = shown_from(h1)
    while True:
        piece = next(pieces, None)
        if piece is not None:
            text = " ".join(piece.split())
            if not text:
                continue
            block += " " + text
            size += len(text) + 1
            if _SHOWN_HEAD and read + size >= _SHOWN_HEAD:
                block, piece = block[: len(block) - (read + size - _SHOWN_HEAD)], None
            elif size < _BLOCK:
                continue
        for raw in _dates_of_years(block, years):
            iso = to_iso(raw)
            if iso and iso[:10] in days:
                found.add(iso[:10])
        if piece is None or found & enough:
            return found
        read += size
        block, size = block[-_CARRY:], 0


def _as_shown(
    tree: Any, published: tuple[str, str, str], modified: tuple[str, str, str] | None, zone: Any
) -> tuple[str, str, str]:
    """The publication date in the page's zone; the update date when the page, from its headline on,
    shows the update's day and never the publication's.

    Such a publication date is the stored item's creation (a recipe dated 2004-01-01, an article
    re-published two years on, a regional edition's copy): the page dates itself by the update, and
    so do readers and most annotators (docs/extraction.md, Dates, sixth round)."""
    local = _local(published, zone)
    updates = [modified, _local(modified, zone)] if modified else []
    days = {f[0][:10] for f in (published, local, *updates)}
    h1 = first_h1(tree) if len(days) > 1 else None
    if h1 is None:
        return local
    own = {local[0][:10], published[0][:10]}
    shown = days_shown_after(h1, days, own)
    if own & shown:
        return local
    for iso, raw, _ in updates:
        if iso[:10] in shown:
            return iso, raw, "html"
    return local


def first_h1(tree: Any) -> Any:
    """The page's first ``h1`` that shows text, or None."""
    return next((h for h in tree.iter("h1") if h.text_content().strip()), None)


def _with_time(day: str, tree: Any) -> tuple[str, str, str] | None:
    """The time of day the page prints with ``day`` next to its headline, when only the day was found."""
    h1 = first_h1(tree)
    for raw in dates_near(h1) if h1 is not None else ():
        iso = to_iso(raw)
        if iso and len(iso) > 10 and iso[:10] == day:
            return iso, raw, "html"
    return None


def find_dates(tree: Any, data: Any, url: str = "") -> dict[str, tuple[str, str, str]]:
    """{"published"/"modified": (iso, raw, layer)} from structured data, <time>, then htmldate."""
    out: dict[str, tuple[str, str, str]] = {}
    pub: list[tuple[Any, str]] = []
    mod: list[tuple[Any, str]] = []
    if data.article:
        pub += [(data.article.get("datePublished"), "jsonld"), (data.article.get("dateCreated"), "jsonld")]
        mod.append((data.article.get("dateModified"), "jsonld"))
    pub += [(v, "microdata") for v in data.microdata.get("datepublished", [])]
    mod += [(v, "microdata") for v in data.microdata.get("datemodified", [])]
    n_structured = len(pub)
    generic: list[tuple[Any, str]] = []
    for k in _PUBLISHED_META:
        if k in data.meta:
            (generic if k in _GENERIC_META else pub).append((data.meta.get(k), "opengraph" if ":" in k else "meta"))
    mod += [(data.meta.get(k), "opengraph" if ":" in k else "meta") for k in _MODIFIED_META if k in data.meta]
    times = []
    seen: dict[Any, bool] = {}
    for el in tree.iter("time"):
        if _foreign(el, seen):
            continue
        value = el.get("datetime") or el.get("content") or el.text_content()
        hint = f"{el.get('class', '')} {el.get('itemprop', '')} {(el.getparent().get('class', '') if el.getparent() is not None else '')}"
        label = (el.getparent().text_content() if el.getparent() is not None else "")[:80]
        update = bool(_UPDATE_HINT.search(hint) or _UPDATE_HINT.search(label))
        times.append((value, update, el.get("pubdate") is not None, el))
    zone = _page_zone(pub + generic + mod + [(v, "html") for v, _, _, _ in times], url)
    n_specific = len(pub)
    pub += [(v, "html") for v, upd, is_pub, _ in times if is_pub]
    pub += [(v, "html") for v, upd, is_pub, _ in times if not upd and not is_pub]
    n_shown = len(pub)
    # the generic date metas often carry the last change or the print day: a date the page shows
    # in a <time> comes first
    pub += generic
    mod += [(v, "html") for v, upd, _, _ in times if upd]
    found_pub = [(i, f) for i, f in ((i, _candidate(raw, layer)) for i, (raw, layer) in enumerate(pub)) if f]
    if not found_pub or found_pub[0][0] >= n_shown:
        # nothing but a generic meta or htmldate would answer: a date the text labels as the
        # publication date ("Veröffentlicht am 3. Mai 2024", "Published on ...") comes first
        labelled = _labelled_date(tree)
        if labelled:
            found_pub.insert(0, (n_shown, labelled))
    if found_pub:
        out["published"] = found_pub[0][1]
        # a date the page shows under a publication label ("Published", "Erscheinungsdatum", an icon
        # titled so) outranks the publication metas, which some CMS fill with a draft's date; on the
        # same day the meta stays (its offset is the more reliable)
        shown_label = None
        if n_structured <= found_pub[0][0] < n_specific:
            shown_label = next(
                (_candidate(v, "html") for v, upd, _, el in times if not upd and _publication_label(el)), None
            )
            if shown_label and _local(shown_label, zone)[0][:10] != _local(out["published"], zone)[0][:10]:
                out["published"] = shown_label
        given = [f for i, f in found_pub if i < n_specific]
        specific = [_local(f, zone) for f in given]
        # a UTC stamp and a stamp without offset for the same instant differ only once the UTC one is
        # in the page's zone: the sources disagree when they differ both as given and as local days
        if len({f[0][:10] for f in specific}) > 1 and len({f[0][:10] for f in given}) > 1:
            # the page's publication-date sources disagree (a re-published item, a stale copy): the
            # date shown under a publication label, else htmldate (which weighs the date shown with
            # the article), picks among them
            shown = shown_label or _htmldate(tree, url, data)
            if shown:
                agree = [f for f in specific if f[0][:10] == shown[0][:10]]
                if agree:
                    out["published"] = max(agree, key=lambda f: len(f[0]))
    for raw, layer in mod:
        found = _candidate(raw, layer)
        if found:
            out["modified"] = found
            break
    if "published" not in out:
        found = _htmldate(tree, url, data)
        if found:
            out["published"] = _with_time(found[0], tree) or found if len(found[0]) == 10 else found
    if "published" in out:
        out["published"] = _as_shown(tree, out["published"], out.get("modified"), zone)
        iso = out["published"][0]
        if zone is None and iso.endswith("+00:00") and int(iso[11:13]) < 8 and out["published"][2] != "htmldate":
            # a UTC stamp in the small hours, on a site whose zone is unknown, may be the previous
            # evening in the Americas: when htmldate (a wider meta vocabulary, some CMS write the
            # local time there, and the page text) reads the previous day, that day is taken, as a date
            shown = _htmldate(tree, url, data)
            if shown and shown[0] == (datetime.fromisoformat(iso) - timedelta(days=1)).date().isoformat():
                out["published"] = shown[0], out["published"][1], "htmldate"
    return out


_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*([+-](?:0[1-9]|1\d)(?::?\d{2})?|[+-]00:?(?:[1-5]\d))$")
# Country-code domains: the zone most of the country's readers live in, for the local day of a UTC
# timestamp. For a country spanning several zones its most populous one is taken: its day lies between
# the local day and the UTC day for every zone west of it, so it is never further off than UTC there.
_CCTLD_ZONE = {
    **dict.fromkeys(
        ("de", "at", "ch", "it", "fr", "es", "nl", "be", "lu", "pl", "cz", "sk", "hu", "dk", "se", "no", "si", "hr"),
        "Europe/Berlin",
    ),
    **dict.fromkeys(("rs", "ba", "me", "mk", "al"), "Europe/Belgrade"),
    **dict.fromkeys(("uk", "ie"), "Europe/London"),
    "pt": "Europe/Lisbon",
    **dict.fromkeys(("fi", "gr", "ro", "bg", "lt", "lv", "ee", "ua", "cy"), "Europe/Helsinki"),
    "tr": "Europe/Istanbul",
    "ru": "Europe/Moscow",
    "by": "Europe/Minsk",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    **dict.fromkeys(("cn", "hk", "tw", "sg", "my"), "Asia/Shanghai"),
    **dict.fromkeys(("th", "vn"), "Asia/Bangkok"),
    "id": "Asia/Jakarta",
    "in": "Asia/Kolkata",
    "pk": "Asia/Karachi",
    "ph": "Asia/Manila",
    **dict.fromkeys(("ae", "om"), "Asia/Dubai"),
    **dict.fromkeys(("sa", "qa", "kw", "bh"), "Asia/Riyadh"),
    "il": "Asia/Jerusalem",
    "eg": "Africa/Cairo",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
    "ca": "America/Toronto",
    "us": "America/New_York",
    "mx": "America/Mexico_City",
    "br": "America/Sao_Paulo",
    "ar": "America/Argentina/Buenos_Aires",
    "cl": "America/Santiago",
    **dict.fromkeys(("co", "pe"), "America/Bogota"),
}


def _page_zone(candidates: list[tuple[Any, str]], url: str) -> Any:
    """The page's own UTC offset: the first non-UTC offset one of its timestamps carries, else the zone
    of a single-time-zone country's domain; None when unknown."""
    for raw, _ in candidates:
        for v in raw if isinstance(raw, list) else [raw]:
            m = _OFFSET.search(v.strip()) if isinstance(v, str) else None
            if m:
                return _tz(m.group(1))
    tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
    return gettz(_CCTLD_ZONE[tld]) if tld in _CCTLD_ZONE else None


def _local(found: tuple[str, str, str], zone: Any) -> tuple[str, str, str]:
    """A UTC timestamp expressed in the page's zone, so that its day is the local day (same instant)."""
    iso, raw, layer = found
    if zone is None or len(iso) <= 10 or not iso.endswith("+00:00"):
        return found
    try:
        return _iso(datetime.fromisoformat(iso).astimezone(zone)), raw, layer
    except ValueError:
        return found


_PUBLISHED_LABELS = (
    "veröffentlicht",
    "erschienen",
    "erscheinungsdatum",
    "publiziert",
    "published",
    "posted",
    "publié",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "publicat",
)
_LABELLED = re.compile(
    r"(?:\s+(?:am|on|le|el|em|il|op|at|in|the))?\s*:?\s*"
    r"(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}"
    r"|(\d{1,2})/(\d{1,2})/(?:19|20)\d{2}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+(?:19|20)\d{2}"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})"
)


def _labelled_date(tree: Any) -> tuple[str, str, str] | None:
    """The first date right after a publication label in the page's text, in a dozen languages."""
    body = tree.find("body")
    if body is None:
        return None
    shown = body.text_content()
    text = shown.lower()
    same = len(text) == len(shown)
    hits = []
    for label in _PUBLISHED_LABELS:
        start = text.find(label)
        while start >= 0:
            hits.append((start, label))
            start = text.find(label, start + 1)
    for start, label in sorted(hits):
        if start and text[start - 1].isalnum() and not (same and shown[start].isupper()):
            continue  # inside a word ("republished"); text_content glues "...end.Published" together
        m = _LABELLED.match(text, start + len(label))
        if not m:
            continue
        if m[2] and int(m[2]) <= 12 and int(m[3]) <= 12:
            continue  # 05/06/2020: day or month first depends on the site
        raw = " ".join(m[1].split())
        if m[2] and int(m[2]) > 12:
            raw = f"{m[2]}.{m[3]}.{raw[-4:]}"
        iso = to_iso(raw)
        if iso and plausible(iso):
            return iso, raw, "html"
    return None


def _publication_label(el: Any) -> bool:
    """The text shown just before a <time> (in the nearest enclosing element that shows more than the
    date itself, up to three levels up) names it the publication date."""
    own = el.text_content().strip()
    if not own:
        return False
    anc = el
    for _ in range(3):
        anc = anc.getparent()
        if anc is None:
            return False
        shown = anc.text_content()
        before = shown[: max(shown.find(own), 0)]
        if before.strip():
            before = before[-40:].lower()
            return any(label in before for label in _PUBLISHED_LABELS)
    return False


_COMMENT_WORDS = ("comment", "kommentar", "comentario", "commenti", "lesermeinung", "disqus")


def _is_comments(value: str | None) -> bool:
    if not value:
        return False
    low = value.lower()
    return any(w in low for w in _COMMENT_WORDS) and _COMMENTS.search(value) is not None


def _foreign(el: Any, seen: dict[Any, bool]) -> bool:
    """A reader comment's or an embedded post's (tweet, Instagram: a blockquote) date, not the article's."""
    for a in el.iterancestors():
        found = seen.get(a)
        if found is None:
            found = seen[a] = a.tag == "blockquote" or _is_comments(a.get("class")) or _is_comments(a.get("id"))
        if found:
            return True
    return False


def _htmldate(tree: Any, url: str, data: Any = None) -> tuple[str, str, str] | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover
        return None
    import logging

    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # reader comments, and a site header outside the article (which shows today's date), carry
        # dates htmldate would take for the article's: they are detached for the call and put back
        hidden = elements_with_attr(tree, _COMMENTS, index=data.attr_index) if data is not None else []
        hidden += [
            el
            for el in tree.iter("header")
            if not any(a.tag in ("article", "main") for a in el.iterancestors()) and el.find(".//h1") is None
        ]
        detached = []
        outer = set(hidden)
        for el in hidden:
            parent = el.getparent()
            if parent is not None and not any(a in outer for a in el.iterancestors()):
                detached.append((parent, parent.index(el), el))
                parent.remove(el)
        try:
            raw = find_date(tree, url=url or None, original_date=True, extensive_search=True)
        except Exception:  # htmldate raises assorted errors on odd pages
            return None
        finally:
            for parent, index, el in reversed(detached):
                parent.insert(index, el)
    if raw and raw.endswith("-01-01") and _copyright_year(tree, raw[:4]):
        return None  # htmldate's last resort: the copyright year as 1 January, not a publication day
    if raw and plausible(raw):
        return raw, raw, "htmldate"
    return None


def _copyright_year(tree: Any, year: str) -> bool:
    body = tree.find("body")
    text = body.text_content().lower() if body is not None else ""
    after = re.compile(r"\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?" + year)
    for mark in ("©", "(c)", "copyright"):
        start = text.find(mark)
        while start >= 0:
            if after.match(text, start + len(mark)):
                return True
            start = text.find(mark, start + 1)
    return False
