"""Core value types: what goes into a check and what comes out of it.

Every type here is a frozen dataclass. Nothing in this module knows about models, files or the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

REPORT_VERSION = "1.0"


class AccountKind(StrEnum):
    """Who is posting: a staff member's own account, their separate professional one, or an
    account the University, a department or a project runs (held in the registry)."""

    PERSONAL = "personal"
    PROFESSIONAL = "professional"
    OFFICIAL = "official"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    APPROVAL = "approval"
    BLOCK = "block"


class Applicability(StrEnum):
    """How far a fix may be applied without a person looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


RECORD_KINDS: tuple[str, ...] = ("consent", "written-permission", "authorisation", "licence")


@dataclass(frozen=True, slots=True)
class Record:
    """A registry record that a post cites: a consent, a written permission, an authorisation or a
    licence. It lifts the findings whose codes it covers while it is valid."""

    id: str
    kind: str
    covers: tuple[str, ...] = ()
    granted_by: str | None = None
    expires: dt.date | None = None
    revoked: bool = False

    def valid_on(self, day: dt.date) -> bool:
        if self.revoked:
            return False
        return self.expires is None or day <= self.expires


@dataclass(frozen=True, slots=True)
class Post:
    """A draft post. ``text`` may be empty only when photos are given."""

    text: str
    photos: tuple[str, ...] = ()
    account: AccountKind = AccountKind.PERSONAL
    bio: str = ""
    platform: str = "generic"
    scheduled_at: dt.datetime | None = None
    records: tuple[Record, ...] = ()
    id: str | None = None
    markdown: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in the original post text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Where:
    text: Span | None = None
    photo: int | None = None
    box: tuple[int, int, int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        if self.text is not None:
            return {"text": [self.text.start, self.text.end]}
        out: dict[str, Any] = {}
        if self.photo is not None:
            out["photo"] = self.photo
        if self.box is not None:
            out["box"] = list(self.box)
        return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an analyzer found: which analyzer, how sure, and how (pattern, validator, label)."""

    analyzer: str
    score: float
    label: str | None = None
    pattern: str | None = None
    validator: str | None = None
    span: Span | None = None
    photo: int | None = None
    box: tuple[int, int, int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"analyzer": self.analyzer, "score": round(self.score, 3)}
        for key in ("label", "pattern", "validator"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of the original text with ``replacement`` (insertion when equal)."""

    start: int
    end: int
    replacement: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class PhotoOperation:
    """Write a new copy of photo ``photo``: ``strip-metadata``, or ``blur`` the ``boxes``."""

    photo: int
    operation: str
    boxes: tuple[tuple[int, int, int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"photo": self.photo, "operation": self.operation}
        if self.boxes:
            out["boxes"] = [list(b) for b in self.boxes]
        return out


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    title: str
    edits: tuple[Edit, ...] = ()
    photo_operations: tuple[PhotoOperation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "applicability": self.applicability.value,
            "title": self.title,
            "edits": [e.to_json() for e in self.edits],
        }
        if self.photo_operations:
            out["photo_operations"] = [o.to_json() for o in self.photo_operations]
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    clauses: tuple[str, ...]
    where: Where
    evidence: Evidence
    fix: Fix | None = None
    lifted_by: str | None = None
    route: str | None = None

    @property
    def counts(self) -> bool:
        """A finding lifted by a valid record stays in the report but no longer counts."""
        return self.lifted_by is None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "clauses": list(self.clauses),
            "where": self.where.to_json(),
            "evidence": self.evidence.to_json(),
            "fix": self.fix.to_json() if self.fix else None,
            "lifted_by": self.lifted_by,
            "route": self.route,
        }


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Why a post could not be checked (reported instead of findings, never raised to a batch)."""

    kind: str
    message: str


PARTLY_CHECKED = "was only partly checked"


@dataclass(frozen=True, slots=True)
class PhotoError:
    """A photo that could not be checked, and why (the rest of the post still is). A message that starts
    with ``PARTLY_CHECKED`` is a photo that was decoded but that one analyzer failed on."""

    photo: int
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    verdict: Verdict
    policy: str
    findings: tuple[Finding, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    post_id: str | None = None
    error: InputProblem | None = None
    notices: tuple[str, ...] = ()
    photo_errors: tuple[PhotoError, ...] = ()

    def findings_at_or_above(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.counts and f.severity.rank >= severity.rank]

    def fails(self, severity: Severity) -> bool:
        """Whether the report reaches ``severity``: a counting finding does, and an unchecked photo
        counts as a warning (nobody looked at it)."""
        unchecked = bool(self.photo_errors) and severity.rank <= Severity.WARNING.rank
        return bool(self.findings_at_or_above(severity)) or unchecked

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": REPORT_VERSION}
        if self.post_id is not None:
            out["id"] = self.post_id
        out["verdict"] = self.verdict.value if self.error is None else "error"
        out["policy"] = self.policy
        out["findings"] = [f.to_json() for f in self.findings]
        out["timings_ms"] = {k: round(v, 2) for k, v in self.timings_ms.items()}
        if self.notices:
            out["notices"] = list(self.notices)
        if self.photo_errors:
            out["photo_errors"] = [{"photo": e.photo, "path": e.path, "message": e.message} for e in self.photo_errors]
        if self.error is not None:
            out["error"] = {"kind": self.error.kind, "message": self.error.message}
        return out
