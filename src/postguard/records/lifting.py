"""Which record lifts which finding, and where an unlifted finding is routed.

A record lifts a rule's finding when it is of a kind the rule accepts, covers the rule's code, and is
valid on the day the post goes out (not revoked, not expired). Where a rule needs one record per finding
(a consent for each person shown), each record lifts one. An unlifted finding that a record could lift
is routed to the role that grants that kind of record (the pack's ``approvers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from postguard.types import Record


@dataclass(frozen=True, slots=True)
class Lifting:
    """The outcome for one finding: the record that lifted it, or the role to route it to."""

    lifted_by: str | None = None
    route: str | None = None


@dataclass(slots=True)
class Lifter:
    """Lifts one post's findings, rule by rule, from its candidate records."""

    records: Sequence[Record]
    day: dt.date
    approvers: dict[str, str]
    _spent: dict[str, set[str]] = field(default_factory=dict)

    def lift(self, code: str, kinds: tuple[str, ...], *, one_per_finding: bool) -> Lifting:
        """The lifting of one more finding of rule ``code``, which records of ``kinds`` may lift."""
        if not kinds:
            return Lifting()
        spent = self._spent.setdefault(code, set())
        for record in self.records:
            if one_per_finding and record.id in spent:
                continue
            if record.kind in kinds and code in record.covers and record.valid_on(self.day):
                if one_per_finding:
                    spent.add(record.id)
                return Lifting(lifted_by=record.id)
        return Lifting(route=self.approvers.get(kinds[0]))
