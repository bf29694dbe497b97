"""Mastodon: "Request your archive" (``shared/design/EXPORTS.md`` section 5; read in Mastodon's own code).

A zip (a ``.tar.gz`` from older versions) with ``outbox.json`` (an ActivityPub OrderedCollection) and
``actor.json``. A ``Create`` of a ``Note`` (or ``Question``) is the account's post: a reply when
``inReplyTo`` is set, a thread when it replies to one of the account's own statuses, a quote when it
carries a quote (Mastodon 4.4's ``quote``, or ``quoteUri``). An ``Announce`` (a boost) is a repost: only
the boosted post's URI is exported. Visibility is read from ``to``/``cc``: a post addressed to neither the
public nor the followers is a direct message, never a publication. The text is the content warning
(``summary``) and the content, HTML made plain. Photos are attachments with an ``image/*`` media type,
whose ``url`` is made archive-relative (a leading ``/``, ``system/`` or a storage bucket's path dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from postguard.audit.archive import Archive
from postguard.audit.entries import Malformed, Result, each, items, obj, path, string
from postguard.audit.html_text import html_to_text
from postguard.audit.jsonstream import stream_entries
from postguard.audit.media import Members, is_photo
from postguard.audit.model import ImportedItem, ImportProblem, Kind, problem
from postguard.audit.times import from_iso
from postguard.errors import ArchiveError

NAME = "mastodon"
PLATFORM = "mastodon"

_OUTBOX = re.compile(r"(?:^|/)outbox\.json$")
_QUOTE_KEYS = ("quote", "quoteUri", "quoteUrl", "_misskey_quote")
PUBLIC = frozenset({"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"})


def detect(archive: Archive) -> bool:
    names = set(archive.names)
    return any(_OUTBOX.search(n) and n[: -len("outbox.json")] + "actor.json" in names for n in names)


def read(archive: Archive) -> Iterator[Result]:
    outboxes = [n for n in archive.names if _OUTBOX.search(n)]
    if not outboxes:
        yield problem("PG507", archive.label, format="Mastodon", expected="outbox.json")
        return
    outbox = outboxes[0]
    actor: dict[str, Any] = {}
    actor_name = outbox[: -len("outbox.json")] + "actor.json"
    if actor_name in archive:
        try:
            loaded = archive.read_json(actor_name)
            actor = loaded if isinstance(loaded, dict) else {}
        except ArchiveError as exc:
            yield ImportProblem.of(exc)
    account = _account(actor)
    activities = stream_entries(archive, outbox, keys=("orderedItems",))  # any size, an activity at a time
    members = Members(archive.names)
    yield from each(outbox, activities, lambda raw: _activity(raw, actor, account, members, outbox))


def _account(actor: dict[str, Any]) -> str:
    user = actor.get("preferredUsername")
    host = urlsplit(str(actor.get("id") or actor.get("url") or "")).hostname
    if isinstance(user, str) and user:
        return f"{user}@{host}" if host else user
    return ""


def _addressed(note: dict[str, Any], key: str) -> set[str]:
    value = note.get(key)
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def _status_id(uri: str) -> str:
    parts = [p for p in urlsplit(uri).path.split("/") if p]
    if parts and parts[-1] == "activity":
        parts.pop()
    return parts[-1] if parts else uri


def _activity(raw: Any, actor: dict[str, Any], account: str, members: Members, member: str) -> list[Result] | None:
    activity = obj(raw)
    kind_of = activity.get("type")
    if kind_of == "Announce":
        uri = string(activity, "id")
        assert uri is not None
        target = activity.get("object")
        target = target.get("id") if isinstance(target, dict) else target
        return [
            ImportedItem(
                platform=PLATFORM,
                account=account,
                id=_status_id(uri),
                kind=Kind.REPOST,
                created_at=from_iso(activity.get("published")),
                text="",
                publication=False,
                refers_to=target if isinstance(target, str) else None,
            )
        ]
    if kind_of != "Create":
        return None  # nothing the account wrote (an Update, a Like in an older export)
    note = obj(activity.get("object"), "its 'object'")
    uri = string(note, "id")
    assert uri is not None
    words = note.get("content")
    if not isinstance(words, str):
        languages = note.get("contentMap")
        words = next(iter(languages.values()), "") if isinstance(languages, dict) and languages else ""
    if not isinstance(words, str):
        raise Malformed("its 'content' is not text")
    warning = note.get("summary") if isinstance(note.get("summary"), str) else ""
    body = "\n\n".join(part for part in (html_to_text(warning or ""), html_to_text(words)) if part)
    addressed = _addressed(note, "to") | _addressed(note, "cc")
    followers = actor.get("followers")
    public = bool(addressed & PUBLIC) or (isinstance(followers, str) and followers in addressed)
    reply_to = note.get("inReplyTo") if isinstance(note.get("inReplyTo"), str) else None
    quoted = next((note[k] for k in _QUOTE_KEYS if isinstance(note.get(k), str)), None)
    own = str(actor.get("id") or "\0")
    if not public:
        kind = Kind.DIRECT_MESSAGE
    elif reply_to:
        kind = Kind.THREAD if reply_to.startswith(own.rstrip("/") + "/") else Kind.REPLY
    elif quoted:
        kind = Kind.QUOTE
    else:
        kind = Kind.POST
    photos, missing = [], []
    for attachment in items(note.get("attachment"), "attachment"):
        media_type, url = path(attachment, "mediaType"), path(attachment, "url")
        if not isinstance(url, str) or not (str(media_type or "").startswith("image/") or is_photo(url)):
            continue
        found = members.find(_relative(url))
        if found:
            photos.append(found)
        elif kind is not Kind.DIRECT_MESSAGE:
            missing.append(problem("PG532", member, entry=f"status {_status_id(uri)}", photo=url))
    link = note.get("url")
    item = ImportedItem(
        platform=PLATFORM,
        account=account,
        id=_status_id(uri),
        kind=kind,
        created_at=from_iso(note.get("published") or activity.get("published")),
        text=body,
        publication=kind is not Kind.DIRECT_MESSAGE,
        media=tuple(photos),
        url=link if isinstance(link, str) else uri,
        in_reply_to=reply_to,
        refers_to=quoted if kind is Kind.QUOTE else None,
    )
    return [*missing, item]


def _relative(url: str) -> str:
    """An attachment's URL as a path in the archive: ``/system/media_attachments/files/...`` and
    ``https://cdn/bucket/media_attachments/...`` -> ``media_attachments/files/...``."""
    where = urlsplit(url).path if "://" in url else url
    at = where.find("media_attachments/")
    if at >= 0:
        return where[at:]
    return where.lstrip("/").removeprefix("system/")
