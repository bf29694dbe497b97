"""Instagram: "Download your information" in JSON (``shared/design/EXPORTS.md`` section 3).

Posts are in ``posts_N.json`` under ``content/`` or ``media/`` (the 2024 layout adds
``your_instagram_activity/``), stories in ``stories.json`` (``ig_stories``), reels in ``reels.json``
(``ig_reels_media``), found by name at any depth. A post with one photo has its caption and time on the
photo; a carousel has them at the top and empty titles on each photo. Archived posts
(``archived_posts.json``) were published and then hidden from the profile by the account: kind
``deleted``, not publications. Comments
(``comments/post_comments_N.json``, ``string_map_data``) are kind ``comment``. Meta's mis-encoded UTF-8 is
repaired. There are no post ids or links: a post's id is its first photo's file name (Instagram's media
id), else the time and a hash of the content. Reposts and tags are not in the export.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from postguard.audit.archive import Archive
from postguard.audit.entries import Malformed, Result, each, items, made_id, obj, path, text
from postguard.audit.importers.meta import account_from, load, photos, stream
from postguard.audit.media import Members
from postguard.audit.model import ImportedItem, Kind, problem
from postguard.audit.times import from_unix

NAME = "instagram"
PLATFORM = "instagram"

_POSTS = re.compile(r"(?:^|/)(?:content|media)/posts_\d+\.json$")
_STORIES = re.compile(r"(?:^|/)(?:content|media)/stories\.json$")
_REELS = re.compile(r"(?:^|/)(?:content|media)/reels\.json$")
_ARCHIVED = re.compile(r"(?:^|/)archived_posts(?:_\d+)?\.json$")
_COMMENTS = re.compile(r"(?:^|/)comments/(?:post_comments(?:_\d+)?|reels_comments)\.json$")
_PROFILE = re.compile(r"(?:^|/)personal_information/personal_information\.json$")


def detect(archive: Archive) -> bool:
    return any(_POSTS.search(n) or _COMMENTS.search(n) for n in archive.names)


def read(archive: Archive) -> Iterator[Result]:
    members = Members(archive.names)
    account = account_from(archive.label, "instagram")
    for name in archive.names:
        if _PROFILE.search(name):
            data, _ = load(archive, name)
            handle = path(data, "profile_user", 0, "string_map_data", "Username", "value")
            account = handle if isinstance(handle, str) and handle else account
    found_any = False
    for pattern, keys, publication in (
        (_POSTS, (), True),
        (_STORIES, ("ig_stories",), True),
        (_REELS, ("ig_reels_media",), True),
        (_ARCHIVED, ("ig_archived_post_media",), False),
    ):
        for name in (n for n in archive.names if pattern.search(n)):
            found_any = True
            yield from each(
                name,
                stream(archive, name, *keys),
                functools.partial(_post, account=account, members=members, member=name, publication=publication),
            )
    for name in (n for n in archive.names if _COMMENTS.search(n)):
        found_any = True
        listed = stream(archive, name, "comments_media_comments", "comments_reels_comments")
        yield from each(name, listed, lambda raw: _comment(raw, account))
    if not found_any:
        yield problem("PG507", archive.label, format="Instagram", expected="content/posts_1.json")


def _post(raw: Any, account: str, members: Members, member: str, publication: bool) -> list[Result]:
    post = obj(raw)
    media = items(post.get("media"), "media") if "media" in post else [post]  # a story is one photo
    if not media:
        raise Malformed("it has no media")
    first = obj(media[0], "media[0]")
    carousel = "creation_timestamp" in post and "media" in post
    when = post.get("creation_timestamp") if carousel else first.get("creation_timestamp")
    created = from_unix(when)
    caption = text(post, "title") if carousel else text(first, "title")
    if carousel and not caption:
        caption = text(first, "title")
    uris = [path(m, "uri") for m in media]
    uri = first.get("uri")
    stem = uri.rsplit("/", 1)[-1].rsplit(".", 1)[0] if isinstance(uri, str) and uri else ""
    item_id = stem or made_id(created, caption)
    found, missing = photos(members, uris, member, f"post {item_id}")
    item = ImportedItem(
        platform=PLATFORM,
        account=account,
        id=item_id,
        kind=Kind.POST if publication else Kind.DELETED,  # an archived post: published, then withdrawn
        created_at=created,
        text=caption,
        publication=publication,
        media=tuple(found),
    )
    return [*(missing if publication else []), item]


def _comment(raw: Any, account: str) -> ImportedItem:
    fields = obj(path(raw, "string_map_data"), "its 'string_map_data'")
    words = path(fields, "Comment", "value")
    when = path(fields, "Time", "timestamp")
    if not isinstance(words, str):
        raise Malformed("it has no 'Comment'")
    owner = path(fields, "Media Owner", "value")
    created = from_unix(when)
    return ImportedItem(
        platform=PLATFORM,
        account=account,
        id=made_id(created, words),
        kind=Kind.COMMENT,
        created_at=created,
        text=words,
        publication=True,
        in_reply_to=owner if isinstance(owner, str) and owner else None,
    )
