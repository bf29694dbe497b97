"""Text in photos: RapidOCR (PP-OCR models bundled in the ``rapidocr`` package, run with onnxruntime).

Each line read becomes evidence with its box in the original photo's pixels. The lines of a photo then
make a document of their own (:func:`photo_text`) that every text analyzer and text rule reads, and
:meth:`PhotoText.place` puts what they find back on the lines' boxes (a phone number on a whiteboard is
DP001 there, with a fix that blurs it).

A photo far longer than it is wide (a scrolled screenshot of a thread) or the reverse (a panorama) is
read in overlapping tiles along its long side, each scaled on its own, so that its text stays large
enough to read; past ``MAX_TILES`` a tile is padded out to ``MAX_ASPECT``. The detector scales every
image up until its short side is 736 pixels, so a 1 x 20,000 image read whole asked for 9 GB, and a
1,080 x 20,000 screenshot, scaled to fit, gave none of its 50 lines (all of them in tiles: bench/photos.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from math import ceil
from typing import Any

import numpy as np
from PIL import Image

from postguard.analyzers.base import BasePhotoAnalyzer
from postguard.fixes.blur import blur
from postguard.photos.load import LoadedPhoto
from postguard.text.document import Document, make_document
from postguard.types import Evidence, Fix, Span, Where

ANALYZER_ID = "photo.text.v1"
OCR_MAX_SIDE = 1600  # small print on a 12-megapixel photo survives; the detector's cost stays bounded
MIN_SCORE = 0.6
MAX_ASPECT = 4.0  # a longer image is read in tiles (see the module's docstring)
MAX_TILES = 6  # a 1,080 x 26,000 screenshot: six tiles of about 1,080 x 4,500, each read at 1,600 long
MIN_SIDE = 8  # an image fewer pixels across than this holds no text anyone could read
_PAD = (255, 255, 255)


@dataclass(frozen=True, slots=True)
class Tile:
    """A part of a photo as the reader sees it: ``image`` is the part scaled by ``scale`` and padded on
    the right or at the bottom; ``origin`` is the part's top-left corner in the photo's pixels."""

    image: Image.Image
    scale: float
    origin: tuple[int, int]


def tiles(image: Image.Image) -> list[Tile]:
    """``image`` cut along its long side into at most ``MAX_TILES`` overlapping tiles of aspect ratio at
    most ``MAX_ASPECT`` (one tile, the whole image, for any ordinary photo), each scaled to at most
    ``OCR_MAX_SIDE`` on its long side and padded if it is still too long."""
    w, h = image.size
    short, long = min(w, h), max(w, h)
    if short < MIN_SIDE:
        return []
    n = min(MAX_TILES, ceil(long / (short * MAX_ASPECT)))
    step = ceil(long / n)
    overlap = 0 if n == 1 else min(step // 4, short // 8)  # a line cut by one border is whole in the next tile
    out = []
    for k in range(n):
        start, end = max(0, k * step - overlap), min(long, (k + 1) * step + overlap)
        box = (0, start, w, end) if h >= w else (start, 0, end, h)
        part = image if n == 1 else image.crop(box)
        pw, ph = part.size
        scale = min(1.0, OCR_MAX_SIDE / max(pw, ph))
        if scale < 1.0:
            part = part.resize((max(1, round(pw * scale)), max(1, round(ph * scale))), Image.Resampling.BILINEAR)
        pw, ph = part.size
        need = ceil(max(pw, ph) / MAX_ASPECT)  # the short side a tile must have at least
        if min(pw, ph) < need:
            padded = Image.new("RGB", (max(pw, need), max(ph, need)), _PAD)
            padded.paste(part, (0, 0))
            part = padded
        out.append(Tile(part, scale, (box[0], box[1])))
    return out


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of the smaller of two boxes (x, y, w, h) that the other covers."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, min(a[2] * a[3], b[2] * b[3]))


@dataclass(frozen=True, slots=True)
class PhotoText:
    """The lines read from one photo, as a document, and each line's span in it and box in the photo."""

    photo: int
    doc: Document
    lines: tuple[tuple[Span, tuple[int, int, int, int]], ...]

    def place(self, span: Span | None) -> tuple[Where, Fix | None]:
        """Where in the photo a finding on ``span`` of this text is (the box of the lines it covers), and
        the fix that blurs that region."""
        box = self.box_of(span) if span is not None else None
        fix = blur(self.photo, (box,), title=f"Blur the region in photo {self.photo + 1}") if box else None
        return Where(photo=self.photo, box=box), fix

    def box_of(self, span: Span) -> tuple[int, int, int, int] | None:
        boxes = [box for line, box in self.lines if line.start < span.end and span.start < line.end]
        if not boxes:
            return None
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        return (x0, y0, x1 - x0, y1 - y0)


