from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal


class PossiblePublicInterestDisclosure(Rule):
    """
    ## What it does
    Finds posts that allege wrongdoing by the University or by colleagues: fraud, falsified data,
    cover-ups, ignored safety warnings, misuse of funds, unlawful practice.

    ## Why it matters
    Releasing such information may be a public interest disclosure ("whistleblowing"), which the
    University's Public Interest Disclosure Code of Practice covers (G47). The code offers protected
    routes for raising concerns; this finding only points to them and never blocks a post.

    ## Example
    ```yaml
    text: "Management covered up the accident in the workshop so it wouldn't be reported to the HSE."
    ```

    ## Use instead
    ```yaml
    text: "Reminder: the research integrity training session is open to all staff this week."
    ```

    ## Fix safety
    No fix. Read the Public Interest Disclosure Code of Practice before posting: it describes how to
    raise a concern and the protection you have when you do.
    """

    code = "WB001"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post alleges wrongdoing by the University or colleagues; the Public Interest Disclosure Code of "
        "Practice describes how to raise concerns."
    )
    needs = (SEMANTIC, CUES)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "allegation", "wrongdoing", default_threshold=0.6)
        if signal is not None:
            yield Hit(
                message="The post alleges wrongdoing by the University or colleagues; the Public Interest "
                "Disclosure Code of Practice describes protected ways to raise such concerns.",
                where=signal.where,
                evidence=signal.evidence,
            )
