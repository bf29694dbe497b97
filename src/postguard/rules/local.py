"""A department pack's own rules (``local_rules``: G15, G52) as rules like any other.

The pack holds each local rule as data (:class:`~postguard.policy.pack.LocalRule`: code, message,
patterns); this wraps it in a :class:`Rule` so that the catalogue dispatches it with the others. It
reports the first match of its patterns in the post.
"""

from __future__ import annotations

from collections.abc import Iterator

from postguard.policy.pack import LocalRule
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Evidence, Where

ANALYZER_ID = "pack.local.v1"


class PackPatternRule(Rule):
    """A pattern a department pack forbids."""

    def __init__(self, spec: LocalRule) -> None:
        self.spec = spec
        self.code = spec.code
        self.name = spec.name
        self.clauses = spec.clauses
        self.default_severity = {kind: spec.severity for kind in spec.accounts}
        self.accounts = spec.accounts
        self.status = "active"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for pattern in self.spec.patterns:
            m = pattern.search(ctx.doc.text)
            if m is not None:
                span = ctx.doc.span(m.start(), m.end())
                yield Hit(
                    message=self.spec.message,
                    where=Where(text=span),
                    evidence=Evidence(ANALYZER_ID, 1.0, label=self.code, pattern_name=pattern.pattern, span=span),
                )
                return
