from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.pii import ANALYZER_ID as PII
from postguard.analyzers.pii import IDENTIFIER_LABELS
from postguard.fixes.mask import mask
from postguard.fixes.redact import redact
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where

_WHAT = {
    "ni-number": "a national insurance number",
    "nhs-number": "an NHS number",
    "passport": "a passport number",
    "bank-card": "a bank card number",
    "sort-code-account": "bank account details",
    "iban": "an IBAN",
    "ssn": "a social security number",
    "date-of-birth": "a date of birth",
    "student-number": "a student number",
    "staff-number": "a staff number",
    "university-card": "a University card number",
}
_MASKED = frozenset({"bank-card", "sort-code-account", "iban"})


class IdentificationNumber(Rule):
    """
    ## What it does
    Finds identification numbers, each confirmed by its validator: national insurance numbers (valid
    prefixes), NHS numbers (mod 11), passport numbers, bank card numbers (Luhn), sort codes with account
    numbers, IBANs (mod 97), US social security numbers, dates of birth, and University card, student and
    staff numbers in the formats the policy pack gives. Digits spaced out, split by punctuation or spoken
    in words are found too.

    ## Why it matters
    Identification numbers are personal data under the UK GDPR and the University's data protection
    policy (G18); published, they enable fraud and identity theft.

    ## Example
    ```yaml
    text: "Can someone return Tom's wallet? His NI number is AB 12 34 56 C and his card is 4111 1111 1111 1111."
    ```

    ## Use instead
    ```yaml
    text: "Found a wallet by the lodge; the porters have it."
    ```

    ## Fix safety
    Safe: bank card and account numbers are masked to their last four digits; other numbers are replaced
    by `[REDACTED]`.
    """

    code = "DP002"
    needs = (PII,)
    fix_availability = "always"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for e in ctx.of(PII, *IDENTIFIER_LABELS):
            assert e.span is not None and e.label is not None
            what = _WHAT[e.label]
            if e.label in _MASKED:
                fix = mask(ctx.doc.original, e.span, keep_last=4, title=f"Mask {what} to its last four digits")
            else:
                fix = redact(e.span, title=f"Redact {what}")
            yield Hit(
                message=f"The post contains {what}; identification numbers are personal data and must not "
                "be published.",
                where=Where(text=e.span),
                evidence=e,
                fix=fix,
            )
