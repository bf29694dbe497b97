from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.photo_metadata import ANALYZER_ID as METADATA
from postguard.fixes.strip_metadata import strip_metadata
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Evidence, Where

_WHAT = {
    "gps": "its GPS position",
    "device": "the device that took it",
    "owner": "its owner's name",
    "thumbnail": "an embedded thumbnail",
}


class LocationMetadata(Rule):
    """
    ## What it does
    Finds photos whose metadata reveals where they were taken or whose device took them: GPS position
    (EXIF or XMP), device make, model and serial numbers, owner, artist and author fields, and embedded
    thumbnails (which can keep what a crop removed).

    ## Why it matters
    Be mindful of what a photograph might reveal (G20): a GPS position can reveal a home, a lab or a
    child's school, and device and owner fields are personal data (G18).

    ## Example
    ```yaml
    text: "Sunset from the lab roof."
    photos: ["tests/photos/gps.jpg"]
    ```

    ## Use instead
    ```yaml
    text: "Sunset from the lab roof."
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Fix safety
    Safe: a copy of the photo is written with the pixels only, no metadata; the original is left as it is.
    """

    code = "PH004"
    needs = (METADATA,)
    fix_availability = "always"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        by_photo: dict[int, list[str]] = {}
        first: dict[int, Evidence] = {}
        for e in ctx.of(METADATA):
            assert e.photo is not None
            by_photo.setdefault(e.photo, [])
            if e.label not in by_photo[e.photo]:
                by_photo[e.photo].append(e.label or "")
            first.setdefault(e.photo, e)
        for photo, labels in by_photo.items():
            what = ", ".join(_WHAT[label] for label in labels)
            yield Hit(
                message=f"Photo {photo + 1} carries metadata that reveals {what}; strip it before posting.",
                where=Where(photo=photo),
                evidence=first[photo],
                fix=strip_metadata(photo, title=f"Write a copy of photo {photo + 1} without metadata"),
            )
