from __future__ import annotations

from collections.abc import Iterator

from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Evidence

# The evidence's analyzer: the gaps come from the registry (the record source), not from reading the post.
SOURCE = "registry"


class AccountSecurityGaps(Rule):
    """
    ## What it does
    Reports what the posting account's security settings lack, as the registry records them: two-factor
    authentication off, fewer than two staff administrators on an official account, no recovery contact,
    never reviewed or last reviewed over a year ago. It reads the account named by the post's
    `account_id` (`A-12` or `x:@handle`) from the record source; a post with no registered account has
    nothing to report.

    ## Why it matters
    Accounts must be protected with appropriate security settings, as IT Services advises (G38): an
    account that one person's departure or one stolen password can lock or take over speaks for the
    University in someone else's hands.

    ## Example
    ```yaml
    text: "Our open day starts at 10am in the Examination Schools."
    account: official
    account_id: A-7
    security_gaps: ["two-factor authentication is off", "it has no recovery contact"]
    ```

    ## Use instead
    ```yaml
    text: "Our open day starts at 10am in the Examination Schools."
    account: official
    account_id: A-7
    security_gaps: []
    ```

    ## Fix safety
    No automatic fix: change the account's settings on the platform, then record them in the registry
    (a registry officer's `account_update_security`).
    """

    code = "SE002"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        account = ctx.post.account_id
        for gap in ctx.account_gaps:
            evidence = Evidence(SOURCE, 1.0, label="security-gap", detail=gap)
            yield Hit(
                f"account {account}: {gap}; change its settings and record them in the registry",
                ctx.where(None),
                evidence,
            )
