from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.photo_faces import ANALYZER_ID as FACES
from postguard.fixes.blur import blur
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where


class IdentifiablePersonWithoutConsent(Rule):
    """
    ## What it does
    Finds faces in photos. Each face needs a consent record from the person shown; the post cites them
    (one record lifts one face). Faces are detected, never recognised: no face template is made or kept.

    ## Why it matters
    Anyone featured in a photograph must have given their express consent to it being posted online (G21).

    ## Example
    ```yaml
    text: "Great to meet our visiting astronaut today!"
    photos: ["tests/photos/portrait.png"]
    ```

    ## Use instead
    ```yaml
    text: "Great to meet our visiting astronaut today!"
    photos: ["tests/photos/portrait.png"]
    records: [{id: C-2026-31, kind: consent, covers: [PH001]}]
    ```

    ## Fix safety
    Unsafe: the faces are pixelated and blurred in a new copy of the photo; check that no one is still
    recognisable (by clothing, a badge, the setting) before posting.
    """

    code = "PH001"
    needs = (FACES,)
    fix_availability = "always"
    lifted_by = ("consent",)
    one_record_per_finding = True

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for face in ctx.of(FACES, "face"):
            assert face.photo is not None and face.box is not None
            yield Hit(
                message=f"Photo {face.photo + 1} shows a face; the person needs to have consented to the photo "
                "being posted, and the post must cite their consent record.",
                where=Where(photo=face.photo, box=face.box),
                evidence=face,
                fix=blur(face.photo, (face.box,), title=f"Blur this face in photo {face.photo + 1}"),
            )
