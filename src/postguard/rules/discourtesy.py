from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.abuse import ANALYZER_ID as ABUSE
from postguard.rules.abuse_signals import abuse_signal, threshold_of
from postguard.rules.base import Hit, Rule, RuleContext


class Discourtesy(Rule):
    """
    ## What it does
    Finds profanity and insults that attack no protected group and no individual: swearing at a
    printer or at the weather, or insults at a group the Equality Act does not protect (a football
    club's fans, estate agents). It does not fire when RS001 or RS002 would, so one post gets one
    abuse finding.

    ## Why it matters
    Communication should show respect, professionalism and courtesy (G23) and should not bring the
    University into disrepute (G27).

    ## Example
    ```yaml
    text: "This printer is shit."
    ```

    ## Use instead
    ```yaml
    text: "The printer is broken again; I've reported it to IT."
    ```

    ## Fix safety
    No fix: choose other words.
    """

    code = "RS003"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears discourteous or disrespectful (mockery, insults or swearing); the guidance asks for "
        "respect and courtesy."
    )
    needs = (ABUSE,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = abuse_signal(ctx)
        if signal is None:
            return
        threshold = ctx.threshold(0.5)
        for code, score in (("RS002", signal.discriminatory), ("RS001", signal.harassment)):
            other = threshold_of(ctx, code)
            if other is not None and score >= other:
                return  # the worse finding says it
        if signal.offensive >= threshold:
            yield Hit(
                message="The post insults a group of people; the guidance asks for respect and courtesy.",
                where=ctx.where(signal.span),
                evidence=signal.evidence("offensive", signal.offensive),
            )
        elif signal.profanity >= threshold:
            yield Hit(
                message="The post swears; the guidance asks for professional, courteous language.",
                where=ctx.where(signal.profanity_span),
                evidence=signal.evidence("profanity", signal.profanity, signal.profanity_span),
            )
