"""How the pages show a record's state: in force, expiring soon, expired, revoked, not yet in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# A record that lapses within this many days is flagged on the registry pages.
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True, slots=True)
class Status:
    label: str
    tone: str  # ok, warning, error, muted: the badge's colour
    warning: bool  # whether the registry pages count it among the warnings


def record_status(record: Any, today: dt.date) -> Status:
    """``record`` is any registry record (it has ``given``, ``expires`` and ``revoked_at``)."""
    if record.revoked_at is not None:
        return Status("revoked", "muted", False)
    if record.given > today:
        return Status(f"in force from {record.given.isoformat()}", "muted", False)
    if record.expires is None:
        return Status("in force, no expiry", "ok", False)
    left = (record.expires - today).days
    if left < 0:
        return Status(f"expired on {record.expires.isoformat()}", "error", True)
    if left <= EXPIRY_WARNING_DAYS:
        when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
        return Status(f"expires {when} ({record.expires.isoformat()})", "warning", True)
    return Status(f"in force until {record.expires.isoformat()}", "ok", False)


def with_status(records: Any, today: dt.date) -> list[tuple[Any, Status]]:
    return [(r, record_status(r, today)) for r in records]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the post's text, and the findings (by number, from 1) whose spans cover it."""

    text: str
    findings: tuple[int, ...] = ()
    tone: str = ""  # the most severe covering finding's severity; "lifted" when all are lifted
    ends: tuple[int, ...] = ()  # the findings whose spans end here (their numbers are shown after it)


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def highlight(text: str, findings: list[dict[str, Any]]) -> list[Segment]:
    """The post's text cut where findings' spans start and end, each piece with the findings over it.
    ``findings`` are the report's findings as its JSON gives them, numbered from 1 as the page lists them."""
    spans = []
    for number, f in enumerate(findings, start=1):
        span = (f.get("where") or {}).get("text")
        if span and 0 <= span[0] < span[1] <= len(text):
            spans.append((span[0], span[1], number, f))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [(n, f) for s, e, n, f in spans if s <= start and end <= e]
        if not over:
            out.append(Segment(text[start:end]))
            continue
        counting = [f for _, f in over if f.get("lifted_by") is None]
        tone = max((f["severity"] for f in counting), key=SEVERITY_RANK.__getitem__) if counting else "lifted"
        ends = tuple(n for s, e, n, _ in spans if e == end and s <= start)
        out.append(Segment(text[start:end], tuple(n for n, _ in over), tone, ends))
    return out


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    number: int  # the finding's number
    code: str


def photo_boxes(findings: list[dict[str, Any]], photo: int) -> list[Box]:
    """The boxes findings draw on photo ``photo`` (0-based), numbered like the findings list."""
    out = []
    for number, f in enumerate(findings, start=1):
        where = f.get("where") or {}
        box = where.get("box")
        if where.get("photo") == photo and box:
            x, y, w, h = box
            out.append(Box(int(x), int(y), int(w), int(h), number, f["code"]))
    return out
