"""Dates as sitemaps, feeds and listings write them, read into aware datetimes (UTC when no offset)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str | None) -> datetime | None:
    """W3C/ISO 8601 (sitemaps, Atom, ``<time datetime>``) or RFC 822 (RSS); None when unreadable."""
    if not text:
        return None
    text = text.strip()
    value: datetime | None = None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            value = None
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def parse_since(text: str | date | datetime) -> datetime:
    """The ``--since`` bound: a date (``2024-05-01``, midnight UTC) or a date-time; ValueError otherwise."""
    if isinstance(text, datetime):
        return text if text.tzinfo else text.replace(tzinfo=UTC)
    if isinstance(text, date):
        return datetime(text.year, text.month, text.day, tzinfo=UTC)
    value = parse_date(text) if (_DAY.match(text.strip()) or "T" in text or " " in text.strip()) else None
    if value is None:
        raise ValueError(f"expected a date such as 2024-05-01 or 2024-05-01T12:00:00+02:00, got {text!r}")
    return value
