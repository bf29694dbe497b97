"""The unit analyzers read: the original text, its normalised form and its sentences."""

from __future__ import annotations

from bisect import bisect_right
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
    # The sentences as spans of the original text, in order (for :meth:`sentence_around`).
    original_sentences: tuple[Span, ...] = ()

    @property
    def original(self) -> str:
        return self.norm.original

    def with_markup(self) -> Document:
        """The same post read whole, Markdown markup and link targets included (a credential in a link or
        in front matter is still a credential). Offsets agree with ``text``; no sentences."""
        return self if self.text == self.norm.text else Document(self.norm, self.norm.text, ())

    def span(self, start: int, end: int) -> Span:
        """Map a span of ``text`` to the original text."""
        return self.norm.to_original(start, end)

    def sentence_index(self, offset: int) -> int | None:
        """The index of the sentence (in ``original_sentences``) that holds original ``offset``, if any: a
        binary search, so that a rule asking for each of thousands of findings stays linear in the post."""
        k = bisect_right(self.original_sentences, offset, key=lambda s: s.start) - 1
        return k if k >= 0 and offset < self.original_sentences[k].end else None

    def sentence_around(self, offset: int) -> Span | None:
        """The sentence (a span of the original text) that holds original ``offset``, if any."""
        k = self.sentence_index(offset)
        return None if k is None else self.original_sentences[k]


def make_document(original: str, *, markdown: bool = False) -> Document:
    norm = normalize(original)
    text = prose_view(norm.text) if markdown else norm.text
    spans = tuple(sentences(text))
    return Document(norm, text, spans, tuple(norm.to_original(s.start, s.end) for s in spans))
