from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.photo_nudity import ANALYZER_ID as NUDITY
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where


class InappropriateImage(Rule):
    """
    ## What it does
    Finds nudity and sexual content in photos (Yahoo's open_nsfw model; the score threshold is in the
    policy pack). Graphic violence is not yet detected.

    ## Why it matters
    Inappropriate photographs must not be published on social media (G28).

    ## Example
    ```yaml
    text: "Holiday snaps."
    photos: ["tests/photos/plain.jpg"]
    threshold: 0.0001
    ```

    ## Use instead
    ```yaml
    text: "Holiday snaps."
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Fix safety
    No fix: do not post the photo.
    """

    code = "PH006"
    needs = (NUDITY,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        threshold = ctx.threshold(0.8)
        for e in ctx.of(NUDITY, "nudity"):
            if e.score >= threshold:
                yield Hit(
                    message=f"Photo {(e.photo or 0) + 1} appears to contain nudity or sexual content.",
                    where=Where(photo=e.photo),
                    evidence=e,
                )
