from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.signals import semantic_signal


class UnpublishedResearch(Rule):
    """
    ## What it does
    Finds research shared before it is public: unpublished or preliminary results, work under review,
    patentable ideas before filing, data or terms restricted by a grant, contract or sponsor. Work that is
    already published (a paper, a preprint) is not flagged.

    ## Why it matters
    Nothing that reveals the University's work may be posted without written authorisation from the
    University, a Principal Investigator, the Head of Department or the sponsor's terms (G34); the
    University's and others' intellectual property must be respected (G36), as must the code of practice
    on academic integrity in research (G50) and research grantors' terms (G51).

    ## Example
    ```yaml
    text: "Sneak peek at our unpublished data: the new alloy survives twice the temperature we predicted."
    ```

    ## Use instead
    ```yaml
    text: "Our paper on high-temperature alloys is now published, open access: doi.org/10.1000/alloy"
    ```

    ## Fix safety
    No automatic fix: obtain written authorisation from the PI, the Head of Department or under the
    sponsor's terms, and cite the record.
    """

    code = "IP002"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to share unpublished research, results, patentable work or grant terms; that needs "
        "written authorisation."
    )
    needs = (SEMANTIC, CUES)
    lifted_by = ("authorisation",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = semantic_signal(ctx, "unpublished-research", "research", default_threshold=0.5)
        if signal is not None:
            yield Hit(
                message="The post appears to share unpublished research, patentable work or results "
                "restricted by a sponsor; this needs written authorisation first.",
                where=signal.where,
                evidence=signal.evidence,
            )
