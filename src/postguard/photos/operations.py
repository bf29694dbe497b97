"""What photo fixes do. Each writes a new file and never touches the original."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageFilter

from postguard.errors import InputError
from postguard.photos.load import LoadedPhoto, load_photo
from postguard.types import PhotoError, PhotoOperation


def cleaned_path(original: str, out_dir: str | None = None, suffix: str = "clean") -> Path:
    """``photo.jpg`` -> ``photo.clean.jpg`` beside it, or in ``out_dir``."""
    p = Path(original)
    name = f"{p.stem}.{suffix}{p.suffix if p.suffix.lower() not in ('.heic', '.heif') else '.jpg'}"
    return (Path(out_dir) if out_dir else p.parent) / name


def write_clean(photo: LoadedPhoto, target: Path, *, blur: list[tuple[int, int, int, int]] | None = None) -> Path:
    """Save the pixels only (orientation already applied): no EXIF, GPS, XMP, comments or thumbnail.
    Boxes in ``blur`` are pixelated and blurred beyond recognition."""
    image = photo.image.copy()
    for x, y, w, h in blur or []:
        region = image.crop((x, y, x + w, y + h))
        small = region.resize((max(1, w // 16), max(1, h // 16)), Image.Resampling.BILINEAR)
        image.paste(small.resize(region.size, Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(4)), (x, y))
    fmt = {"JPG": "JPEG", "MPO": "JPEG", "HEIF": "JPEG", "HEIC": "JPEG"}.get(photo.format.upper(), photo.format.upper())
    if fmt not in ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"):
        fmt = "PNG"
    target.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {"quality": 92} if fmt in ("JPEG", "WEBP") else {}
    image.save(target, format=fmt, **options)
    return target


def write_photos(
    paths: Sequence[str],
    operations: Mapping[int, Sequence[PhotoOperation]],
    *,
    out_dir: str | None = None,
    overwrite: bool = False,
) -> list[tuple[int, Path]]:
    """Write a cleaned copy of each photo that ``operations`` names (metadata stripped, boxes blurred),
    beside it or in ``out_dir``; returns (photo index, path written). Never changes an original, never
    writes through a symlink, and never replaces an existing file unless ``overwrite``; two photos with
    the same name get distinct copies."""
    planned: dict[Path, int] = {}
    targets = []
    for index in sorted(operations):
        target = cleaned_path(paths[index], out_dir)
        if target in planned:
            target = cleaned_path(paths[index], out_dir, suffix=f"clean-{index + 1}")
        planned[target] = index
        targets.append((index, target))
    written = []
    for index, target in targets:
        loaded = load_photo(index, paths[index])
        if isinstance(loaded, PhotoError):
            raise InputError("PG130", number=index + 1, path=loaded.path, problem=loaded.message)
        if os.path.lexists(target) and not overwrite:
            raise InputError("PG131", path=target)
        blur = [box for op in operations[index] if op.operation == "blur" for box in op.boxes]
        try:
            written.append((index, _write_new(loaded, target, blur)))
        except OSError as exc:
            raise InputError("PG132", number=index + 1, reason=exc.strerror or exc) from None
    return written


def _write_new(photo: LoadedPhoto, target: Path, blur: list[tuple[int, int, int, int]]) -> Path:
    """Write to a new temporary file beside ``target`` (created exclusively: no symlink is followed),
    then rename it over ``target`` (a symlink there is replaced, its target untouched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        write_clean(photo, Path(tmp), blur=blur)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
