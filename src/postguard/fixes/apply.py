"""Apply the edits of chosen fixes to a text, and show the change as a unified diff."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from postguard.types import Applicability, Edit, Finding, PhotoOperation


def chosen_edits(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Edit]:
    """The edits of every fix that may be applied: safe ones, and unsafe ones when asked."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    edits: list[Edit] = []
    for f in findings:
        if f.fix is not None and f.fix.applicability in allowed:
            edits.extend(f.fix.edits)
    return edits


def chosen_photo_operations(findings: Iterable[Finding], *, unsafe: bool = False) -> dict[int, list[PhotoOperation]]:
    """Photo operations of the fixes that may be applied, by photo index."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    out: dict[int, list[PhotoOperation]] = {}
    for f in findings:
        if f.fix is not None and f.fix.applicability in allowed:
            for op in f.fix.photo_operations:
                out.setdefault(op.photo, []).append(op)
    return out


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
