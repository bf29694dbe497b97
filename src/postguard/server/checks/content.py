"""A post's content hash, and storing its photos by the sha256 of their bytes.

The content hash is what an approval is bound to: the sha256 of the canonical JSON of the post's text and
its photos' sha256 in order. Change a word or a photo and the hash changes, and the approval lapses.

Photos are refused unless the library's photo loading would open them (only its supported formats, within
its pixel limits; :func:`postguard.photos.load.image_problem`), and over :data:`MAX_PHOTO_BYTES`. A stored
photo is written once, atomically, readable by its owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from postguard.errors import GovernanceError
from postguard.server.checks.models import Photo

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # a phone's photo fits; the library itself stops at 80 MB
PHOTO_FOLDER = "photos"
_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "TIFF": "tif"}


def content_hash(text: str, photos: Sequence[str]) -> str:
    """The sha256 of the post's text and its photos' sha256, in order."""
    canonical = json.dumps({"photos": list(photos), "text": text}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def media_root() -> Path:
    return Path(str(settings.MEDIA_ROOT))


def photo_path(photo: Photo) -> Path:
    """Where the photo's bytes are on disk."""
    return media_root() / str(photo.file.name)


def store_photo(number: int, data: bytes) -> Photo:
    """Store one photo given by its bytes (``number`` counts from 1, for messages) and return its row.

    The bytes are written to a private temporary file, checked by the library's photo loading, then moved
    into place under their hash (its folder is made then: a refused photo leaves none); a photo already
    stored is not written again.
    """
    from PIL import Image

    from postguard.photos.load import image_problem, supported_formats

    if not data:
        raise GovernanceError("PG642", number=number, problem="is empty (0 bytes)")
    if len(data) > MAX_PHOTO_BYTES:
        raise GovernanceError("PG644", number=number, size=len(data), limit=MAX_PHOTO_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    # the upload waits in the photos folder itself: its hash-named folder is made only when it is stored;
    # each level is made private (parents=True would make the media folder's parents 0755)
    staging = media_root()
    for part in PHOTO_FOLDER.split("/"):
        staging = staging / part
        staging.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = staging / f".upload-{os.getpid()}-{secrets.token_hex(6)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        problem = image_problem(tmp)
        if problem is not None:
            raise GovernanceError("PG642", number=number, problem=problem)
        with Image.open(tmp, formats=list(supported_formats())) as image:
            fmt = (image.format or "").upper()
        name = f"{PHOTO_FOLDER}/{digest[:2]}/{digest}.{_EXTENSIONS.get(fmt, fmt.lower() or 'bin')}"
        target = media_root() / name
        target.parent.mkdir(mode=0o700, exist_ok=True)
        if not target.exists():
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    photo, _ = Photo.objects.get_or_create(sha256=digest, defaults={"format": fmt, "size": len(data), "file": name})
    return photo
