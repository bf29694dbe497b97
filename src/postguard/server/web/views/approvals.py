"""The approval queue and an approval's page: the post, its findings and the records it cites, each
version and each role's decision; approve or reject with a comment (never one's own post), withdraw.

Reads go through :mod:`postguard.server.approvals.selectors` (an approval you may not read is a 404);
decisions and withdrawals through :mod:`postguard.server.approvals.services`, which refuse a self-approval
(PG640), a rejection without a comment and a decision after the scheduled time.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import DECIDING_ROLES, decide_permission
from postguard.server.approvals import services
from postguard.server.approvals.models import Decision, State
from postguard.server.approvals.selectors import approvals_visible_to, awaiting_decision
from postguard.server.web.presenters import highlight
from postguard.server.web.views.common import actor_of, error_text, page, refused


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    visible = approvals_visible_to(actor).select_related("account", "author").order_by("-created_at")
    return page(
        request,
        "web/approvals.html",
        "Approvals",
        awaiting=list(awaiting_decision(actor).select_related("version__approval__account", "version__post_check")),
        mine=list(visible.filter(author=actor.user_id)),
        others=list(visible.exclude(author=actor.user_id)[:200]),
        roles=[r.value for r in DECIDING_ROLES if actor.can(decide_permission(r))],
    )


@login_required
@require_GET
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(approvals_visible_to(actor).select_related("account", "author", "author_person"), pk=pk)
    versions = list(found.versions.select_related("post_check").prefetch_related("routes").order_by("-number"))
    current = versions[0]
    check = current.post_check
    findings = check.report.get("findings", [])
    own = actor.user_id == found.author_id or (
        actor.person_id is not None and actor.person_id == found.author_person_id
    )
    open_routes = current.routes.filter(decision=Decision.PENDING) if current.state == State.SUBMITTED else []
    decidable = [route for route in open_routes if actor.can(decide_permission(route.role))]
    from postguard.server.registry.records import RegistryRecords

    source = RegistryRecords(platform=check.platform)
    cited = [(ref, source.by_id(ref)) for ref in check.cited_records]
    day = timezone.localdate(current.scheduled_at) if current.scheduled_at else timezone.localdate()
    return page(
        request,
        "web/approval.html",
        f"Approval {found.ref}",
        approval=found,
        versions=versions,
        current=current,
        check=check,
        findings=list(enumerate(findings, start=1)),
        segments=highlight(check.text, findings),
        photos=list(range(1, len(check.photo_hashes()) + 1)),
        decidable=[] if own else decidable,
        own_and_decider=own and bool(decidable),
        can_withdraw=current.state in (State.DRAFT, State.SUBMITTED, State.APPROVED)
        and (actor.user_id == found.author_id or actor.can("withdraw approvals")),
        is_author=actor.user_id == found.author_id,
        cited=[(ref, record, record.valid_on(day) if record else False) for ref, record in cited],
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(approvals_visible_to(actor), pk=pk)
    decision = request.POST.get("decision", "")
    try:
        services.approval_decide(
            actor=actor,
            approval=found,
            role=request.POST.get("role", ""),
            decision=decision,
            comment=request.POST.get("comment", "")[:4000],
        )
    except AccessDenied as exc:  # the actor lacks the role: a 403 page with the code
        return refused(request, exc)
    except GovernanceError as exc:
        if exc.code == "PG640":  # a self-approval is refused the same way
            return refused(request, exc)
        messages.error(request, error_text(exc))  # what to put right on the page (a rejection needs a comment)
    else:
        done = "approved" if decision == Decision.APPROVED else "rejected"
        messages.success(request, f"You {done} the findings of {found.ref} routed to {request.POST.get('role')}.")
    return redirect("web:approval", pk=found.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(approvals_visible_to(actor), pk=pk)
    try:
        services.approval_withdraw(actor=actor, approval=found, reason=request.POST.get("reason", "")[:300])
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"{found.ref} is withdrawn.")
    return redirect("web:approval", pk=found.pk)
