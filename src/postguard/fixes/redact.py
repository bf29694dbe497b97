"""Redact a span of text (safe for credentials and identifiers)."""

from __future__ import annotations

from postguard.types import Applicability, Edit, Fix, Span

REDACTED = "[REDACTED]"


def redact(span: Span, *, title: str, applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix(applicability, title, (Edit(span.start, span.end, REDACTED),))


def mask(text: str, span: Span, *, keep_last: int = 4, title: str) -> Fix:
    """Replace all but the last ``keep_last`` letters and digits of the span with ``•``."""
    value = text[span.start : span.end]
    significant = [i for i, c in enumerate(value) if c.isalnum()]
    hide = set(significant[: max(0, len(significant) - keep_last)])
    masked = "".join("•" if i in hide else c for i, c in enumerate(value))
    return Fix(Applicability.SAFE, title, (Edit(span.start, span.end, masked),))
