"""Blogs' RSS 2.0 and Atom feeds (``shared/design/EXPORTS.md`` section 9).

A feed holds only its newest items, perhaps cut short: prefer a WordPress export where there is one. RSS
``item``: ``title``, ``link``, ``guid``, ``pubDate`` (RFC 822), ``content:encoded`` or else
``description`` (HTML made plain, ``<script>`` dropped). Atom ``entry``: ``id``, ``title``,
``published`` or else ``updated``, the ``alternate`` link, ``content`` or else ``summary`` (text, html or
xhtml); an entry with ``thr:in-reply-to`` (RFC 4685) is a reply, or a thread when it answers an entry of
the same site (the feed's host). An entry without ``updated`` is read and reported; one with no date at
all is skipped. Every item is the account's post; feeds
have no reposts. Enclosures are links, not files in the archive. RSS 1.0 (RDF) is not read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from postguard.audit.archive import Archive
from postguard.audit.entries import Malformed, Result, each
from postguard.audit.html_text import html_to_text
from postguard.audit.importers.wordpress import WXR
from postguard.audit.model import ImportedItem, ImportProblem, Kind, problem
from postguard.audit.times import from_iso, from_rfc822
from postguard.audit.xmlfile import child_text, children, elements, encoding_problem, local, namespace, sniff
from postguard.errors import ArchiveError

NAME = "feed"
PLATFORM = "feed"

ATOM = "http://www.w3.org/2005/Atom"
THREADING = "http://purl.org/syndication/thread/1.0"
_FEED = re.compile(r"\.(?:xml|rss|atom|feed)$", re.I)
_ROOT = re.compile(rb"<(?:rss\b|feed\b[^>]*http://www\.w3\.org/2005/Atom)")


def feed_members(archive: Archive) -> list[str]:
    found = []
    for name in archive.names:
        if _FEED.search(name):
            head = sniff(archive, name)
            if _ROOT.search(head) and not WXR.search(head):
                found.append(name)
    return found


def detect(archive: Archive) -> bool:
    return bool(feed_members(archive))


def read(archive: Archive) -> Iterator[Result]:
    for name in feed_members(archive):
        feed: dict[str, str] = {"member": name}
        mislabelled = encoding_problem(archive, name)
        if mislabelled is not None:
            yield mislabelled
        try:
            wanted = frozenset({"item", "entry", "link", "name"})
            stream = elements(archive, name, wanted, fallback=mislabelled is not None)
            yield from each(name, _entries(stream, feed), functools.partial(_entry, feed=feed), label="item")
        except ArchiveError as exc:
            yield ImportProblem.of(exc)


def _entries(stream: Iterator[tuple[Element, list[Element]]], feed: dict[str, str]) -> Iterator[Element]:
    for element, ancestors in stream:
        name = local(element.tag)
        parent = local(ancestors[-1].tag) if ancestors else ""
        if name in ("item", "entry"):
            yield element
        elif name == "link" and parent in ("channel", "feed") and "url" not in feed:
            href = element.get("href") if namespace(element.tag) == ATOM else element.text
            if href and element.get("rel", "alternate") == "alternate":
                feed["url"] = href.strip()


def _entry(element: Element, feed: dict[str, str]) -> ImportedItem | list[Result]:
    account = urlsplit(feed.get("url", "")).hostname or ""
    if namespace(element.tag) == ATOM:
        return _atom(element, account, feed["member"])
    title = child_text(element, "title")
    html = next(
        (c.text or "" for c in element if local(c.tag) == "encoded" and "modules/content" in c.tag), ""
    ) or child_text(element, "description")
    link = child_text(element, "link")
    item_id = child_text(element, "guid") or link
    if not item_id:
        raise Malformed("it has no guid or link")
    date = child_text(element, "pubDate")
    dc_date = next((("".join(c.itertext())).strip() for c in element if local(c.tag) == "date"), "")
    return ImportedItem(
        platform=PLATFORM,
        account=account,
        id=item_id,
        kind=Kind.POST,
        created_at=from_rfc822(date) if date else from_iso(dc_date) if dc_date else None,
        text="\n\n".join(part for part in (title, html_to_text(html)) if part),
        publication=True,
        url=link or None,
    )


def _atom(entry: Element, account: str, member: str) -> list[Result]:
    entry_id = child_text(entry, "id")
    if not entry_id:
        raise Malformed("it has no id")
    published, updated = child_text(entry, "published"), child_text(entry, "updated")
    if not published and not updated:
        raise Malformed("it has neither <published> nor <updated>")
    link = next((c.get("href") for c in children(entry, "link") if c.get("rel", "alternate") == "alternate"), None)
    body = next((c for c in entry if local(c.tag) == "content"), None)
    if body is None:
        body = next((c for c in entry if local(c.tag) == "summary"), None)
    words = ""
    if body is not None:
        words = "".join(body.itertext())
        if body.get("type") == "html":
            words = html_to_text(words)
    reply = next((c for c in entry if c.tag == f"{{{THREADING}}}in-reply-to"), None)
    kind = Kind.POST
    if reply is not None:
        kind = Kind.THREAD if _own(reply, account) else Kind.REPLY
    title = child_text(entry, "title")
    item = ImportedItem(
        platform=PLATFORM,
        account=account,
        id=entry_id,
        kind=kind,
        created_at=from_iso(published or updated),
        text="\n\n".join(part for part in (title, words.strip()) if part),
        publication=True,
        url=link,
        in_reply_to=reply.get("ref") if reply is not None else None,
    )
    if not updated:  # Atom requires <updated>: the entry is read, and the feed's fault is reported
        return [problem("PG552", member, entry=f"entry {entry_id[:100]}"), item]
    return [item]


def _own(reply: Element, account: str) -> bool:
    """Whether ``thr:in-reply-to`` points at the same site's entry (a thread): its ``href`` on the feed's
    host, or its ``ref`` a ``tag:`` IRI or URL of that host."""
    if not account:
        return False
    ref, href = reply.get("ref") or "", reply.get("href") or ""
    hosts = {urlsplit(href).hostname, urlsplit(ref).hostname}
    if ref.startswith("tag:"):
        hosts.add(ref[4:].split(",", 1)[0].lower())
    return account.lower() in hosts
