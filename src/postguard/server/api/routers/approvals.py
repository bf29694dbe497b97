"""Approvals of official accounts' posts: draft, submit, decide per routed role, withdraw, resubmit a new
version, confirm before posting (a changed post or a passed time lapses it), lapse what is due.

Nobody decides on their own post (the service refuses, PG640, and the database's constraint
``approvals_route_not_own_post`` would too).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, one, page
from postguard.server.api.schemas import ErrorOut, Id, In, LongText, Moment, Page
from postguard.server.approvals import selectors, services
from postguard.server.approvals.models import Approval, Decision, Route, State, Version
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.tokens.scopes import Scope

router = Router(tags=["approvals"])


class RouteOut(Schema):
    role: str
    codes: list[str]
    findings: list[dict[str, str]]
    decision: Decision
    decided_by: int | None
    comment: str
    decided_at: dt.datetime | None


class VersionOut(Schema):
    number: int
    check_id: int
    content_hash: str
    scheduled_at: dt.datetime | None
    state: State
    submitted_at: dt.datetime | None
    closed_at: dt.datetime | None
    reason: str = Field(description="why it lapsed or was withdrawn")
    routes: list[RouteOut]


class ApprovalOut(Schema):
    id: int
    ref: str
    account_id: int
    author_id: int
    state: State = Field(description="the current version's")
    created_at: dt.datetime
    versions: list[VersionOut]


class AwaitingOut(Schema):
    approval_id: int
    approval_ref: str
    version: int
    role: str
    codes: list[str]
    findings: list[dict[str, str]]
    submitted_at: dt.datetime | None


class DraftIn(In):
    check_id: Id


class DecideIn(In):
    role: str = Field(max_length=40, description="the role decided for: the findings routed to it")
    decision: Decision = Field(description="approved or rejected")
    comment: LongText = Field(default="", description="a rejection says what to change")


class ReasonIn(In):
    reason: LongText = ""


class ConfirmIn(In):
    content_hash: str = Field(max_length=64, description="the post as it is about to go out (its check's)")
    at: Moment | None = Field(default=None, description="when it goes out (default: now)")


class ConfirmOut(Schema):
    stands: bool = Field(description="the approval stands for this post at this time")
    approval: ApprovalOut


class LapseIn(In):
    at: Moment | None = Field(
        default=None, description="lapse what was due at this time (default: now); a future time only with dry_run"
    )
    dry_run: bool = Field(default=False, description="only list what would lapse; change nothing")


class LapsedOut(Schema):
    lapsed: list[str]


def _route_out(route: Route) -> RouteOut:
    return RouteOut(
        role=route.role,
        codes=list(route.codes),
        findings=[{k: str(v) for k, v in f.items()} for f in route.findings],
        decision=Decision(route.decision),
        decided_by=route.decided_by_id,
        comment=route.comment,
        decided_at=route.decided_at,
    )


def _version_out(version: Version) -> VersionOut:
    return VersionOut(
        number=version.number,
        check_id=version.post_check_id,
        content_hash=version.content_hash,
        scheduled_at=version.scheduled_at,
        state=State(version.state),
        submitted_at=version.submitted_at,
        closed_at=version.closed_at,
        reason=version.reason,
        routes=[_route_out(r) for r in version.routes.order_by("pk")],
    )


def approval_out(approval: Approval) -> ApprovalOut:
    approval.refresh_from_db()
    return ApprovalOut(
        id=approval.pk,
        ref=approval.ref,
        account_id=approval.account_id,
        author_id=approval.author_id,
        state=State(approval.state),
        created_at=approval.created_at,
        versions=[_version_out(v) for v in approval.versions.order_by("number")],
    )


@router.post("/lapse", response={200: LapsedOut, ERROR_STATUSES: ErrorOut}, summary="Lapse what is due")
def lapse(request: HttpRequest, body: LapseIn) -> LapsedOut:
    """Lapse every submitted or approved post whose scheduled time has passed."""
    actor = act(request, Scope.WRITE)
    return LapsedOut(lapsed=[a.ref for a in services.lapse(actor=actor, now=body.at, dry_run=body.dry_run)])


@router.get("", response={200: Page[ApprovalOut], ERROR_STATUSES: ErrorOut}, summary="List approvals")
def list_approvals(request: HttpRequest, paging: Query[Paging]) -> Page[ApprovalOut]:
    """Those the caller wrote, of accounts they own or administer, or routed to a role they hold."""
    actor = act(request, Scope.READ)
    return page(selectors.approvals_visible_to(actor).order_by("pk"), paging, approval_out)


@router.get("/awaiting", response={200: Page[AwaitingOut], ERROR_STATUSES: ErrorOut}, summary="Awaiting my decision")
def awaiting(request: HttpRequest, paging: Query[Paging]) -> Page[AwaitingOut]:
    """The routes the caller may decide now: pending, routed to a role they hold, on another's post."""
    actor = act(request, Scope.READ)

    def out(route: Route) -> AwaitingOut:
        approval = route.version.approval
        return AwaitingOut(
            approval_id=approval.pk,
            approval_ref=approval.ref,
            version=route.version.number,
            role=route.role,
            codes=list(route.codes),
            findings=[{k: str(v) for k, v in f.items()} for f in route.findings],
            submitted_at=route.version.submitted_at,
        )

    return page(selectors.awaiting_decision(actor), paging, out)


