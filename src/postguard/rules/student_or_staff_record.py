from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.subjects import one_per_sentence, people_concerned

_WHAT = {
    "marks": "marks or results",
    "admissions": "an admissions decision",
    "hr": "a disciplinary or HR matter",
    "reference": "a reference",
}


class StudentOrStaffRecord(Rule):
    """
    ## What it does
    Finds student and staff records about an identifiable person: marks, grades, exam results,
    admissions decisions, disciplinary and HR matters, and references.

    ## Why it matters
    Student and staff records are personal data the University holds in confidence (G18).

    ## Example
    ```yaml
    text: "Ben Carter got 58 in his finals, what a shame."
    ```

    ## Use instead
    ```yaml
    text: "Our finalists did brilliantly this year; congratulations to all of them."
    ```

    ## Fix safety
    No fix: remove the record from the post.
    """

    code = "DP005"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to disclose a student's or staff member's record (marks, results, progress, HR or "
        "disciplinary matters); records must not be published."
    )
    needs = (PEOPLE,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        cues = ctx.of(PEOPLE, "record")
        for cue in one_per_sentence(ctx, [c for c in cues if people_concerned(ctx, c)]):
            what = _WHAT.get(cue.category or "", "a record")
            yield Hit(
                message=f"The post discloses {what} about an identifiable person; student and staff records "
                "must not be published.",
                where=ctx.sentence_where(cue.span),
                evidence=cue,
            )
