"""Facebook: "Download your information" in JSON (``shared/design/EXPORTS.md`` section 2).

Posts are in ``your_posts__check_ins__photos_and_videos_N.json`` (2024 on), or ``your_posts_N.json``
(up to 2021), found by name at any depth as the folders moved between eras. A post's text is its
``data[].post``; a post with only photos has its caption in ``media.description``. A post whose ``title``
says someone "shared a post" or "shared a link" is a repost when it has no words of its own (not the
account's publication); with words, a shared post is a quote and a shared link (a web page, not someone's
post) the account's own post. Photos are the attachments' ``media.uri``, relative to the
export's root. The account's comments (``comments_and_reactions/comments.json``, ``comments_v2``) are
kind ``comment``. There are no post ids or links in the export: an id is made from the time and a hash of
the content. Deleted posts are not exported. Titles are in the account's language; a share is recognised
from the English wording only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from postguard.audit.archive import Archive
from postguard.audit.entries import Result, each, items, made_id, obj, path, text
from postguard.audit.importers.meta import account_from, photos, stream
from postguard.audit.media import Members
from postguard.audit.model import ImportedItem, Kind, problem
from postguard.audit.times import from_unix

NAME = "facebook"
PLATFORM = "facebook"

_POSTS = re.compile(r"(?:^|/)your_posts(?:__check_ins__photos_and_videos)?_\d+\.json$")
_COMMENTS = re.compile(r"(?:^|/)comments(?:_and_reactions)?/comments(?:_\d+)?\.json$")
_SHARED = re.compile(r"\bshared\b.*\b(post|link)\b", re.I)


def detect(archive: Archive) -> bool:
    return any(_POSTS.search(n) or "comments_and_reactions/comments" in n for n in archive.names)


def read(archive: Archive) -> Iterator[Result]:
    account = account_from(archive.label, "facebook")
    members = Members(archive.names)
    posts = [n for n in archive.names if _POSTS.search(n)]
    comments = [n for n in archive.names if _COMMENTS.search(n)]
    if not posts and not comments:
        yield problem("PG507", archive.label, format="Facebook", expected="your_posts_1.json")
    for name in sorted(posts, key=_number):
        listed = stream(archive, name, "status_updates_v2", "status_updates")
        yield from each(name, listed, functools.partial(_post, account=account, members=members, member=name))
    for name in comments:
        yield from each(name, stream(archive, name, "comments_v2", "comments"), lambda raw: _comment(raw, account))


def _number(name: str) -> tuple[int, str]:
    digits = re.findall(r"_(\d+)\.json$", name)
    return (int(digits[0]) if digits else 0, name)


def _post(raw: Any, account: str, members: Members, member: str) -> list[Result]:
    post = obj(raw)
    created = from_unix(post.get("timestamp"))
    title = text(post, "title")
    words = [path(d, "post") for d in items(post.get("data"), "data")]
    body = "\n\n".join(w for w in words if isinstance(w, str) and w.strip())
    uris: list[Any] = []
    captions: list[str] = []
    shared_url = None
    for attachment in items(post.get("attachments"), "attachments"):
        for data in items(path(attachment, "data"), "attachments.data"):
            media = path(data, "media")
            if isinstance(media, dict):
                uris.append(media.get("uri"))
                caption = media.get("description")
                if isinstance(caption, str) and caption.strip() and caption not in body and caption not in captions:
                    captions.append(caption)
            url = path(data, "external_context", "url")
            if isinstance(url, str) and shared_url is None:
                shared_url = url
    body = "\n\n".join(part for part in (body, *captions) if part)
    item_id = made_id(created, body, *(u for u in uris if isinstance(u, str)))
    found, missing = photos(members, uris, member, f"post {item_id}")
    kind = Kind.POST
    shared = _SHARED.search(title)
    if shared and not body:
        kind = Kind.REPOST
    elif shared and shared.group(1).lower() == "post":
        kind = Kind.QUOTE  # someone's post with the account's words; a link with words is its own post
    item = ImportedItem(
        platform=PLATFORM,
        account=account,
        id=item_id,
        kind=kind,
        created_at=created,
        text=body,
        publication=kind is not Kind.REPOST,
        media=tuple(found),
        refers_to=shared_url if kind in (Kind.QUOTE, Kind.REPOST) else None,
    )
    return [*(missing if item.publication else []), item]


def _comment(raw: Any, account: str) -> ImportedItem:
    entry = obj(raw)
    comment = None
    for data in items(entry.get("data"), "data"):
        comment = path(data, "comment") or comment
    comment = obj(comment, "its 'data[].comment'")
    words = text(comment, "comment")
    created = from_unix(comment.get("timestamp", entry.get("timestamp")))
    return ImportedItem(
        platform=PLATFORM,
        account=account,
        id=made_id(created, words),
        kind=Kind.COMMENT,
        created_at=created,
        text=words,
        publication=True,
    )
