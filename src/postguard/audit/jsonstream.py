"""The entries of a JSON list read one at a time, so that an export's data file of any size (a 500 MB
``tweets.js``, a Mastodon ``outbox.json``) is read in bounded memory.

The member is decoded as it is read (UTF-8, or UTF-16/32 with a byte-order mark) and each entry is parsed
with the standard library's decoder (``JSONDecoder.raw_decode``, in C) as soon as the text holds it
whole. The list is the member itself (``[...]``, after an X data file's ``window.YTD... =``), or the value
of one of ``keys`` in a top-level object (``{"orderedItems": [...]}``; without a matching key, the first
list in it, or with ``any_list`` the first list whatever its key); the object's other values are parsed
and dropped. An entry longer than ``max_entry_chars``
is never held: it is skipped (scanned to its end without being kept) and reported as PG559, and the next
is read. Damage (text that is not JSON, a cut-off file, bytes that are not UTF-8) stops the reading: the
entries before it have been yielded, and the damage is one problem naming the member (PG520, PG521).

Meta's mis-encoded UTF-8 is repaired per entry (``repair=True``): the entry's text is repaired and parsed
again (:mod:`postguard.audit.mojibake`).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from postguard.audit.archive import Archive
from postguard.audit.model import ImportProblem, problem
from postguard.audit.mojibake import repair_json_text
from postguard.errors import ArchiveError

CHUNK = 1 << 20
_WS = re.compile(r"[ \t\r\n]*")
_STRING_BODY = re.compile(r'(?:[^"\\]++|\\.)*+', re.S)  # possessive: no state kept to backtrack
_OUTSIDE = re.compile(r'["\[\]{},]')
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DECODER = json.JSONDecoder()
HEAD = 1 << 16  # what is searched for the name of an entry too long to read
_NAME = re.compile(r'"(?:id_str|id|uri|timestamp)"\s*:\s*(?:"([^"\\]{1,200})"|(\d{1,30}))')


def _named(head: str) -> str | None:
    """The first id, URI or time in the beginning of an entry that is not read (to name it)."""
    match = _NAME.search(head)
    return (match.group(1) or match.group(2)) if match else None


class _TooDeep(Exception):
    """The value nests arrays or objects past what the decoder allows (it is skipped, not parsed)."""


class _TooLong(Exception):
    """The value is longer than the limit; ``consumed`` when it was read to its end all the same."""

    def __init__(self, consumed: bool = False) -> None:
        super().__init__()
        self.consumed = consumed


class _Text:
    """A member's text, decoded a chunk at a time; ``buf[pos:]`` is what is not consumed yet."""

    def __init__(self, stream: IO[bytes], member: str) -> None:
        self.stream, self.member = stream, member
        self.buf, self.pos, self.eof = "", 0, False
        self.read_bytes = 0
        head = stream.read(4)
        encoding, skip = "utf-8", 0
        for bom, name in _BOMS:
            if head.startswith(bom):
                encoding, skip = name, len(bom)
                break
        self.encoding = encoding
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self._decode(head[skip:], skip)

    def _decode(self, data: bytes, skipped: int = 0) -> None:
        try:
            self.buf += self.decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as exc:
            offset = skipped + self.read_bytes - (len(exc.object) - len(data)) + exc.start
            label = self.encoding.upper().removesuffix("-LE").removesuffix("-BE")
            raise ArchiveError(
                "PG521", member=self.member, encoding=label, byte=exc.object[exc.start], offset=offset
            ) from None
        self.read_bytes += len(data)

    def fill(self, wanted: int) -> bool:
        """Read until ``wanted`` characters are not consumed yet, or the end; False at the end."""
        if self.pos:
            self.buf, self.pos = self.buf[self.pos :], 0
        grew = False
        while len(self.buf) < wanted and not self.eof:
            data = self.stream.read(CHUNK)
            self.eof = not data
            self._decode(data)
            grew = True
        return grew

    def skip_ws(self) -> str | None:
        """The next character that is not white space (not consumed), or None at the end."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof or not self.fill(CHUNK):
                return None

    def expect(self, char: str) -> None:
        found = self.skip_ws()
        if found != char:
            raise _damage(self, f"expected {char!r} at character {self.pos:,} of what is left, found {found!r}")
        self.pos += 1

    def value(self, limit: int) -> tuple[Any, str]:
        """The next JSON value and its text; :class:`_TooLong` when it is longer than ``limit``."""
        self.skip_ws()
        wanted = max(CHUNK, 2 * (len(self.buf) - self.pos))
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise _TooDeep from None
            except (json.JSONDecodeError, ValueError) as exc:
                if len(self.buf) - self.pos > limit:
                    raise _TooLong from None
                if self.eof or not self.fill(wanted):
                    raise _damage(self, _why(exc)) from None
                wanted *= 2
                continue
            if end == len(self.buf) and not self.eof and self.fill(end - self.pos + 1):
                continue  # a number may go on past what is read so far
            if end - self.pos > limit:
                self.pos = end
                raise _TooLong(consumed=True)
            text = self.buf[self.pos : end]
            self.pos = end
            return found, text

    def skip_value(self) -> None:
        """Consume the next value without keeping it (it was too long to parse)."""
        depth, in_string, i = 0, False, self.pos
        while True:
            if in_string:
                i = _STRING_BODY.match(self.buf, i).end()  # type: ignore[union-attr]  # to the closing quote
                match = None
                if i < len(self.buf) and self.buf[i] == '"':
                    in_string, i = False, i + 1
                    if depth == 0:
                        self.pos = i
                        return
                    continue
                # the end of what is read (perhaps a backslash whose character is in the next chunk)
            else:
                match = _OUTSIDE.search(self.buf, i)
                if match is None:
                    i = len(self.buf)
                else:
                    char = match.group()
                    if char == '"':
                        in_string = True
                    elif char in "[{":
                        depth += 1
                    elif depth == 0:  # the end of a bare number or word: before , ] or }
                        self.pos = match.start()
                        return
                    elif char in "]}":
                        depth -= 1
                        if depth == 0:
                            self.pos = match.end()
                            return
                    i = match.end()
            if match is None:
                if self.eof:
                    raise _damage(self, "it ends inside an entry (truncated?)")
                self.buf, self.pos, i = self.buf[i:], 0, 0
                self.fill(CHUNK)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg + (": it ends too early (truncated?)" if exc.msg.startswith("Unterminated") else "")
    return str(exc).split(";")[0]


def _damage(text: _Text, reason: str) -> ArchiveError:
    if text.eof and "truncated" not in reason:
        reason += " (at the end of the file: truncated?)"
    return ArchiveError("PG520", member=text.member, reason=reason)


def stream_entries(
    archive: Archive,
    name: str,
    *,
    keys: tuple[str, ...] = (),
    prefix: re.Pattern[str] | None = None,
    repair: bool = False,
    any_list: bool = False,
) -> Iterator[Any]:
    """Each entry of the member's list (see the module's docstring), or an
    :class:`~postguard.audit.model.ImportProblem` in its place (an entry too long, PG559) or after the last
    one read (the member's damage). Bounded by ``max_member_bytes`` read and ``max_entry_chars`` an entry."""
    limit = archive.limits.max_entry_chars
    index = 0
    try:
        with archive.open(name, what="a JSON member") as stream:
            text = _Text(stream, name)
            if prefix is not None:
                text.fill(4096)
                match = prefix.match(text.buf)
                if match:
                    text.pos = match.end()
            first = text.skip_ws()
            if first == "{":
                if not _enter_list(text, keys, limit, any_list):
                    yield problem("PG520", name, reason=f"expected a list of entries ({', '.join(keys) or 'any'})")
                    return
            elif first == "[":
                text.pos += 1
            else:
                yield problem("PG520", name, reason="expected a list of entries")
                return
            if text.skip_ws() == "]":
                return
            while True:
                try:
                    entry, raw = text.value(limit)
                except _TooDeep:
                    text.skip_value()
                    reason = "its arrays or objects are nested too deeply"
                    yield problem("PG530", name, entry=f"entry {index}", problem=reason)
                except _TooLong as exc:
                    named = _named(text.buf[text.pos : text.pos + HEAD]) if not exc.consumed else None
                    if not exc.consumed:
                        text.skip_value()
                    where = f"entry {index} ({named})" if named else f"entry {index}"
                    yield problem("PG559", name, entry=where, limit=limit)
                else:
                    yield json.loads(repair_json_text(raw)) if repair and "\\u00" in raw else entry
                index += 1
                after = text.skip_ws()
                if after == "]":
                    return
                if after != ",":
                    raise _damage(text, f"expected ',' or ']' after entry {index - 1}, found {after!r}")
                text.pos += 1
    except ArchiveError as exc:
        yield ImportProblem.of(exc)


def _enter_list(text: _Text, keys: tuple[str, ...], limit: int, any_list: bool) -> bool:
    """Move into the list under one of ``keys`` of the object that starts here (with ``any_list``, or
    without keys: the first list in it)."""
    text.pos += 1
    while True:
        found = text.skip_ws()
        if found == "}":
            return False
        key, _ = text.value(limit)
        text.expect(":")
        if text.skip_ws() == "[" and (not keys or any_list or key in keys):
            text.pos += 1
            return True
        try:
            text.value(limit)
        except _TooDeep:
            text.skip_value()
        except _TooLong as exc:
            if not exc.consumed:
                text.skip_value()
        after = text.skip_ws()
        if after == "}":
            return False
        if after != ",":
            raise _damage(text, f"expected ',' or '}}' after {str(key)[:40]!r}, found {after!r}")
        text.pos += 1
