"""Personal data in text: contact details, identification numbers, and the handles that identify people.

One pass of named patterns with validators (:mod:`.contact`, :mod:`.identifiers`), phone numbers through
``phonenumbers``, and a second look at the text with spoken digits written as digits. Where findings
overlap, the best-scored one stands. Pure; nothing to load.
"""

from __future__ import annotations

from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.patterns import DisjointSpans, NamedPattern, find
from postguard.analyzers.pii.contact import ADDRESS, EMAIL, phone_candidates
from postguard.analyzers.pii.holder import mark_holder
from postguard.analyzers.pii.identifiers import DEFAULT_UNIVERSITY_FORMATS, IDENTIFIERS, university_patterns
from postguard.text.document import Document, make_document
from postguard.text.numbers import spoken_digits
from postguard.types import Evidence

ANALYZER_ID = "pii.v1"

HANDLE = NamedPattern("handle", r"(?<![\w@.])@[A-Za-z0-9_]{2,30}\b(?!\.\w)", 0.6, "handle", flags=0)

IDENTIFIER_LABELS = (
    "ni-number", "nhs-number", "passport", "bank-card", "sort-code-account", "iban", "ssn", "date-of-birth",
    "student-number", "staff-number", "university-card",
)  # fmt: skip


class PiiAnalyzer(BaseTextAnalyzer):
    id = ANALYZER_ID
    reads_bio = False

    def __init__(
        self,
        *,
        university_formats: dict[str, tuple[str, tuple[str, ...]]] | None = None,
        university_domains: tuple[str, ...] = (),
    ) -> None:
        self.university_domains = university_domains
        formats = university_formats if university_formats is not None else DEFAULT_UNIVERSITY_FORMATS
        self.patterns = EMAIL + ADDRESS + IDENTIFIERS + university_patterns(formats)

    def load(self) -> None:
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        found = find(self.id, self.patterns, doc)
        found += [
            Evidence(self.id, score, label="phone", pattern_name=name, span=doc.span(a, b))
            for a, b, score, name in phone_candidates(doc.text)
        ]
        found += self._spoken(doc)
        # the best-scored of overlapping findings (the longer on a tie), then handles that overlap none
        found.sort(key=lambda e: (-e.score, -(e.span.end - e.span.start) if e.span else 0))
        taken = DisjointSpans()
        found = [e for e in found if e.span is None or taken.take(e.span)]
        handles = [h for h in find(self.id, (HANDLE,), doc) if h.span is None or not taken.overlaps(h.span)]
        marked = [mark_holder(doc, e, self.university_domains) for e in found]  # an office's number, or a person's
        return sorted(marked + handles, key=lambda e: e.span.start if e.span else 0)

    def _spoken(self, doc: Document) -> list[Evidence]:
        view = spoken_digits(doc.text)
        if view is None:
            return []
        text, starts, ends = view
        out = []
        hits: list[tuple[int, int, float, str, str, str | None]] = [
            (a, b, score, "phone", "phone", None) for a, b, score, _ in phone_candidates(text)
        ]
        for e in find(self.id, IDENTIFIERS, make_document(text)):
            assert e.span is not None and e.label is not None
            hits.append((e.span.start, e.span.end, e.score, e.label, e.pattern_name or "", e.validator))
        for a, b, score, label, pattern, validator in hits:
            start, end = starts[a], ends[b - 1]
            if any(c.isalpha() for c in doc.text[start:end]):  # only what the spoken digits changed
                out.append(
                    Evidence(
                        self.id,
                        score,
                        label=label,
                        pattern_name=f"{pattern}+spoken-digits",
                        validator=validator,
                        span=doc.span(start, end),
                    )
                )
        return out
