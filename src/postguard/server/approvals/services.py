"""Every change to an approval: one function each, in one transaction that checks permission, changes the
rows and appends the audit entry.

The life of an approval (``AP-n``) of an official account's post::

    draft ──submit──► submitted ──every route approves──► approved ──scheduled time passes──► lapsed
                          │  └──any route rejects──► rejected         └──the post changes──► lapsed
                          └──withdraw──► withdrawn (from draft, submitted or approved too)

A resubmission (after a rejection, a lapse, a withdrawal, or to change the post) is a new version bound to
a new check; the version it replaces lapses ("the post changed" when its content hash differs). The
approval's state is its current version's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import DECIDING_ROLES, Actor, decide_permission, require
from postguard.server.approvals.models import OPEN_STATES, Approval, Decision, Route, State, Version
from postguard.server.approvals.routing import routes_for
from postguard.server.auditlog import services as audit
from postguard.server.checks.models import Check, Verdict
from postguard.server.registry.models import AccountKind, Person
from postguard.server.registry.selectors import accounts_visible_to

CHANGED = "the post changed after it was submitted"
SCHEDULE_PASSED = "its scheduled time passed"


def _log(actor: Actor, action: str, approval: Approval, payload: dict[str, Any]) -> None:
    audit.append(
        actor=actor,
        action=f"approvals.approval.{action}",
        object_type="approvals.approval",
        object_id=approval.ref,
        payload=payload,
    )


def _locked(approval: Approval) -> Approval:
    """The approval's row, locked for the rest of the transaction (two decisions never interleave)."""
    return Approval.objects.select_for_update().get(pk=approval.pk)


def _authored(actor: Actor, approval: Approval) -> None:
    require(actor, "submit posts for approval")
    if actor.user_id is None or actor.user_id != approval.author_id:
        raise AccessDenied("PG601", actor=actor.shown, action=f"change {approval.ref}, another's post")


def _in_state(approval: Approval, version: Version, action: str, *states: State) -> None:
    if version.state not in states:
        raise GovernanceError(
            "PG649", approval=approval.ref, state=version.state, action=action, needed=" or ".join(states)
        )


def _not_past(version: Version, now: dt.datetime) -> None:
    if version.scheduled_at is not None and version.scheduled_at < now:
        raise GovernanceError("PG652", at=version.scheduled_at.isoformat())


def _close(approval: Approval, version: Version, state: State, reason: str = "") -> None:
    version.state, version.closed_at, version.reason = state, timezone.now(), reason
    version.save(update_fields=["state", "closed_at", "reason"])
    approval.state = state
    approval.save(update_fields=["state"])


def _new_version(approval: Approval, check: Check, number: int) -> Version:
    return Version.objects.create(
        approval=approval,
        number=number,
        post_check=check,
        content_hash=check.content_hash,
        scheduled_at=check.scheduled_at,
    )


def _check_for(actor: Actor, check: Check) -> None:
    """The check may go for approval: the actor's own, of an official account they may post for."""
    if actor.user_id is None:
        raise GovernanceError("PG641", what="an approval")
    if check.author_id != actor.user_id:
        raise AccessDenied("PG601", actor=actor.shown, action=f"submit {check.ref}, another's check")
    if check.account is None or check.account.kind != AccountKind.OFFICIAL:
        raise GovernanceError("PG648", check=check.ref)
    if check.verdict == Verdict.ERROR:  # nothing was checked, so nothing could be approved
        raise GovernanceError("PG668", check=check.ref)
    if not accounts_visible_to(actor).filter(pk=check.account.pk).exists():
        raise AccessDenied("PG601", actor=actor.shown, action=f"post for {check.account.ref}")


