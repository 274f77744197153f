"""Dates: any date string a page shows, to ISO 8601."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as dateparser
from dateutil.tz import gettz

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_FIRST = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_TZINFOS = {
    name: gettz(zone)
    for name, zone in {
        "CET": "Europe/Berlin",
        "CEST": "Europe/Berlin",
        "BST": "Europe/London",
        "GMT": "UTC",
        "UTC": "UTC",
        "EST": "America/New_York",
        "EDT": "America/New_York",
        "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles",
    }.items()
}
_LABEL = re.compile(r"^\s*(published|updated|last updated|posted|on|modified)\s*:?\s*", re.IGNORECASE)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def to_iso(text: str | None) -> str | None:
    """ISO 8601 form of a date string: with UTC offset where it gives one, date-only where it has no time.

    Returns None for text that holds no date.
    """
    if not text:
        return None
    text = _LABEL.sub("", text.strip())
    if _ISO_DATE.match(text):
        return text
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value: datetime = dateparser.parse(
                text, fuzzy=True, dayfirst=bool(_DAY_FIRST.search(text)), tzinfos=_TZINFOS
            )
    except (ValueError, OverflowError):
        return None
    if not _HAS_TIME.search(text) and "T" not in text:
        return value.date().isoformat()
    return value.isoformat()
