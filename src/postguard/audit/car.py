"""A minimal reader of CAR v1 files (a Bluesky repository export, ``repo.car``) and of the repository's
Merkle search tree inside it.

The framing is written here: a varint-prefixed DAG-CBOR header ``{version: 1, roots: [CID]}``, then
blocks, each ``varint(length) . CID . bytes``. The CAR readers on PyPI are early single releases without
upkeep (``ipld-car`` 0.0.1, ``dag-cbor`` last released in 2023), and the framing is a few dozen lines;
the blocks' DAG-CBOR is decoded by ``cbor2`` (MIT), with nesting capped and indefinite lengths refused,
and a link (CBOR tag 42) read as :class:`Link`. Each block's sha2-256 is checked against its CID: a block
that does not match is never read (a record in it is reported), and the blocks after it still are.
The file is untrusted: lengths are checked against what is left, the tree is walked without recursion,
and a block met twice is not walked again.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import cbor2

MAX_DEPTH = 64  # nesting of one block's DAG-CBOR (a post with embeds and facets nests about 8)
SHA2_256 = 0x12


class CarError(Exception):
    """The file is not a CAR file, or is damaged; the message says where."""


@dataclass(frozen=True, slots=True)
class Link:
    """A CID, as its binary form."""

    cid: bytes

    def __str__(self) -> str:
        return cid_text(self.cid)


def cid_text(cid: bytes) -> str:
    """A CID as text: base32 (``bafy...``) for CIDv1; hex for anything else."""
    if cid[:1] == b"\x01":
        return "b" + base64.b32encode(cid).decode("ascii").lower().rstrip("=")
    return cid.hex()


def varint(data: bytes | memoryview, at: int) -> tuple[int, int]:
    value = shift = 0
    for index in range(at, min(at + 9, len(data))):
        byte = data[index]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, index + 1
        shift += 7
    raise CarError(f"a length at byte {at:,} is cut off or too long")


def _cid(data: memoryview, at: int, end: int) -> tuple[bytes, bytes | None, int]:
    """The CID starting at ``at`` (before ``end``), its sha2-256 digest if it has one, and where it ends."""
    if bytes(data[at : at + 2]) == b"\x12\x20":  # CIDv0: a bare sha2-256 multihash
        stop = at + 34
        if stop > end:
            raise CarError(f"a CID at byte {at:,} is cut off")
        return bytes(data[at:stop]), bytes(data[at + 2 : stop]), stop
    version, cursor = varint(data, at)
    if version != 1:
        raise CarError(f"a CID at byte {at:,} has version {version}")
    _codec, cursor = varint(data, cursor)
    hash_code, cursor = varint(data, cursor)
    size, cursor = varint(data, cursor)
    stop = cursor + size
    if stop > end:
        raise CarError(f"a CID at byte {at:,} is cut off")
    digest = bytes(data[cursor:stop]) if hash_code == SHA2_256 and size == 32 else None
    return bytes(data[at:stop]), digest, stop


def _tag(tag: cbor2.CBORTag, immutable: bool) -> Any:
    if tag.tag == 42 and isinstance(tag.value, bytes) and tag.value[:1] == b"\x00":
        return Link(tag.value[1:])
    raise CarError(f"CBOR tag {tag.tag} is not DAG-CBOR")


def decode(block: bytes | memoryview) -> Any:
    """One block's DAG-CBOR (raises :class:`CarError`)."""
    try:
        return cbor2.loads(bytes(block), tag_hook=_tag, max_depth=MAX_DEPTH, allow_indefinite=False)
    except CarError:
        raise
    except (cbor2.CBORError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CarError(f"a block is not valid DAG-CBOR ({str(exc)[:120]})") from None


@dataclass
class Car:
    roots: list[Link]
    blocks: dict[bytes, memoryview] = field(default_factory=dict)
    damage: str | None = None  # why reading stopped early (the blocks before it are kept)
    tampered: set[bytes] = field(default_factory=set)  # blocks whose bytes do not hash to their CID

    def get(self, link: Any) -> Any:
        if not isinstance(link, Link):
            raise CarError("a link is not a CID")
        block = self.blocks.get(link.cid)
        if block is None:
            if link.cid in self.tampered:
                raise CarError(f"block {link}'s bytes do not match its CID (altered?)")
            raise CarError(f"block {link} is not in the file")
        return decode(block)


def read_car(data: bytes) -> Car:
    """The header and blocks of a CAR v1 file held in ``data``. A damaged header raises
    :class:`CarError`; damage after it stops the reading, kept in :attr:`Car.damage`."""
    view = memoryview(data)
    size, at = varint(view, 0)
    if at + size > len(view):
        raise CarError("the header is cut off")
    header = decode(view[at : at + size])
    if not isinstance(header, dict) or header.get("version") != 1:
        raise CarError("the header is not a CAR v1 header")
    roots = header.get("roots")
    if not isinstance(roots, list) or not roots or not all(isinstance(r, Link) for r in roots):
        raise CarError("the header names no root")
    car = Car(roots=list(roots))
    at += size
    while at < len(view):
        try:
            size, start = varint(view, at)
            end = start + size
            if size == 0 or end > len(view):
                raise CarError(f"the block at byte {at:,} is cut off (truncated?)")
            cid, digest, body = _cid(view, start, end)
        except CarError as exc:
            car.damage = str(exc)
            break
        at = end
        if digest is not None and hashlib.sha256(view[body:end]).digest() != digest:
            car.tampered.add(cid)  # the framing is sound: the next block is read; this one never is
            continue
        car.blocks.setdefault(cid, view[body:end])
    return car


def walk_tree(car: Car, root: Link) -> Iterator[tuple[str, Link] | CarError]:
    """The repository's records, ``(collection/rkey, record link)`` in key order, from the Merkle search
    tree whose root is ``root``; a node that cannot be read is a :class:`CarError` in the stream (the rest
    of the tree is still walked)."""
    stack: list[tuple[str, Any]] = [("node", root)]
    seen: set[bytes] = set()
    while stack:
        kind, value = stack.pop()
        if kind == "leaf":
            yield value
            continue
        if value is None:
            continue
        if not isinstance(value, Link):
            yield CarError("a tree link is not a CID")
            continue
        if value.cid in seen:
            continue
        seen.add(value.cid)
        try:
            node = car.get(value)
            steps = _steps(node)
        except CarError as exc:
            yield exc
            continue
        stack.extend(reversed(steps))


def _steps(node: Any) -> list[tuple[str, Any]]:
    """A tree node's left subtree, then each entry's record and right subtree, in order."""
    if not isinstance(node, dict) or not isinstance(node.get("e"), list):
        raise CarError("a tree node is not {l, e}")
    steps: list[tuple[str, Any]] = [("node", node.get("l"))]
    key = b""
    for entry in node["e"]:
        if not isinstance(entry, dict):
            raise CarError("a tree entry is not {p, k, v, t}")
        shared, suffix = entry.get("p"), entry.get("k")
        if not isinstance(shared, int) or not isinstance(suffix, bytes) or not 0 <= shared <= len(key):
            raise CarError("a tree entry's key is malformed")
        key = key[:shared] + suffix
        try:
            name = key.decode("ascii")
        except UnicodeDecodeError:
            raise CarError("a tree key is not ASCII") from None
        steps.append(("leaf", (name, entry.get("v"))))
        steps.append(("node", entry.get("t")))
    return steps
