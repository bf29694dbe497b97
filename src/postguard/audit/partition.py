"""An audit's posts in partitions, and the key that finds identical posts.

The items an archive's import yields (its publications, in the order the importer reads them) are cut
into partitions of ``size`` posts. A partition's id is the archive's fingerprint (of its content) and the
position of its first post, so importing the same archive again, after a crash or a kill, forms the same
partitions with the same ids: that is what lets a run skip the partitions it has already written.

Two posts whose check cannot differ share a key (:func:`dedup_key`): the same text, account kind, bio,
platform and photos (by content), and the same time *as the rules read it*. Only the working-hours rule
(WK001) reads the time of a post without records, and only on the account kinds it applies to and inside
the pack's working hours (where its message names the weekday and the minute); elsewhere the time
changes nothing, so it is not part of the key. A post that cites records or has a registry account
(whose records are valid on some days and not others) is never shared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from postguard.audit.model import ImportedItem, ImportProblem
from postguard.policy.pack import PolicyPack
from postguard.rules.working_hours_personal_use import WorkingHoursPersonalUse
from postguard.types import Post

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Entry:
    """One post of a partition: its place in the archive's stream, its key, what the audit's outputs say
    of it (``meta``), the post to check, and the item it came from (whose photos are freed once the
    partition is written)."""

    position: int
    key: str
    meta: dict[str, Any]
    post: Post
    item: ImportedItem


@dataclass(slots=True)
class Partition:
    id: str
    archive: int
    start: int
    entries: list[Entry] = field(default_factory=list)


def partition_id(fingerprint: str, start: int) -> str:
    """``<12 hex of the archive's fingerprint>-<position of the first post, 9 digits>``; sorting the ids
    of one archive sorts its partitions."""
    return f"{fingerprint[:12]}-{start:09d}"


def meta_of(item: ImportedItem, post: Post) -> dict[str, Any]:
    """What the outputs say of a post besides its report."""
    data = item.to_json()
    return {
        "id": post.id,
        "platform": item.platform,
        "account": item.account,
        "kind": data["kind"],
        "created_at": data["created_at"],
        "url": item.url,
        "text": item.text,
        "media": list(item.media),
    }


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def dedup_key(post: Post, pack: PolicyPack, photo_hashes: Iterable[str] = ()) -> str:
    """The key two posts share when their reports cannot differ (module docstring); hex sha256."""
    if post.records or post.account_id is not None:
        return hashlib.sha256(f"unique\x00{post.id}".encode("utf-8", "surrogatepass")).hexdigest()
    parts = [
        post.text,
        post.account.value,
        post.bio,
        post.platform,
        post.markdown,
        list(photo_hashes),
        time_as_read(post, pack),
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=True).encode("ascii")).hexdigest()


def time_as_read(post: Post, pack: PolicyPack) -> str | None:
    """The post's time as a check reads it: the weekday and minute inside working hours on an account
    kind the working-hours rule applies to, otherwise nothing."""
    when = post.scheduled_at
    hours = pack.working_hours
    if when is None or post.account not in WorkingHoursPersonalUse.accounts or not hours.contains(when):
        return None
    local = when.astimezone(hours.timezone) if when.tzinfo else when.replace(tzinfo=hours.timezone)
    return f"{local:%A %H:%M}"


def partitions(
    results: Iterable[ImportedItem | ImportProblem],
    *,
    archive: int,
    fingerprint: str,
    size: int,
    make_post: Callable[[ImportedItem], Post],
    key_of: Callable[[Post], str],
    on_problem: Callable[[ImportProblem], None],
) -> Iterator[Partition]:
    """The partitions of one archive's import, each of ``size`` posts (the last may have fewer)."""
    position = 0
    current: Partition | None = None
    for result in results:
        if isinstance(result, ImportProblem):
            on_problem(result)
            continue
        if current is None:
            current = Partition(partition_id(fingerprint, position), archive, position)
        post = make_post(result)
        current.entries.append(Entry(position, key_of(post), meta_of(result, post), post, result))
        position += 1
        if len(current.entries) >= size:
            yield current
            current = None
    if current is not None:
        yield current
