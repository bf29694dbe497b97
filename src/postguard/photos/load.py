"""Open a photo safely. One bad photo becomes a :class:`PhotoError` for that photo; it never stops the
check of the rest of the post, and the process is never killed by memory: the pixel count is checked
before any pixel is decoded (decompression bombs), files are size-limited, frames are sampled.

Formats: JPEG, PNG, WebP, GIF (first frame and a sample of frames), TIFF, BMP, and HEIC/HEIF with the
opt-in ``heic`` extra (its binary wheels are GPL-licensed). EXIF orientation is applied; CMYK, 16-bit,
palette and alpha images are converted to 8-bit RGB.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from postguard.types import PhotoError

MAX_FILE_BYTES = 80 * 1024 * 1024
MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo fits; a 100,000 x 100,000 bomb does not
MAX_FRAMES_SAMPLED = 4

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_heif_registered: bool | None = None


@dataclass(slots=True)
class LoadedPhoto:
    index: int
    path: str
    format: str
    image: Image.Image  # RGB, orientation applied: what a viewer shows
    exif: dict[int, Any] = field(default_factory=dict)
    gps: dict[int, Any] = field(default_factory=dict)
    has_thumbnail: bool = False
    xmp: bytes = b""
    frames: list[Image.Image] = field(default_factory=list)  # further frames of an animation, sampled

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def scaled(self, max_side: int) -> tuple[Image.Image, float]:
        """A copy no larger than ``max_side`` on its long side, and the factor to map boxes back."""
        w, h = self.image.size
        scale = min(1.0, max_side / max(w, h))
        if scale >= 1.0:
            return self.image, 1.0
        return self.image.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.BILINEAR), scale


def _register_heif() -> bool:
    global _heif_registered
    if _heif_registered is None:
        try:
            from pillow_heif import register_heif_opener  # type: ignore[import-not-found]

            register_heif_opener()
            _heif_registered = True
        except ImportError:
            _heif_registered = False
    return _heif_registered


def load_photo(index: int, path: str | Path) -> LoadedPhoto | PhotoError:
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        return PhotoError(index, name, "does not exist (no such file)")
    except OSError as exc:
        return PhotoError(index, name, f"cannot be read ({exc.strerror or exc.__class__.__name__})")
    if p.is_dir():
        return PhotoError(index, name, "is a directory, not a photo")
    if size == 0:
        return PhotoError(index, name, "is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        return PhotoError(
            index, name, f"is {size / 2**20:.0f} MB; photos over {MAX_FILE_BYTES // 2**20} MB are not checked"
        )
    if p.suffix.lower() in (".heic", ".heif") and not _register_heif():
        return PhotoError(
            index, name, "is a HEIC/HEIF photo: install the opt-in extra with pip install 'postguard[heic]'"
        )
    try:
        return _open(index, p)
    except Image.DecompressionBombError:
        return PhotoError(index, name, f"has more than {MAX_PIXELS:,} pixels (a decompression bomb?); not decoded")
    except UnidentifiedImageError:
        return PhotoError(index, name, "is not an image Postguard can read (is it a photo?)")
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or corrupt data
        return PhotoError(index, name, f"is damaged or truncated ({str(exc).splitlines()[0][:80]})")
    except MemoryError:
        return PhotoError(index, name, "is too large to decode on this machine")


def _open(index: int, path: Path) -> LoadedPhoto:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{w}x{h}")
            fmt = im.format or path.suffix.lstrip(".").upper()
            exif = im.getexif()
            gps = dict(exif.get_ifd(0x8825)) if exif else {}
            has_thumbnail = bool(exif and exif.get_ifd(0x0001)) or "thumbnail" in im.info
            xmp = im.info.get("xmp", b"") or b""
            frames = []
            n_frames = getattr(im, "n_frames", 1)
            if n_frames > 1:
                step = max(1, n_frames // MAX_FRAMES_SAMPLED)
                for k in range(step, n_frames, step)[: MAX_FRAMES_SAMPLED - 1]:
                    im.seek(k)
                    frames.append(_rgb(im.copy()))
                im.seek(0)
            image = _rgb(ImageOps.exif_transpose(im) or im)
    return LoadedPhoto(
        index,
        str(path),
        fmt,
        image,
        dict(exif),
        gps,
        has_thumbnail,
        xmp if isinstance(xmp, bytes) else str(xmp).encode(),
        frames,
    )


def _rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB from whatever mode the file uses (CMYK, I;16, P, LA, RGBA…)."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        im = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        return background
    return im.convert("RGB")
