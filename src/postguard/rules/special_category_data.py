from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.fixes.redact import replace_names
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.subjects import one_per_sentence, people_concerned


class SpecialCategoryData(Rule):
    """
    ## What it does
    Finds special-category data stated about an identifiable person: health, disability, pregnancy,
    ethnicity, religion, sexual orientation, political opinions, trade-union membership and criminal
    records. The person is identifiable by name, title and name, @handle or a role ("my supervisor").
    Your own statement about yourself, and a general discussion of a topic, are not flagged.

    ## Why it matters
    Special-category and criminal-record data have the strongest protection under the UK GDPR (articles
    9 and 10) and the University's data protection policy (G18).

    ## Example
    ```yaml
    text: "Get well soon to Dr Priya Nair, who is off sick with depression again."
    ```

    ## Use instead
    ```yaml
    text: "Thinking of a colleague who is unwell; we miss you in the office."
    ```

    ## Fix safety
    Unsafe: the person's name can be removed, but the rest may still identify them; a consent record from
    the person lifts the finding.
    """

    code = "DP003"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post states special-category data (health, faith, sexuality, ethnicity, politics, union "
        "membership or a criminal record) about an identifiable person; that needs the person's explicit "
        "consent."
    )
    needs = (PEOPLE,)
    fix_availability = "sometimes"
    lifted_by = ("consent",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        cues = ctx.of(PEOPLE, "special")
        about = {id(c): people_concerned(ctx, c) for c in cues}
        for cue in one_per_sentence(ctx, [c for c in cues if about[id(c)]]):
            people = about[id(cue)]
            category = (cue.category or "special").replace("-", " ")
            names = [p.span for p in people if p.span is not None]
            yield Hit(
                message=f"The post states {category} data about an identifiable person; special-category data "
                "needs that person's explicit consent.",
                where=ctx.sentence_where(cue.span),
                evidence=cue,
                fix=replace_names(names, title="Remove the person's name (they may still be identifiable)"),
            )
