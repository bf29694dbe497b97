"""Read what users give the CLI: post text from an argument, a file or stdin; posts from JSON lines.

Every problem becomes an :class:`~postguard.errors.InputError` or
:class:`~postguard.errors.UsageError` with a one-line message; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from postguard.errors import InputError, UsageError
from postguard.types import RECORD_KINDS, AccountKind, Post, Record

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a post's text came from: a file path, ``-`` for stdin, or ``None`` for an argument."""

    name: str
    text: str
    path: Path | None
    markdown: bool


MAX_UTF8_BYTES_PER_CHAR = 4
# A JSON line may escape every character of the text: "\ud83d\ude00" is 12 bytes for one emoji, and
# Python's json.dumps escapes all non-ASCII text by default. Its other fields (bio, records) get room too.
MAX_JSON_BYTES_PER_CHAR = 12
JSON_FIELDS_BYTES = 1 << 20


def jsonl_line_limit(max_chars: int) -> int:
    """The most bytes one JSON line may hold when its text has at most ``max_chars`` characters."""
    return max_chars * MAX_JSON_BYTES_PER_CHAR + JSON_FIELDS_BYTES


def decode(data: bytes, *, name: str, max_chars: int, size: int | None = None, max_bytes: int | None = None) -> str:
    """Decode UTF-8 text; ``data`` may be truncated at ``max_bytes + 1`` bytes (by default four per
    character of ``max_chars``), ``size`` is the full size. Characters are counted again after decoding
    (:func:`postguard.engine.validate`); the byte limit only keeps an oversized input out of memory."""
    limit = max_chars * MAX_UTF8_BYTES_PER_CHAR if max_bytes is None else max_bytes
    if len(data) > limit:
        what = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        raise InputError(f"{name} is {what}; the limit is {max_chars:,} characters")
    if b"\x00" in data[:8192]:
        if name.startswith("line "):
            raise InputError(f"{name} contains binary data (NUL bytes), not JSON text")
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes); give a text or Markdown file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so that an oversized input is detected without reading it all."""
    return stream.read(limit + 1)


def source_from_argument(arg: str, *, stdin: BinaryIO, max_chars: int) -> Source:
    """``-`` reads stdin; an existing path reads that file; anything else is the post text itself."""
    limit = max_chars * 4
    if arg == "-":
        return Source(
            "<stdin>", decode(read_limited(stdin, limit), name="standard input", max_chars=max_chars), None, False
        )
    path = Path(arg)
    if arg.strip() and "\n" not in arg and len(arg) < 4096 and _is_path(path):
        return source_from_file(path, max_chars=max_chars)
    return Source("post", arg, None, False)


def _is_path(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def source_from_file(path: Path, *, max_chars: int) -> Source:
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a text or Markdown file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            data = read_limited(fh, max_chars * 4)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    text = decode(data, name=str(path), max_chars=max_chars, size=size)
    return Source(str(path), text, path, path.suffix.lower() in MARKDOWN_SUFFIXES)


def parse_time(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"cannot read the time {value!r}; use ISO 8601, e.g. 2026-11-24T14:30 or 2026-11-24T14:30+00:00"
        ) from None


def parse_account(value: str) -> AccountKind:
    try:
        return AccountKind(value.strip().lower())
    except ValueError:
        raise UsageError(f"unknown account kind {value!r}; use personal, professional or official") from None


def parse_record_option(value: str) -> Record:
    """``ID:KIND:CODE[,CODE…][:EXPIRES]`` as given to ``--record``."""
    parts = value.split(":")
    if len(parts) not in (3, 4) or not all(parts[:3]):
        raise UsageError(
            f"cannot read the record {value!r}; use ID:KIND:CODES[:EXPIRES], e.g. WP-114:written-permission:AU001"
        )
    expires = _date(parts[3], value) if len(parts) == 4 and parts[3] else None
    return record_from(parts[0], parts[1], parts[2].split(","), expires)


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"cannot read the date {value!r} in {where!r}; use YYYY-MM-DD") from None


def record_from(
    rid: str,
    kind: str,
    covers: Iterable[str],
    expires: dt.date | None,
    revoked: bool = False,
    granted_by: str | None = None,
) -> Record:
    from postguard.rules.catalogue import CATALOGUE

    if kind not in RECORD_KINDS:
        raise UsageError(f"unknown record kind {kind!r}; use one of {', '.join(RECORD_KINDS)}")
    codes = tuple(c.strip().upper() for c in covers if c.strip())
    for code in codes:
        if code not in CATALOGUE and not code.startswith("L"):
            raise UsageError(f"record {rid}: unknown rule code {code!r}")
    return Record(rid, kind, codes, granted_by, expires, revoked)


_JSONL_FIELDS = frozenset({"id", "text", "account", "bio", "platform", "scheduled_at", "photos", "records", "markdown"})


def _typed(obj: dict[str, Any], name: str, kind: type | tuple[type, ...], what: str, default: Any = None) -> Any:
    """``obj[name]`` if it is of ``kind`` (``default`` when absent or null), else an InputError naming it."""
    value = obj.get(name)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):  # true is no id
        raise InputError(f"'{name}' must be {what}, not {type(value).__name__}")
    return value


def _string_list(value: Any, name: str, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"'{name}' must be a list of {what}")
    return value


def post_from_json(obj: Any) -> Post:
    """One JSON-lines object to a :class:`Post`; raises InputError/UsageError with the reason. Each field
    must have its JSON type (a number where a string belongs is an error, not read as its digits)."""
    if not isinstance(obj, dict):
        raise InputError("each line must be a JSON object")
    unknown = set(obj) - _JSONL_FIELDS
    if unknown:
        raise InputError(f"unknown field(s): {', '.join(sorted(unknown))}")
    text = obj.get("text", "")
    if not isinstance(text, str):
        raise InputError("'text' must be a string")
    photos = _string_list(obj.get("photos", []), "photos", "paths")
    raw_records = _typed(obj, "records", list, "a list of record objects", [])
    records = []
    for raw in raw_records:
        if not isinstance(raw, dict) or not {"id", "kind", "covers"} <= set(raw) or raw["id"] is None:
            raise InputError("each record needs 'id', 'kind' and 'covers'")
        rid = str(_typed(raw, "id", (str, int), "a string or a number"))
        expires = _typed(raw, "expires", str, "a date, YYYY-MM-DD")
        records.append(
            record_from(
                rid,
                _typed(raw, "kind", str, "a string", ""),
                _string_list(raw["covers"], "covers", "rule codes"),
                _date(expires, rid) if expires else None,
                _typed(raw, "revoked", bool, "true or false", False),
                _typed(raw, "granted_by", str, "a string"),
            )
        )
    scheduled = _typed(obj, "scheduled_at", str, "an ISO 8601 time")
    post_id = _typed(obj, "id", (str, int), "a string or a number")
    return Post(
        text=text,
        photos=tuple(photos),
        account=parse_account(_typed(obj, "account", str, "a string", "personal")),
        bio=_typed(obj, "bio", str, "a string", ""),
        platform=_typed(obj, "platform", str, "a string", "generic") or "generic",
        scheduled_at=parse_time(scheduled) if scheduled else None,
        records=tuple(records),
        id=None if post_id is None else str(post_id),
        markdown=_typed(obj, "markdown", bool, "true or false", False),
    )


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    post: Post | None
    problem: str | None
    id: str | None = None


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``stream``, none held in memory beyond ``limit + 1`` bytes: a longer line is given as
    its first ``limit + 1`` bytes (so that :func:`decode` rejects it) and the rest of it is skipped."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_jsonl(lines: Iterable[bytes], *, max_chars: int) -> Iterator[Line]:
    """Parse JSON lines one by one; a bad line becomes a :class:`Line` with a ``problem``. ``lines`` may
    be a file opened in binary mode: it is read through :func:`bounded_lines`."""
    limit = jsonl_line_limit(max_chars)
    if hasattr(lines, "readline"):
        lines = bounded_lines(lines, limit)  # type: ignore[arg-type]
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        post_id = None
        try:
            text = decode(raw, name=f"line {number}", max_chars=max_chars, max_bytes=limit)
            obj = json.loads(text)
            if isinstance(obj, dict) and obj.get("id") is not None:
                post_id = str(obj["id"])
            yield Line(number, post_from_json(obj), None, post_id)
        except json.JSONDecodeError as exc:
            yield Line(number, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:  # "[[[[..." thousands deep: the parser's stack, not the process, gives out
            yield Line(number, None, "not valid JSON for a post (arrays or objects nested too deeply)")
        except (InputError, UsageError) as exc:
            yield Line(number, None, str(exc), post_id)
