"""The importers, one module per export format, and which one reads an archive: the one named
(``--format``), or the one whose files the archive holds.

Each module has ``NAME``, ``PLATFORM``, ``detect(archive) -> bool`` (by the members' names, reading at
most the first bytes of a few) and ``read(archive)``, which yields
:class:`~postguard.audit.model.ImportedItem` and :class:`~postguard.audit.model.ImportProblem` one at a
time. Modules are imported only when needed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Protocol, cast

from postguard.audit.archive import Archive
from postguard.audit.entries import Result
from postguard.errors import ArchiveError

# name: what it reads
FORMATS: dict[str, str] = {
    "x": "X / Twitter archive (data/tweets.js)",
    "facebook": "Facebook 'Download your information', JSON",
    "instagram": "Instagram 'Download your information', JSON",
    "linkedin": "LinkedIn data export (Shares.csv, Comments.csv)",
    "mastodon": "Mastodon archive (outbox.json)",
    "bluesky": "Bluesky repository (repo.car)",
    "youtube": "YouTube in Google Takeout (videos.csv, comments.csv)",
    "wordpress": "WordPress export (WXR .xml)",
    "feed": "RSS 2.0 or Atom feed",
}
_MODULES = {"feed": "feeds"}


class Importer(Protocol):
    NAME: str
    PLATFORM: str

    def detect(self, archive: Archive) -> bool: ...

    def read(self, archive: Archive) -> Iterator[Result]: ...


def importer(name: str) -> Importer:
    if name not in FORMATS:
        raise ArchiveError("PG506", value=name, formats=", ".join(FORMATS))
    module: ModuleType = importlib.import_module(f"{__name__}.{_MODULES.get(name, name)}")
    return cast(Importer, module)


def detect(archive: Archive) -> str:
    """The one format whose files ``archive`` holds (PG504 for none, PG505 for several)."""
    found = [name for name in FORMATS if importer(name).detect(archive)]
    if not found:
        raise ArchiveError("PG504", member=archive.label, formats=", ".join(FORMATS))
    if len(found) > 1:
        raise ArchiveError("PG505", member=archive.label, formats=", ".join(found))
    return found[0]
