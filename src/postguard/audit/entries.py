"""Reading one entry of an export, whose shape is never trusted: typed accessors that raise
:class:`Malformed` with a reason in words, and :func:`each`, which turns a malformed entry into an
:class:`~postguard.audit.model.ImportProblem` and goes on with the next."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from postguard.audit.model import ImportedItem, ImportProblem, problem
from postguard.audit.times import BadTime
from postguard.errors import ArchiveError

Result = ImportedItem | ImportProblem


class Malformed(Exception):
    """An entry is not what its format says; the message is the reason, in words."""


def obj(value: Any, what: str = "the entry") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(f"{what} is {_kind(value)}, not an object")
    return value


def items(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Malformed(f"{what} is {_kind(value)}, not a list")
    return value


def string(entry: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise Malformed(f"it has no {key!r}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Malformed(f"{key!r} is {_kind(value)}, not a string")
    return str(value)


def text(entry: dict[str, Any], key: str) -> str:
    """An optional string field, ``""`` when absent."""
    return string(entry, key, required=False) or ""


def path(value: Any, *keys: str | int) -> Any:
    """``value[k1][k2]...`` or ``None`` where any step is missing or of the wrong shape."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(value, list) or not -len(value) <= key < len(value):
                return None
        elif not isinstance(value, dict):
            return None
        value = value[key] if isinstance(key, int) else value.get(key)
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def each(
    member: str,
    raws: Iterable[Any],
    build: Callable[[Any], Result | list[Result] | None],
    *,
    label: str = "entry",
) -> Iterator[Result]:
    """``build`` on each raw entry (an item, or problems and an item); a malformed one becomes a problem
    naming the member and the entry (``entry 3``), and the next is read."""
    for index, raw in enumerate(raws):
        if isinstance(raw, ImportProblem):  # the reader's own: an entry it skipped, or the member's damage
            yield raw
            continue
        where = f"{label} {index}"
        named = identity(raw)
        if named:
            where += f" ({named})"
        try:
            result = build(raw)
        except Malformed as exc:
            yield problem("PG530", member, entry=where, problem=str(exc))
        except BadTime as exc:
            yield problem("PG531", member, entry=where, value=exc.value)
        except ArchiveError as exc:
            yield ImportProblem.of(exc, member=member)
        else:
            if isinstance(result, list):
                yield from (sourced(r, member) for r in result)
            elif result is not None:
                yield sourced(result, member)


def sourced(result: Result, member: str) -> Result:
    """An item with the member it was read from (a problem as it is)."""
    if isinstance(result, ImportedItem) and not result.source:
        return replace(result, source=member)
    return result


# The fields that name an entry, in the order tried: X, Mastodon, YouTube, Meta's times, feeds and WXR.
_ID_KEYS = ("id_str", "id", "uri", "Video ID", "Comment ID", "timestamp", "creation_timestamp")
_ID_CHILDREN = ("post_id", "guid", "id", "link")


def identity(raw: Any) -> str | None:
    """What names a raw entry, for a problem's message: its id, URI, key or time as the export has it
    (``None`` when it has none). Never raises; at most 100 printable characters."""
    try:
        found = _identity(raw)
    except Exception:  # a hostile entry's shape must never stop the import
        return None
    if found is None:
        return None
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in found.strip())
    return text[:100] or None


def _identity(raw: Any) -> str | None:
    if isinstance(raw, tuple) and raw and isinstance(raw[0], str):  # (key, record) of a Bluesky repository
        return raw[0]
    if isinstance(raw, dict):
        entry = raw["tweet"] if isinstance(raw.get("tweet"), dict) else raw
        for key in _ID_KEYS:
            value = entry.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                return str(value)
        inner = entry.get("object")
        if isinstance(inner, dict) and isinstance(inner.get("id"), str):
            return str(inner["id"])
        return None
    tag = getattr(raw, "tag", None)
    if isinstance(tag, str):  # an XML element: an RSS item, an Atom entry, a WXR item
        for name in _ID_CHILDREN:
            for child in raw:
                if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == name:
                    value = (child.text or "").strip() or (child.get("href") or "").strip()
                    if value:
                        return value
    return None


def made_id(created: dt.datetime, *parts: str) -> str:
    """``<unix seconds>-<12 hex of sha256 of the content>``: stable across imports of the same export."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{int(created.timestamp())}-{digest}"
