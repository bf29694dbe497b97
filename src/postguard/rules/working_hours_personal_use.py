from __future__ import annotations

from collections.abc import Iterator

from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import AccountKind, Evidence, Where


class WorkingHoursPersonalUse(Rule):
    """
    ## What it does
    On personal accounts, reports a post scheduled inside the working hours of the policy pack (by
    default 09:00 to 17:30, Monday to Friday, Europe/London). Posts with no scheduled time are not checked.

    ## Why it matters
    Occasional personal use during the working day is allowed, but it must not interfere with work and
    should generally be avoided during working hours (G13). This is advice only.

    ## Example
    ```yaml
    text: "Lovely walk along the river this morning."
    account: personal
    scheduled_at: "2026-11-24T11:00:00+00:00"
    ```

    ## Use instead
    ```yaml
    text: "Lovely walk along the river this morning."
    account: personal
    scheduled_at: "2026-11-24T18:30:00+00:00"
    ```

    ## Fix safety
    No fix: schedule the post outside working hours if you can.
    """

    code = "WK001"
    accounts = (AccountKind.PERSONAL,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        when = ctx.post.scheduled_at
        hours = ctx.pack.working_hours
        if when is None or not hours.contains(when):
            return
        local = when.astimezone(hours.timezone) if when.tzinfo else when.replace(tzinfo=hours.timezone)
        yield Hit(
            message=f"Scheduled for {local:%A %H:%M} ({hours.timezone.key}), inside working hours "
            f"({hours.start:%H:%M}-{hours.end:%H:%M}); personal use should generally wait until after work.",
            where=Where(),
            evidence=Evidence("schedule.v1", 1.0, label="working-hours"),
        )