Box = tuple[int, int, int, int]


def rows(boxes: list[Box]) -> list[list[int]]:
    """The indices of ``boxes`` (x, y, w, h) in reading order, grouped in rows: a box belongs to a row
    when most of the shorter of the two is level with it, so that a label and the larger value beside it
    ("Wi-Fi password:" and "Quad2026!", their tops 20 pixels apart) are one row, read left to right.
    Rows are read top to bottom."""
    order = sorted(range(len(boxes)), key=lambda k: (boxes[k][1] + boxes[k][3] / 2, boxes[k][0]))
    found: list[tuple[int, int, list[int]]] = []  # (top, bottom, members) of each row
    for k in order:
        _, y, _, h = boxes[k]
        for i, (top, bottom, members) in enumerate(found):
            level = min(bottom, y + h) - max(top, y)
            if level > 0.5 * min(h, bottom - top):
                found[i] = (min(top, y), max(bottom, y + h), [*members, k])
                break
        else:
            found.append((y, y + h, [k]))
    found.sort(key=lambda row: row[0])
    return [sorted(members, key=lambda k: boxes[k][0]) for _, _, members in found]


def photo_text(evidence: list[Evidence], photo: int) -> PhotoText | None:
    """Rebuild the text of ``photo`` from its line evidence: the lines of one row joined by a space, the
    rows by line breaks, so that what is written beside a label is read after it."""
    lines = [e for e in evidence if e.photo == photo and e.label == "text-line" and e.text and e.box]
    if not lines:
        return None
    text = ""
    spans = []
    for row in rows([e.box or (0, 0, 0, 0) for e in lines]):
        for j, k in enumerate(row):
            e = lines[k]
            assert e.text is not None and e.box is not None
            text += " " if j else ""
            start = len(text)
            text += e.text
            spans.append((Span(start, len(text)), e.box))
        text += "\n"
    return PhotoText(photo, make_document(text.rstrip("\n")), tuple(spans))


class PhotoTextAnalyzer(BasePhotoAnalyzer):
    id = ANALYZER_ID
    task = "reading the text in it"  # what a failure stopped, for the report

    def __init__(self) -> None:
        self._engine: Any = None

    def load(self) -> None:
        if self._engine is None:
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            from rapidocr import RapidOCR

            # No text-angle classifier: EXIF orientation is applied on loading, and it costs ~15% per photo.
            # Errors only: "the text detection result is empty" (a photo with no text) is no news to a user.
            self._engine = RapidOCR(params={"Global.use_cls": False})
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        self.load()
        out: list[Evidence] = []
        for tile in tiles(photo.image):
            earlier = len(out)
            for line in self._read(tile, photo.index):
                assert line.box is not None
                # where tiles overlap, a line read twice (or once whole, once cut) is kept once: the better read
                twin = next((k for k in range(earlier) if _overlap(out[k].box or (0, 0, 0, 0), line.box) > 0.5), None)
                if twin is None:
                    out.append(line)
                elif (len(line.text or ""), line.score) > (len(out[twin].text or ""), out[twin].score):
                    out[twin] = line
        return [out[k] for row in rows([e.box or (0, 0, 0, 0) for e in out]) for k in row]  # reading order

    def _read(self, tile: Tile, photo: int) -> list[Evidence]:
        result = self._engine(np.asarray(tile.image)[:, :, ::-1])  # RapidOCR takes BGR arrays
        texts = getattr(result, "txts", None) or ()
        boxes = getattr(result, "boxes", None)
        scores = getattr(result, "scores", None) or ()
        out = []
        for k, text in enumerate(texts):
            score = float(scores[k]) if k < len(scores) else 1.0
            if boxes is None or score < MIN_SCORE or not str(text).strip():
                continue
            quad = np.asarray(boxes[k]) / tile.scale + np.asarray(tile.origin)
            x0, y0 = quad.min(0)
            x1, y1 = quad.max(0)
            box = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
            out.append(Evidence(self.id, score, label="text-line", text=str(text), photo=photo, box=box))
        return out
