"""Whose contact detail it is: an organisation's contact point, or a person's.

A role address (``admissions@``, ``it-help@``), a number introduced as an office's ("IT helpdesk: 01865
612345") and an address given as a department's or a venue's are institutional; "his mobile", "my home
address" are a person's. The analyzer marks each contact detail it finds (``Evidence.institutional``,
with the ``context_word`` that decided); DP001 then decides what the guidance requires of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from postguard.analyzers.people.given_names import GIVEN_NAMES
from postguard.analyzers.pii.contact import is_role_address
from postguard.text.document import Document
from postguard.types import Evidence

CUE_REACH = 300  # characters either side of an address in which its sentence's cues count
_INSTITUTIONAL = re.compile(
    r"\b(?:department|dept|faculty|college|institute|centre|center|school\s+of|office|building|venue|museum|library|"
    r"reception|lodge|lecture|seminar|conference|event|campus|university|ox\.ac\.uk|hq|headquarters)\b",
    re.IGNORECASE,
)
# "IT helpdesk: 01865 612345", "Reception on 01865 …", "email the Graduate Admissions team: …": a
# contact introduced as an office's.
_OFFICE_BEFORE = re.compile(
    r"\b(?:help\s?desk|enquiries|enquiry\s+line|reception|switchboard|office|press|admissions|library|lodge|porters|"
    r"hotline|helpline|service\s?desk|bookings?|box\s+office|main\s+line|team|services?|centre|unit|department|"
    r"support|welfare|advisory|out-of-hours\s+line|line|security|control\s+room|control|faculty|secretariat|"
    r"committee|project)\b(?:[^.\n]|\.(?=\S)){0,45}$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PERSONAL_BEFORE = re.compile(
    r"(?:['’]s|\b(?:his|her|their|my|mobile|personal|home))\b(?:[^.\n]|\.(?=\S)){0,25}$", re.IGNORECASE
)
# Whose "'s" makes a contact an organisation's, not a person's.
_INSTITUTIONS = frozenset(
    "university college department faculty library hospital school institute centre center museum office "
    "unit trust council union society club service lab laboratory division team group".split()
)
_HOME = re.compile(
    r"\b(?:lives?|living|home|house|flat|moved|his|her|their|my\s+address|send\s+(?:it|post))\b", re.IGNORECASE
)


def mark_holder(doc: Document, e: Evidence, university_domains: tuple[str, ...] = ()) -> Evidence:
    """``e`` (an email, phone or address found in ``doc``) marked institutional where it is one."""
    if e.span is None or e.label not in ("email", "phone", "address"):
        return e
    word = _institutional_word(doc, e, university_domains)
    return replace(e, institutional=True, context_word=word) if word is not None else e


def _office_before(original: str, start: int) -> str | None:
    """The office word that introduces the contact at ``start`` ("the admissions office at ... or on"),
    unless the words say it is a person's. An email address between them counts as one word."""
    before = _EMAIL.sub(
        lambda m: re.sub(r"[._-]", " ", m.group(0).split("@")[0]), original[max(0, start - 120) : start]
    )
    before = before[-60:]
    office = _OFFICE_BEFORE.search(before)
    return office.group(0).split()[0].lower() if office and not _personal_before(before) else None


def _personal_before(before: str) -> bool:
    """ "his mobile", "Sarah's number": but not "the University's out-of-hours line"."""
    m = _PERSONAL_BEFORE.search(before)
    if m is None:
        return False
    if m.group(0).startswith(("'s", "’s")):
        owner = re.findall(r"[\w-]+", before[: m.start()])
        return not owner or owner[-1].lower() not in _INSTITUTIONS
    return True


def _university_address(value: str, domains: tuple[str, ...], sentence: str) -> bool:
    """An address at the University's domains whose local part is no person's name: ``music@``,
    ``familycare@``, ``reader.services@``. Staff addresses there are ``firstname.lastname@`` or an
    initial and a surname (``rnair@`` beside "Prof Raj Nair"), which stay personal."""
    local, _, domain = value.lower().partition("@")
    if not any(domain == d or domain.endswith("." + d) for d in domains):
        return False
    parts = [p for p in re.split(r"[._-]", local) if p]
    if len(parts) >= 2 and (len(parts[0]) <= 2 or parts[0] in GIVEN_NAMES):
        return False
    if local in GIVEN_NAMES or any(c.isdigit() for c in local):
        return False
    names = {w.lower() for w in re.findall(r"\b[A-Z][a-z'’-]{2,}", sentence.replace(value, " "))}
    return not any(name in local for name in names if name not in _INSTITUTIONS)


def _institutional_word(doc: Document, e: Evidence, domains: tuple[str, ...]) -> str | None:
    assert e.span is not None
    original = doc.original
    value = original[e.span.start : e.span.end]
    if e.label == "email":
        if is_role_address(value):
            return "role address"
        sentence = doc.sentence_around(e.span.start) or e.span
        if _university_address(value, domains, original[sentence.start : sentence.end]):
            return "university address"
        return _office_before(original, e.span.start)
    if e.label == "phone":
        return _office_before(original, e.span.start)
    sentence = doc.sentence_around(e.span.start) or e.span
    # the sentence, but no further than CUE_REACH either side: a "sentence" of a list of thousands of
    # addresses with no full stop would otherwise be searched once for each of them
    start = max(sentence.start, e.span.start - CUE_REACH)
    around = original[start : min(sentence.end, e.span.end + CUE_REACH)]
    cue = _INSTITUTIONAL.search(around)
    return cue.group(0).lower() if cue and not _HOME.search(around) else None
