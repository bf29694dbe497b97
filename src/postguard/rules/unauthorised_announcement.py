from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal
from postguard.types import AccountKind

# Above this score the head alone is trusted, whoever the post names.
CONFIDENT = 0.85


class UnauthorisedAnnouncement(Rule):
    """
    ## What it does
    Finds announcements made on behalf of the University, a department, a faculty or a college: news of
    decisions, appointments, openings, closures, launches and awards that the institution itself would
    announce. Personal news ("I passed my viva") and sharing an announcement already published are not
    announcements.

    ## Why it matters
    Written permission from the University is needed before making an announcement on behalf of the
    University, as with any other public communication (G32).

    ## Example
    ```yaml
    text: "The department has decided to scrap the January exams, starting this year."
    account: professional
    bio: "Lecturer in Economics, University of Oxford."
    ```

    ## Use instead
    ```yaml
    text: "Great to read the department's news about the new exam arrangements on its website."
    account: professional
    bio: "Lecturer in Economics, University of Oxford. Views my own."
    ```

    ## Fix safety
    No automatic fix: ask the communications office for written permission and cite the record, or
    share the official announcement once it is published.
    """

    code = "AU001"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "This reads as an announcement on behalf of the University or one of its units; announcements need "
        "written permission from the University."
    )
    needs = (SEMANTIC, CUES)
    lifted_by = ("written-permission",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "announcement", "announcement", default_threshold=0.5)
        if signal is None:
            return
        # Personal news uses the same words ("delighted to announce"); an announcement on behalf of the
        # University comes from an official account or names the University or one of its units.
        institutional = ctx.post.account is AccountKind.OFFICIAL or bool(ctx.of(CUES, "institution"))
        if institutional or signal.score >= CONFIDENT:
            yield Hit(
                message="This reads as an announcement on behalf of the University or one of its units; "
                "announcements need written permission from the University.",
                where=signal.where,
                evidence=signal.evidence,
            )
