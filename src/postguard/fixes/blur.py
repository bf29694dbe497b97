"""Blur regions of a photo in a cleaned copy (unsafe: a person decides whether the rest still reveals)."""

from __future__ import annotations

from collections.abc import Sequence

from postguard.types import Applicability, Fix, PhotoOperation

Box = tuple[int, int, int, int]


def blur(photo: int, boxes: Sequence[Box], *, title: str) -> Fix:
    return Fix(Applicability.UNSAFE, title, photo_operations=(PhotoOperation(photo, "blur", tuple(boxes)),))
