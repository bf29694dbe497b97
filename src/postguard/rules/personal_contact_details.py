from __future__ import annotations

import re
from collections.abc import Iterator

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.analyzers.pii import ANALYZER_ID as PII
from postguard.fixes.redact import redact
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.subjects import people_concerned
from postguard.types import Evidence, Where

_WHAT = {"email": "an email address", "phone": "a phone number", "address": "a postal or home address"}


def _whose(ctx: RuleContext, e: Evidence) -> str:
    """ "Dr Sarah Whitfield's" when a person is named in the same sentence, else "an individual's"."""
    people = people_concerned(ctx, e)
    if not people or people[0].span is None:
        return "an individual's"
    name = ctx.doc.original[people[0].span.start : people[0].span.end].strip()
    return f"{name}'s"


def digits(value: str) -> str:
    only = re.sub(r"\D", "", value)
    if only.startswith("44"):
        only = only[2:]
    return only.lstrip("0")


class PersonalContactDetails(Rule):
    """
    ## What it does
    Finds an individual's contact details: email addresses (also written out, "name at gmail dot com"),
    phone numbers (UK first, international forms too, also spaced out or partly in words) and postal or
    home addresses (UK street and postcode, US and European forms). Role addresses (admissions@,
    enquiries@), and the contact points the policy pack lists as the University's, are not personal data.

    ## Why it matters
    Personal data must be handled under the UK GDPR and the University's data protection policy (G18), and
    nothing that should not be in the public domain may be published (G28).

    ## Example
    ```yaml
    text: "Dr Sarah Whitfield's mobile is 07700 900123, call her if the lab floods."
    ```

    ## Use instead
    ```yaml
    text: "If the lab floods, call the University switchboard on +44 1865 270000."
    ```

    ## Fix safety
    Safe: the contact detail is replaced by `[REDACTED]`.
    """

    code = "DP001"
    needs = (PII, PEOPLE)
    fix_availability = "always"
    lifted_by = ("consent",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        public_phones = {digits(p) for p in ctx.pack.public_phones}
        for e in ctx.of(PII, "email", "phone", "address"):
            assert e.span is not None
            value = ctx.doc.original[e.span.start : e.span.end]
            if self._public(ctx, e, value, public_phones):
                continue
            what = _WHAT[e.label or ""]
            whose = _whose(ctx, e)
            yield Hit(
                message=f"The post contains {what} that appears to be {whose}; personal data must not be "
                "published without their consent.",
                where=Where(text=e.span),
                evidence=e,
                fix=redact(e.span, title=f"Redact {what}"),
            )

    @staticmethod
    def _public(ctx: RuleContext, e: Evidence, value: str, public_phones: set[str]) -> bool:
        """An organisation's contact point (the analyzer says so), or one the policy pack lists."""
        if e.institutional:
            return True
        if e.label == "email":
            return value.lower() in ctx.pack.public_emails
        return e.label == "phone" and digits(value) in public_phones
