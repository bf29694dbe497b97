"""A safe reader of an account's export, whatever holds it (:mod:`postguard.audit.containers`: a zip, a tar,
a folder, or one export file).

Archives are treated as hostile (``shared/design/EXPORTS.md``). Member names are normalised, and a name
that is absolute, climbs out with ``..``, carries a backslash, a drive letter or a control character is
refused; so is a symbolic link (a zip member whose mode says so, a link in a tar or a folder), never
followed, and anything that is not a regular file. The members are counted and every read is bounded:
bytes are counted as they are decompressed, in chunks, and a member is refused as soon as it passes its
cap (so a zip bomb costs at most the cap), as is any read that would pass the archive's total. Nothing is
extracted except photos, each copied into a private temporary folder this reader owns, under a name it
makes (never the member's), and removed on :meth:`Archive.close`.

A member that is refused becomes an :class:`~postguard.audit.model.ImportProblem` in
:attr:`Archive.problems`; the others are still read. Only an archive that cannot be opened at all, or has
too many members, raises :class:`~postguard.errors.ArchiveError`.
"""

from __future__ import annotations

import contextlib
import io
import json
import lzma
import os
import re
import shutil
import tarfile
import tempfile
import unicodedata
import weakref
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from postguard.audit.model import ImportProblem, problem
from postguard.errors import ArchiveError

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """What one import may read. The defaults fit the largest real exports the design describes."""

    max_members: int = 200_000  # files in the archive (a large X archive holds tens of thousands of photos)
    max_member_bytes: int = 2 << 30  # any one member streamed (a WordPress export, a CSV)
    # a JSON member parsed whole (a manifest, a profile): the data files are read an entry at a time
    max_json_bytes: int = 64 << 20
    max_entry_chars: int = 16 << 20  # one entry of a data file read an entry at a time (jsonstream)
    max_text_bytes: int = 256 << 20  # a CSV member, decoded whole before its rows are read one by one
    max_car_bytes: int = 512 << 20  # a Bluesky repository, read whole (its blocks come in no order)
    max_photo_bytes: int = 80 << 20  # a photo extracted for checking (photos over 80 MB are not checked)
    max_text_chars: int = 100_000  # an item's text (the policy pack's limits.max_text_chars in an audit run)
    max_total_bytes: int = 32 << 30  # decompressed bytes read from the whole archive, photos included
    # a zip member that declares more than this many bytes, at more than max_ratio to 1, is refused when
    # the archive is listed, read or not (deflate cannot pass about 1,032 to 1; real exports are far below)
    bomb_min_bytes: int = 64 << 20
    max_ratio: int = 1_000


DEFAULT_LIMITS = Limits()

_DRIVE = re.compile(r"^[A-Za-z]:")
_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# What a damaged or truncated member raises while it is decompressed.
READ_ERRORS = (
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    tarfile.TarError,
)


