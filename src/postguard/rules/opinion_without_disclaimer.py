from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.fixes.disclaimer import add_disclaimer
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal
from postguard.types import AccountKind, Evidence, Fix


class OpinionWithoutDisclaimer(Rule):
    """
    ## What it does
    Finds a personal opinion on a public matter posted from an account that identifies its author with
    the University (a professional account, a bio that names the University, a college or a department,
    or a post that does), when neither the post nor the bio says the views are the author's own.
    Opinions on private matters (your gym, the weather) are not flagged; nor are posts that claim to
    speak for the University, which AU004 covers.

    ## Why it matters
    Where personal opinions are expressed publicly, it must be clearly stated that they are your own and
    do not reflect the University's (G26); you may be identified as a member of staff even when your
    account does not say so (G14).

    ## Example
    ```yaml
    text: "The new fees policy is a disaster."
    account: personal
    bio: "Professor at Oxford"
    ```

    ## Use instead
    ```yaml
    text: "The new fees policy is a disaster."
    account: personal
    bio: "Professor at Oxford. Views my own."
    ```

    ## Fix safety
    Safe: a "views are my own" statement in the style of the platform is appended to the post. Adding
    one to your bio covers every post.
    """

    code = "OP001"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "A personal opinion on a public matter from an account linked to the University, with no statement "
        "that the views are your own."
    )
    needs = (SEMANTIC, CUES)
    fix_availability = "always"
    accounts = (AccountKind.PERSONAL, AccountKind.PROFESSIONAL)

    def model_applies(self, ctx: RuleContext) -> bool:
        """The model reads the words; whether the author is identified and unprotected is the context's."""
        return self._identified_without_disclaimer(ctx)

    def model_hit(self, ctx: RuleContext, evidence: Evidence) -> Hit:
        return Hit(self.model_message, ctx.where(None), evidence, self._disclaimer(ctx))

    @staticmethod
    def _identified_without_disclaimer(ctx: RuleContext) -> bool:
        if ctx.of(CUES, "disclaimer") or ctx.in_bio(CUES, "disclaimer"):
            return False
        return (
            ctx.post.account is AccountKind.PROFESSIONAL
            or bool(ctx.of(CUES, "affiliation"))
            or bool(ctx.in_bio(CUES, "affiliation"))
        )

    @staticmethod
    def _disclaimer(ctx: RuleContext) -> Fix | None:
        wording = ctx.pack.disclaimers
        if wording is None:
            return None
        return add_disclaimer(ctx.doc.original, wording, platform=ctx.post.platform, markdown=ctx.post.markdown)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        if not self._identified_without_disclaimer(ctx):
            return
        speaking_for = semantic_signal(ctx, "speaking-for", "speaking-for", default_threshold=0.5)
        if speaking_for is not None:
            return  # claiming the University's voice is AU004's finding, not a missing disclaimer
        signal = semantic_signal(ctx, "opinion", "opinion", default_threshold=0.5)
        if signal is None:
            return
        yield Hit(
            message="A personal opinion on a public matter from an account linked to the University, with no "
            "statement that the views are your own.",
            where=signal.where,
            evidence=signal.evidence,
            fix=self._disclaimer(ctx),
        )
