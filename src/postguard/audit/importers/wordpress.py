"""WordPress: the WXR export of Tools > Export (``shared/design/EXPORTS.md`` section 8; WordPress's own
``export.php``).

An RSS 2.0 file with the ``wp`` namespace (``wordpress.org/export/1.0``, ``1.1`` or ``1.2``, http or
https), read as a stream. Each ``item`` is one post, page or other type: ``wp:post_type`` ``post`` is a
post, ``page`` a page, other content types are posts; attachments, menu items, revisions, reusable blocks
and templates are not content and are not imported. ``wp:status`` ``publish`` and ``future`` are
publications (``future`` will be); drafts, pending and private posts are imported but not as
publications, and ``trash`` is kind ``deleted``. The time is ``wp:post_date_gmt`` (UTC; a draft's
``0000-00-00 00:00:00`` is no time). The text is the title and ``content:encoded`` made plain (block
comments, shortcodes and tags dropped, ``<script>`` removed whole). ``wp:comment``s are kind ``comment``:
the site's authors' approved comments are publications, visitors' comments and pingbacks are not. The
media files are not in a WXR; a photo an ``<img>`` names is found only if the archive also holds
``wp-content/uploads/...``.
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
from postguard.audit.media import Members, is_photo
from postguard.audit.model import ImportedItem, ImportProblem, Kind
from postguard.audit.times import from_iso
from postguard.audit.xmlfile import child_text, children, elements, encoding_problem, local, sniff
from postguard.errors import ArchiveError

NAME = "wordpress"
PLATFORM = "wordpress"

WXR = re.compile(rb"https?://wordpress\.org/export/\d+\.\d+/")
_XML = re.compile(r"\.xml$", re.I)
NOT_CONTENT = frozenset(
    "attachment nav_menu_item revision wp_block wp_template wp_template_part wp_navigation wp_global_styles "
    "custom_css customize_changeset oembed_cache user_request wp_font_family wp_font_face".split()
)
PUBLISHED = frozenset({"publish", "future"})
_SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?/?\]")
_IMG = re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", re.I)
NO_DATE = "0000-00-00 00:00:00"


def wxr_members(archive: Archive) -> list[str]:
    return [n for n in archive.names if _XML.search(n) and WXR.search(sniff(archive, n))]


def detect(archive: Archive) -> bool:
    return bool(wxr_members(archive))


def read(archive: Archive) -> Iterator[Result]:
    members = Members(archive.names)
    for name in wxr_members(archive):
        site: dict[str, str] = {}
        authors: set[str] = set()
        mislabelled = encoding_problem(archive, name)
        if mislabelled is not None:
            yield mislabelled
        try:
            wanted = frozenset({"item", "author", "base_site_url", "link"})
            stream = elements(archive, name, wanted, fallback=mislabelled is not None)
            entries = _items(stream, site, authors)
            build = functools.partial(_item, site=site, authors=authors, members=members)
            yield from each(name, entries, build, label="item")
        except ArchiveError as exc:
            yield ImportProblem.of(exc)


def _items(
    stream: Iterator[tuple[Element, list[Element]]], site: dict[str, str], authors: set[str]
) -> Iterator[Element]:
    for element, ancestors in stream:
        name = local(element.tag)
        parent = local(ancestors[-1].tag) if ancestors else ""
        if name == "item":
            yield element
        elif parent == "channel" and name == "author":
            author_id = child_text(element, "author_id")
            if author_id:
                authors.add(author_id)
        elif parent == "channel" and name in ("base_site_url", "link") and element.text:
            site.setdefault("url", element.text.strip())


def _item(element: Element, site: dict[str, str], authors: set[str], members: Members) -> list[Result] | None:
    post_type = child_text(element, "post_type") or "post"
    status = child_text(element, "status") or "publish"
    if post_type in NOT_CONTENT or status == "auto-draft":
        return None
    account = urlsplit(site.get("url", "")).hostname or ""
    post_id = child_text(element, "post_id") or child_text(element, "guid")
    if not post_id:  # nothing names it, nor the comments under it
        raise Malformed("it has no wp:post_id and no guid")
    html = _content(element)
    title = child_text(element, "title")
    body = "\n\n".join(part for part in (title, html_to_text(_SHORTCODE.sub("", html))) if part)
    when = child_text(element, "post_date_gmt")
    kind = Kind.PAGE if post_type == "page" else Kind.POST
    if status == "trash":
        kind = Kind.DELETED
    photos = []
    for src in _IMG.findall(html):
        path = urlsplit(src).path
        at = path.find("wp-content/uploads/")
        found = members.find(path[at:]) if at >= 0 and is_photo(path) else None
        if found and found not in photos:
            photos.append(found)
    results: list[Result] = [
        ImportedItem(
            platform=PLATFORM,
            account=account,
            id=post_id,
            kind=kind,
            created_at=from_iso(when) if when and when != NO_DATE else None,
            text=body,
            publication=kind is not Kind.DELETED and status in PUBLISHED,
            media=tuple(photos),
            url=child_text(element, "link") or None,
        )
    ]
    for comment in children(element, "comment"):
        results.append(_comment(comment, post_id, account, authors))
    return results


def _content(element: Element) -> str:
    for child in element:
        if local(child.tag) == "encoded" and "purl.org/rss/1.0/modules/content" in child.tag:
            return child.text or ""
    return ""


def _comment(comment: Element, post_id: str, account: str, authors: set[str]) -> ImportedItem:
    comment_id = child_text(comment, "comment_id")
    parent = child_text(comment, "comment_parent")
    when = child_text(comment, "comment_date_gmt")
    by_author = child_text(comment, "comment_user_id") in authors
    approved = child_text(comment, "comment_approved") == "1"
    pingback = child_text(comment, "comment_type") in ("pingback", "trackback")
    return ImportedItem(
        platform=PLATFORM,
        account=account,
        id=f"comment-{comment_id}",
        kind=Kind.COMMENT,
        created_at=from_iso(when) if when and when != NO_DATE else None,
        text=html_to_text(child_text(comment, "comment_content")),
        publication=by_author and approved and not pingback,
        in_reply_to=f"comment-{parent}" if parent and parent != "0" else post_id,
    )
