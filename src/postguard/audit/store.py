"""An audit's output folder: its manifest, its partitions as they finish, and atomic writes.

::

    DIR/manifest.json              the run's settings (archives by fingerprint, account, bio, packs,
                                   partition size, version), its archives' post counts, and when complete
                                   its summary
    DIR/partitions/<id>.jsonl      one finished partition: a header line, then one line per post
    DIR/media/                     photos extracted from the archives while the run is on (removed after)
    DIR/skipped.jsonl, reports.jsonl, findings.csv, report.html    written when the run completes

Every file is written to a temporary file beside it and renamed over its name once it is whole (after
``fsync``), so a killed run leaves either a finished partition or none, never half of one; the temporary
files of a killed run are removed when the next one starts, and a partition whose file is missing (or
does not hold the posts it should) is checked again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from postguard.errors import ArchiveError

MANIFEST = "manifest.json"
PARTITIONS = "partitions"
MEDIA = "media"
FORMAT = 1
TMP_SUFFIX = ".postguard-tmp"


@contextlib.contextmanager
def atomic_file(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only when the block ends without an error."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened and synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Store:
    """The output folder of one audit."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.root = Path(out).absolute()  # photos extracted here are read by workers in other folders
        self.partitions = self.root / PARTITIONS
        self.media = self.root / MEDIA
        self.opened = False

    # the manifest --------------------------------------------------------------------------------------

    def open(self, settings: dict[str, Any]) -> dict[str, Any] | None:
        """Prepare the folder for a run with ``settings``: the manifest of an earlier run with the same
        settings (to resume), or None for a new run. Refuses a folder that is someone else's (PG541) or
        holds a run with other settings (PG540)."""
        self.root.mkdir(parents=True, exist_ok=True)
        earlier = self._manifest()
        if earlier is None:  # a new run: the manifest is the first thing a run writes
            for entry in sorted(os.listdir(self.root)):
                if not entry.endswith(TMP_SUFFIX):
                    raise ArchiveError("PG541", member=str(self.root), name=entry)
        elif earlier.get("settings") != settings:
            raise ArchiveError("PG540", member=str(self.root), what=_differences(earlier.get("settings"), settings))
        self._clean()
        self.partitions.mkdir(exist_ok=True)
        self.media.mkdir(exist_ok=True)
        self.opened = True
        return earlier

    def _manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.root / MANIFEST).read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ArchiveError("PG541", member=str(self.root), name=f"{MANIFEST} ({exc})") from None
        if not isinstance(data, dict) or data.get("postguard_audit") != FORMAT:
            raise ArchiveError("PG541", member=str(self.root), name=MANIFEST)
        return data

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        with atomic_file(self.root / MANIFEST) as fh:
            json.dump({"postguard_audit": FORMAT, **manifest}, fh, indent=2, ensure_ascii=False)
            fh.write("\n")

    def _clean(self) -> None:
        """Remove what a killed run left half done: temporary files and extracted photos."""
        for folder in (self.root, self.partitions):
            if folder.is_dir():
                for path in folder.glob(f"*{TMP_SUFFIX}"):
                    path.unlink(missing_ok=True)
        shutil.rmtree(self.media, ignore_errors=True)

    def close(self) -> None:
        if self.opened:
            shutil.rmtree(self.media, ignore_errors=True)

    # partitions ----------------------------------------------------------------------------------------

    def path(self, partition: str) -> Path:
        return self.partitions / f"{partition}.jsonl"

    def finished(self, partition: str, posts: int) -> bool:
        """Whether the partition's file is there and whole: its header, then ``posts`` lines of JSON (a
        file cut short by a file system that did not keep the rename's promise is checked again)."""
        try:
            with open(self.path(partition), encoding="utf-8") as fh:
                header = json.loads(fh.readline())
                if not isinstance(header, dict) or header.get("partition") != partition:
                    return False
                if header.get("posts") != posts:
                    return False
                count = 0
                for line in fh:
                    json.loads(line)
                    count += 1
        except (OSError, ValueError):
            return False
        return count == posts

    def write_partition(self, partition: str, header: dict[str, Any], lines: list[str]) -> None:
        with atomic_file(self.path(partition)) as fh:
            fh.write(json.dumps({"partition": partition, **header, "posts": len(lines)}) + "\n")
            for line in lines:
                fh.write(line + "\n")

    def read_partition(self, partition: str) -> Iterator[dict[str, Any]]:
        """The post lines of a finished partition (its header skipped)."""
        with open(self.path(partition), encoding="utf-8") as fh:
            fh.readline()
            for line in fh:
                yield json.loads(line)


def _differences(old: Any, new: dict[str, Any]) -> str:
    if not isinstance(old, dict):
        return "all"
    names = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return ", ".join(names) or "none"
