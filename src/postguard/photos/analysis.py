"""Every photo analyzer over a post's photos, one photo decoded at a time.

A photo is loaded (safely: :mod:`postguard.photos.load`), read by every photo analyzer, and its pixels
are let go before the next photo is decoded, so memory holds one photo whatever the batch. Two analyzers
run at once (the models release the interpreter lock: onnxruntime, OpenCV, dlib), but an analyzer only
ever sees one photo at a time, since a model wrapper need not be safe to call from two threads.

A photo that cannot be decoded, or that one analyzer fails on, becomes a :class:`PhotoError` for that
photo: the post is reported as not fully checked, and the other analyzers' evidence still stands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from postguard.analyzers.base import PhotoAnalyzer
from postguard.photos.load import MAX_FILE_BYTES, LoadedPhoto, load_photo
from postguard.types import PARTLY_CHECKED, Evidence, PhotoError

PHOTO_THREADS = 2


@dataclass(slots=True)
class PhotoResults:
    """What the photo analyzers found in one post's photos, by analyzer id; the photos that could not
    be (fully) checked; and each readable photo's sha256, by which records may cover it."""

    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    errors: list[PhotoError] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)


def analyze_photos(paths: Sequence[str], analyzers: Sequence[PhotoAnalyzer]) -> PhotoResults:
    results = PhotoResults({a.id: [] for a in analyzers})
    if not analyzers:
        return results
    for analyzer in analyzers:
        analyzer.load()  # once, before the threads
    with ThreadPoolExecutor(max_workers=PHOTO_THREADS) as pool:
        for index, path in enumerate(paths):
            loaded = load_photo(index, path)
            if isinstance(loaded, PhotoError):
                results.errors.append(loaded)
                continue
            digest = _sha256(path)
            if digest is not None:
                results.hashes.append(digest)
            for analyzer, found in zip(analyzers, pool.map(partial(_run, photo=loaded), analyzers), strict=True):
                if isinstance(found, PhotoError):
                    results.errors.append(found)
                else:
                    results.evidence[analyzer.id].extend(found)
            del loaded  # the pixels go now, before the next photo is decoded
    results.errors.sort(key=lambda e: (e.photo, e.message))
    return results


def _run(analyzer: PhotoAnalyzer, photo: LoadedPhoto) -> list[Evidence] | PhotoError:
    try:
        return analyzer.analyze_photo(photo)
    except Exception as exc:  # noqa: BLE001 - a model failing on one photo must not stop the check
        return _analyzer_failed(analyzer, photo, exc)


def _analyzer_failed(analyzer: PhotoAnalyzer, photo: LoadedPhoto, exc: Exception) -> PhotoError:
    """A photo analyzer's failure on one photo as a problem with that photo (the photo is reported as not
    fully checked, so the post cannot pass)."""
    first_line = (str(exc).splitlines() or [""])[0][:80]
    if isinstance(exc, MemoryError):
        reason = "out of memory"
    else:
        reason = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return PhotoError(photo.index, photo.path, f"{PARTLY_CHECKED}: {analyzer.task} failed ({reason})")


def _sha256(path: str) -> str | None:
    """The content hash a consent record names its photo by; None if the file went away meanwhile."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            remaining = MAX_FILE_BYTES
            while remaining > 0 and (chunk := fh.read(min(1 << 20, remaining))):
                digest.update(chunk)
                remaining -= len(chunk)
    except OSError:
        return None
    return digest.hexdigest()
