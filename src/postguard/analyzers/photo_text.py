"""Text in photos: RapidOCR (PP-OCR models bundled in the ``rapidocr`` package, run with onnxruntime).

Each line read becomes evidence with its box in the original photo's pixels. The engine then reads the
lines as a document of their own through every text analyzer and text rule, and maps what they find
back to the boxes (a phone number on a whiteboard is DP001 there).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from postguard.photos.load import LoadedPhoto
from postguard.text.document import Document, make_document
from postguard.types import Evidence, Span

ANALYZER_ID = "photo.text.v1"
OCR_MAX_SIDE = 1600  # small print on a 12-megapixel photo survives; the detector's cost stays bounded
MIN_SCORE = 0.6


@dataclass(frozen=True, slots=True)
class PhotoText:
    """The lines read from one photo, as a document, and each line's span in it and box in the photo."""

    photo: int
    doc: Document
    lines: tuple[tuple[Span, tuple[int, int, int, int]], ...]

    def box_of(self, span: Span) -> tuple[int, int, int, int] | None:
        boxes = [box for line, box in self.lines if line.start < span.end and span.start < line.end]
        if not boxes:
            return None
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        return (x0, y0, x1 - x0, y1 - y0)


def photo_text(evidence: list[Evidence], photo: int) -> PhotoText | None:
    """Rebuild the text of ``photo`` from its line evidence (in reading order)."""
    lines = [e for e in evidence if e.photo == photo and e.label == "text-line" and e.pattern and e.box]
    if not lines:
        return None
    text = ""
    spans = []
    for e in lines:
        assert e.pattern is not None and e.box is not None
        start = len(text)
        text += e.pattern
        spans.append((Span(start, len(text)), e.box))
        text += "\n"
    return PhotoText(photo, make_document(text.rstrip("\n")), tuple(spans))


class PhotoTextAnalyzer:
    id = ANALYZER_ID

    def __init__(self) -> None:
        self._engine: Any = None

    def load(self) -> None:
        if self._engine is None:
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            from rapidocr import RapidOCR

            # No text-angle classifier: EXIF orientation is applied on loading, and it costs ~15% per photo.
            self._engine = RapidOCR(params={"Global.use_cls": False})
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        self.load()
        image, scale = photo.scaled(OCR_MAX_SIDE)
        result = self._engine(np.asarray(image)[:, :, ::-1])  # RapidOCR takes BGR arrays
        texts = getattr(result, "txts", None) or ()
        boxes = getattr(result, "boxes", None)
        scores = getattr(result, "scores", None) or ()
        out = []
        for k, text in enumerate(texts):
            score = float(scores[k]) if k < len(scores) else 1.0
            if boxes is None or score < MIN_SCORE or not str(text).strip():
                continue
            quad = np.asarray(boxes[k]) / scale
            x0, y0 = quad.min(0)
            x1, y1 = quad.max(0)
            box = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
            out.append(Evidence(self.id, score, label="text-line", pattern=str(text), photo=photo.index, box=box))
        out.sort(key=lambda e: ((e.box or (0, 0))[1] // 20, (e.box or (0, 0))[0]))  # rows, then left to right
        return out
