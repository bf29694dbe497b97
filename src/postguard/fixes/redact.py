"""Redact spans of text: a credential or a contact detail (safe), or a person's name (unsafe)."""

from __future__ import annotations

from collections.abc import Iterable

from postguard.types import Applicability, Edit, Fix, Span

REDACTED = "[REDACTED]"
NAME = "[NAME]"


def redact(span: Span, *, title: str, applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix(applicability, title, (Edit(span.start, span.end, REDACTED),))


def replace_names(spans: Iterable[Span], *, title: str) -> Fix:
    """Replace each name with ``[NAME]``: unsafe, since the person may still be identifiable."""
    return Fix(Applicability.UNSAFE, title, tuple(Edit(s.start, s.end, NAME) for s in spans))
