"""The analyzers an engine may run, by id (after presidio's ``RecognizerRegistry``).

Rules name the analyzers they need; the engine asks the registry for those, in registration order,
split into text and photo analyzers by their declared ``kind``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from postguard.analyzers.base import Analyzer, PhotoAnalyzer, TextAnalyzer
from postguard.errors import UsageError
from postguard.policy.pack import PolicyPack


class AnalyzerRegistry:
    def __init__(self, analyzers: Iterable[Analyzer] = ()) -> None:
        self._text: dict[str, TextAnalyzer] = {}
        self._photo: dict[str, PhotoAnalyzer] = {}
        self._order: list[str] = []
        for analyzer in analyzers:
            self.add(analyzer)

    def add(self, analyzer: Analyzer) -> None:
        """Register ``analyzer`` under its id; a second one with the same id replaces the first."""
        if analyzer.kind == "text":
            self._text[analyzer.id] = analyzer
        elif analyzer.kind == "photo":
            self._photo[analyzer.id] = analyzer
        else:  # pragma: no cover - the Protocols allow no other kind
            raise UsageError("PG224", id=analyzer.id, kind=analyzer.kind)
        if analyzer.id not in self._order:
            self._order.append(analyzer.id)

    def ids(self) -> list[str]:
        return list(self._order)

    def text(self, needed: Iterable[str] | None = None) -> list[TextAnalyzer]:
        """The text analyzers among ``needed`` (all when None), in registration order."""
        wanted = set(self._order if needed is None else needed)
        return [self._text[i] for i in self._order if i in self._text and i in wanted]

    def photo(self, needed: Iterable[str] | None = None) -> list[PhotoAnalyzer]:
        wanted = set(self._order if needed is None else needed)
        return [self._photo[i] for i in self._order if i in self._photo and i in wanted]

    def missing(self, needed: Iterable[str]) -> list[str]:
        return [i for i in needed if i not in self._text and i not in self._photo]


def default_registry(pack: PolicyPack) -> AnalyzerRegistry:
    """Every analyzer the product ships, configured by the pack. Models load on first use."""
    from postguard.analyzers.abuse import AbuseAnalyzer
    from postguard.analyzers.cues import CuesAnalyzer, SceneCuesAnalyzer
    from postguard.analyzers.embeddings import Encoder
    from postguard.analyzers.people import PeopleAnalyzer
    from postguard.analyzers.photo_faces import PhotoFacesAnalyzer
    from postguard.analyzers.photo_logo import PhotoLogoAnalyzer
    from postguard.analyzers.photo_metadata import PhotoMetadataAnalyzer
    from postguard.analyzers.photo_nudity import PhotoNudityAnalyzer
    from postguard.analyzers.photo_text import PhotoTextAnalyzer
    from postguard.analyzers.pii import PiiAnalyzer
    from postguard.analyzers.post_model import PostModelAnalyzer
    from postguard.analyzers.secrets import SecretsAnalyzer
    from postguard.analyzers.semantic import SemanticAnalyzer

    encoder = Encoder()  # one pass per chunk serves both the semantic and the abuse heads
    analyzers: Sequence[Analyzer] = (
        SecretsAnalyzer(),
        CuesAnalyzer(),
        SceneCuesAnalyzer(),
        PiiAnalyzer(university_formats=pack.university_numbers or None, university_domains=pack.university_domains),
        PeopleAnalyzer(),
        SemanticAnalyzer(encoder=encoder),
        AbuseAnalyzer(encoder=encoder),
        PostModelAnalyzer(encoder=encoder),
        # photo analyzers, heaviest first: two run at once
        PhotoTextAnalyzer(),
        PhotoFacesAnalyzer(),
        PhotoLogoAnalyzer(pack.brand_assets),
        PhotoNudityAnalyzer(),
        PhotoMetadataAnalyzer(),
    )
    return AnalyzerRegistry(analyzers)
