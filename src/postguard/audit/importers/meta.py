"""What Facebook's and Instagram's "Download your information" exports share: JSON members with Meta's
mis-encoded UTF-8 (repaired as they are read), Unix-second times, media named by a ``uri`` relative to the
export's root, no post ids (an id is made from the time and a hash of the content), and the account's
name only in the archive's file name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from postguard.audit.archive import Archive
from postguard.audit.jsonstream import stream_entries
from postguard.audit.media import Members, is_photo
from postguard.audit.model import ImportProblem, problem
from postguard.audit.mojibake import repair_json_text
from postguard.errors import ArchiveError


def load(archive: Archive, name: str) -> tuple[Any, ImportProblem | None]:
    """A member's JSON with the mojibake repaired, or the problem that stopped it."""
    try:
        return archive.read_json(name, prepare=repair_json_text), None
    except ArchiveError as exc:
        return None, ImportProblem.of(exc)


def stream(archive: Archive, name: str, *keys: str) -> Iterator[Any]:
    """A member's entries one at a time, with the mojibake repaired: the member's list, or the list under
    one of ``keys`` (or the first list) of its object."""
    return stream_entries(archive, name, keys=keys, repair=True, any_list=True)


def entries(data: Any, *keys: str) -> list[Any] | None:
    """The list of entries: the member itself, or under one of ``keys`` (``comments_v2``), or the one list
    in a single-key object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                return list(data[key])
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
    return None


def account_from(label: str, platform: str) -> str:
    """The name in ``facebook-<name>-YYYY-MM-DD-<id>.zip`` (or a folder so named), else ``""``."""
    match = re.search(rf"{platform}-(.+?)-\d{{4}}-\d{{2}}-\d{{2}}", label.replace("\\", "/").rsplit("/", 1)[-1])
    return match.group(1) if match else ""


def photos(members: Members, uris: list[Any], member: str, entry: str) -> tuple[list[str], list[ImportProblem]]:
    """The members that the photo ``uris`` name, and a problem for each one not in the archive."""
    found: list[str] = []
    missing: list[ImportProblem] = []
    for uri in uris:
        if not isinstance(uri, str) or not is_photo(uri):
            continue
        name = members.find(uri)
        if name is None:
            missing.append(problem("PG532", member, entry=entry, photo=uri))
        elif name not in found:
            found.append(name)
    return found, missing
