"""Mask an identifier, keeping its last characters so its owner can still recognise it (safe)."""

from __future__ import annotations

from postguard.types import Applicability, Edit, Fix, Span

MASK = "•"


def mask(text: str, span: Span, *, keep_last: int = 4, title: str) -> Fix:
    """Replace all but the last ``keep_last`` letters and digits of the span with ``•``."""
    value = text[span.start : span.end]
    significant = [i for i, c in enumerate(value) if c.isalnum()]
    hide = set(significant[: max(0, len(significant) - keep_last)])
    masked = "".join(MASK if i in hide else c for i, c in enumerate(value))
    return Fix(Applicability.SAFE, title, (Edit(span.start, span.end, masked),))
