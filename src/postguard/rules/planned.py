"""Rules in the catalogue whose analyzers arrive in later issues. They are listed, documented and
reported as ``planned`` by ``postguard rules``; none of them checks anything yet."""

from __future__ import annotations

from postguard.rules.base import PlannedRule


class AccountSecurityGaps(PlannedRule):
    """
    ## What it does
    Finds registered accounts that lack required settings: two-factor authentication, two staff
    administrators, a recovery contact, an up-to-date review. *Planned: arrives with the registry.*

    ## Why it matters
    Accounts must be protected with appropriate security settings (G38).

    ## Example
    ```yaml
    text: "An official account in the registry with one administrator and no two-factor authentication."
    ```

    ## Use instead
    ```yaml
    text: "The same account with two staff administrators and two-factor authentication on."
    ```

    ## Fix safety
    No automatic fix: update the registry record.
    """

    code = "SE002"
