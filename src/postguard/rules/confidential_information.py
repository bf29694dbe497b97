from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.rules.base import Hit, Rule, RuleContext


class ConfidentialInformation(Rule):
    """
    ## What it does
    Finds text that is marked or described as confidential: "confidential", "internal only",
    "embargoed", "not for circulation", "do not share", NDAs, leaked or unapproved minutes, closed or
    reserved business, and decisions that have not yet been made public.

    ## Why it matters
    Confidential information must never be disclosed without appropriate written consent (G18), social
    media is a public space where nothing confidential belongs (G28), and disclosures must not breach
    confidentiality (G35).

    ## Example
    ```yaml
    text: "Leaked minutes from today's Council meeting: the crèche will close next year."
    ```

    ## Use instead
    ```yaml
    text: "Council meets today. Its decisions will be published on the governance pages."
    ```

    ## Fix safety
    No automatic fix: remove the confidential material, or cite a written permission record from the
    owner of the information.
    """

    code = "DP004"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to share confidential, internal or unpublished information that should not be in "
        "the public domain."
    )
    needs = (CUES,)
    lifted_by = ("written-permission",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for cue in ctx.of(CUES, "confidential"):
            if cue.score < 0.75:
                continue
            yield Hit(
                message="The post shares information marked or described as confidential; confidential "
                "information must not be published without written permission.",
                where=ctx.sentence_where(cue.span),
                evidence=cue,
            )
            return
