"""Core value types: what goes into a check and what comes out of it.

Every type here is a frozen dataclass. Nothing in this module knows about models, files or the CLI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
    ERROR = "error"  # the post could not be checked (``Report.error`` says why): never a pass


class Applicability(StrEnum):
    """How far a fix may be applied without a person looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


RECORD_KINDS: tuple[str, ...] = ("consent", "written-permission", "authorisation", "licence")

# The platforms a post may name (case-insensitively): the styles of the policy pack's "views my own"
# statement and its character limits are keyed by them, and the registry scopes consents by them. An
# unknown name would silently get the long statement and no limit, so it is refused, never guessed.
PLATFORMS: tuple[str, ...] = (
    "generic",
    "x",
    "twitter",
    "bluesky",
    "threads",
    "mastodon",
    "linkedin",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "blog",
    "medium",
    "substack",
    "wordpress",
    "other",
)
# A record id (WP-2026-114, C-12) is shown in reports (``lifted_by``): short, and printable.
MAX_RECORD_ID_CHARS = 100


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
    # what a registry knows of it: whose consent, which account's standing permission, which photos
    # (by the sha256 of their content) it covers
    subject: str | None = None
    account: str | None = None
    photos: tuple[str, ...] = ()

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
    # the account's id in the registry, when it has one (its standing records then apply)
    account_id: str | None = None


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


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an analyzer found: which analyzer, how sure, where, and why, in typed fields (after presidio's
    ``AnalysisExplanation``) so that a rule reads ``e.category`` or ``e.age``, never a label split apart.

    ``label`` is what was found (``phone``, ``special``, ``face``); ``category`` narrows it (``health``
    for a special-category cue, ``marks`` for a record, the Equality Act characteristic for the abuse
    classifier). The explanation fields are each set by the analyzers they belong to.
    """

    analyzer: str
    score: float
    label: str | None = None
    span: Span | None = None
    photo: int | None = None
    box: tuple[int, int, int, int] | None = None
    category: str | None = None
    # named pattern (or method) that matched, and the validator that confirmed it
    pattern_name: str | None = None
    validator: str | None = None
    # the words near the match that decided what it is ("press office" before a phone number)
    context_word: str | None = None
    # an organisation's contact point (a role address, an office line), not a person's
    institutional: bool = False
    text: str | None = None  # the text read (a line of text in a photo)
    gps: tuple[float, float] | None = None
    age: int | None = None  # apparent age of a face
    detail: str | None = None  # anything else a person needs to see (metadata fields, the asset matched)

    @property
    def explanation(self) -> str | None:
        """The one-line "how" a report shows beside the label."""
        if self.pattern_name is not None:
            return self.pattern_name
        if self.text is not None:
            return self.text
        if self.gps is not None:
            return f"{self.gps[0]:.5f},{self.gps[1]:.5f}"
        if self.age is not None:
            return f"apparent age {self.age}"
        return self.detail

    @property
    def full_label(self) -> str | None:
        """``label`` with its ``category`` (``special:health``), as the report writes it."""
        if self.label is not None and self.category is not None:
            return f"{self.label}:{self.category}"
        return self.label


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of the original text with ``replacement`` (insertion when equal)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class PhotoOperation:
    """Write a new copy of photo ``photo``: ``strip-metadata``, or ``blur`` the ``boxes``."""

    photo: int
    operation: str
    boxes: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    title: str
    edits: tuple[Edit, ...] = ()
    photo_operations: tuple[PhotoOperation, ...] = ()


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


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Why a post could not be checked (reported instead of findings, never raised to a batch)."""

    kind: str
    message: str
    code: str | None = None  # the error's stable code (PG101...), see postguard.errors


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
    # the sha256 of the text checked, so that fixes are never applied to another text (not in the JSON)
    text_sha256: str | None = None

    def findings_at_or_above(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.counts and f.severity.rank >= severity.rank]

    def fails(self, severity: Severity) -> bool:
        """Whether the report reaches ``severity``: a counting finding does, an unchecked photo counts as
        a warning (nobody looked at it), and a post that could not be checked at all fails at any level."""
        if self.error is not None:
            return True
        unchecked = bool(self.photo_errors) and severity.rank <= Severity.WARNING.rank
        return bool(self.findings_at_or_above(severity)) or unchecked

    def to_json(self) -> dict[str, Any]:
        """The report's JSON object, as :mod:`postguard.report.model` builds it (the one place)."""
        from postguard.report.model import report_json

        return report_json(self)


def text_digest(text: str) -> str:
    """The sha256 of a post's text, as a report records it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
