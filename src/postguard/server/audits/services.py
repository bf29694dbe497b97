"""Storing a finished archive audit in the registry, with its audit-log entry.

:func:`store_audit` reads an audit's output folder (``manifest.json`` and ``reports.jsonl``, as
``postguard audit run`` wrote them) and :func:`record_audit` stores what they hold: one
:class:`~postguard.server.audits.models.AuditRun` and one
:class:`~postguard.server.audits.models.AuditPost` per post, written in batches inside one transaction
with the log entry (so a failure leaves nothing half stored). Storing the same run again returns the
row already stored. :class:`RegistrySink` is what :func:`postguard.audit.run.run_audit` calls when the
run is finished (``postguard audit run --store``).

The registry account audited is the one given, or else the one whose platform and handle every post of
the run names (a handle compared without a leading ``@`` and without case). The posts' words are not
stored: the log entry carries counts, codes and content hashes only.

Example::

    from postguard.audit.run import run_audit
    from postguard.server.audits.services import RegistrySink

    run_audit(["twitter.zip"], "audit-x", sinks=[RegistrySink(actor=SYSTEM)])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from postguard.errors import AccessDenied, ArchiveError
from postguard.server.access import Actor, Role, require
from postguard.server.auditlog import services as audit
from postguard.server.audits.models import AuditPost, AuditRun
from postguard.server.registry.models import Account, Platform
from postguard.server.registry.selectors import accounts_visible_to
from postguard.server.tokens.scopes import Scope

# The app's permissions (joined to postguard.server.access.PERMISSIONS when the app loads) and the scope a
# token needs for each. Storing is the communications office's (and administrators'); reading every audit
# too; the owners of the registry account audited read its audits (postguard.server.audits.selectors).
AUDIT_PERMISSIONS: dict[str, frozenset[Role]] = {
    "store audits": frozenset({Role.COMMUNICATIONS}),
    "read every audit": frozenset({Role.COMMUNICATIONS}),
}
AUDIT_SCOPES: dict[str, Scope | None] = {"store audits": Scope.WRITE, "read every audit": Scope.READ}

BATCH = 1_000  # posts written per INSERT
# The registry's platform for each importer's platform name (postguard.audit.importers).
REGISTRY_PLATFORM = {"wordpress": Platform.BLOG.value, "feed": Platform.BLOG.value}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def registry_platform(platform: str) -> str:
    return REGISTRY_PLATFORM.get(platform, platform if platform in Platform.values else Platform.OTHER.value)


def normal_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def run_key(manifest: dict[str, Any]) -> str:
    """What names one run: its settings and when it started (sha256 of their JSON)."""
    settings = manifest.get("settings") or {}
    data = {"settings": settings, "started_at": manifest.get("started_at")}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def store_audit(
    *, actor: Actor, out: str | os.PathLike[str], account: Account | None = None, stored_by: int | None = None
) -> AuditRun:
    """Store the finished audit in the folder ``out`` (PG556 when it is not one)."""
    require(actor, "store audits")
    root = Path(out)
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArchiveError("PG556", member=str(out), reason="it has no manifest.json") from None
    except (OSError, ValueError) as exc:
        raise ArchiveError("PG556", member=str(out), reason=f"manifest.json cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or not manifest.get("complete"):
        raise ArchiveError("PG556", member=str(out), reason="the run is not finished; run it again to finish it")
    return record_audit(
        actor=actor,
        manifest=manifest,
        reports=_lines(root / "reports.jsonl"),
        out_dir=str(root.resolve()),
        account=account,
        stored_by=stored_by,
    )


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                try:
                    yield json.loads(line)
                except ValueError:
                    raise ArchiveError("PG556", member=str(path), reason=f"line {number} is not JSON") from None
    except FileNotFoundError:
        raise ArchiveError("PG556", member=str(path.parent), reason="it has no reports.jsonl") from None


@dataclass
class _Totals:
    accounts: dict[str, None] = field(default_factory=dict)  # "platform:handle", in order
    verdicts: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    posts_with: Counter[str] = field(default_factory=Counter)
    severity: dict[str, str] = field(default_factory=dict)
    posts: int = 0
    shared: int = 0
    errors: int = 0
    counted: int = 0

    def add(self, line: dict[str, Any]) -> AuditPost:
        found = line.get("report")
        report: dict[str, Any] = found if isinstance(found, dict) else {}
        verdict = str(report.get("verdict", "error"))[:10]
        platform, handle = str(line.get("platform") or ""), str(line.get("account") or "")
        self.accounts.setdefault(f"{platform}:{handle}", None)
        self.verdicts[verdict] += 1
        self.posts += 1
        shared = bool(line.get("shared"))
        self.shared += shared
        findings = []
        codes: set[str] = set()
        for finding in report.get("findings") or []:
            if not isinstance(finding, dict):
                continue
            code, severity = str(finding.get("code", "")), str(finding.get("severity", ""))
            lifted = finding.get("lifted_by")
            findings.append({"code": code, "severity": severity, "lifted_by": lifted})
            if lifted:
                continue  # a registry record lifts it: listed with the post, not counted
            self.counted += 1
            self.findings[code] += 1
            codes.add(code)
            if SEVERITY_RANK.get(severity, -1) > SEVERITY_RANK.get(self.severity.get(code, ""), -1):
                self.severity[code] = severity
        self.posts_with.update(codes)
        error = report.get("error")
        if verdict == "error":
            self.errors += 1
        return AuditPost(
            position=self.posts - 1,
            post_id=str(line.get("id") or "")[:400],
            platform=platform[:20],
            account=handle[:200],
            kind=str(line.get("kind") or "")[:20],
            created_at=_time(line.get("created_at")),
            url=str(line.get("url") or "")[:1000],
            verdict=verdict,
            shared=shared,
            findings=findings,
            error=str(error.get("code", ""))[:10] if isinstance(error, dict) else "",
        )

    def rule_counts(self) -> dict[str, dict[str, Any]]:
        return {
            code: {"findings": n, "posts": self.posts_with[code], "severity": self.severity.get(code, "")}
            for code, n in sorted(self.findings.items())
        }


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parse_datetime(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


@transaction.atomic
def record_audit(
    *,
    actor: Actor,
    manifest: dict[str, Any],
    reports: Iterable[dict[str, Any]],
    out_dir: str = "",
    account: Account | None = None,
    stored_by: int | None = None,
) -> AuditRun:
    """Store a finished run: ``manifest`` as ``manifest.json`` holds it, ``reports`` the lines of its
    ``reports.jsonl``. ``account`` is the registry account audited (default: the one every post's platform
    and handle name, if any). A run stored before is returned as it is."""
    require(actor, "store audits")
    mine = account is None or accounts_visible_to(actor).filter(pk=account.pk).exists()
    if not mine and not actor.can("read every audit"):
        assert account is not None
        raise AccessDenied("PG601", actor=actor.shown, action=f"store audits of {account.ref}")
    key = run_key(manifest)
    existing = AuditRun.objects.filter(run_key=key).first()
    if existing is not None:
        return existing
    settings = manifest.get("settings") or {}
    summary = manifest.get("summary") or {}
    started = _time(manifest.get("started_at")) or _time(manifest.get("finished_at"))
    finished = _time(manifest.get("finished_at")) or started
    if started is None or finished is None:
        raise ArchiveError("PG556", member=out_dir or "manifest", reason="it does not say when the run started")
    run = AuditRun.objects.create(
        run_key=key,
        archives=[
            {"name": os.path.basename(str(a.get("path", ""))), "sha256": str(a.get("fingerprint", ""))}
            for a in settings.get("archives") or []
            if isinstance(a, dict)
        ],
        account_kind=str(settings.get("account") or "")[:20],
        postguard_version=str(settings.get("postguard") or "")[:40],
        started_at=started,
        finished_at=finished,
        out_dir=out_dir[:1000],
        stored_by_id=stored_by or actor.user_id,
    )
    totals = _Totals()
    batch: list[AuditPost] = []
    for line in reports:
        post = totals.add(line)
        post.run = run
        batch.append(post)
        if len(batch) >= BATCH:
            AuditPost.objects.bulk_create(batch)
            batch = []
    AuditPost.objects.bulk_create(batch)
    accounts = list(totals.accounts)
    if account is None:
        account = _matched(accounts)
    else:
        platforms = sorted({registry_platform(a.split(":", 1)[0]) for a in accounts})
        if platforms and account.platform not in platforms:
            raise ArchiveError("PG557", member=account.ref, platform=account.platform, platforms=", ".join(platforms))
    run.accounts = accounts
    run.registry_account = account
    run.posts = totals.posts
    run.checked = int(summary.get("checked", totals.posts - totals.shared))
    run.shared = totals.shared
    run.skipped = int(summary.get("skipped", 0))
    run.errors = totals.errors
    run.findings = totals.counted
    run.verdicts = dict(sorted(totals.verdicts.items()))
    run.rule_counts = totals.rule_counts()
    run.left_out = {str(k): int(v) for k, v in (summary.get("left_out") or {}).items()}
    run.save()
    audit.append(
        actor=actor,
        action="audits.run.store",
        object_type="audits.run",
        object_id=run.ref,
        payload={
            "archives": [a["sha256"] for a in run.archives],
            "account": account.ref if account is not None else None,
            "started_at": started.isoformat(),
            "finished_at": finished.isoformat(),
            "posts": run.posts,
            "skipped": run.skipped,
            "errors": run.errors,
            "verdicts": run.verdicts,
            "codes": sorted(run.rule_counts),
        },
    )
    return run


def _matched(accounts: list[str]) -> Account | None:
    """The registry account that every ``platform:handle`` names, if exactly one does."""
    found: set[int] = set()
    for name in accounts:
        platform, _, handle = name.partition(":")
        wanted = normal_handle(handle)
        if not wanted:
            return None
        rows = Account.objects.filter(platform=registry_platform(platform))
        matches = {a.pk for a in rows if normal_handle(a.handle) == wanted}
        if len(matches) != 1:
            return None
        found |= matches
    return Account.objects.get(pk=found.pop()) if len(found) == 1 else None


class RegistrySink:
    """A :class:`postguard.audit.run.AuditSink` that stores the finished run (``run_audit(sinks=[...])``),
    as ``actor``, for ``account`` (default: matched). The stored run is :attr:`stored` afterwards."""

    def __init__(self, *, actor: Actor, account: Account | None = None, stored_by: int | None = None) -> None:
        require(actor, "store audits")  # refused before the run starts, not after it
        self.actor, self.account, self.stored_by = actor, account, stored_by
        self.stored: AuditRun | None = None

    def store_audit(self, summary: Any, out: Path, manifest: dict[str, Any]) -> None:
        self.stored = store_audit(actor=self.actor, out=out, account=self.account, stored_by=self.stored_by)
