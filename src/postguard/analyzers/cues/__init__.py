"""Phrase cues: the words that mark a disclaimer, an affiliation, a confidential marker, a campaign…

Cues are evidence, not verdicts. Rules combine them with the semantic scores of
:mod:`postguard.analyzers.semantic`; two rules (DP004, IP001) rest on cues alone, each
pattern carrying context words that raise it and exclusions that cancel it.

The patterns live by topic: :mod:`.identity`, :mod:`.disclosure`, :mod:`.copyright`, :mod:`.voice`.
"""

from __future__ import annotations

from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.cues.copyright import ATTRIBUTION, THIRD_PARTY
from postguard.analyzers.cues.disclosure import CONFIDENTIAL, RESEARCH, RESEARCH_SCENE, WRONGDOING
from postguard.analyzers.cues.identity import AFFILIATION, CHILDREN, DISCLAIMER, INSTITUTION
from postguard.analyzers.cues.voice import ANNOUNCEMENT, BUSINESS, CAMPAIGN, CONTROVERSIAL_TOPIC, OPINION, SPEAKING_FOR
from postguard.analyzers.patterns import NamedPattern, find
from postguard.text.document import Document
from postguard.types import Evidence

ANALYZER_ID = "cues.v1"

ALL: tuple[NamedPattern, ...] = (
    AFFILIATION
    + DISCLAIMER
    + CONFIDENTIAL
    + THIRD_PARTY
    + ATTRIBUTION
    + RESEARCH
    + WRONGDOING
    + ANNOUNCEMENT
    + INSTITUTION
    + CAMPAIGN
    + SPEAKING_FOR
    + BUSINESS
    + CONTROVERSIAL_TOPIC
    + OPINION
)


# What a bio can tell the rules: who the author is, and whether they say their views are their own.
BIO: tuple[NamedPattern, ...] = AFFILIATION + DISCLAIMER

# What the photo rules read beside a post's photos (children shown, research shown); only posts with photos
# need them, so they are a separate analyzer.
SCENE: tuple[NamedPattern, ...] = CHILDREN + RESEARCH_SCENE + RESEARCH
SCENE_ANALYZER_ID = "cues.scene.v1"


class CuesAnalyzer(BaseTextAnalyzer):
    """Finds phrase cues of every label in one pass. Pure; nothing to load."""

    id = ANALYZER_ID
    reads_bio = True

    def load(self) -> None:
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        return find(self.id, ALL, doc)

    def analyze_bio(self, doc: Document) -> list[Evidence]:
        return find(self.id, BIO, doc)


class SceneCuesAnalyzer(BaseTextAnalyzer):
    """Children and research in a post's words or in a photo's text; run only for posts with photos."""

    id = SCENE_ANALYZER_ID
    only_with_photos = True

    def load(self) -> None:
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        return find(self.id, SCENE, doc)
