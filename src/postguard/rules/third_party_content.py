from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.rules.base import Hit, Rule, RuleContext

# Signals that a credit line does not cure: copying a whole work, or a notice that reserves all rights.
_ALWAYS = frozenset({"full-reproduction", "whole-work-copied", "all-rights-reserved", "reposted-without-credit"})


class ThirdPartyContent(Rule):
    """
    ## What it does
    Finds signs that a post reproduces someone else's copyrighted material without credit or licence:
    "all rights reserved" and copyright notices, lyrics, stock or watermarked images, whole articles or
    chapters pasted in, paywalled text, very long quotations, and images "found online" whose creator is
    unknown. A credit line or a licence (CC BY, "used with permission") alongside weak signals lifts it.

    ## Why it matters
    Copyright must not be breached, in text or in photographs (G35), and the intellectual property rights
    of the University and of others must be respected (G36).

    ## Example
    ```yaml
    text: "Copied the whole article below since it's behind a paywall. Worth a read."
    ```

    ## Use instead
    ```yaml
    text: "A thoughtful piece on university funding in today's paper, well worth a read."
    ```

    ## Fix safety
    No automatic fix: link to the original, quote briefly with attribution, or cite a licence record.
    """

    code = "IP001"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to reproduce third-party material (long quotations, lyrics or images) without "
        "attribution or a licence."
    )
    needs = (CUES,)
    lifted_by = ("licence",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signals = sorted(ctx.of(CUES, "third-party"), key=lambda e: -e.score)
        if not signals:
            return
        strongest = signals[0]
        credited = ctx.of(CUES, "attribution")
        if credited and strongest.pattern_name not in _ALWAYS:
            return
        yield Hit(
            message="The post appears to reproduce third-party material (text, lyrics or images) without "
            "credit or a licence; copyright must be respected.",
            where=ctx.sentence_where(strongest.span),
            evidence=strongest,
        )
