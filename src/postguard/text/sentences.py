"""Split text into sentences with their character offsets (a light rule-based splitter)."""

from __future__ import annotations

import re

from postguard.types import Span

# A sentence ends at . ! ? or … followed by space and a capital, digit, quote, emoji or hashtag, or at a
# blank line / line break. Abbreviations common in University text do not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    dr prof mr mrs ms st no nos e.g i.e etc vs approx dept univ fig eds ed al jr sr cf
    """.split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n\s*")


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        candidate = text[start:end]
        if not m.group().startswith("\n"):
            last_word = candidate.rsplit(None, 1)[-1].rstrip(".").lower() if candidate.strip() else ""
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
        _append(spans, text, start, end)
        start = m.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