@router.get("/{approval_id}", response={200: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="An approval")
def get_approval(request: HttpRequest, approval_id: PathId) -> ApprovalOut:
    actor = act(request, Scope.READ)
    return approval_out(one(selectors.approvals_visible_to(actor), approval_id, "approval"))


@router.post("", response={201: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="Start an approval (a draft)")
def create_approval(request: HttpRequest, body: DraftIn) -> Status[ApprovalOut]:
    """A draft of one's own check of an official account's post (PG648 for any other account)."""
    actor = act(request, Scope.WRITE)
    check = one(checks_visible_to(actor), body.check_id, "check")
    return Status(201, approval_out(services.approval_draft(actor=actor, check=check)))


@router.post("/{approval_id}/submit", response={200: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="Submit")
def submit(request: HttpRequest, approval_id: PathId) -> ApprovalOut:
    """Submit the draft: each finding no record lifted is routed to the role that can lift it."""
    actor = act(request, Scope.WRITE)
    approval = one(selectors.approvals_visible_to(actor), approval_id, "approval")
    return approval_out(services.approval_submit(actor=actor, approval=approval))


@router.post("/{approval_id}/resubmit", response={200: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="Resubmit")
def resubmit(request: HttpRequest, approval_id: PathId, body: DraftIn) -> ApprovalOut:
    """A new version bound to a new check; the version it replaces lapses."""
    actor = act(request, Scope.WRITE)
    approval = one(selectors.approvals_visible_to(actor), approval_id, "approval")
    check = one(checks_visible_to(actor), body.check_id, "check")
    return approval_out(services.approval_resubmit(actor=actor, approval=approval, check=check))


@router.post(
    "/{approval_id}/decide", response={200: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="Approve or reject"
)
def decide(request: HttpRequest, approval_id: PathId, body: DecideIn) -> ApprovalOut:
    """Decide the findings routed to ``role``. Nobody decides on their own post (PG640)."""
    actor = act(request, Scope.WRITE)
    approval = one(selectors.approvals_visible_to(actor), approval_id, "approval")
    services.approval_decide(
        actor=actor, approval=approval, role=body.role, decision=body.decision.value, comment=body.comment
    )
    return approval_out(approval)


@router.post("/{approval_id}/withdraw", response={200: ApprovalOut, ERROR_STATUSES: ErrorOut}, summary="Withdraw")
def withdraw(request: HttpRequest, approval_id: PathId, body: ReasonIn) -> ApprovalOut:
    actor = act(request, Scope.WRITE)
    approval = one(selectors.approvals_visible_to(actor), approval_id, "approval")
    return approval_out(services.approval_withdraw(actor=actor, approval=approval, reason=body.reason))


@router.post(
    "/{approval_id}/confirm",
    response={200: ConfirmOut, ERROR_STATUSES: ErrorOut},
    summary="Does the approval stand for the post about to go out?",
)
def confirm(request: HttpRequest, approval_id: PathId, body: ConfirmIn) -> ConfirmOut:
    """False (and the approval lapses) when the post changed since it was approved, or its time passed."""
    actor = act(request, Scope.WRITE)
    approval = one(selectors.approvals_visible_to(actor), approval_id, "approval")
    stands = services.approval_confirm(actor=actor, approval=approval, content_hash=body.content_hash, at=body.at)
    return ConfirmOut(stands=stands, approval=approval_out(approval))
