"""Apply the fixes of a report: :func:`fix` for a post, :func:`apply_edits` for text, and a diff.

``postguard.fix(post, report)`` applies the safe fixes (``applicability="unsafe"`` adds the unsafe ones)
and returns the fixed text and the photo operations to carry out; :func:`write_photos` writes the
cleaned copies. The CLI's ``fix`` is a thin adapter over these.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from postguard.errors import InputError, UsageError
from postguard.types import Applicability, Edit, Finding, PhotoOperation, Post, Report, text_digest

_LEVELS = {
    Applicability.SAFE: frozenset({Applicability.SAFE}),
    Applicability.UNSAFE: frozenset({Applicability.SAFE, Applicability.UNSAFE}),
}


@dataclass(frozen=True, slots=True)
class FixResult:
    """What applying a report's fixes gives: the post's fixed text, the photo operations by photo index,
    and the findings whose fixes were applied."""

    text: str
    photo_operations: dict[int, list[PhotoOperation]] = field(default_factory=dict)
    applied: tuple[Finding, ...] = ()
    original: str = ""

    @property
    def changed(self) -> bool:
        return self.text != self.original or bool(self.photo_operations)


def fix(post: Post, report: Report, *, applicability: Applicability | str = Applicability.SAFE) -> FixResult:
    """Apply the fixes of ``report`` (the report of ``post``) up to ``applicability``: ``safe`` applies
    safe fixes only, ``unsafe`` safe and unsafe ones (they change meaning: a person should review them).
    Display-only fixes are never applied."""
    if not isinstance(report, Report):
        raise InputError("PG108", got=type(report).__name__)
    if not isinstance(post, Post) or not isinstance(post.text, str):
        raise InputError("PG106", got=type(post).__name__)
    if report.text_sha256 is not None and report.text_sha256 != text_digest(post.text):
        raise InputError("PG109")
    try:
        level = Applicability(applicability)
    except ValueError:
        raise UsageError("PG222", value=applicability) from None
    if level not in _LEVELS:
        raise UsageError("PG223")
    allowed = _LEVELS[level]
    chosen = tuple(f for f in report.findings if f.fix is not None and f.fix.applicability in allowed)
    edits = [e for f in chosen if f.fix is not None for e in f.fix.edits]
    operations: dict[int, list[PhotoOperation]] = {}
    for f in chosen:
        assert f.fix is not None
        for op in f.fix.photo_operations:
            operations.setdefault(op.photo, []).append(op)
    return FixResult(apply_edits(post.text, edits), operations, chosen, post.text)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; of overlapping ones the first (by start) wins; identical ones apply once."""
    out: list[str] = []
    cursor = 0
    seen: set[tuple[int, int, str]] = set()
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        key = (e.start, e.end, e.replacement)
        if key in seen or e.start < cursor:
            continue
        seen.add(key)
        out.append(text[cursor : e.start])
        out.append(e.replacement)
        cursor = e.end
    out.append(text[cursor:])
    return "".join(out)


def unified_diff(before: str, after: str, *, name: str = "post") -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
