"""Rules in the catalogue whose analyzers arrive in later issues. They are listed, documented and
reported as ``planned`` by ``postguard rules``; none of them checks anything yet."""

from __future__ import annotations

from typing import ClassVar

from postguard.rules.base import PlannedRule, severities


class Harassment(PlannedRule):
    """
    ## What it does
    Finds abuse, insults, intimidation or threats aimed at a person. *Planned: arrives with abuse (issue 4).*

    ## Why it matters
    Material intended or likely to harass another person breaches the Harassment Policy (G24, G48); staff must
    treat each other with respect (G23).

    ## Example
    ```yaml
    text: "I know where you park, and you'll regret that review."
    ```

    ## Use instead
    ```yaml
    text: "I disagree with your review and will reply to the editor."
    ```

    ## Fix safety
    No fix; it may be reported as an incident.
    """

    code = "RS001"
    name = "harassment"
    clauses: ClassVar[tuple[str, ...]] = ("G23", "G24", "G48")
    default_severity = severities("error")


class DiscriminatoryContent(PlannedRule):
    """
    ## What it does
    Finds hateful or demeaning content about a group or person for a protected characteristic under the
    Equality Act 2010, naming the characteristic. *Planned: arrives with abuse (issue 4).*

    ## Why it matters
    Anything that could be interpreted as discriminatory under the Equality Act 2010 is especially important
    to avoid (G25, G49).

    ## Example
    ```yaml
    text: "A post demeaning people for their religion."
    ```

    ## Use instead
    ```yaml
    text: "Eid Mubarak to everyone celebrating!"
    ```

    ## Fix safety
    No fix.
    """

    code = "RS002"
    name = "discriminatory-content"
    clauses: ClassVar[tuple[str, ...]] = ("G25", "G49")
    default_severity = severities("error")


class Discourtesy(PlannedRule):
    """
    ## What it does
    Finds profanity, insults without a clear target, and mockery of colleagues, students or the University.
    *Planned: arrives with abuse (issue 4).*

    ## Why it matters
    Communication should show respect, professionalism and courtesy (G23) and not bring the University into
    disrepute (G27).

    ## Example
    ```yaml
    text: "This bloody printer is useless and so is whoever bought it."
    ```

    ## Use instead
    ```yaml
    text: "The printer is broken again; I've reported it to IT."
    ```

    ## Fix safety
    No fix.
    """

    code = "RS003"
    name = "discourtesy"
    clauses: ClassVar[tuple[str, ...]] = ("G23", "G27")
    default_severity = severities("warning")


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
    name = "account-security-gaps"
    clauses: ClassVar[tuple[str, ...]] = ("G38",)
    default_severity = severities("warning")
