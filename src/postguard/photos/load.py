"""Open a photo safely. One bad photo becomes a :class:`PhotoError` for that photo; it never stops the
check of the rest of the post, and the process is never killed by memory: the pixel count is checked
before any pixel is decoded (decompression bombs), files are size-limited, frames are sampled within a
budget of decoded pixels.

Formats: JPEG (and MPO), PNG, WebP, GIF (first frame and a sample of frames), TIFF, BMP, and HEIC/HEIF
with the opt-in ``heic`` extra (its binary wheels are GPL-licensed). Only these are opened: a file in any
other format Pillow knows (EPS, which would run Ghostscript; PSD, JPEG 2000…) is refused by its content,
whatever its name. EXIF orientation is applied; CMYK, 16-bit, palette and alpha images are converted to
8-bit RGB.
"""

from __future__ import annotations

import math
import os
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from PIL import (  # the plugins of the supported formats, registered whatever Pillow has loaded
    BmpImagePlugin,  # noqa: F401
    GifImagePlugin,  # noqa: F401
    Image,
    ImageOps,
    JpegImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    TiffImagePlugin,  # noqa: F401
    UnidentifiedImageError,
    WebPImagePlugin,  # noqa: F401
)

from postguard.types import PhotoError

MAX_FILE_BYTES = 80 * 1024 * 1024
# Even a JPEG of one flat colour spends bits on every 8 x 8 block: fewer bytes than one per this many
# pixels (of the size it decodes to) is a header with no picture behind it.
JPEG_MIN_PIXELS_PER_BYTE = 2048
# Nothing is decoded from a photo whose header claims more pixels than this, not even a reduced JPEG.
MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo fits; a 100,000 x 100,000 bomb does not
# The most pixels decoded for the frame that is analysed. A larger JPEG is decoded at 1/2, 1/4 or 1/8 of
# its size (the decoder's own reduction, which never holds the full image); any other format is refused.
MAX_FRAME_PIXELS = 50_000_000
# The most pixels decoded for one photo, all frames together: the first frame, each sampled frame, and
# every frame decoded on the way to one (GIF, APNG and WebP build each frame on the one before). Frames
# past this budget are not sampled; the first frame is still checked.
MAX_DECODED_PIXELS = 100_000_000
MAX_FRAMES_SAMPLED = 4
# Frames are sampled from the first this many only: reaching frame k of a GIF decodes every frame before
# it, and a GIF of 1 x 1 frames packs a million frames in 25 MB.
MAX_FRAMES_WALKED = 1000

# What Postguard opens, as Pillow names the formats. MPO (a JPEG with a second image) is opened by the
# JPEG plugin; HEIF is added when the opt-in pillow-heif is installed and registered.
SUPPORTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")
_SUPPORTED_NAMES = "JPEG, PNG, WebP, GIF, TIFF, BMP"
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_heif_registered: bool | None = None


class _Refused(Exception):
    """A photo refused before its pixels are decoded; the message completes 'it …'."""


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
    # 1, or 2, 4 or 8 where a JPEG over MAX_FRAME_PIXELS was decoded at that fraction of its size: the
    # image (and every box found in it) is in the reduced pixels
    reduced: int = 1

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


def supported_formats() -> tuple[str, ...]:
    """The Pillow formats :func:`load_photo` opens here: the fixed list, and HEIF where the extra is in."""
    extra = ("HEIF",) if _register_heif() and "HEIF" in Image.OPEN else ()
    return tuple(f for f in SUPPORTED_FORMATS + extra if f in Image.OPEN)


