"""Draw the test photos (all made here; provenance in README.md). Run from the repository root:

python tests/photos/make_photos.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent


def scene(size: tuple[int, int] = (640, 480)) -> Image.Image:
    im = Image.new("RGB", size, (180, 205, 230))
    d = ImageDraw.Draw(im)
    d.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(90, 140, 80))  # grass
    d.ellipse((size[0] * 3 // 4, size[1] // 12, size[0] * 7 // 8, size[1] // 4), fill=(250, 210, 90))  # sun
    w, h = size
    d.rectangle((w // 8, h // 3, w * 2 // 5, h * 2 // 3), fill=(150, 120, 100))  # building
    return im


def whiteboard() -> Image.Image:
    """A whiteboard in a meeting room, with a phone number and a Wi-Fi password written on it."""
    im = Image.new("RGB", (1024, 768), (120, 110, 100))
    d = ImageDraw.Draw(im)
    d.rectangle((80, 60, 944, 560), fill=(246, 246, 240), outline=(60, 60, 60), width=6)
    font = ImageFont.load_default(size=40)
    for i, line in enumerate(["Lab rota - week 3", "Call Tom on 07700 900123", "Wifi password: Quad2026!"]):
        d.text((120, 110 + i * 120), line, fill=(20, 30, 120), font=font)
    d.rectangle((0, 600, 1024, 768), fill=(90, 70, 50))  # table
    return im


def portrait() -> Image.Image:
    """NASA's public-domain portrait of astronaut Eileen Collins, as scikit-image ships it, in a wider frame."""
    from skimage import data

    face = Image.fromarray(data.astronaut())
    frame = scene((900, 600))
    frame.paste(face.resize((384, 384)), (420, 120))
    return frame


def crest() -> Image.Image:
    """The project's own test crest (not the University's): a shield with books, stars and a motto band."""
    rng = __import__("random").Random(5)
    im = Image.new("RGB", (400, 480), "white")
    d = ImageDraw.Draw(im)
    d.polygon([(20, 20), (380, 20), (380, 260), (200, 460), (20, 260)], fill=(10, 40, 110), outline=(200, 160, 40))
    for i, (x, y) in enumerate([(70, 60), (230, 60), (150, 200)]):
        d.rectangle((x, y, x + 100, y + 70), fill=(240, 240, 235), outline=(200, 160, 40), width=4)  # open books
        d.line((x + 50, y, x + 50, y + 70), fill=(200, 160, 40), width=3)
        for k in range(5):
            d.line((x + 8, y + 12 + k * 11, x + 44, y + 12 + k * 11), fill=(60, 60, 60), width=2)
            d.line((x + 56, y + 12 + k * 11, x + 92, y + 12 + k * 11), fill=(60, 60, 60), width=2)
        for _ in range(6):  # stars
            cx, cy = rng.randint(40, 360), rng.randint(150, 190) if i == 0 else rng.randint(290, 380)
            d.regular_polygon((cx, cy, 9), 5, fill=(230, 190, 60))
    font = ImageFont.load_default(size=30)
    d.rectangle((40, 145, 360, 185), fill=(200, 160, 40))
    d.text((70, 148), "TEST CREST", fill=(10, 40, 110), font=font)
    return im


def crest_in_scene() -> Image.Image:
    """The test crest on a banner in a drawn scene, smaller and slightly turned."""
    im = scene((1024, 768))
    mark = crest().resize((200, 240)).rotate(8, expand=True, fillcolor=(180, 205, 230))
    im.paste(mark, (600, 200))
    return im


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15 Pro"
    exif[0x013B] = "Sarah Whitfield"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 45.0, 36.5), 3: "W", 4: (1.0, 15.0, 14.2)})
    return exif


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels: the decompression bomb test needs only its header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def main() -> None:
    scene().save(HERE / "gps.jpg", exif=exif_with_gps(), quality=85)
    scene().save(HERE / "plain.jpg", quality=85)
    whiteboard().save(HERE / "whiteboard.png")
    portrait().save(HERE / "portrait.png")
    crest().save(HERE / "test-crest.png")
    crest_in_scene().save(HERE / "crest-in-scene.jpg", quality=90)
    rotated = Image.Exif()
    rotated[0x0112] = 6  # rotate 90° clockwise to display
    scene((640, 480)).save(HERE / "rotated.jpg", exif=rotated, quality=85)
    scene().convert("CMYK").save(HERE / "cmyk.jpg", quality=85)
    Image.new("I;16", (320, 240), 40000).save(HERE / "sixteen-bit.png")
    frames = [scene((160, 120)).rotate(a) for a in (0, 10, 20, 30, 40)]
    frames[0].save(HERE / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    scene().save(HERE / "photo.webp", quality=80)
    data = (HERE / "plain.jpg").read_bytes()
    (HERE / "truncated.jpg").write_bytes(data[: len(data) // 3])
    (HERE / "not-an-image.jpg").write_text("This is a text file with a .jpg name.\n", encoding="utf-8")
    (HERE / "empty.jpg").write_bytes(b"")
    (HERE / "bomb.png").write_bytes(png_header_only(100_000, 100_000))


if __name__ == "__main__":
    main()
