"""What holds an export: a zip, a tar (``.tar.gz``, older Mastodon archives), a folder it was unpacked
into, or one export file (a Bluesky ``repo.car``, a WordPress ``.xml``, a feed). Each lists its members
through :meth:`Archive._add` (which normalises and refuses names) and opens one as a raw stream; the
counting and caps are :class:`~postguard.audit.archive.Archive`'s."""

from __future__ import annotations

import bz2
import copy
import errno
import io
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from postguard.audit.archive import DEFAULT_LIMITS, READ_ERRORS, Archive, Limits, reason_of, shown
from postguard.audit.model import problem
from postguard.errors import ArchiveError


class ZipArchive(Archive):
    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(str(path), limits)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise ArchiveError(
                "PG503", member=str(path), reason=f"a damaged or truncated zip: {reason_of(exc)}"
            ) from None
        except OSError as exc:
            raise ArchiveError("PG502", member=str(path), reason=exc.strerror or reason_of(exc)) from None
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            self._zip.close()
            raise ArchiveError("PG510", member=str(path), limit=limits.max_members)
        for info in infos:
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            refused = None
            values: dict[str, Any] = {}
            if stat.S_ISLNK(mode):
                refused = "PG512"
            elif stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                refused = "PG513"
            elif info.flag_bits & 0x1:
                refused = "PG516"
            elif _declares_a_bomb(info, limits):
                refused = "PG545"
                packed = max(1, info.compress_size)
                values = {"size": info.file_size, "packed": packed, "ratio": info.file_size // packed}
            self._add(info.filename, info, size=info.file_size, refused=refused, values=values)

    def _raw_open(self, handle: Any) -> IO[bytes]:
        info: zipfile.ZipInfo = handle
        if info.compress_type in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
            # zipfile inflates bzip2 and LZMA whole, whatever is asked of it (a 786-byte member became
            # 1.1 GB in memory): read the compressed bytes as stored and inflate them here, in bounded steps
            stored = copy.copy(info)
            stored.compress_type = zipfile.ZIP_STORED
            stored.file_size = info.compress_size
            raw = self._zip.open(stored)
            raw._expected_crc = None  # type: ignore[attr-defined]  # the CRC is of the inflated bytes: checked below
            return cast(IO[bytes], _Inflate(raw, info))
        return self._zip.open(info)

    def _close(self) -> None:
        self._zip.close()


def _declares_a_bomb(info: zipfile.ZipInfo, limits: Limits) -> bool:
    """A member that says it expands past ``bomb_min_bytes`` at more than ``max_ratio`` to 1."""
    return info.file_size > limits.bomb_min_bytes and info.file_size > limits.max_ratio * max(1, info.compress_size)


class _Inflate(io.RawIOBase):
    """A bzip2 or LZMA zip member inflated at most ``len(buffer)`` bytes at a time; it may not pass the
    size its header declares, and its CRC must match."""

    def __init__(self, raw: IO[bytes], info: zipfile.ZipInfo) -> None:
        super().__init__()
        self._raw, self._declared, self._crc_expected = raw, info.file_size, info.CRC
        self._crc = 0
        self._count = 0
        self._header = info.compress_type == zipfile.ZIP_LZMA
        self._decompressor: Any = bz2.BZ2Decompressor() if not self._header else None

    def readable(self) -> bool:
        return True

    def _start_lzma(self) -> None:
        head = self._raw.read(4)
        if len(head) < 4:
            raise EOFError("the LZMA header is cut off")
        size = int.from_bytes(head[2:4], "little")
        props = self._raw.read(size)
        filters = [lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)]  # type: ignore[attr-defined]
        self._decompressor = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)
        self._header = False

    def readinto(self, buffer: Any) -> int:
        if self._header:
            self._start_lzma()
        decompressor = self._decompressor
        want = len(buffer)
        data = b""
        while not data and not decompressor.eof:
            chunk = self._raw.read(1 << 16) if decompressor.needs_input else b""
            if decompressor.needs_input and not chunk:
                raise EOFError("the compressed data ends early")
            data = decompressor.decompress(chunk, max_length=want)
        self._count += len(data)
        if self._count > self._declared:
            raise ArchiveError("PG554", declared=self._declared)
        self._crc = zlib.crc32(data, self._crc)
        if decompressor.eof and not data and self._crc != self._crc_expected:
            raise ArchiveError("PG555")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class TarArchive(Archive):
    """A tar, compressed or not. Listing reads the headers in order; it stops before a member whose end
    would pass the archive's total (a gzip bomb is never decompressed past the cap)."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(str(path), limits)
        try:
            self._tar = tarfile.open(path, mode="r:*")  # noqa: SIM115 - closed by close()
        except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError) as exc:
            raise ArchiveError("PG503", member=str(path), reason=f"a damaged tar: {reason_of(exc)}") from None
        except OSError as exc:
            raise ArchiveError("PG502", member=str(path), reason=exc.strerror or reason_of(exc)) from None
        while True:
            try:
                info = self._tar.next()
            except READ_ERRORS as exc:
                self.problems.append(problem("PG517", str(path), reason=f"the tar ends early: {reason_of(exc)}"))
                break
            if info is None:
                break
            if info.isdir():
                continue
            refused = None
            if info.issym() or info.islnk():
                refused = "PG512"
            elif not info.isfile():
                refused = "PG513"
            self._add(info.name, info, size=info.size, refused=refused)
            if info.offset_data + info.size > limits.max_total_bytes:
                self.problems.append(problem("PG515", shown(info.name), limit=limits.max_total_bytes))
                break

    def _raw_open(self, handle: Any) -> IO[bytes]:
        stream = self._tar.extractfile(handle)
        if stream is None:
            raise ArchiveError("PG513")
        return stream

    def _close(self) -> None:
        self._tar.close()


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class FolderArchive(Archive):
    """An export unpacked into a folder. Symbolic links anywhere in it are refused, never followed; files
    are opened one folder at a time relative to the last (``O_NOFOLLOW``), so a link swapped in after the
    listing is refused too."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(str(path), limits)
        self._root = path
        for relative, kind in self._walk(path):
            refused = {"file": None, "link": "PG512", "other": "PG513"}[kind]
            self._add(relative, tuple(relative.split("/")), size=None, refused=refused)

    def _walk(self, root: Path) -> Iterator[tuple[str, str]]:
        stack = [""]
        while stack:
            prefix = stack.pop()
            try:
                entries = sorted(os.scandir(root / prefix if prefix else root), key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(problem("PG502", prefix or str(root), reason=exc.strerror or reason_of(exc)))
                continue
            for entry in entries:
                relative = f"{prefix}/{entry.name}" if prefix else entry.name
                if entry.is_symlink():
                    yield relative, "link"
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(relative)
                elif entry.is_file(follow_symlinks=False):
                    yield relative, "file"
                else:
                    yield relative, "other"

    def _raw_open(self, handle: Any) -> IO[bytes]:
        parts: tuple[str, ...] = handle
        if os.open not in os.supports_dir_fd:  # pragma: no cover - not on Linux or macOS
            return _open_regular(str(self._root.joinpath(*parts)), None)
        fd = os.open(self._root, os.O_RDONLY | _DIRECTORY)
        try:
            for part in parts[:-1]:
                try:
                    inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
                except OSError as exc:
                    raise _link_or(exc) from None
                os.close(fd)
                fd = inner
            return _open_regular(parts[-1], fd)
        finally:
            os.close(fd)


def _link_or(exc: OSError) -> ArchiveError:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        return ArchiveError("PG512")
    return ArchiveError("PG502", reason=exc.strerror or reason_of(exc))


def _open_regular(name: str, dir_fd: int | None) -> IO[bytes]:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=dir_fd)
    except OSError as exc:
        raise _link_or(exc) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ArchiveError("PG513")
    return os.fdopen(fd, "rb", buffering=0)


class FileArchive(Archive):
    """One export file given alone (``repo.car``, a WordPress ``.xml``, a feed): one member, its name."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(str(path), limits)
        self._path = path
        self._add(path.name, None, size=None)

    def _raw_open(self, handle: Any) -> IO[bytes]:
        return _open_regular(str(self._path), None)


def open_container(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Archive:
    """The archive at ``path``: a folder, a zip, a tar (any compression) or one export file."""
    where = Path(path)
    label = str(path)
    try:
        if where.is_dir():
            return FolderArchive(where, limits)
        if not where.exists():
            raise ArchiveError("PG501", member=label)
        if not where.is_file():
            raise ArchiveError("PG503", member=label, reason="a device or a pipe, not a file")
        with open(where, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ArchiveError("PG502", member=label, reason=exc.strerror or reason_of(exc)) from None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or zipfile.is_zipfile(where):
        return ZipArchive(where, limits)
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ")) or _is_tar(where):
        return TarArchive(where, limits)
    return FileArchive(where, limits)


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except (OSError, tarfile.TarError):
        return False
