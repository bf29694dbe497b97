"""The University's logo or crest in photos: SIFT keypoints matched against the brand assets the policy
pack names, confirmed by a RANSAC homography (OpenCV, Apache-2.0). The base pack names no asset: the
real crest is the University's to configure (``brand_assets``); the tests use a crest the project drew."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from postguard.analyzers.base import BasePhotoAnalyzer
from postguard.photos.load import LoadedPhoto, load_photo
from postguard.types import Evidence

ANALYZER_ID = "photo.logo.v1"
LOGO_MAX_SIDE = 720  # a crest of about an eighth of the photo's long side is still matched
MAX_KEYPOINTS = 1500  # the strongest keypoints of a photo are enough to confirm a crest, and cost less
RATIO = 0.75  # Lowe's ratio test
MIN_INLIERS = 15


class PhotoLogoAnalyzer(BasePhotoAnalyzer):
    id = ANALYZER_ID
    task = "looking for brand assets in it"  # what a failure stopped, for the report

    def __init__(self, assets: Sequence[str] = ()) -> None:
        self.assets = tuple(assets)
        self._sift: Any = None
        self._references: list[tuple[str, Any, Any, tuple[int, int]]] = []

    def load(self) -> None:
        if self._sift is not None:
            return
        import cv2

        self._sift = cv2.SIFT_create(nfeatures=MAX_KEYPOINTS)  # type: ignore[attr-defined]
        self._references = []
        for path in self.assets:
            asset = load_photo(0, path)
            if not isinstance(asset, LoadedPhoto):  # the pack's loader read it whole: it changed since
                self._sift = None  # tried again for the next photo, never a silent pass
                raise RuntimeError(f"the brand asset {asset.path} {asset.message}")
            image, _ = asset.scaled(600)
            gray = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2GRAY)
            keypoints, descriptors = self._sift.detectAndCompute(gray, None)
            if descriptors is not None:
                self._references.append((path, keypoints, descriptors, gray.shape[::-1]))

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        if not self.assets:
            return []
        self.load()
        import cv2

        image, scale = photo.scaled(LOGO_MAX_SIDE)
        gray = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2GRAY)
        keypoints, descriptors = self._sift.detectAndCompute(gray, None)
        if descriptors is None or len(keypoints) < MIN_INLIERS:
            return []
        matcher = cv2.BFMatcher()
        out = []
        for path, ref_points, ref_descriptors, (w, h) in self._references:
            pairs = matcher.knnMatch(ref_descriptors, descriptors, k=2)
            good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
            if len(good) < MIN_INLIERS:
                continue
            src = np.array([ref_points[m.queryIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
            dst = np.array([keypoints[m.trainIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
            homography, mask = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
            inliers = int(mask.sum()) if mask is not None else 0
            if homography is None or inliers < MIN_INLIERS:
                continue
            corners = cv2.perspectiveTransform(
                np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32).reshape(-1, 1, 2), homography
            )
            xs, ys = corners[:, 0, 0] / scale, corners[:, 0, 1] / scale
            x0, y0 = max(0, int(xs.min())), max(0, int(ys.min()))
            box = (x0, y0, int(min(photo.size[0], xs.max())) - x0, int(min(photo.size[1], ys.max())) - y0)
            score = min(1.0, inliers / 60)
            out.append(
                Evidence(self.id, score, label="logo", detail=f"{path} ({inliers} inliers)", photo=photo.index, box=box)
            )
        return out
