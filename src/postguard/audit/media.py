"""Finding the photos an export's entries name among the archive's members: exact names, names relative
to the export's root (Meta's ``uri``), and names by a prefix (X's ``<tweet id>-...``)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff"})


def is_photo(name: str) -> bool:
    dot = name.rfind(".")
    return dot > name.rfind("/") and name[dot:].lower() in PHOTO_SUFFIXES


class Members:
    """The archive's member names, looked up by a path relative to some folder of the export."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = set(names)
        self._by_base: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self._names):
            self._by_base[name.rsplit("/", 1)[-1]].append(name)

    def find(self, uri: str) -> str | None:
        """The member ``uri`` names: itself, or the shortest member ending with ``/uri`` (the export's
        root may be a folder of the archive). ``None`` for a URL or a name outside the archive."""
        if not uri or "://" in uri or ".." in uri.split("/"):
            return None
        wanted = unicodedata.normalize("NFC", uri.strip().lstrip("/"))
        if wanted in self._names:
            return wanted
        matches = [n for n in self._by_base.get(wanted.rsplit("/", 1)[-1], ()) if n.endswith("/" + wanted)]
        return min(matches, key=len) if matches else None
