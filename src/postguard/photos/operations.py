"""What photo fixes do. Each writes a new file and never touches the original."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageFilter

from postguard.errors import InputError
from postguard.photos.load import (
    MAX_DECODED_PIXELS,
    MAX_FRAMES_WALKED,
    LoadedPhoto,
    load_photo,
    supported_formats,
)
from postguard.types import PhotoError, PhotoOperation


def cleaned_path(original: str, out_dir: str | None = None, suffix: str = "clean") -> Path:
    """``photo.jpg`` -> ``photo.clean.jpg`` beside it, or in ``out_dir``."""
    p = Path(original)
    name = f"{p.stem}.{suffix}{p.suffix if p.suffix.lower() not in ('.heic', '.heif') else '.jpg'}"
    return (Path(out_dir) if out_dir else p.parent) / name


# What a cleaned copy is written as, by the format read; any other is written as PNG
_WRITTEN_AS = {"JPG": "JPEG", "MPO": "JPEG", "HEIF": "JPEG", "HEIC": "JPEG"}
_WRITABLE = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")
_HAS_ALPHA = ("RGBA", "LA", "PA", "RGBa", "La")
# Modes a format keeps as they are (others are written as RGB, or RGBA where there is transparency)
_KEEPS_MODE = {
    "JPEG": ("L", "RGB", "CMYK"),
    "PNG": ("1", "L", "LA", "RGB", "RGBA", "I;16", "I"),
    "TIFF": ("1", "L", "LA", "RGB", "RGBA", "CMYK", "I;16"),
    "WEBP": ("RGB", "RGBA"),
    "GIF": ("L", "RGB", "RGBA"),
    "BMP": ("1", "L", "RGB", "RGBA"),
}


class CannotKeep(Exception):
    """A cleaned copy would lose what the photo holds (frames, transparency): nothing is written."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def write_clean(photo: LoadedPhoto, target: Path, *, blur: list[tuple[int, int, int, int]] | None = None) -> Path:
    """Save the pixels only (orientation already applied): no EXIF, GPS, XMP, comments or thumbnail.
    Boxes in ``blur`` are pixelated and blurred beyond recognition. What the photo holds is kept: every
    frame of an animation with its timing, transparency, and the colour mode where the format allows;
    what cannot be kept is refused (:class:`CannotKeep`), never flattened without a word."""
    fmt = _WRITTEN_AS.get(photo.format.upper(), photo.format.upper())
    if fmt not in _WRITABLE:
        fmt = "PNG"
    frames, durations, loop = _frames(photo)
    if len(frames) > 1 and blur:
        raise CannotKeep("PG144", frames=len(frames))
    if fmt == "JPEG" and frames[0].mode in _HAS_ALPHA:
        raise CannotKeep("PG146", format=photo.format.upper())
    out = [_blurred(frames[0], blur or [])] + frames[1:]
    target.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {"quality": 92} if fmt in ("JPEG", "WEBP") else {}
    if len(out) > 1:
        options |= {"save_all": True, "append_images": out[1:], "duration": durations, "loop": loop}
        if fmt == "GIF":
            options["disposal"] = 2  # each frame is whole (composited on reading): nothing of the last shows
    out[0].save(target, format=fmt, **options)
    return target


def _blurred(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> Image.Image:
    if not boxes:
        return image
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if image.mode in _HAS_ALPHA else "RGB")
    image = image.copy()
    for x, y, w, h in boxes:
        region = image.crop((x, y, x + w, y + h))
        small = region.resize((max(1, w // 16), max(1, h // 16)), Image.Resampling.BILINEAR)
        image.paste(small.resize(region.size, Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(4)), (x, y))
    return image


def _frames(photo: LoadedPhoto) -> tuple[list[Image.Image], list[int], int]:
    """The photo's frames as they are to be written (orientation applied, metadata gone), each frame's
    duration in ms, and the loop count. A JPEG decoded at reduced size, or an HEIF, is written from the
    pixels checked (it has one frame and no transparency); anything else is read again, whole."""
    fmt = _WRITTEN_AS.get(photo.format.upper(), photo.format.upper())
    if photo.reduced > 1 or photo.format.upper() in ("HEIF", "HEIC"):
        return [photo.image], [], 0
    with open(photo.path, "rb") as f, Image.open(f, formats=list(supported_formats())) as im:
        count = getattr(im, "n_frames", 1) if im.format not in ("JPEG", "MPO") else 1  # MPO: one picture
        pixels = count * im.size[0] * im.size[1]
        if count > MAX_FRAMES_WALKED or pixels > MAX_DECODED_PIXELS:
            raise CannotKeep("PG145", frames=count, pixels=pixels, limit=MAX_DECODED_PIXELS)
        turn = _ORIENTATION.get(im.getexif().get(0x0112, 1))
        loop = int(im.info.get("loop", 0) or 0)
        frames, durations = [], []
        for k in range(count):
            im.seek(k)
            frame = _writable(im.copy(), fmt, transparent="transparency" in im.info)
            frames.append(frame.transpose(turn) if turn is not None else frame)
            durations.append(int(im.info.get("duration", 100) or 100))
    return frames, durations, loop


_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _writable(frame: Image.Image, fmt: str, *, transparent: bool) -> Image.Image:
    """``frame`` in a mode ``fmt`` writes: kept where it can be, RGBA where there is transparency (a
    palette's transparent index included), RGB otherwise."""
    if frame.mode == "P":
        frame = frame.convert("RGBA" if transparent or "transparency" in frame.info else "RGB")
    elif frame.mode in ("PA", "RGBa", "La"):
        frame = frame.convert("RGBA")
    if frame.mode in _KEEPS_MODE.get(fmt, ()):
        return frame
    return frame.convert("RGBA" if frame.mode in _HAS_ALPHA and "RGBA" in _KEEPS_MODE.get(fmt, ()) else "RGB")


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
        except CannotKeep as exc:
            raise InputError(exc.code, number=index + 1, path=loaded.path, **exc.values) from None
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
