from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import SCENE_ANALYZER_ID as CUES
from postguard.analyzers.photo_text import ANALYZER_ID as PHOTO_TEXT
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where


class ResearchWorkRevealed(Rule):
    """
    ## What it does
    Finds photos that may reveal University research or work: the post's words or the text read from the
    photo speak of a lab, instruments, samples, prototypes, experiments, unpublished results or sponsors.

    ## Why it matters
    Photographs that might reveal anything of the University's work must not be posted without written
    authorisation from the University, a Principal Investigator, the Head of Department or the sponsor's
    terms (G34, G51).

    ## Example
    ```yaml
    text: "Our new prototype on the lab bench, looking good!"
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Use instead
    ```yaml
    text: "Sunset from the roof after a long day."
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Fix safety
    No automatic fix: an authorisation record from the PI, the Head of Department or under the sponsor's
    terms lifts the finding.
    """

    code = "PH005"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post and its photos may reveal University research work; that needs written authorisation from "
        "the PI, the Head of Department or the sponsor terms."
    )
    needs = (CUES, PHOTO_TEXT)
    lifted_by = ("authorisation",)

    def model_applies(self, ctx: RuleContext) -> bool:
        return bool(ctx.post.photos)  # research work in view: a post with photos (IP002 reads the words)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        if not ctx.post.photos:
            return
        in_photo = ctx.in_photo_text(CUES, "research-scene", "research")
        in_text = ctx.of(CUES, "research-scene", "research")
        cue = in_photo[0] if in_photo else (in_text[0] if in_text else None)
        if cue is None:
            return
        shown = "the text in the photo" if in_photo else "the post"
        yield Hit(
            message=f"The photo may reveal University research ({shown} mentions it); research photos need "
            "written authorisation from the PI, the Head of Department or the sponsor's terms.",
            where=Where(photo=cue.photo if cue.photo is not None else 0),
            evidence=cue,
        )
