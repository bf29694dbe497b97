from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.abuse import ANALYZER_ID as ABUSE
from postguard.rules.abuse_signals import abuse_signal
from postguard.rules.base import Hit, Rule, RuleContext


class Harassment(Rule):
    """
    ## What it does
    Finds abuse, insults, intimidation and threats aimed at a person, including threats that use no
    offensive word at all ("I know where you park"), telling someone to harm themselves, and threats to
    publish their address. Abuse of a person for a protected characteristic is RS002 instead; swearing at
    no one is RS003.

    ## Why it matters
    Staff must treat each other with respect and courtesy (G23). Material intended or likely to harass
    another person breaches the Harassment Policy (G24, G48).

    ## Example
    ```yaml
    text: "@mike_t I know where you park, and you'll regret that review."
    ```

    ## Use instead
    ```yaml
    text: "@mike_t I disagree with your review and will reply to the editor."
    ```

    ## Fix safety
    No fix: the post should not be published. Someone who receives such messages can report them
    through the Harassment Policy.
    """

    code = "RS001"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to harass, intimidate or threaten a person; the guidance forbids material likely to "
        "harass another person."
    )
    needs = (ABUSE,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = abuse_signal(ctx)
        if signal is None or signal.harassment < ctx.threshold(0.5):
            return
        yield Hit(
            message="The post insults, intimidates or threatens a person; the guidance forbids "
            "material that is intended or likely to harass someone.",
            where=ctx.where(signal.span),
            evidence=signal.evidence("harassment", signal.harassment),
        )
