"""What an analyzer is: the two protocols, with every optional ability declared, never probed.

An analyzer detects; it knows nothing of policy. ``__init__`` stores options, ``load()`` loads models
once and lazily, and the analyze methods have no side effects. A text analyzer reads documents (the
post, its bio, the text read from its photos); a photo analyzer reads one decoded photo.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from postguard.photos.load import LoadedPhoto
from postguard.text.document import Document
from postguard.types import Evidence


class TextAnalyzer(Protocol):
    kind: Literal["text"]
    id: str
    # reads the account's bio too (affiliation, disclaimer); the bio's evidence goes to the rules apart
    reads_bio: bool
    # runs only on posts with photos (the words that say what a photo shows)
    only_with_photos: bool

    def load(self) -> None: ...

    def analyze(self, doc: Document) -> list[Evidence]: ...

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        """Many documents at once: in one batch where the analyzer batches (the sentence encoder)."""
        ...

    def analyze_bio(self, doc: Document) -> list[Evidence]: ...


class PhotoAnalyzer(Protocol):
    kind: Literal["photo"]
    id: str
    # what a failure on a photo stopped, for the report ("looking for faces in it")
    task: str

    def load(self) -> None: ...

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]: ...


Analyzer = TextAnalyzer | PhotoAnalyzer


class BaseTextAnalyzer:
    """The defaults of :class:`TextAnalyzer`: no bio, every post, one document at a time."""

    kind: Literal["text"] = "text"
    id: str
    reads_bio: bool = False
    only_with_photos: bool = False

    def load(self) -> None:
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        raise NotImplementedError

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        return [self.analyze(d) for d in docs]

    def analyze_bio(self, doc: Document) -> list[Evidence]:
        return self.analyze(doc)


class BasePhotoAnalyzer:
    kind: Literal["photo"] = "photo"
    id: str
    task: str

    def load(self) -> None:
        return None

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        raise NotImplementedError
