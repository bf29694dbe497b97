from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from postguard.analyzers.cues import SCENE_ANALYZER_ID as CUES
from postguard.analyzers.photo_faces import ANALYZER_ID as FACES
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Evidence, Where


class ChildInPhoto(Rule):
    """
    ## What it does
    Finds photos that appear to show a child: a face whose apparent age is under the policy pack's
    `photos.child_apparent_age` (21 in the base pack: a conservative line, since estimates err by years),
    or a post whose words say children are shown ("Year 8 outreach visit", "the kids", "pupils"), in its
    text or in text read from the photo.

    ## Why it matters
    Photographs of children may only appear in professional publications, with written authorisation and
    consent from all parties and the NSPCC guidelines followed (G22).

    ## Example
    ```yaml
    text: "The kids loved the lab today on our Year 8 outreach visit!"
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Use instead
    ```yaml
    text: "Our outreach team is ready for next week's school visits."
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Fix safety
    No automatic fix: a written authorisation record (with the safeguarding check) lifts the finding, and
    only an official account may publish such photos.
    """

    code = "PH002"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post says its photo shows children; photos of children need written authorisation and consent "
        "from all parties."
    )
    needs = (FACES, CUES)
    lifted_by = ("authorisation",)

    def model_applies(self, ctx: RuleContext) -> bool:
        return bool(ctx.post.photos)  # the words say who is in a photo only when there is one

    def model_hit(self, ctx: RuleContext, evidence: Evidence) -> Hit:
        return Hit(self.model_message, Where(photo=0), evidence)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        if not ctx.post.photos:
            return
        cut_off = ctx.pack.child_apparent_age
        children = [e for e in ctx.of(FACES, "apparent-age") if e.age is not None and e.age < cut_off]
        for face in children:
            yield Hit(
                message=f"Photo {(face.photo or 0) + 1} appears to show a child (apparent age {face.age}); photos of "
                "children need written authorisation and consent from all parties.",
                where=Where(photo=face.photo, box=face.box),
                evidence=replace(face, label="child"),
            )
        if children:
            return
        said = ctx.of(CUES, "children") or ctx.in_photo_text(CUES, "children")
        if said:
            cue = said[0]
            yield Hit(
                message="The post says it shows children; photos of children need written authorisation and "
                "consent from all parties.",
                where=Where(photo=cue.photo if cue.photo is not None else 0),
                evidence=cue,
            )
