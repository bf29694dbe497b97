"""Bluesky: "Export my data", a repository as a CAR v1 file (``shared/design/EXPORTS.md`` section 6).

The repository's commit (the CAR's root) names the account's DID and the root of its Merkle search tree,
whose keys are ``<collection>/<rkey>``. ``app.bsky.feed.post`` records are posts: a reply when ``reply``
is set, a thread when its parent is the account's own post, a quote when it embeds a record
(``app.bsky.embed.record`` or ``recordWithMedia``). ``app.bsky.feed.repost`` records are reposts (no
text; not the account's publication). Likes, follows and the rest are not imported. Times are the
client's ``createdAt``. Images are blobs, not in the CAR: a blob is found only when the archive holds a
file named by its CID (as blob exports write them), else a notice says it is not in the export (the
post is imported and checked without it; nothing was skipped). The handle
is not in the repository: the account is its DID.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from postguard.audit.archive import Archive
from postguard.audit.car import Car, CarError, Link, read_car, walk_tree
from postguard.audit.entries import Malformed, Result, each, items, obj, path
from postguard.audit.model import ImportedItem, ImportProblem, Kind, problem
from postguard.audit.times import from_iso
from postguard.errors import ArchiveError

NAME = "bluesky"
PLATFORM = "bluesky"

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
_CAR = re.compile(r"(?:^|/)[^/]+\.car$", re.I)


def detect(archive: Archive) -> bool:
    return any(_CAR.search(n) for n in archive.names)


def read(archive: Archive) -> Iterator[Result]:
    blobs = {n.rsplit("/", 1)[-1].split(".", 1)[0]: n for n in archive.names if not _CAR.search(n)}
    for name in (n for n in archive.names if _CAR.search(n)):
        try:
            data = archive.read_bytes(name, limit=archive.limits.max_car_bytes, what="a CAR file")
            car = read_car(data)
            commit = car.get(car.roots[0])
        except ArchiveError as exc:
            yield ImportProblem.of(exc)
            continue
        except CarError as exc:
            yield problem("PG526", name, reason=str(exc))
            continue
        did = path(commit, "did")
        if not isinstance(did, str) or not isinstance(path(commit, "data"), Link):
            yield problem("PG526", name, reason="its root is not a repository commit {did, data}")
            continue
        if car.damage:
            yield problem("PG526", name, reason=f"{car.damage}; the records before it are imported")
        build = functools.partial(_record, did=did, blobs=blobs, member=name)
        yield from each(name, _records(car, commit["data"], name), build, label="record")


def _records(car: Car, root: Link, member: str) -> Iterator[Any]:
    """``(key, record)`` of each post and repost; a damaged part of the tree as a problem."""
    for step in walk_tree(car, root):
        if isinstance(step, CarError):
            yield step
            continue
        key, link = step
        if key.split("/", 1)[0] not in (POST, REPOST):
            continue
        try:
            yield key, car.get(link)
        except CarError as exc:
            yield key, exc  # named by its key, reported, and the next record read


def _record(raw: Any, did: str, blobs: dict[str, str], member: str) -> list[Result]:
    if isinstance(raw, CarError):
        raise Malformed(str(raw))
    key, record = raw
    if isinstance(record, CarError):
        raise Malformed(str(record))
    collection, rkey = key.split("/", 1)
    record = obj(record, "the record")
    created = from_iso(record.get("createdAt"))
    if collection == REPOST:
        subject = path(record, "subject", "uri")
        return [
            ImportedItem(
                platform=PLATFORM,
                account=did,
                id=rkey,
                kind=Kind.REPOST,
                created_at=created,
                text="",
                publication=False,
                refers_to=subject if isinstance(subject, str) else None,
            )
        ]
    words = record.get("text", "")
    if not isinstance(words, str):
        raise Malformed("its 'text' is not a string")
    parent = path(record, "reply", "parent", "uri")
    embed: dict[str, Any] = record["embed"] if isinstance(record.get("embed"), dict) else {}
    embed_type = embed.get("$type")
    quoted = None
    images: list[Any] = []
    if embed_type == "app.bsky.embed.record":
        quoted = path(embed, "record", "uri")
    elif embed_type == "app.bsky.embed.recordWithMedia":
        quoted = path(embed, "record", "record", "uri")
        images = items(path(embed, "media", "images"), "embed.media.images")
    elif embed_type == "app.bsky.embed.images":
        images = items(embed.get("images"), "embed.images")
    if isinstance(parent, str):
        kind = Kind.THREAD if parent.startswith(f"at://{did}/") else Kind.REPLY
    elif isinstance(quoted, str):
        kind = Kind.QUOTE
    else:
        kind = Kind.POST
    photos, missing = [], []
    for image in images:
        blob = _blob_cid(path(image, "image"))
        if blob is None:
            continue
        if blob in blobs:
            photos.append(blobs[blob])
        else:  # as the platform exports it: blobs are not in the repository (a notice, nothing skipped)
            why = "Bluesky keeps images outside the repository"
            missing.append(problem("PG547", member, entry=f"record {key}", photo=f"blob {blob}", why=why, notice=True))
    item = ImportedItem(
        platform=PLATFORM,
        account=did,
        id=rkey,
        kind=kind,
        created_at=created,
        text=words,
        publication=True,
        media=tuple(photos),
        url=f"https://bsky.app/profile/{did}/post/{rkey}",
        in_reply_to=parent if isinstance(parent, str) else None,
        refers_to=quoted if kind is Kind.QUOTE and isinstance(quoted, str) else None,
    )
    return [*missing, item]


def _blob_cid(blob: Any) -> str | None:
    """A blob's CID as text: ``{$type: blob, ref: <link>}``, or the legacy ``{cid: "bafk..."}``."""
    ref = path(blob, "ref")
    if isinstance(ref, Link):
        return str(ref)
    legacy = path(blob, "cid")
    return legacy if isinstance(legacy, str) else None
