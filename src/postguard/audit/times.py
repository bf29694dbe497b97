"""Times as each export writes them, to aware UTC datetimes. A time that cannot be read, or that lies
outside 1970 to 2200, raises :class:`BadTime` (the entry is skipped and reported)."""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Any

EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)


class BadTime(Exception):
    def __init__(self, value: Any) -> None:
        self.value = str(value)[:80]
        super().__init__(self.value)


def _checked(when: dt.datetime, value: Any) -> dt.datetime:
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    if not EARLIEST <= when < LATEST:
        raise BadTime(value)
    return when


def from_unix(value: Any) -> dt.datetime:
    """Unix seconds (Meta's exports)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadTime(value)
    try:
        return _checked(dt.datetime.fromtimestamp(float(value), dt.UTC), value)
    except (ValueError, OverflowError, OSError):
        raise BadTime(value) from None


def from_iso(value: Any, *, naive_is_utc: bool = True) -> dt.datetime:
    """ISO 8601 (``2024-10-01T09:00:00+00:00``, ``...Z``, ``2024-10-01 09:00:00``); a time without an
    offset is UTC, as the exports that write one say."""
    if not isinstance(value, str) or not value.strip():
        raise BadTime(value)
    text = value.strip()
    if text.endswith(" UTC"):
        text = text[:-4]
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadTime(value) from None
    return _checked(when, value)


def from_twitter(value: Any) -> dt.datetime:
    """X's ``Sat Aug 12 16:10:37 +0000 2023``."""
    if not isinstance(value, str):
        raise BadTime(value)
    try:
        return _checked(dt.datetime.strptime(value.strip(), "%a %b %d %H:%M:%S %z %Y"), value)
    except ValueError:
        raise BadTime(value) from None


def from_rfc822(value: Any) -> dt.datetime:
    """RSS's ``Tue, 01 Oct 2024 09:00:00 +0100`` (``-0000`` and no zone read as UTC)."""
    if not isinstance(value, str) or not value.strip():
        raise BadTime(value)
    try:
        return _checked(email.utils.parsedate_to_datetime(value.strip()), value)
    except (ValueError, TypeError, IndexError, OverflowError):
        raise BadTime(value) from None
