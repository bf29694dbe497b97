"""XML members (WordPress's WXR, RSS and Atom), parsed as a stream with ``defusedxml`` (PSF): entity
declarations (the "billion laughs") and external entities or DTDs are refused, never expanded or fetched.
The encoding the prolog declares is honoured. Elements are handed over as they end and dropped from the
tree afterwards, so an export of any length is read in bounded memory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import iterparse

from postguard.audit.archive import Archive
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


def elements(archive: Archive, name: str, wanted: frozenset[str]) -> Iterator[tuple[Element, list[Element]]]:
    """Each element whose local name is in ``wanted``, when it ends, with its ancestors (outermost
    first); it is removed from its parent once the caller has it (unless it is inside another wanted
    element, which keeps its children). Raises :class:`ArchiveError` for XML
    that is not well formed (PG522, with its line and column) or that declares entities (PG523)."""
    stack: list[Element] = []
    with archive.open(name, what="an XML member") as stream:
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
