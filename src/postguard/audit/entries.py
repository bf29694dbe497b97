"""Reading one entry of an export, whose shape is never trusted: typed accessors that raise
:class:`Malformed` with a reason in words, and :func:`each`, which turns a malformed entry into an
:class:`~postguard.audit.model.ImportProblem` and goes on with the next."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
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
        where = f"{label} {index}"
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
                yield from result
            elif result is not None:
                yield result


def made_id(created: dt.datetime, *parts: str) -> str:
    """``<unix seconds>-<12 hex of sha256 of the content>``: stable across imports of the same export."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{int(created.timestamp())}-{digest}"
