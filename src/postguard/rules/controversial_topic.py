from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal


class ControversialTopic(Rule):
    """
    ## What it does
    Finds highly controversial opinions: on party politics and elections, wars and armed conflicts, and
    contested social questions (immigration, abortion, trans rights, assisted dying and the like).
    Neutral mentions (a seminar on the history of a war, a link to a report) are not opinions.

    ## Why it matters
    Publicly expressing highly controversial opinions can create conflicts with your role at the
    University (G25). This is advice: the post may still be published.

    ## Example
    ```yaml
    text: "The Tories deserve to lose every single seat they hold."
    bio: "Historian. Views my own."
    ```

    ## Use instead
    ```yaml
    text: "Our seminar this week looks at how general elections were reported in the 1950s."
    bio: "Historian. Views my own."
    ```

    ## Fix safety
    No fix: this finding is advice to consider how the post may be read.
    """

    code = "OP002"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post expresses an opinion on a highly controversial subject; consider how it reflects on the University."
    )
    needs = (SEMANTIC, CUES)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "controversial", "controversial-topic", default_threshold=0.5)
        if signal is not None:
            yield Hit(
                message="The post expresses an opinion on a highly controversial subject; consider how it "
                "may be read alongside your role at the University.",
                where=signal.where,
                evidence=signal.evidence,
            )
