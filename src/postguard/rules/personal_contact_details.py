from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.analyzers.pii import ANALYZER_ID as PII
from postguard.analyzers.pii.contact import is_role_address
from postguard.fixes.redact import redact
from postguard.rules.base import Hit, Rule, RuleContext, severities
from postguard.rules.subjects import people_concerned
from postguard.types import Evidence, Where

_WHAT = {"email": "an email address", "phone": "a phone number", "address": "a postal or home address"}
CUE_REACH = 300  # characters either side of an address in which its sentence's cues count
_INSTITUTIONAL = re.compile(
    r"\b(?:department|dept|faculty|college|institute|centre|center|school\s+of|office|building|venue|museum|library|"
    r"reception|lodge|lecture|seminar|conference|event|campus|university|ox\.ac\.uk|hq|headquarters)\b",
    re.IGNORECASE,
)
# "IT helpdesk: 01865 612345", "Reception on 01865 …": a number introduced as an office's.
_OFFICE_BEFORE = re.compile(
    r"\b(?:help\s?desk|enquiries|enquiry\s+line|reception|switchboard|office|press|admissions|library|lodge|porters|"
    r"hotline|helpline|service\s?desk|bookings?|box\s+office|main\s+line|team|service|centre|unit|department|"
    r"support|welfare|advisory)\b(?:[^.\n]|\.(?=\S)){0,45}$",
    re.IGNORECASE,
)
_PERSONAL_BEFORE = re.compile(
    r"(?:'s|\b(?:his|her|their|my|mobile|personal|home))\b(?:[^.\n]|\.(?=\S)){0,25}$", re.IGNORECASE
)
_HOME = re.compile(
    r"\b(?:lives?|living|home|house|flat|moved|his|her|their|my\s+address|send\s+(?:it|post))\b", re.IGNORECASE
)


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
    name = "personal-contact-details"
    clauses = ("G18", "G28")
    default_severity = severities("error")
    needs = (PII, PEOPLE)
    fix_availability = "always"
    lifted_by: ClassVar[tuple[str, ...]] = ("consent",)

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
        if e.label == "email":
            return value.lower() in ctx.pack.public_emails or is_role_address(value)
        if e.label == "phone":
            assert e.span is not None
            before = ctx.doc.original[max(0, e.span.start - 60) : e.span.start]
            office = bool(_OFFICE_BEFORE.search(before)) and not _PERSONAL_BEFORE.search(before)
            return digits(value) in public_phones or office
        sentence = ctx.sentence_where(e.span).text
        assert sentence is not None and e.span is not None
        # the sentence, but no further than CUE_REACH either side: a "sentence" of a list of thousands of
        # addresses with no full stop would otherwise be searched once for each of them
        start = max(sentence.start, e.span.start - CUE_REACH)
        around = ctx.doc.original[start : min(sentence.end, e.span.end + CUE_REACH)]
        return bool(_INSTITUTIONAL.search(around)) and not _HOME.search(around)