def load_photo(index: int, path: str | Path) -> LoadedPhoto | PhotoError:
    name = str(path)
    p = Path(path)
    try:  # opened first, without blocking (a FIFO), so that a file it may not read says so
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return PhotoError(index, name, "does not exist (no such file)")
    except IsADirectoryError:
        return PhotoError(index, name, "is a directory, not a photo")
    except OSError as exc:  # EACCES, a name too long, a loop of symlinks
        return PhotoError(index, name, f"cannot be read ({exc.strerror or exc.__class__.__name__})")
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return PhotoError(index, name, "is a directory, not a photo")
        if not stat.S_ISREG(info.st_mode):
            return PhotoError(index, name, "is not a regular file (a device or a pipe?), not a photo")
        size = info.st_size
        if size == 0:
            return PhotoError(index, name, "is empty (0 bytes)")
        if size > MAX_FILE_BYTES:
            return PhotoError(
                index, name, f"is {size / 2**20:.0f} MB; photos over {MAX_FILE_BYTES // 2**20} MB are not checked"
            )
        if p.suffix.lower() in (".heic", ".heif") and not _register_heif():
            return PhotoError(index, name, _HEIF_MISSING)
        try:
            loaded = _open(index, p, f, supported_formats())
        except _Refused as exc:
            return PhotoError(index, name, str(exc))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return PhotoError(index, name, f"has more than {MAX_PIXELS:,} pixels (a decompression bomb?); not decoded")
        except UnidentifiedImageError:
            return PhotoError(index, name, _unsupported(p, f))
        except (PermissionError, IsADirectoryError) as exc:  # not the photo's fault: it was not read
            return PhotoError(index, name, f"cannot be read ({exc.strerror or exc.__class__.__name__})")
        except (OSError, SyntaxError, ValueError, EOFError) as exc:  # truncated or corrupt data
            if isinstance(exc, OSError) and exc.errno is not None and exc.filename is None:  # EIO while reading
                return PhotoError(index, name, f"cannot be read ({exc.strerror or exc.__class__.__name__})")
            return PhotoError(index, name, f"is damaged or truncated ({_first_line(exc)})")
        except MemoryError:
            return PhotoError(index, name, "is too large to decode on this machine")
        except Exception as exc:  # a decoder's own bug on a malformed file: the photo is not checked, the post is
            return PhotoError(index, name, f"is damaged or truncated ({_decoder_failure(exc)})")
    w, h = loaded.size
    if loaded.format.upper() in ("JPEG", "MPO") and size * JPEG_MIN_PIXELS_PER_BYTE < w * h:
        # a header that claims 12,000 x 10,000 pixels over 631 bytes holds no picture: Pillow decodes it
        # as blank grey without complaint, and a blank photo must not pass as checked
        return PhotoError(index, name, f"is damaged or truncated (too little data for {w:,} x {h:,} pixels)")
    return loaded


def image_problem(path: str | Path) -> str | None:
    """Why :func:`load_photo` would refuse ``path``: judged from the file's header and a structural check
    (``verify()``) first, then by loading it as a photo is loaded (a JPEG cut short has a sound header);
    None when it loads. For files that must be images before anything is checked, such as a policy
    pack's brand assets."""
    p = Path(path)
    try:
        info = p.stat()
        os.close(os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)))
    except OSError as exc:  # EACCES is not damage: the file was never read
        return f"cannot be read ({exc.strerror or exc.__class__.__name__})"
    if not p.is_file():
        return "is not a regular file, not an image"
    if info.st_size == 0:
        return "is empty (0 bytes)"
    if info.st_size > MAX_FILE_BYTES:
        return f"is over {MAX_FILE_BYTES // 2**20} MB"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(p, formats=list(supported_formats())) as im:
                size, fmt = im.size, im.format
                im.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"has more than {MAX_PIXELS:,} pixels; not decoded"
    except UnidentifiedImageError:
        return _unsupported(p)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"is damaged or truncated ({_first_line(exc)})"
    except Exception as exc:  # a decoder's own bug on a malformed file
        return f"is damaged or truncated ({_decoder_failure(exc)})"
    if _pixels(size) > MAX_PIXELS:
        return f"has more than {MAX_PIXELS:,} pixels; not decoded"
    if _pixels(size) > MAX_FRAME_PIXELS and fmt not in ("JPEG", "MPO"):
        return str(_refuse_frame(size))
    loaded = load_photo(0, p)  # the header is sound; now its data: verify() reads none of a JPEG's
    return loaded.message if isinstance(loaded, PhotoError) else None


_HEIF_MISSING = "is a HEIC/HEIF photo: install the opt-in extra with pip install 'postguard[heic]'"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return (lines[0] if lines else exc.__class__.__name__)[:80]


def _decoder_failure(exc: BaseException) -> str:
    """What Pillow raised where it has no error of its own for a malformed file (an IndexError on a GIF
    extension block one byte long, a struct.error on a short TIFF tag), with the exception's name."""
    lines = str(exc).splitlines()
    return f"{exc.__class__.__name__}: {lines[0][:80]}" if lines else exc.__class__.__name__


def _unsupported(path: Path, opened: BinaryIO | None = None) -> str:
    """Why a file Pillow was not allowed to open is refused: the format its content shows, if any."""
    try:
        if opened is not None:
            opened.seek(0)
            prefix = opened.read(16)
        else:
            with path.open("rb") as f:
                prefix = f.read(16)
    except OSError:
        prefix = b""
    if prefix[4:8] == b"ftyp" and prefix[8:12] in _HEIF_BRANDS and not _register_heif():
        return _HEIF_MISSING
    Image.init()
    for fmt in Image.ID:
        accept = Image.OPEN[fmt][1]
        if fmt in SUPPORTED_FORMATS or accept is None:
            continue
        try:
            found = accept(prefix)
        except Exception:  # an accept function of a plugin we never use: no verdict
            continue
        if found and not isinstance(found, str):
            return f"is a file in {fmt} format, which Postguard does not open (it checks {_names()})"
    return f"is not an image Postguard can read (is it a photo? Postguard checks {_names()})"


