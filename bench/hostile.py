"""Worst cases: how long one check takes on posts built to be slow, each near the 100,000-character limit.

    python bench/hostile.py [--only NAME] [--family text|photos|all]

Each post repeats one pattern that a rule or an analyzer reads: thousands of addresses, phone numbers or
IBANs in one run-on sentence, titles without names, runs of digits, Markdown that never closes, a table
of phone numbers. A quadratic step shows here long before it shows on ordinary posts: before the fixes
recorded in the git log, the addresses took 41 s, the table 10.9 s and the titles 7.3 s. Prints the
seconds for a whole check of each post (models loaded first) and the number of findings; no post may
crash the check, and the worst time is printed last.

Photos built to be expensive (the photo family): a 600 KB GIF of eight 10,000 x 10,000 frames, a PNG
header claiming 100,000 x 100,000 pixels, a 108-megapixel JPEG, an EPS named .jpg, and a GIF of a
million 1 x 1 frames. Each is loaded by `load_photo` in a fresh process, which prints its time and peak
RSS (VmHWM); the worst of each is printed last. Before the pixel budget and the format list, the GIF
loaded in 10.1 s at 2.0 GB peak RSS (a whole check: 16 s, 3.9 GB), the GIF of tiny frames in 21 s (every
frame before each sample decoded), the JPEG in 0.96 s at 1.3 GB, and the EPS was handed to Ghostscript.
Now: 0.00 s and 20 MB (refused from its header); 2.0 s (counting the frames; samples come from the first
1,000); 0.28 s and 330 MB (decoded at half size); the EPS is refused by its content.
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from postguard import Post
from postguard.engine import Engine

LIMIT = 99_000

TEXT = {
    "addresses in one sentence": "12 High Street, " * 6_000,
    "phone numbers": "07700 900123 " * 7_600,
    "IBANs": "GB82 WEST 1234 5698 7654 32 " * 3_400,
    "titles without names": "Dr " * 33_000,
    "digits and spaces": "0 " * 49_000,
    "digits and dashes": "1-" * 49_000,
    "at signs": "a@" * 49_000,
    "spoken addresses": "a at b dot " * 9_000,
    "one word": "a" * LIMIT,
    "line breaks": "a\n" * 49_000,
    "emoji joined": "\U0001f469\u200d" * 45_000,
    "handles": "@a " * 33_000,
    "threats repeated": "I will kill you " * 6_000,
}
MARKDOWN = {
    "table of phone numbers": "| a | b |\n|---|---|\n" + "| 07700 900123 | x |\n" * 4_000,
    "unclosed code fence": "```\n" + "x = 1\n" * 15_000,
    "unclosed links": "[a](http://x.com/" + "(" * 30_000,
    "HTML tags": "<div>" * 18_000,
    "emphasis": "*a _b " * 15_000,
    "backticks": "`" * LIMIT,
}


BOMB_PNG = Path(__file__).parents[1] / "tests" / "photos" / "bomb.png"

# Run in a fresh process per photo: its peak RSS is the loader's alone (Linux).
LOAD_ONE = """
import json, sys, time
from postguard.photos.load import load_photo
started = time.perf_counter()
result = load_photo(0, sys.argv[1])
seconds = time.perf_counter() - started
# VmHWM, not getrusage: a child's ru_maxrss starts from its parent's at fork and survives exec
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "rss_mb": int(hwm.split()[1]) / 1024,
                  "result": getattr(result, "message", None) or f"loaded {result.size}, {len(result.frames)} frames"}))
"""


def _gif_of_frames(frame: Image.Image, count: int) -> bytes:
    """A GIF of ``count`` copies of one frame, encoded once: Pillow would encode each of them."""
    import io

    buf = io.BytesIO()
    frame.save(buf, format="GIF")
    data = buf.getvalue()
    start = data.index(b"\x2c", 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0))
    block = data[start:-1]  # image descriptor, local palette if any, LZW data; the trailer ';' dropped
    return data[:start] + block * count + b";"


def _tiny_frames_gif(count: int) -> bytes:
    head = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return head + frame * count + b";"


def photo_cases(folder: Path) -> dict[str, Path]:
    big = Image.new("P", (10_000, 10_000), 1)
    big.putpalette([v for i in range(256) for v in (i, 255 - i, 128)])
    cases = {
        "GIF 8 x 10,000 x 10,000": _gif_of_frames(big, 8),
        "GIF 1,000,000 x 1 x 1": _tiny_frames_gif(1_000_000),
        "EPS named .jpg": b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n",
    }
    paths = {}
    for name, data in cases.items():
        paths[name] = folder / f"{len(paths)}.{'jpg' if 'EPS' in name else 'gif'}"
        paths[name].write_bytes(data)
    paths["PNG claiming 100,000 x 100,000"] = BOMB_PNG
    paths["JPEG 108 megapixels"] = folder / "108.jpg"
    Image.new("RGB", (12_000, 9_000), (120, 130, 140)).save(paths["JPEG 108 megapixels"], quality=80)
    return paths


def photos(only: str | None) -> None:
    worst_time = worst_rss = (0.0, "")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in photo_cases(Path(folder)).items():
            if only and only not in name:
                continue
            run = subprocess.run([sys.executable, "-c", LOAD_ONE, str(path)], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{name:32s} crashed ({run.returncode}): {run.stderr.strip().splitlines()[-1:]}")
                continue
            out = json.loads(run.stdout)
            worst_time = max(worst_time, (out["seconds"], name))
            worst_rss = max(worst_rss, (out["rss_mb"], name))
            size = path.stat().st_size / 2**20
            print(
                f"{name:32s} {size:6.1f} MB  {out['seconds']:6.2f} s  {out['rss_mb']:7.0f} MB RSS  {out['result'][:70]}"
            )
    print(f"worst photo time: {worst_time[1]}, {worst_time[0]:.2f} s")
    print(f"worst photo peak RSS: {worst_rss[1]}, {worst_rss[0]:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--family", choices=("text", "photos", "all"), default="all")
    args = parser.parse_args()
    if args.family in ("photos", "all"):
        photos(args.only)
    if args.family == "photos":
        return
    engine = Engine()
    engine.load()
    engine.check(Post("warm up"))
    worst = (0.0, "")
    cases = [(name, text, False) for name, text in TEXT.items()] + [(n, t, True) for n, t in MARKDOWN.items()]
    for name, text, markdown in cases:
        if args.only and args.only not in name:
            continue
        post = Post(text[:LIMIT], markdown=markdown)
        started = time.perf_counter()
        report = engine.check(post)
        seconds = time.perf_counter() - started
        worst = max(worst, (seconds, name))
        kind = "Markdown" if markdown else "text"
        print(f"{name:28s} {kind:8s} {len(post.text):6,d} chars  {seconds:6.2f} s  {len(report.findings):5d} findings")
    print(f"worst: {worst[1]}, {worst[0]:.2f} s")


if __name__ == "__main__":
    main()
