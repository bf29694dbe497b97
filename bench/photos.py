"""Photo checks: latency, face recall and OCR line accuracy, on photos made here (seeded).

    pip install scikit-image        # the public-domain astronaut portrait the face photos are built from
    python bench/photos.py [--n 20]

Photos: drawn scenes at 12 megapixels (4000 x 3000) and at 1024 x 768, each with a whiteboard of text
lines, one to three copies of NASA's public-domain portrait of astronaut Eileen Collins (scikit-image's
`astronaut`) pasted at random sizes and places (ground-truth boxes known), and EXIF GPS. Every check runs
(metadata, text with every text rule on it, faces). Prints p50/p95 of a whole check per photo (loading
included), face recall and false faces per photo (a face is found when a detected box overlaps the true
one with IoU >= 0.3), and the share of text lines read exactly (whitespace and case ignored). Then
scrolled screenshots of a thread (1,080 x 20,000, a line of 26-pixel text every 400 pixels, which the
text reader takes in overlapping tiles): p50 of a whole check and the share of lines read exactly.

Caveat: the faces are all the same person at different sizes; recall here says the detector finds
frontal faces of these sizes, not that it finds every face in real crowds.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from postguard import Post
from postguard.engine import Engine
from postguard.policy.pack import load_pack

WORDS = [
    "lab",
    "rota",
    "week",
    "meeting",
    "budget",
    "samples",
    "freezer",
    "call",
    "room",
    "project",
    "draft",
    "results",
    "deadline",
    "seminar",
    "booking",
    "review",
    "notes",
    "plan",
    "order",
    "kit",
]


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    ax1, ay1, bx1, by1 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0, min(ax1, bx1) - max(a[0], b[0]))
    ih = max(0, min(ay1, by1) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0


def make_photo(rng: random.Random, size: tuple[int, int], face: Image.Image, path: Path) -> tuple[list, list]:
    w, h = size
    im = Image.new("RGB", size, (rng.randint(150, 200), rng.randint(180, 220), rng.randint(200, 240)))
    d = ImageDraw.Draw(im)
    d.rectangle((0, h * 2 // 3, w, h), fill=(90, 140, 80))
    board = (w // 20, h // 12, w // 2, h // 2)
    d.rectangle(board, fill=(246, 246, 240), outline=(60, 60, 60), width=max(2, w // 300))
    font = ImageFont.load_default(size=max(18, h // 22))
    lines = []
    for i in range(3):
        line = " ".join(rng.sample(WORDS, 3)) + f" {rng.randint(10, 99)}"
        d.text((board[0] + w // 40, board[1] + h // 40 + i * (h // 12)), line, fill=(20, 30, 120), font=font)
        lines.append(line)
    faces = []
    for _ in range(rng.randint(1, 3)):
        face_side = rng.randint(h // 12, h // 5)  # the face itself, from small in a group to a close-up
        side = min(int(face_side * 512 / 91), h - 20, w // 2 - 20)  # the portrait around it
        x, y = rng.randint(w // 2 + 10, w - side - 10), rng.randint(10, h - side - 10)
        if any(_iou((x, y, side, side), f) > 0 for f in faces):
            continue
        im.paste(face.resize((side, side)), (x, y))
        # where the face itself sits inside the portrait (measured on the 512 px original: 175,76,91,91)
        k = side / 512
        faces.append((x + int(175 * k), y + int(76 * k), int(91 * k), int(91 * k)))
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 45.0, 36.5), 3: "W", 4: (1.0, 15.0, 14.2)})
    im.save(path, quality=90, exif=exif)
    return faces, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20, help="photos of each size")
    parser.add_argument(
        "--brand-asset",
        action="append",
        default=[],
        help="a crest image for BR001 to look for (the base pack names none)",
    )
    parser.add_argument("--screenshots", type=int, default=5, help="scrolled screenshots of a thread")
    args = parser.parse_args()
    from skimage import data

    face = Image.fromarray(data.astronaut())
    rng = random.Random(7)
    pack = load_pack()
    engine = Engine(dataclasses.replace(pack, brand_assets=tuple(args.brand_asset)) if args.brand_asset else pack)
    engine.load()
    with tempfile.TemporaryDirectory() as tmp:
        engine.check(Post("warm up", photos=(str(_warm(Path(tmp))),)))
        found = total = false = 0
        lines_read = lines_total = 0
        for size in ((4000, 3000), (1024, 768)):
            times = []
            for i in range(args.n):
                path = Path(tmp) / f"p{size[0]}-{i}.jpg"
                truth, lines = make_photo(rng, size, face, path)
                t0 = time.perf_counter()
                report = engine.check(Post("Lab day.", photos=(str(path),)))
                times.append(time.perf_counter() - t0)
                boxes = [f.where.box for f in report.findings if f.code == "PH001" and f.where.box]
                found += sum(any(_iou(t, b) >= 0.3 for b in boxes) for t in truth)
                false += sum(not any(_iou(t, b) >= 0.3 for t in truth) for b in boxes)
                total += len(truth)
                read = _ocr_lines(engine, path)
                lines_total += len(lines)
                lines_read += sum(_norm(line) in read for line in lines)
            p50 = statistics.median(times)
            p95 = sorted(times)[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(f"{size[0]}x{size[1]}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {len(times)} photos")
        photos = 2 * args.n
        print(f"faces: recall {found / total:.3f} ({found}/{total}), false faces per photo {false / photos:.3f}")
        print(f"text lines read exactly: {lines_read / lines_total:.3f} ({lines_read}/{lines_total})")
        screenshots(engine, rng, Path(tmp), args.screenshots)


def make_screenshot(rng: random.Random, size: tuple[int, int], path: Path) -> list[str]:
    """A scrolled screenshot of a thread: a line of random words every 400 pixels."""
    im = Image.new("RGB", size, (250, 250, 250))
    d = ImageDraw.Draw(im)
    font = ImageFont.load_default(size=26)
    lines = []
    for y in range(150, size[1] - 100, 400):
        line = " ".join(rng.sample(WORDS, 4)) + f" {rng.randint(10, 99)}"
        d.text((60 + rng.randint(0, 200), y + rng.randint(-20, 20)), line, fill=(20, 20, 20), font=font)
        lines.append(line)
    im.save(path)
    return lines


def screenshots(engine: Engine, rng: random.Random, tmp: Path, n: int) -> None:
    times = []
    read = total = 0
    for i in range(n):
        path = tmp / f"thread-{i}.png"
        lines = make_screenshot(rng, (1080, 20_000), path)
        t0 = time.perf_counter()
        engine.check(Post("Thread.", photos=(str(path),)))
        times.append(time.perf_counter() - t0)
        seen = _ocr_lines(engine, path)
        read += sum(_norm(line) in seen for line in lines)
        total += len(lines)
    print(f"scrolled screenshots 1080x20000: p50 {statistics.median(times) * 1000:.0f} ms over {n}; "
          f"text lines read exactly {read / total:.3f} ({read}/{total})")  # fmt: skip


def _warm(tmp: Path) -> Path:
    path = tmp / "warm.jpg"
    Image.new("RGB", (64, 64), "white").save(path)
    return path


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _ocr_lines(engine: Engine, path: Path) -> set[str]:
    from postguard.analyzers.photo_text import ANALYZER_ID
    from postguard.photos.load import LoadedPhoto, load_photo

    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto)
    analyzer = engine.analyzers[ANALYZER_ID]
    return {_norm(e.text or "") for e in analyzer.analyze_photo(photo)}  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
