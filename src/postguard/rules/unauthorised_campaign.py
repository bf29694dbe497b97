from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal


class UnauthorisedCampaign(Rule):
    """
    ## What it does
    Finds posts that start or drive an online public campaign: petitions, open letters to sign,
    fundraising appeals, boycotts, walkouts, and calls to email, lobby or demand. Mentioning that you
    signed something, or asking friends to sponsor a personal charity run, is not a campaign.

    ## Why it matters
    Written permission from the University is needed before commencing an online public campaign (G32).

    ## Example
    ```yaml
    text: "Stop the closure of the language centre! Sign and share the petition today."
    ```

    ## Use instead
    ```yaml
    text: "I'll miss the language centre; it taught me Italian."
    ```

    ## Fix safety
    No automatic fix: obtain written permission (communications office) and cite the record.
    """

    code = "AU002"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "This reads as a public campaign on behalf of the University (a petition, appeal, fundraising or call "
        "to action); campaigns need written permission from the University."
    )
    needs = (SEMANTIC, CUES)
    lifted_by = ("written-permission",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "campaign", "campaign", default_threshold=0.5)
        if signal is not None:
            yield Hit(
                message="This reads as a public campaign (a petition, appeal, boycott or call to action); "
                "online public campaigns need written permission from the University.",
                where=signal.where,
                evidence=signal.evidence,
            )
