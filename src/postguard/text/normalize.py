"""Normalise post text so that tricks cannot hide what it says, keeping offsets into the original.

What normalisation does, one original character at a time:
- NFKC compatibility folding (full-width letters, ligatures, mathematical alphabets);
- drop format characters (zero-width spaces and joiners, soft hyphens, bidi controls);
- map confusable letters from Cyrillic and Greek onto the Latin letters they imitate;
- fold typographic quotes and dashes onto their ASCII forms, and unusual spaces onto a space;
- read a lone surrogate (half an emoji, cut off in a JSON export) as U+FFFD, the replacement character,
  which every model and library can take.

``NormalizedText.to_original`` maps a span of the normalised text back to the original text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from postguard.types import Span

# Letters that render like Latin ones. Kept small and explicit: the common homoglyph attacks use these.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Punctuation
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}  # fmt: skip


def _fold(ch: str) -> str:
    mapped = _CONFUSABLES.get(ch)
    if mapped is not None:
        return mapped
    if ch in "\n\t\r":
        return ch
    category = unicodedata.category(ch)
    if category == "Cf":  # zero-width and other format characters
        return ""
    if category == "Cs":  # half of an emoji's surrogate pair, cut off (JSON "\ud83d" alone): no character
        return "\ufffd"
    if category == "Zs":
        return " "
    if ch.isascii():
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return "".join(_CONFUSABLES.get(c, c) for c in folded if unicodedata.category(c) != "Cf")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    original: str
    text: str
    # origin[i] is the index in ``original`` of the character that produced text[i].
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> Span:
        """Map ``[start, end)`` in the normalised text onto the original text."""
        if not self.origin or start >= len(self.origin):
            return Span(len(self.original), len(self.original))
        if end <= start:
            o = self.origin[start]
            return Span(o, o)
        first = self.origin[start]
        last = self.origin[min(end, len(self.origin)) - 1]
        # Extend over characters dropped after ``last`` only up to the next kept character.
        return Span(first, last + 1)


def normalize(original: str) -> NormalizedText:
    if original.isascii():
        return NormalizedText(original, original, tuple(range(len(original))))
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        folded = _fold(ch)
        if folded:
            parts.append(folded)
            origin.extend([i] * len(folded))
    return NormalizedText(original, "".join(parts), tuple(origin))
