from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal
from postguard.types import AccountKind


class ProfessionalUseOfPersonalAccount(Rule):
    """
    ## What it does
    On personal accounts only, finds University business: recruiting for a post or a study, promoting
    official events, and news of a lab, group, project or department in the first person plural.

    ## Why it matters
    Staff who use social media for professional purposes should do so from a separate account intended
    for that use (G16).

    ## Example
    ```yaml
    text: "We're recruiting a postdoctoral researcher in catalysis, closing date 14 March. DM me for details."
    account: personal
    ```

    ## Use instead
    ```yaml
    text: "We're recruiting a postdoctoral researcher in catalysis, closing date 14 March. DM me for details."
    account: professional
    ```

    ## Fix safety
    No automatic fix: post it from your registered professional account or the department's official one.
    """

    code = "AU003"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "This looks like University business (recruiting, an official event or work news) posted from a "
        "personal account; use a separate professional or official account."
    )
    needs = (SEMANTIC, CUES)
    accounts = (AccountKind.PERSONAL,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "business", "business", default_threshold=0.5)
        if signal is not None:
            yield Hit(
                message="This looks like University business (recruiting, an official event or work news) "
                "posted from a personal account; use your professional or the official account.",
                where=signal.where,
                evidence=signal.evidence,
            )
