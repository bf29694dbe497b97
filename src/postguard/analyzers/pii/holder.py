"""Whose contact detail it is: an organisation's contact point, or a person's.

A role address (``admissions@``, ``it-help@``), a number introduced as an office's ("IT helpdesk: 01865
612345") and an address given as a department's or a venue's are institutional; "his mobile", "my home
address" are a person's. The analyzer marks each contact detail it finds (``Evidence.institutional``,
with the ``context_word`` that decided); DP001 then decides what the guidance requires of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from postguard.analyzers.pii.contact import is_role_address
from postguard.text.document import Document
from postguard.types import Evidence

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


def mark_holder(doc: Document, e: Evidence) -> Evidence:
    """``e`` (an email, phone or address found in ``doc``) marked institutional where it is one."""
    if e.span is None or e.label not in ("email", "phone", "address"):
        return e
    word = _institutional_word(doc, e)
    return replace(e, institutional=True, context_word=word) if word is not None else e


def _institutional_word(doc: Document, e: Evidence) -> str | None:
    assert e.span is not None
    original = doc.original
    value = original[e.span.start : e.span.end]
    if e.label == "email":
        return "role address" if is_role_address(value) else None
    if e.label == "phone":
        before = original[max(0, e.span.start - 60) : e.span.start]
        office = _OFFICE_BEFORE.search(before)
        return office.group(0).split()[0].lower() if office and not _PERSONAL_BEFORE.search(before) else None
    sentence = doc.sentence_around(e.span.start) or e.span
    # the sentence, but no further than CUE_REACH either side: a "sentence" of a list of thousands of
    # addresses with no full stop would otherwise be searched once for each of them
    start = max(sentence.start, e.span.start - CUE_REACH)
    around = original[start : min(sentence.end, e.span.end + CUE_REACH)]
    cue = _INSTITUTIONAL.search(around)
    return cue.group(0).lower() if cue and not _HOME.search(around) else None
