"""What photo fixes do. Each writes a new file and never touches the original."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFilter

from postguard.photos.load import LoadedPhoto


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
