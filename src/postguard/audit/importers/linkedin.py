"""LinkedIn: "Get a copy of your data" (``shared/design/EXPORTS.md`` section 4; third-party evidence only).

``Shares.csv`` (or ``Shares_<member id>.csv``, at any depth; only the "complete" export reliably has it):
``Date`` (UTC), ``ShareLink`` (a URL-encoded URN whose number is the id), ``ShareCommentary`` (the words,
RFC 4180-quoted over several lines), ``SharedUrl``, ``MediaUrl``, ``Visibility``, mapped by name. A share
with no words of its own is a repost (not the account's publication), one with words that shares another
LinkedIn post a quote. The per-paragraph artefact (each paragraph wrapped in quotes, a line of ``""``
between them) is repaired only when a line is exactly ``""``. Images are links to LinkedIn's servers,
not in the export. ``Comments.csv`` (``Date``, ``Link``, ``Message``) gives the account's comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from postguard.audit.archive import Archive
from postguard.audit.csvfile import each_row
from postguard.audit.entries import Malformed, Result, made_id
from postguard.audit.model import ImportedItem, Kind, problem
from postguard.audit.times import from_iso

NAME = "linkedin"
PLATFORM = "linkedin"

_SHARES = re.compile(r"(?:^|/)Shares(?:_\d+)?\.csv$")
_COMMENTS = re.compile(r"(?:^|/)Comments(?:_\d+)?\.csv$")
_OTHER = re.compile(r"(?:^|/)(Profile|Connections|Positions|Education|Skills|Invitations)\.csv$")
_URN = re.compile(r"urn:li:(\w+):(\d+)")
_COMMENT_URN = re.compile(r"urn:li:comment:\([^,)]*,(\d+)\)")
_LINKEDIN_POST = re.compile(r"^https?://(?:[\w-]+\.)?linkedin\.com/(?:feed/update|posts)/", re.I)


def detect(archive: Archive) -> bool:
    """Shares.csv; or Comments.csv beside a LinkedIn table; or two LinkedIn tables (the basic export,
    which has no Shares.csv: read, it says so)."""
    names = archive.names
    others = {m.group(1) for m in map(_OTHER.search, names) if m}
    return (
        any(_SHARES.search(n) for n in names)
        or (any(_COMMENTS.search(n) for n in names) and bool(others))
        or len(others) >= 2
    )


def repair_paragraphs(words: str) -> str:
    """Undo the per-paragraph quoting: ``"One"\\n""\\n"Two"`` -> ``One\\n\\nTwo``, only when some line is
    exactly ``""``."""
    lines = words.split("\n")
    if '""' not in (line.strip() for line in lines):
        return words
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped == '""':
            out.append("")
        elif len(stripped) >= 2 and stripped.startswith('"') and stripped.endswith('"'):
            out.append(stripped[1:-1])
        else:
            out.append(line)
    return "\n".join(out)


def read(archive: Archive) -> Iterator[Result]:
    shares = [n for n in archive.names if _SHARES.search(n)]
    comments = [n for n in archive.names if _COMMENTS.search(n)]
    if not shares:
        yield problem("PG507", archive.label, format="LinkedIn", expected="Shares.csv (in the complete export)")
    for name in shares:
        yield from each_row(archive, name, required=("Date", "ShareLink", "ShareCommentary"), build=_share)
    for name in comments:
        yield from each_row(archive, name, required=("Date", "Message"), build=_comment)


def _share(fields: dict[str, str]) -> ImportedItem:
    link = fields.get("sharelink", "").strip()
    urn = _URN.search(unquote(link))
    if urn is None:
        raise Malformed(f"its ShareLink {link[:60]!r} holds no urn:li:...:<id>")
    words = repair_paragraphs(fields.get("sharecommentary", "").replace("\r\n", "\n")).strip()
    shared = fields.get("sharedurl", "").strip() or None
    kind = Kind.POST
    if not words:
        kind = Kind.REPOST
    elif shared and _LINKEDIN_POST.match(shared):
        kind = Kind.QUOTE
    return ImportedItem(
        platform=PLATFORM,
        account="",
        id=urn.group(2),
        kind=kind,
        created_at=from_iso(fields.get("date", "")),
        text=words,
        publication=kind is not Kind.REPOST,
        url=link or None,
        refers_to=shared if kind is not Kind.POST else None,
    )


def _comment(fields: dict[str, str]) -> ImportedItem:
    created = from_iso(fields.get("date", ""))
    words = fields.get("message", "").replace("\r\n", "\n").strip()
    link = fields.get("link", "").strip() or None
    comment = _COMMENT_URN.search(unquote(link or ""))
    comment_id = comment.group(1) if comment else None
    return ImportedItem(
        platform=PLATFORM,
        account="",
        id=comment_id or made_id(created, words),
        kind=Kind.COMMENT,
        created_at=created,
        text=words,
        publication=True,
        url=link,
        in_reply_to=link,
    )
