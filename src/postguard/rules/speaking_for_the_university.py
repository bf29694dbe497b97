from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal
from postguard.types import AccountKind


class SpeakingForTheUniversity(Rule):
    """
    ## What it does
    On personal and professional accounts, finds claims to state the position of the University, a
    department or a college: "on behalf of the University", "Oxford's view is", "the University
    condemns", "speaking for my college".

    ## Why it matters
    Staff represent the University when they take part in its social media activity and must follow its
    guidance (G11); personal views must be clearly stated as one's own, not the University's (G26).

    ## Example
    ```yaml
    text: "On behalf of Oxford, I'd like to apologise to the students affected by the exam chaos."
    account: personal
    ```

    ## Use instead
    ```yaml
    text: "I'm so sorry for the students affected by the exam chaos. Views my own."
    account: personal
    ```

    ## Fix safety
    No automatic fix: speak for yourself, or obtain written permission to speak for the University and
    cite the record.
    """

    code = "AU004"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to state the position of the University or one of its units; only those with "
        "written permission may speak for it."
    )
    needs = (SEMANTIC, CUES)
    lifted_by = ("written-permission",)
    accounts = (AccountKind.PERSONAL, AccountKind.PROFESSIONAL)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "speaking-for", "speaking-for", default_threshold=0.5)
        if signal is not None:
            yield Hit(
                message="The post claims to state the position of the University or one of its units; "
                "only authorised accounts and people may speak for the University.",
                where=signal.where,
                evidence=signal.evidence,
            )
