"""Named patterns with base scores, context words that raise them, and validators that confirm.

A pattern analyzer is data: a tuple of :class:`NamedPattern`. ``find`` runs them over a document and
returns :class:`~postguard.types.Evidence` with spans in the original text. A pattern built from a policy
pack's text (University card, student and staff numbers) runs on RE2 (``engine="re2"``), in time linear
in the text whatever the pack wrote, as the pack's local rules do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    engine: str = "re"  # or "re2": a pattern written in a policy pack (see the module's docstring)
    compiled: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.engine == "re2":
            object.__setattr__(self, "compiled", Re2Pattern(self.regex, ignore_case=bool(self.flags & re.IGNORECASE)))
        else:
            object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))


_SURROGATE = re.compile("[\ud800-\udfff]")


class Re2Match:
    """An RE2 match as ``_matches`` reads it: spans by group number or name, in characters."""

    def __init__(self, match: Any, groups: dict[str, int]) -> None:
        self._match = match
        self._groups = groups

    def span(self, group: int | str = 0) -> tuple[int, int]:
        span: tuple[int, int] = self._match.span(self._groups[group] if isinstance(group, str) else group)
        return span

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]

    def group(self, group: int | str = 0) -> str:
        found: str = self._match.group(self._groups[group] if isinstance(group, str) else group)
        return found


class Re2Pattern:
    """A pattern compiled with RE2 (google-re2): no backtracking, so a pack's ``(\\d+)+$`` costs what
    ``\\d+`` does. RE2's ``\\b`` and ``\\w`` are ASCII; :func:`_matches` checks a match's ends as
    Python's re would (``é`` is a letter), so the two engines agree on text either way."""

    def __init__(self, pattern: str, *, ignore_case: bool = True) -> None:
        import re2

        options = re2.Options()
        options.case_sensitive = not ignore_case
        options.log_errors = False
        self.pattern = pattern
        self._compiled = re2.compile(pattern, options)
        self.groupindex: dict[str, int] = dict(self._compiled.groupindex)

    def finditer(self, text: str) -> Iterator[Re2Match]:
        """Every match, left to right, not overlapping; one pass over the text (RE2's ``search`` from a
        position re-reads the text up to it, which is quadratic over many matches)."""
        if _SURROGATE.search(text):  # RE2 reads UTF-8; one code point for one keeps the offsets
            text = _SURROGATE.sub("\ufffd", text)
        for match in self._compiled.finditer(text):
            yield Re2Match(match, self.groupindex)


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


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _re2_matches(p: NamedPattern, text: str) -> list[Any]:
    """An RE2 pattern's matches that pass the exclusions and the validator, and whose ends are word
    boundaries as Python's re sees them where RE2 saw ASCII ones (no ``\\b`` between ``é`` and ``s``)."""
    out = []
    for m in p.compiled.finditer(text):
        start, end = m.span(p.group)
        a, b = m.start(), m.end()
        if p.regex.startswith("\\b") and 0 < a < len(text) and _word(text[a - 1]) and _word(text[a]):
            continue
        if p.regex.endswith("\\b") and 0 < b < len(text) and _word(text[b - 1]) and _word(text[b]):
            continue
        ok = start != end and not _words_near(text, a, b, p.exclude, p.window)
        if ok and (p.validator is None or p.validator(m)):
            out.append(m)
    return out


def _matches(p: NamedPattern, text: str) -> list[Any]:
    """Matches that pass the exclusions and the validator. A rejected match does not hide a later one
    that overlaps it: the search resumes one character after the rejected match's start."""
    if p.engine == "re2":
        return _re2_matches(p, text)
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
