"""XML members (WordPress's WXR, RSS and Atom), parsed as a stream with ``defusedxml`` (PSF): entity
declarations (the "billion laughs") and external entities or DTDs are refused, never expanded or fetched.
The encoding the prolog declares is honoured. Elements are handed over as they end and dropped from the
tree afterwards, so an export of any length is read in bounded memory."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import iterparse

from postguard.audit.archive import Archive
from postguard.audit.model import ImportProblem, problem
from postguard.errors import ArchiveError

SNIFF_BYTES = 4096


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def sniff(archive: Archive, name: str) -> bytes:
    """The first bytes of a member (to tell WXR from a feed), or ``b""`` when it cannot be read."""
    try:
        with archive.open(name, what="an XML member") as stream:
            return stream.read(SNIFF_BYTES)
    except ArchiveError:
        return b""


def elements(
    archive: Archive, name: str, wanted: frozenset[str], *, fallback: bool = False
) -> Iterator[tuple[Element, list[Element]]]:
    """Each element whose local name is in ``wanted``, when it ends, with its ancestors (outermost
    first); it is removed from its parent once the caller has it (unless it is inside another wanted
    element, which keeps its children). Raises :class:`ArchiveError` for XML
    that is not well formed (PG522, with its line and column) or that declares entities (PG523)."""
    stack: list[Element] = []
    with archive.open(name, what="an XML member") as opened:
        stream: IO[bytes] = io.BufferedReader(_Utf8OrCp1252(opened)) if fallback else opened
        try:
            for event, element in iterparse(stream, events=("start", "end")):
                if event == "start":
                    stack.append(element)
                    continue
                stack.pop()
                if local(element.tag) in wanted:
                    yield element, stack
                    if stack and not any(local(a.tag) in wanted for a in stack):
                        stack[-1].remove(element)
        except ParseError as exc:
            raise ArchiveError("PG522", member=name, reason=str(exc)) from None
        except defusedxml.EntitiesForbidden as exc:
            raise ArchiveError("PG523", member=name, what=f"an entity declaration ({exc.name})") from None
        except defusedxml.ExternalReferenceForbidden:
            raise ArchiveError("PG523", member=name, what="an external reference") from None
        except defusedxml.DefusedXmlException as exc:
            raise ArchiveError("PG523", member=name, what=type(exc).__name__) from None


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def encoding_problem(archive: Archive, name: str) -> ImportProblem | None:
    """PG551 when the member says (or, with no byte-order mark, implies) UTF-8 and is not: it is then
    read as Windows-1252 from the first bad byte on (pass ``fallback=True`` to :func:`elements`). Feeds
    saved by hand are often mislabelled so; every byte has a meaning in Windows-1252, so nothing is lost."""
    head = sniff(archive, name)
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")):
        return None  # UTF-16 or UTF-32: the parser reads it
    declared = _DECLARED.match(head.removeprefix(b"\xef\xbb\xbf"))
    label = declared.group(1).decode("ascii").lower().replace("_", "-") if declared else "utf-8"
    if label not in ("utf-8", "utf8"):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with archive.open(name, what="an XML member") as stream:
            while True:
                chunk = stream.read(1 << 20)
                try:
                    decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    pending = exc.object
                    at = offset - (len(pending) - len(chunk)) + exc.start
                    detail = f"byte 0x{pending[exc.start]:02x} at offset {at:,} is not UTF-8"
                    said = "UTF-8" if declared else "no encoding (so UTF-8)"
                    return problem("PG551", name, declared=said, detail=detail)
                if not chunk:
                    return None
                offset += len(chunk)
    except ArchiveError:
        return None  # the parse meets the same error and reports it


class _Utf8OrCp1252(io.RawIOBase):
    """UTF-8 bytes as they are up to the first byte that is not UTF-8, and from there the rest read as
    Windows-1252 (its five unassigned bytes as U+FFFD), re-encoded as UTF-8 for the parser."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._fallback = False
        self._out = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._out and not self._done:
            chunk = self._raw.read(1 << 20)
            self._done = not chunk
            if self._fallback:
                text = chunk.decode("cp1252", errors="replace")
            else:
                try:
                    text = self._decoder.decode(chunk, final=self._done)
                except UnicodeDecodeError as exc:
                    data = exc.object
                    text = data[: exc.start].decode("utf-8") + data[exc.start :].decode("cp1252", errors="replace")
                    self._fallback = True
            self._out = text.encode("utf-8")
        count = min(len(buffer), len(self._out))
        buffer[:count] = self._out[:count]
        self._out = self._out[count:]
        return count


def child_text(element: Element, name: str) -> str:
    """The text of the first child with this local name (``""`` when none)."""
    for child in element:
        if local(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def attribute(element: Element | None, name: str) -> Any:
    return None if element is None else element.get(name)
