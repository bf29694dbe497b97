"""YouTube in Google Takeout (``shared/design/EXPORTS.md`` section 7).

Under ``Takeout/YouTube and YouTube Music/`` (the folder names are localised, so any path with "youtube"
in it): ``video metadata/videos.csv`` and ``comments/comments.csv``, columns matched by normalised name
as their set, order and case vary by export date. A video is a post of its title and description; private
videos are imported but not as publications (unlisted ones are: anyone with the link sees them); a video
whose state says it was deleted is kind ``deleted``. A comment's text is JSON: the old
``{"takeoutSegments": [...]}`` or the newer comma-separated ``{"text": ...}`` objects; a comment with a
``Parent Comment ID`` is a reply. Video files carry no id in their names and are not photos: not read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from postguard.audit.archive import Archive
from postguard.audit.csvfile import each_row, rows
from postguard.audit.entries import Malformed, Result
from postguard.audit.model import ImportedItem, Kind, problem
from postguard.audit.times import from_iso

NAME = "youtube"
PLATFORM = "youtube"

_VIDEOS = re.compile(r"(?:^|/)videos\.csv$")
_COMMENTS = re.compile(r"(?:^|/)comments\.csv$")
_CHANNEL = re.compile(r"(?:^|/)channel\.csv$")


def _youtube(name: str) -> bool:
    return "youtube" in name.lower()


def detect(archive: Archive) -> bool:
    return any(_youtube(n) and (_VIDEOS.search(n) or _COMMENTS.search(n)) for n in archive.names)


def read(archive: Archive) -> Iterator[Result]:
    names = [n for n in archive.names if _youtube(n)]
    account = ""
    for name in (n for n in names if _CHANNEL.search(n)):
        for row in rows(archive, name, required=("Channel ID",)):
            if isinstance(row, tuple):
                account = account or row[1].get("channel id", "")
    videos = [n for n in names if _VIDEOS.search(n)]
    comments = [n for n in names if _COMMENTS.search(n)]
    for name in videos:
        yield from each_row(archive, name, required=("Video ID",), build=lambda f: _video(f, account))
    for name in comments:
        yield from each_row(
            archive, name, required=("Comment ID", "Comment Text"), build=lambda f: _comment(f, account)
        )
    if not videos and not comments:
        yield problem("PG507", archive.label, format="YouTube", expected="videos.csv or comments.csv")


def _first(fields: dict[str, str], *names: str) -> str:
    for name in names:
        value = fields.get(name, "").strip()
        if value:
            return value
    return ""


def _video(fields: dict[str, str], account: str) -> ImportedItem:
    video_id = _first(fields, "video id")
    if not video_id:
        raise Malformed("it has no Video ID")
    title = _first(fields, "video title (original)", "video title", "title")
    description = _first(fields, "video description (original)", "video description", "description")
    when = _first(fields, "video publish timestamp", "video create timestamp", "publish timestamp")
    privacy = _first(fields, "privacy", "video privacy").lower()
    state = _first(fields, "video state").lower()
    kind = Kind.DELETED if "delet" in state or "removed" in state else Kind.POST
    return ImportedItem(
        platform=PLATFORM,
        account=account or _first(fields, "channel id"),
        id=video_id,
        kind=kind,
        created_at=from_iso(when) if when else None,
        text="\n\n".join(part for part in (title, description) if part),
        publication=kind is Kind.POST and privacy != "private",
        url=f"https://www.youtube.com/watch?v={video_id}",
    )


def comment_text(value: str) -> str:
    """The words of a ``Comment Text`` cell: ``{"takeoutSegments":[{"text":...}]}``, or a sequence of
    ``{"text":...}`` objects separated by commas; plain text is taken as it is."""
    source = value.strip()
    if not source.startswith("{"):
        return source
    decoder = json.JSONDecoder(strict=False)
    parts: list[str] = []
    at = 0
    try:
        while at < len(source):
            obj, at = decoder.raw_decode(source, at)
            segments = obj.get("takeoutSegments", [obj]) if isinstance(obj, dict) else []
            parts.extend(s["text"] for s in segments if isinstance(s, dict) and isinstance(s.get("text"), str))
            while at < len(source) and source[at] in ", \n\r\t":
                at += 1
    except (json.JSONDecodeError, RecursionError):
        raise Malformed("its Comment Text is not the JSON YouTube writes") from None
    return "".join(parts)


def _comment(fields: dict[str, str], account: str) -> ImportedItem:
    comment_id = _first(fields, "comment id")
    if not comment_id:
        raise Malformed("it has no Comment ID")
    video = _first(fields, "video id")
    parent = _first(fields, "parent comment id")
    url = f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else None
    when = _first(fields, "comment create timestamp", "create timestamp")
    return ImportedItem(
        platform=PLATFORM,
        account=account or _first(fields, "channel id"),
        id=comment_id,
        kind=Kind.REPLY if parent else Kind.COMMENT,
        created_at=from_iso(when) if when else None,
        text=comment_text(fields.get("comment text", "")),
        publication=True,
        url=url,
        in_reply_to=parent or video or None,
    )
