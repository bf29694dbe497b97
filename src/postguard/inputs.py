"""Read what users give the CLI: post text from an argument, a file or stdin; posts from JSON lines.

Every problem becomes an :class:`~postguard.errors.InputError` or
:class:`~postguard.errors.UsageError` with a one-line message; nothing here prints.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from postguard.errors import InputError, UsageError
from postguard.post_input import post_from_fields
from postguard.types import Post

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a post's text came from: a file path, ``-`` for stdin, or ``None`` for an argument."""

    name: str
    text: str
    path: Path | None
    markdown: bool
    bom: bool = False  # the file began with a UTF-8 byte-order mark (kept when the file is rewritten)


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
    (:func:`postguard.post_input.check_limits`); the byte limit only keeps an oversized input out of memory."""
    limit = max_chars * MAX_UTF8_BYTES_PER_CHAR if max_bytes is None else max_bytes
    if len(data) > limit:
        what = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        raise InputError("PG120", name=name, size=what, limit=max_chars)
    if b"\x00" in data[:8192]:
        if name.startswith("line "):
            raise InputError("PG121", name=name)
        raise InputError("PG122", name=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("PG123", name=name, byte=data[exc.start], offset=exc.start) from None


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so that an oversized input is detected without reading it all."""
    return stream.read(limit + 1)


# What a file of posts is called; an argument ending so, with no space in it, is meant as a file.
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | {".txt", ".text", ".jsonl", ".json", ".yaml", ".yml", ".html", ".htm", ".csv"}


def source_from_argument(arg: str, *, stdin: BinaryIO | None, max_chars: int) -> Source:
    """``-`` reads stdin; a path reads that file; anything else is the post text itself. An argument that
    looks like a path (no spaces, and a folder separator, a file suffix or a glob pattern) but is not a
    readable file is an error, never checked as a post that says a file name."""
    limit = max_chars * 4
    if arg == "-":
        if stdin is None:
            raise InputError("PG140")
        return Source(
            "<stdin>", decode(read_limited(stdin, limit), name="standard input", max_chars=max_chars), None, False
        )
    path = Path(arg)
    # a file's name may hold spaces and even newlines: an argument that names a file is that file
    if arg.strip() and "\x00" not in arg and len(arg) < 4096:
        if _is_path(path):
            return source_from_file(path, max_chars=max_chars)
        if _is_link(path):
            raise InputError("PG141", path=arg)
    if looks_like_a_path(arg):
        raise InputError("PG142", path=arg)
    return Source("post", arg, None, False)


MAX_WORDS_OF_A_NAME = 4  # "my post.md", "Draft for Monday.txt": a file's name, not a post


def looks_like_a_path(arg: str) -> bool:
    """``notes/post.md``, ``post.md``, ``*.md``, ``~/drafts``: no whitespace, not a link, and a separator,
    a file suffix or a glob character. With spaces (one line): ``drafts/my post.md`` or ``my post.md``, a
    name that ends in a file suffix and has a separator or at most ``MAX_WORDS_OF_A_NAME`` words."""
    if not arg or "://" in arg or arg.startswith(("@", "#")):
        return False
    if any(c.isspace() for c in arg):
        if any(c in arg for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029") or arg != arg.strip():
            return False  # several lines, or words padded with blanks: a post
        if Path(arg).suffix.lower() not in TEXT_SUFFIXES or any(c.isspace() for c in Path(arg).suffix):
            return False
        return "/" in arg or "\\" in arg or len(arg.split()) <= MAX_WORDS_OF_A_NAME
    if "/" in arg or "\\" in arg or arg.startswith("~") or any(c in arg for c in "*?["):
        return True
    return Path(arg).suffix.lower() in TEXT_SUFFIXES


def _is_path(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a loop of symlinks, a name too long
        return False


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, without blocking, if it is a regular file: a FIFO with no writer, a
    device such as /dev/zero or a folder is refused before anything is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError("PG125", path=path) from None
    except OSError as exc:
        raise InputError("PG126", path=path, reason=exc.strerror or exc.__class__.__name__) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("PG129", path=path)
    return os.fdopen(fd, "rb")


def source_from_file(path: Path, *, max_chars: int) -> Source:
    """The text of a regular file, read up to the limit. The file is opened without blocking and checked
    to be a regular file before anything is read: a FIFO with no writer, or /dev/zero, is refused."""
    if path.is_dir():
        raise InputError("PG124", path=path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise InputError("PG129", path=path)
        size = info.st_size
        with os.fdopen(fd, "rb") as fh:
            data = read_limited(fh, max_chars * 4)
    except FileNotFoundError:
        raise InputError("PG125", path=path) from None
    except OSError as exc:
        raise InputError("PG126", path=path, reason=exc.strerror or exc.__class__.__name__) from None
    text = decode(data, name=str(path), max_chars=max_chars, size=size)
    return Source(str(path), text, path, path.suffix.lower() in MARKDOWN_SUFFIXES, data.startswith(UTF8_BOM))


def post_from_json(obj: Any) -> Post:
    """One JSON-lines object to a :class:`Post`, through the one input model
    (:mod:`postguard.post_input`); raises InputError/UsageError with a one-line reason."""
    return post_from_fields(obj)


def _json(text: str) -> Any:
    """One JSON value; an integer Python will not convert (over ``sys.get_int_max_str_digits()`` digits,
    4,300 by default) is an input error, not an internal one."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # int() refused the digits
        raise InputError("PG118", limit=sys.get_int_max_str_digits()) from None


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    post: Post | None
    problem: str | None
    id: str | None = None
    code: str | None = None  # the problem's error code


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
            obj = _without_lone_surrogates(_json(text))
            if isinstance(obj, dict) and obj.get("id") is not None:
                post_id = str(obj["id"])
            yield Line(number, post_from_json(obj), None, post_id)
        except json.JSONDecodeError as exc:
            bad = InputError("PG116", reason=exc.msg, column=exc.colno)
            yield Line(number, None, str(bad), code=bad.code)
        except ValueError:  # a number of thousands of digits: Python refuses to convert it
            bad = InputError("PG118")
            yield Line(number, None, str(bad), code=bad.code)
        except RecursionError:  # "[[[[..." thousands deep: the parser's stack, not the process, gives out
            deep = InputError("PG117")
            yield Line(number, None, str(deep), code=deep.code)
        except (InputError, UsageError) as exc:
            yield Line(number, None, str(exc), post_id, exc.code)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any, depth: int = 0) -> Any:
    """Half an emoji cut off in an export ("\\ud83d" alone) in any field, read as U+FFFD, as the post's
    text is (one character for one: offsets keep). JSON nests at most as deep as the parser allowed."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(k, depth + 1): _without_lone_surrogates(v, depth + 1) for k, v in value.items()
        }
    return value
