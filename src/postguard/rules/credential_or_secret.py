from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.secrets import ANALYZER_ID as SECRETS
from postguard.fixes.redact import redact
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where

_WHAT = {
    "password": "a password",
    "passcode": "a meeting or system passcode",
    "door-code": "a door or lock code",
    "wifi-key": "a Wi-Fi key",
    "api-key": "an API key",
    "token": "an access token",
    "private-key": "a private key",
}


class CredentialOrSecret(Rule):
    """
    ## What it does
    Finds credentials and secrets: passwords, meeting passcodes and links that carry them, door, gate
    and keypad codes, Wi-Fi keys, API keys and access tokens (AWS, GitHub, Slack, Google, Stripe, JWTs),
    private keys and passwords inside URLs. Zero-width characters and look-alike letters do not hide them.

    ## Why it matters
    Accounts must be kept secure to protect you and your colleagues (G38), and the University's
    regulations on IT facilities forbid sharing access credentials (G29).

    ## Example
    ```yaml
    text: "New starters: the door code for the admin corridor is 4821#."
    ```

    ## Use instead
    ```yaml
    text: "New starters: ask the porters' lodge for the door code on your first day."
    ```

    ## Fix safety
    Safe: the secret is replaced by `[REDACTED]`. Change the secret as well, since it may already have
    been seen.
    """

    code = "SE001"
    needs = (SECRETS,)
    fix_availability = "always"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for evidence in ctx.of(SECRETS):  # the analyzer has merged overlapping hits
            span = evidence.span
            assert span is not None
            what = _WHAT.get(evidence.label or "", "a secret")
            yield Hit(
                message=f"The post contains {what}; credentials must never be posted publicly.",
                where=Where(text=span),
                evidence=evidence,
                fix=redact(span, title=f"Redact {what}"),
            )