def _names() -> str:
    return _SUPPORTED_NAMES + (", HEIC" if _register_heif() else "")


def _pixels(size: tuple[int, int]) -> int:
    return size[0] * size[1]


def _refuse_frame(size: tuple[int, int]) -> _Refused:
    w, h = size
    return _Refused(
        f"has {w * h:,} pixels ({w:,} x {h:,}); photos over {MAX_FRAME_PIXELS:,} pixels are not decoded "
        f"(a JPEG up to {MAX_PIXELS:,} is read at reduced size)"
    )


def _open(index: int, path: Path, opened: BinaryIO, formats: tuple[str, ...]) -> LoadedPhoto:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a plugin's notes on odd files are not the user's business
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(opened, formats=list(formats)) as im:
            if _pixels(im.size) > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{im.size}")
            reduced = 1
            if _pixels(im.size) > MAX_FRAME_PIXELS and im.format in ("JPEG", "MPO"):
                reduced = _reduce_jpeg(im)
            if _pixels(im.size) > MAX_FRAME_PIXELS:
                raise _refuse_frame(im.size)
            fmt = im.format or path.suffix.lstrip(".").upper()
            exif = im.getexif()
            gps = dict(exif.get_ifd(0x8825)) if exif else {}
            has_thumbnail = bool(exif and exif.get_ifd(0x0001)) or "thumbnail" in im.info
            xmp = im.info.get("xmp", b"") or b""
            n_frames = getattr(im, "n_frames", 1) if reduced == 1 else 1
            # decodes the first frame, and only it; a copy turned upright only where the EXIF says so
            turned = ImageOps.exif_transpose(im) if exif.get(0x0112, 1) not in (1, None) else None
            image = _rgb(turned or im, own=turned is not None)
            frames = _sample_frames(im, n_frames, _pixels(im.size)) if n_frames > 1 else []
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
        reduced,
    )


def _reduce_jpeg(im: Image.Image) -> int:
    """Have the JPEG decoder produce the image at 1/2, 1/4 or 1/8 size, the least that fits the budget."""
    w, h = im.size
    factor = next((f for f in (2, 4, 8) if math.ceil(w / f) * math.ceil(h / f) <= MAX_FRAME_PIXELS), 8)
    im.draft(None, (max(1, w // factor), max(1, h // factor)))
    return max(1, round(w / im.size[0]))


def _sample_frames(im: Image.Image, n_frames: int, decoded: int) -> list[Image.Image]:
    """Up to ``MAX_FRAMES_SAMPLED - 1`` further frames, spread over the animation (its first
    ``MAX_FRAMES_WALKED`` frames), while the pixels decoded for this photo stay within
    ``MAX_DECODED_PIXELS``. Frames are reached one at a time, so a frame larger than the first (a GIF
    may declare one) is seen before it is decoded."""
    n_frames = min(n_frames, MAX_FRAMES_WALKED)
    step = max(1, n_frames // MAX_FRAMES_SAMPLED)
    wanted = range(step, n_frames, step)[: MAX_FRAMES_SAMPLED - 1]
    frames: list[Image.Image] = []
    if not wanted:
        return frames
    for k in range(1, wanted[-1] + 1):
        im.seek(k)  # formats that build on the previous frame decode that one now: already counted
        pixels = _pixels(im.size)
        if pixels > MAX_FRAME_PIXELS or decoded + pixels > MAX_DECODED_PIXELS:
            break
        decoded += pixels  # this frame is decoded by the copy below or by the next seek
        if k in wanted:
            frames.append(_rgb(im.copy(), own=True))
    return frames


def _rgb(im: Image.Image, *, own: bool = False) -> Image.Image:
    """8-bit RGB from whatever mode the file uses (CMYK, I;16, P, LA, RGBA…). An RGB image that is
    ``own`` (a copy made for this) is returned as it is: another copy of 50 megapixels is 150 MB."""
    if own and im.mode == "RGB":
        return im
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        im = im.convert("I").point(lambda v: v / 256).convert("L")  # point() takes no big-endian I;16B
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        if im.mode != "RGBA":  # an RGBA image is pasted as it is: no copy of it
            im = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        return background
    return im.convert("RGB")
