"""University card, student and staff numbers as a pack writes them: one regular expression per format.

The pack checks each format when it loads (on RE2, as the PII analyzer runs it) and the analyzer runs the
same expression, so both build it here; the policy package imports no analyzer.
"""

from __future__ import annotations

import re

# What Python's re reads as \s in text (RE2's \s is ASCII): for patterns written for both engines
RE2_SPACE = r"[\t\n\v\f\r\x{1c}-\x{1f}\x{85}\p{Z}]"


def number_regex(number: str, phrases: tuple[str, ...]) -> str:
    """A number pattern that counts only after one of its context phrases; the number is group ``id``."""
    s = RE2_SPACE
    context = "|".join(re.escape(p).replace(r"\ ", s + "+") for p in phrases)
    return rf"\b(?:{context}){s}*,?{s}*(?:(?:number|no\.?|id|#){s}*)?(?:is|:|=|,)?{s}*(?P<id>{number})\b"
