from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.rules.base import Hit, Rule, RuleContext, severities
from postguard.rules.subjects import one_per_sentence, people_concerned
from postguard.types import Applicability, Edit, Fix


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
    name = "special-category-data"
    clauses = ("G18",)
    default_severity = severities("error")
    needs = (PEOPLE,)
    fix_availability = "sometimes"
    lifted_by: ClassVar[tuple[str, ...]] = ("consent",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        cues = [c for c in ctx.of(PEOPLE) if (c.label or "").startswith("special:")]
        about = {id(c): people_concerned(ctx, c) for c in cues}
        for cue in one_per_sentence(ctx, [c for c in cues if about[id(c)]]):
            people = about[id(cue)]
            category = (cue.label or "").split(":", 1)[1].replace("-", " ")
            edits = tuple(Edit(p.span.start, p.span.end, "[NAME]") for p in people if p.span is not None)
            yield Hit(
                message=f"The post states {category} data about an identifiable person; special-category data "
                "needs that person's explicit consent.",
                where=ctx.sentence_where(cue.span),
                evidence=cue,
                fix=Fix(Applicability.UNSAFE, "Remove the person's name (they may still be identifiable)", edits),
            )