@transaction.atomic
def approval_draft(*, actor: Actor, check: Check) -> Approval:
    """Start an approval of a checked post of an official account (version 1, a draft)."""
    require(actor, "submit posts for approval")
    _check_for(actor, check)
    assert check.account is not None
    person = Person.objects.filter(pk=actor.person_id).first() if actor.person_id is not None else None
    approval = Approval.objects.create(account=check.account, author_id=check.author_id, author_person=person)
    _new_version(approval, check, 1)
    payload = {"account": check.account.ref, "check": check.ref, "version": 1, "content_hash": check.content_hash}
    _log(actor, "draft", approval, payload)
    return approval


def _route(version: Version, check: Check) -> list[Route]:
    """Route the check's findings that no record lifted, each to the role that can lift it."""
    findings = [f for f in check.report.get("findings", []) if f.get("lifted_by") is None]
    routes = []
    for role, codes in routes_for(f["code"] for f in findings).items():
        mine = [
            {"code": f["code"], "severity": f["severity"], "message": f["message"]}
            for f in findings
            if f["code"] in codes
        ]
        routes.append(
            Route.objects.create(
                version=version, role=role.value, codes=codes, findings=mine, author_id=version.approval.author_id
            )
        )
    return routes


def _submit(version: Version) -> list[Route]:
    version.state, version.submitted_at = State.SUBMITTED, timezone.now()
    version.save(update_fields=["state", "submitted_at"])
    version.approval.state = State.SUBMITTED
    version.approval.save(update_fields=["state"])
    return _route(version, version.post_check)


def _routes_payload(routes: list[Route]) -> dict[str, list[str]]:
    return {route.role: list(route.codes) for route in routes}


@transaction.atomic
def approval_submit(*, actor: Actor, approval: Approval) -> Approval:
    """Submit the draft: its findings are routed (:mod:`postguard.server.approvals.routing`)."""
    approval = _locked(approval)
    _authored(actor, approval)
    version = approval.current()
    _in_state(approval, version, "submit", State.DRAFT)
    _not_past(version, timezone.now())
    routes = _submit(version)
    _log(actor, "submit", approval, {"version": version.number, "routes": _routes_payload(routes)})
    return approval


@transaction.atomic
def approval_resubmit(*, actor: Actor, approval: Approval, check: Check) -> Approval:
    """Submit a new version, bound to ``check`` (the post as it is now). The version it replaces, if still
    open, lapses: "the post changed" when the content hash differs."""
    approval = _locked(approval)
    _authored(actor, approval)
    _check_for(actor, check)
    if check.account_id != approval.account_id:
        raise GovernanceError("PG653", check=check.ref, approval=approval.ref, account=approval.account.ref)
    previous = approval.current()
    if previous.state in OPEN_STATES:
        changed = previous.content_hash != check.content_hash
        _close(approval, previous, State.LAPSED, CHANGED if changed else f"replaced by version {previous.number + 1}")
    version = _new_version(approval, check, previous.number + 1)
    _not_past(version, timezone.now())
    routes = _submit(version)
    payload = {
        "version": version.number,
        "check": check.ref,
        "content_hash": check.content_hash,
        "replaces": {"version": previous.number, "state": previous.state, "reason": previous.reason},
        "routes": _routes_payload(routes),
    }
    _log(actor, "resubmit", approval, payload)
    return approval


