"""A report's verdict from its findings: block on an error; approval when a warning could be lifted by a
record someone grants; warn; else pass. Lifted findings do not count."""

from __future__ import annotations

from collections.abc import Sequence

from postguard.types import Finding, Severity, Verdict


def verdict_of(findings: Sequence[Finding]) -> Verdict:
    counting = [f for f in findings if f.counts]
    if any(f.severity is Severity.ERROR for f in counting):
        return Verdict.BLOCK
    warnings = [f for f in counting if f.severity is Severity.WARNING]
    if any(f.route is not None for f in warnings):
        return Verdict.APPROVAL
    if warnings:
        return Verdict.WARN
    return Verdict.PASS
