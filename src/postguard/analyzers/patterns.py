"""Named patterns with base scores, context words that raise them, and validators that confirm.

A pattern analyzer is data: a tuple of :class:`NamedPattern`. ``find`` runs them over a document and
returns :class:`~postguard.types.Evidence` with spans in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from postguard.text.document import Document
from postguard.types import Evidence, Span

Validator = Callable[[re.Match[str]], bool]


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """One way a thing is written. ``group`` picks the part of the match that is reported."""

    name: str
    regex: str
    score: float
    label: str
    group: int | str = 0
    validator: Validator | None = None
    validator_name: str | None = None
    # Words near the match that raise (context) or cancel (exclude) it, searched within ``window``.
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    window: int = 60
    flags: int = re.IGNORECASE
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))


_CONTEXT_BOOST = 0.15


def _words_near(text: str, start: int, end: int, words: Sequence[str], window: int) -> bool:
    if not words:
        return False
    near = text[max(0, start - window) : end + window].lower()
    return any(re.search(rf"\b{re.escape(w)}", near) for w in words)


def find(
    analyzer_id: str, patterns: Iterable[NamedPattern], doc: Document, *, across_labels: bool = False
) -> list[Evidence]:
    """Run ``patterns`` over ``doc``; overlapping hits of one label (of any label when ``across_labels``)
    keep the highest score."""
    hits: list[Evidence] = []
    text = doc.text
    for p in patterns:
        for m in _matches(p, text):
            start, end = m.span(p.group)
            score = p.score
            if _words_near(text, m.start(), m.end(), p.context, p.window):
                score = min(1.0, score + _CONTEXT_BOOST)
            label, _, category = p.label.partition(":")  # "special:health": a special-category cue, health
            hits.append(
                Evidence(
                    analyzer=analyzer_id,
                    score=score,
                    label=label,
                    category=category or None,
                    pattern_name=p.name,
                    validator=p.validator_name,
                    span=doc.span(start, end),
                )
            )
    return _dedupe(hits, across_labels)


def _matches(p: NamedPattern, text: str) -> list[re.Match[str]]:
    """Matches that pass the exclusions and the validator. A rejected match does not hide a later one
    that overlaps it: the search resumes one character after the rejected match's start."""
    out = []
    pos = 0
    while (m := p.compiled.search(text, pos)) is not None:
        start, end = m.span(p.group)
        ok = start != end and not _words_near(text, m.start(), m.end(), p.exclude, p.window)
        if ok and (p.validator is None or p.validator(m)):
            out.append(m)
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1
    return out


class DisjointSpans:
    """Spans taken so far, none overlapping another: :meth:`take` adds a span unless it overlaps one
    already taken. A binary search over the taken spans' starts, so keeping the best of thousands of
    overlapping matches is not quadratic."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        k = bisect_right(self._starts, span.start)
        # only the taken spans just before and just after it can overlap it
        return any(
            0 <= j < len(self._starts) and self._starts[j] < span.end and span.start < self._ends[j] for j in (k - 1, k)
        )

    def take(self, span: Span) -> bool:
        if self.overlaps(span):
            return False
        k = bisect_right(self._starts, span.start)
        self._starts.insert(k, span.start)
        self._ends.insert(k, span.end)
        return True


def _dedupe(hits: list[Evidence], across_labels: bool) -> list[Evidence]:
    hits.sort(key=lambda e: (-e.score, e.span.start if e.span else 0))
    taken: dict[str | None, DisjointSpans] = defaultdict(DisjointSpans)
    kept = []
    for h in hits:
        assert h.span is not None
        if taken[None if across_labels else h.label].take(h.span):
            kept.append(h)
    kept.sort(key=lambda e: e.span.start if e.span else 0)
    return kept
