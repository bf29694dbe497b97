"""The audit log's hash chain: canonical JSON, digests, sealing an entry and verifying the chain.

Pure Python (no Django), so the scheme is read and tested on its own.

An entry's hash is ``sha256(prev_hash || canonical(header))``, where the header holds the entry's
sequence number, time, actor, action, object type and id, and the *payload digest*. The payload digest is
``sha256(canonical({key: field digest}))`` and each field's digest is
``sha256(canonical({"key": key, "salt": salt, "value": value}))`` with a random 128-bit salt per field.

Erasing a field (a person's data, on request) replaces its value and salt by its digest, kept beside the
payload: the payload digest, and so every hash after it, is unchanged, and the erased value cannot be
recovered by guessing, because its salt is gone. Verification recomputes each live field's digest from
its value and salt and takes each erased field's digest as stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from postguard.errors import GovernanceError

GENESIS = "0" * 64

JSONValue = str | int | bool | None | list[Any] | dict[str, Any]


def canonical(value: Any) -> bytes:
    """One byte string per JSON value: keys sorted, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def check_value(key: str, value: Any) -> None:
    """Raise unless ``value`` is JSON both databases keep exactly: text (no NUL), whole numbers, booleans,
    null, lists and objects of these. Floats are refused: their text may not survive a round trip."""
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if "\x00" in value:
            raise GovernanceError("PG631", key=key, type="text with a NUL character")
        return
    if isinstance(value, list):
        for item in value:
            check_value(key, item)
        return
    if isinstance(value, dict):
        for k, item in value.items():
            if not isinstance(k, str):
                raise GovernanceError("PG631", key=key, type="object with a key that is not text")
            check_value(f"{key}.{k}", item)
        return
    raise GovernanceError("PG631", key=key, type=type(value).__name__)


def field_digest(key: str, salt: str, value: Any) -> str:
    return hashlib.sha256(canonical({"key": key, "salt": salt, "value": value})).hexdigest()


def payload_digest(digests: Mapping[str, str]) -> str:
    return hashlib.sha256(canonical(dict(digests))).hexdigest()


def timestamp(at: dt.datetime) -> str:
    """The time as the hash reads it: UTC, to the microsecond (what both databases store)."""
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Header:
    """What an entry's hash covers, besides the previous hash."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    payload_digest: str

    def hash_after(self, prev_hash: str) -> str:
        body = {
            "seq": self.seq,
            "at": timestamp(self.at),
            "actor": self.actor,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "payload_digest": self.payload_digest,
        }
        return hashlib.sha256(prev_hash.encode("ascii") + canonical(body)).hexdigest()


@dataclass(frozen=True, slots=True)
class Stored:
    """An entry as the database holds it."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    payload: Mapping[str, Any]
    salts: Mapping[str, str]
    redacted: Mapping[str, str]
    prev_hash: str
    hash: str
    # the payload keys an erasure of a person may have redacted (None: not checked)
    erased_keys: frozenset[str] | None = None

    def digests(self) -> dict[str, str] | None:
        """Each field's digest (live fields recomputed, erased ones as stored); None when the parts do not
        fit together (a salt without its field, a field both live and erased)."""
        if set(self.payload) != set(self.salts) or set(self.payload) & set(self.redacted):
            return None
        out = {k: field_digest(k, self.salts[k], v) for k, v in self.payload.items()}
        out.update(self.redacted)
        return out

    def recomputed_hash(self) -> str | None:
        digests = self.digests()
        if digests is None:
            return None
        header = Header(
            self.seq, self.at, self.actor, self.action, self.object_type, self.object_id, payload_digest(digests)
        )
        return header.hash_after(self.prev_hash)


Problem = Literal["edited", "deleted", "reordered"]


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of walking the chain: OK, or the first broken entry and what happened to it."""

    entries: int
    head_seq: int
    head_hash: str
    broken_at: int | None = None
    problem: Problem | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def describe(self) -> str:
        if self.ok:
            return f"OK: {self.entries} entries; the chain ends at entry {self.head_seq}, hash {self.head_hash}"
        return f"BROKEN at entry {self.broken_at}: {self.problem}: {self.detail}"


def verify(
    entries: Iterable[Stored], head_seq: int, head_hash: str, seq_of_hash: Callable[[str], int | None]
) -> Verification:
    """Walk ``entries`` in sequence order and report the first one edited, deleted or reordered.

    ``head_seq`` and ``head_hash`` are the log's head (the last entry appended), which catches entries
    deleted from the end; ``seq_of_hash`` finds the entry holding a hash (to tell a reordered entry from
    a deleted one).
    """
    prev_seq, prev_hash, prev_intact, count = 0, GENESIS, True, 0

    def broken(at: int, problem: Problem, detail: str) -> Verification:
        return Verification(count, head_seq, head_hash, at, problem, detail)

    for entry in entries:
        expected = prev_seq + 1
        intact = entry.recomputed_hash() == entry.hash
        if entry.prev_hash != prev_hash:
            follows = seq_of_hash(entry.prev_hash)
            if follows is not None and follows != prev_seq:
                return broken(entry.seq, "reordered", f"it follows entry {follows}, not entry {prev_seq}")
            if entry.seq > expected:
                missing = f"entry {expected}" if entry.seq == expected + 1 else f"entries {expected} to {entry.seq - 1}"
                return broken(expected, "deleted", f"{missing} missing before entry {entry.seq}")
            if prev_seq and prev_intact and entry.seq == expected:
                return broken(prev_seq, "edited", f"entry {entry.seq} does not follow it: it was rewritten")
            return broken(entry.seq, "edited", "it does not follow the entry before it")
        if not intact:
            return broken(entry.seq, "edited", "its content does not match its hash")
        if entry.erased_keys is not None and not set(entry.redacted) <= entry.erased_keys:
            keys = ", ".join(sorted(set(entry.redacted) - entry.erased_keys))
            return broken(entry.seq, "edited", f"{keys} marked erased, but no erasure of a person covers it")
        if entry.seq != expected:
            return broken(entry.seq, "edited", f"its number should be {expected}")
        prev_seq, prev_hash, prev_intact, count = entry.seq, entry.hash, intact, count + 1
    if (prev_seq, prev_hash) != (head_seq, head_hash):
        if head_seq > prev_seq:
            missing = f"entry {head_seq}" if head_seq == prev_seq + 1 else f"entries {prev_seq + 1} to {head_seq}"
            return broken(prev_seq + 1, "deleted", f"{missing} missing at the end of the log")
        if head_seq == prev_seq and prev_seq:
            return broken(prev_seq, "edited", "the last entry does not match the log's head: it was rewritten")
        return broken(head_seq + 1, "edited", f"the log's head says entry {head_seq}, the log goes on to {prev_seq}")
    return Verification(count, head_seq, head_hash)