@transaction.atomic
def approval_decide(*, actor: Actor, approval: Approval, role: str, decision: str, comment: str = "") -> Route:
    """Approve or reject the findings of the current version routed to ``role``. Nobody decides on their
    own post; a rejection says what to change. When every route has approved, the post is approved; one
    rejection rejects it."""
    roles = [r.value for r in DECIDING_ROLES]
    if role not in roles:
        raise GovernanceError("PG647", field="role", reason=f"use one of {', '.join(roles)}")
    if decision not in (Decision.APPROVED, Decision.REJECTED):
        raise GovernanceError("PG647", field="decision", reason="use approved or rejected")
    require(actor, decide_permission(role))
    approval = _locked(approval)
    if actor.user_id is None:
        raise GovernanceError("PG641", what="a decision")
    if actor.user_id == approval.author_id or (
        actor.person_id is not None and actor.person_id == approval.author_person_id
    ):
        raise GovernanceError("PG640", actor=actor.shown, approval=approval.ref)
    version = approval.current()
    _in_state(approval, version, "decide", State.SUBMITTED)
    _not_past(version, timezone.now())
    route = version.routes.select_for_update().filter(role=role, decision=Decision.PENDING).first()
    if route is None:
        raise GovernanceError("PG650", approval=approval.ref, role=role)
    if decision == Decision.REJECTED and not comment.strip():
        raise GovernanceError("PG651")
    route.decision, route.decided_by_id, route.comment, route.decided_at = (
        decision,
        actor.user_id,
        comment,
        timezone.now(),
    )
    route.save(update_fields=["decision", "decided_by", "comment", "decided_at"])
    if decision == Decision.REJECTED:
        _close(approval, version, State.REJECTED, f"rejected for {role}")
    elif not version.routes.exclude(decision=Decision.APPROVED).exists():
        _close(approval, version, State.APPROVED)
    payload = {
        "version": version.number,
        "role": role,
        "decision": decision,
        "comment": comment,
        "state": approval.state,
    }
    _log(actor, "decide", approval, payload)
    return route


@transaction.atomic
def approval_withdraw(*, actor: Actor, approval: Approval, reason: str = "") -> Approval:
    """Withdraw the post from approval: its author, or the communications office (an approval already
    given that no longer stands)."""
    approval = _locked(approval)
    if not actor.can("withdraw approvals"):
        _authored(actor, approval)
    version = approval.current()
    _in_state(approval, version, "withdraw", *OPEN_STATES)
    _close(approval, version, State.WITHDRAWN, reason)
    _log(actor, "withdraw", approval, {"version": version.number, "reason": reason})
    return approval


@transaction.atomic
def approval_confirm(*, actor: Actor, approval: Approval, content_hash: str, at: dt.datetime | None = None) -> bool:
    """Whether the approval stands for the post with this content hash, about to go out at ``at`` (now by
    default). An approval whose post changed lapses here; one past its scheduled time lapses too."""
    approval = _locked(approval)
    if not actor.can("lapse approvals"):
        _authored(actor, approval)
    version = approval.current()
    if version.state != State.APPROVED:
        return False
    when = at or timezone.now()
    reason = CHANGED if version.content_hash != content_hash else None
    if reason is None and version.scheduled_at is not None and version.scheduled_at < when:
        reason = SCHEDULE_PASSED
    if reason is None:
        return True
    _close(approval, version, State.LAPSED, reason)
    _log(actor, "lapse", approval, {"version": version.number, "reason": reason, "content_hash": content_hash})
    return False


@transaction.atomic
def lapse(*, actor: Actor, now: dt.datetime | None = None, dry_run: bool = False) -> list[Approval]:
    """Lapse every submitted or approved post whose scheduled time has passed (``postguard approvals
    lapse`` runs it); returns the approvals that lapsed. ``now`` may be earlier than the present, never later
    (an approval is valid until its time comes: PG665), except with ``dry_run``, which changes nothing and
    returns what would lapse at ``now``."""
    require(actor, "lapse approvals")
    present = timezone.now()
    when = now or present
    if when > present and not dry_run:
        raise GovernanceError("PG665", at=when.isoformat(timespec="seconds"))
    due = Version.objects.filter(state__in=(State.SUBMITTED, State.APPROVED), scheduled_at__lt=when)
    if dry_run:
        return [version.approval for version in due.select_related("approval").order_by("pk")]
    lapsed = []
    for version in due.select_for_update().select_related("approval").order_by("pk"):
        approval = version.approval
        was = version.state
        _close(approval, version, State.LAPSED, SCHEDULE_PASSED)
        payload = {"version": version.number, "was": was, "reason": SCHEDULE_PASSED, "at": when.isoformat()}
        _log(actor, "lapse", approval, payload)
        lapsed.append(approval)
    return lapsed
