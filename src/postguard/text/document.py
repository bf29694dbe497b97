"""The unit analyzers read: the original text, its normalised form and its sentences."""

from __future__ import annotations

from dataclasses import dataclass

from postguard.text.markdown import prose_view
from postguard.text.normalize import NormalizedText, normalize
from postguard.text.sentences import sentences
from postguard.types import Span


@dataclass(frozen=True, slots=True)
class Document:
    norm: NormalizedText
    # What analyzers read: the normalised text, with Markdown markup blanked for Markdown posts.
    # Same length as ``norm.text``, so offsets agree.
    text: str
    sentences: tuple[Span, ...]

    @property
    def original(self) -> str:
        return self.norm.original

    def span(self, start: int, end: int) -> Span:
        """Map a span of ``text`` to the original text."""
        return self.norm.to_original(start, end)


def make_document(original: str, *, markdown: bool = False) -> Document:
    norm = normalize(original)
    text = prose_view(norm.text) if markdown else norm.text
    return Document(norm=norm, text=text, sentences=tuple(sentences(text)))