def shown(name: str) -> str:
    """A member name as one printable line (control characters escaped)."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)


def normalise_name(raw: str) -> str:
    """The member's name as the importers see it: ``/``-separated, without ``.`` or empty segments, NFC.
    Refused (:class:`ArchiveError` PG511) when it could name something outside the archive."""
    why = None
    if any(unicodedata.category(c) == "Cc" for c in raw):
        why = "has a control character"
    elif "\\" in raw:
        why = "has a backslash"
    elif _DRIVE.match(raw):
        why = "has a drive letter"
    elif raw.startswith("/"):
        why = "is an absolute path"
    parts = [part for part in raw.split("/") if part not in ("", ".")]
    if why is None and ".." in parts:
        why = "has '..' (it would climb out of the archive)"
    if why is None and not parts:
        why = "is empty"
    if why is not None:
        raise ArchiveError("PG511", member=shown(raw), why=why)
    return unicodedata.normalize("NFC", "/".join(parts))


def decode_text(data: bytes, member: str) -> str:
    """Text of a member: UTF-8, or UTF-16/32 when a byte-order mark says so (a UTF-8 one is dropped too);
    anything else is refused with where the bad byte is (PG521)."""
    encoding, skip = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, skip = name, len(bom)
            break
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise ArchiveError(
            "PG521", member=member, encoding=label, byte=data[skip + exc.start], offset=skip + exc.start
        ) from None


def parse_json(text: str, member: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated"):
            reason += ": it ends too early (truncated?)"
        raise ArchiveError("PG520", member=member, reason=reason) from None
    except RecursionError:
        raise ArchiveError("PG520", member=member, reason="arrays or objects nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ArchiveError("PG520", member=member, reason=str(exc).split(";")[0]) from None


class _Bounded(io.RawIOBase):
    """A member's decompressed bytes, counted as they are read: past ``limit`` (or the archive's total)
    the read stops with :class:`ArchiveError` naming the member; a damaged stream is PG517."""

    def __init__(self, archive: Archive, name: str, raw: IO[bytes], limit: int, what: str) -> None:
        super().__init__()
        self._archive, self._name, self._raw, self._limit, self._what = archive, name, raw, limit, what
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        want = min(len(buffer), self._limit - self._count + 1)
        try:
            data = self._raw.read(want)
        except ArchiveError as exc:
            raise _named(exc, self._name) from None
        except READ_ERRORS as exc:
            raise ArchiveError("PG517", member=self._name, reason=reason_of(exc)) from None
        self._count += len(data)
        if self._count > self._limit:
            raise ArchiveError("PG514", member=self._name, limit=self._limit, what=self._what)
        self._archive._charge(len(data), self._name)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def reason_of(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


class Archive:
    """An export's members by normalised name; bounded reads; photos extracted on request."""

    def __init__(self, label: str, limits: Limits) -> None:
        self.label = label
        self.limits = limits
        self.problems: list[ImportProblem] = []
        self._members: dict[str, tuple[Any, int | None]] = {}
        self._seen = 0
        self._total = 0
        self._tmp: str | None = None
        # where the private temporary folder of extracted photos is made (None: the system's temporary
        # folder); an audit on a cluster puts it under its output folder, which every worker can read
        self.media_dir: str | None = None
        self._extracted = 0
        self._cleanup: weakref.finalize[Any, Any] | None = None

    # the listing ------------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return sorted(self._members)

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def size(self, name: str) -> int | None:
        """The size the archive declares (a zip's header can lie: reads are counted anyway)."""
        return self._members[name][1]

    def _add(
        self,
        raw: str,
        handle: Any,
        *,
        size: int | None,
        refused: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        self._seen += 1
        if self._seen > self.limits.max_members:
            raise ArchiveError("PG510", member=self.label, limit=self.limits.max_members)
        try:
            name = normalise_name(raw)
        except ArchiveError as exc:
            self.problems.append(ImportProblem.of(exc))
            return
        if refused is not None:
            self.problems.append(problem(refused, name, **(values or {})))
        elif name in self._members:
            self.problems.append(problem("PG518", name))
        else:
            self._members[name] = (handle, size)

    # reading ----------------------------------------------------------------------------------------

    def _raw_open(self, handle: Any) -> IO[bytes]:
        raise NotImplementedError

    def _charge(self, count: int, name: str) -> None:
        self._total += count
        if self._total > self.limits.max_total_bytes:
            raise ArchiveError("PG515", member=name, limit=self.limits.max_total_bytes)

    def open(self, name: str, *, limit: int | None = None, what: str = "a member") -> io.BufferedReader:
        """A bounded binary stream of the member (raises :class:`ArchiveError` naming it)."""
        limit = self.limits.max_member_bytes if limit is None else limit
        handle, size = self._members[name]
        if size is not None and size > limit:
            raise ArchiveError("PG514", member=name, limit=limit, what=what)
        try:
            raw = self._raw_open(handle)
        except ArchiveError as exc:
            raise _named(exc, name) from None
        except READ_ERRORS as exc:
            raise ArchiveError("PG517", member=name, reason=reason_of(exc)) from None
        return io.BufferedReader(_Bounded(self, name, raw, limit, what), buffer_size=CHUNK)

    def read_bytes(self, name: str, *, limit: int | None = None, what: str = "a member") -> bytes:
        out = bytearray()
        with self.open(name, limit=limit, what=what) as stream:
            while chunk := stream.read(CHUNK):
                out += chunk
        return bytes(out)

    def read_text(self, name: str, *, limit: int | None = None) -> str:
        limit = self.limits.max_text_bytes if limit is None else limit
        return decode_text(self.read_bytes(name, limit=limit, what="a text member"), name)

    def read_json(self, name: str, *, prepare: Callable[[str], str] | None = None) -> Any:
        """A JSON member parsed whole, within ``max_json_bytes``; ``prepare`` rewrites its text first (the
        X data files' ``window.YTD... =`` prefix, Meta's mis-encoded UTF-8)."""
        data = self.read_bytes(name, limit=self.limits.max_json_bytes, what="a JSON member")
        text = decode_text(data, name)
        del data
        return parse_json(prepare(text) if prepare else text, name)

    def extract(self, name: str) -> str:
        """Copy a photo into the private temporary folder; its path. Bounded by ``max_photo_bytes``."""
        if self._tmp is None:
            self._tmp = tempfile.mkdtemp(prefix="postguard-audit-", dir=self.media_dir)
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        self._extracted += 1
        suffix = Path(name).suffix.lower()
        path = os.path.join(self._tmp, f"{self._extracted:07d}{suffix if _SUFFIX.fullmatch(suffix) else ''}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            with (
                self.open(name, limit=self.limits.max_photo_bytes, what="a photo") as stream,
                os.fdopen(os.open(path, flags, 0o600), "wb") as out,
            ):
                while chunk := stream.read(CHUNK):
                    out.write(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return path

    def discard(self, path: str) -> None:
        """Remove one extracted copy (once its post was checked)."""
        if self._tmp is not None and os.path.dirname(path) == self._tmp:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def close(self) -> None:
        self._close()
        if self._cleanup is not None:
            self._cleanup()

    def _close(self) -> None:
        pass

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _named(exc: ArchiveError, name: str) -> ArchiveError:
    """The error with the member it is about, when it was raised without one."""
    if exc.member:
        return exc
    return ArchiveError(exc.code, member=name, entry=exc.entry, **exc.values)


def open_archive(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Archive:
    """The archive at ``path``: a folder, a zip, a tar (any compression) or one export file."""
    from postguard.audit.containers import open_container

    return open_container(path, limits=limits)
