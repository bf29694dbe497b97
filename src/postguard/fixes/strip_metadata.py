"""Write a copy of a photo without its metadata (safe: the pixels are unchanged)."""

from __future__ import annotations

from postguard.types import Applicability, Fix, PhotoOperation


def strip_metadata(photo: int, *, title: str) -> Fix:
    return Fix(Applicability.SAFE, title, photo_operations=(PhotoOperation(photo, "strip-metadata"),))
