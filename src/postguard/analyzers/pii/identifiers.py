"""Identification numbers, each with the validator that confirms it: national insurance numbers (valid
prefixes), NHS numbers (mod 11), UK passports (context), bank cards (Luhn), sort codes with account
numbers, IBANs (mod 97), US social security numbers, dates of birth, and University card, student and
staff numbers (formats from the policy pack)."""

from __future__ import annotations

import re

from postguard.analyzers.patterns import NamedPattern
from postguard.policy.numbers import number_regex


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def luhn(number: str) -> bool:
    digits = [int(c) for c in _digits(number)]
    if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return total % 10 == 0


def nhs_mod11(number: str) -> bool:
    digits = [int(c) for c in _digits(number)]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def iban_mod97(value: str) -> bool:
    s = re.sub(r"\s", "", value).upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    if not (s.isascii() and s.isalnum()):  # the pattern ignores case: [A-Z] takes the Turkish İ and ı too
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_NI_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_prefix_valid(value: str) -> bool:
    s = re.sub(r"\s", "", value).upper()
    first, second = s[0], s[1]
    return first not in "DFIQUV" and second not in "DFIOQUV" and s[:2] not in _NI_BAD_PREFIXES


_NI_CONTEXT = re.compile(r"\b(?:NI|NINO|national\s+insurance|N\.I\.)\b", re.IGNORECASE)


def _ni(m: re.Match[str]) -> bool:
    # A valid prefix confirms it; an invalid one (the HMRC sample QQ…) counts only when called an NI number.
    if ni_prefix_valid(m.group("id")):
        return True
    return bool(_NI_CONTEXT.search(m.string[max(0, m.start() - 40) : m.start()]))


def _card(m: re.Match[str]) -> bool:
    """Luhn-valid, and not an ISBN-13 or the digits of a DOI or URL path."""
    digits = _digits(m.group("id"))
    before = m.string[max(0, m.start("id") - 1) : m.start("id")]
    isbn = len(digits) == 13 and digits.startswith(("978", "979"))
    return luhn(digits) and not isbn and before not in ("/", "=", "-", ".")


def _ssn(m: re.Match[str]) -> bool:
    area, group, serial = m.group("a"), m.group("g"), m.group("s")
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


IDENTIFIERS: tuple[NamedPattern, ...] = (
    NamedPattern("ni-number", r"\b(?P<id>[A-Z]{2}(?:\s?\d){6}\s?[A-D])\b", 0.9, "ni-number", group="id",
                 validator=_ni, validator_name="ni-prefix", context=("national insurance", "NI number", "NINO")),
    NamedPattern("nhs-number", r"\b(?P<id>\d{3}[\s-]?\d{3}[\s-]?\d{4})\b", 0.85, "nhs-number", group="id",
                 validator=lambda m: nhs_mod11(m.group("id")), validator_name="mod11",
                 context=("nhs", "nhs number", "patient", "hospital", "gp")),
    NamedPattern("uk-passport",
                 r"\bpassport\b[^.\n\d]{0,25}?(?:number|no\.?|#)?\s*(?:is|:|=)?\s*(?P<id>[0-9]{9}|[A-Z]{2}[0-9]{7})\b",
                 0.9, "passport", group="id"),
    NamedPattern("bank-card", r"\b(?P<id>(?:\d[ -]?){12,18}\d)\b", 0.9, "bank-card", group="id",
                 validator=_card, validator_name="luhn",
                 context=("card", "visa", "mastercard", "amex", "debit", "credit")),
    NamedPattern("sort-code-account",
                 r"\b(?P<id>\d{2}-\d{2}-\d{2}[\s,;/]+(?:(?:account|acc|a/c)(?:\s+(?:number|no\.?))?\s*:?\s*)?\d{8})\b",
                 0.95, "sort-code-account", group="id"),
    NamedPattern("sort-code-context", r"\bsort\s*code\s*:?\s*(?P<id>\d{2}[-\s]?\d{2}[-\s]?\d{2})\b", 0.85,
                 "sort-code-account", group="id"),
    NamedPattern("account-number-context", r"\baccount\s+(?:number|no\.?)\s*:?\s*(?P<id>\d{8})\b", 0.85,
                 "sort-code-account", group="id"),
    NamedPattern("iban", r"\b(?P<id>[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?)\b", 0.95, "iban",
                 group="id", validator=lambda m: iban_mod97(m.group("id")), validator_name="mod97"),
    NamedPattern("us-ssn", r"\b(?P<id>(?P<a>\d{3})[- ](?P<g>\d{2})[- ](?P<s>\d{4}))\b", 0.85, "ssn", group="id",
                 validator=_ssn, validator_name="ssn-ranges",
                 exclude=("phone", "tel", "call", "mobile", "fax", "isbn")),
    NamedPattern(
        "date-of-birth",
        r"\b(?:born\s+(?:on\s+)?|date\s+of\s+birth\s*(?:is|:)?\s*|d\.?o\.?b\.?\s*(?:is|:)?\s*|birthday\s+is\s+)"
        r"(?P<id>\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|[A-Za-z]{3,9})[\s/.-]\d{2,4}|"
        r"(?:[A-Za-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|\d{4}-\d{2}-\d{2})",
        0.9, "date-of-birth", group="id",
    ),
)  # fmt: skip


def university_patterns(formats: dict[str, tuple[str, tuple[str, ...]]]) -> tuple[NamedPattern, ...]:
    """University card, student and staff numbers: a number pattern that counts only after one of its
    context phrases (formats come from the policy pack, so they run on RE2, in linear time)."""
    out = []
    for label, (number, phrases) in formats.items():
        out.append(
            NamedPattern(
                label,
                number_regex(number, phrases),
                0.9,
                label,
                group="id",
                engine="re2",
            )
        )
    return tuple(out)


DEFAULT_UNIVERSITY_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "student-number": (r"\d{7,8}", ("student number", "student no", "student id", "student card", "SSO number")),
    "staff-number": (r"\d{6,8}", ("staff number", "staff no", "staff id", "employee number", "payroll number")),
    "university-card": (r"\d{7,10}|[A-Z]\d{6,9}", ("university card", "uni card", "bod card", "bodleian card")),
}
