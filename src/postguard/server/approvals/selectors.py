"""Reading approvals, with the object-level filter applied once, here: an approval is read by its author,
by the owners and administrators of its account, by those who hold a role it is routed to, and by
administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from postguard.server.access import Actor
from postguard.server.approvals.models import Approval, Decision, Route, State

if TYPE_CHECKING:
    from postguard.server.checks.models import Check


def approvals_visible_to(actor: Actor) -> QuerySet[Approval]:
    approvals = Approval.objects.all()
    if actor.can("read every approval"):
        return approvals
    if actor.user_id is None:
        return approvals.none()
    seen = Q(author=actor.user_id) | Q(versions__routes__role__in=[role.value for role in actor.roles])
    if actor.person_id is not None:
        seen |= Q(account__owners=actor.person_id) | Q(account__admins=actor.person_id)
    return approvals.filter(seen).distinct()


def awaiting_decision(actor: Actor) -> QuerySet[Route]:
    """The routes the actor may decide now: pending, of a submitted current version, routed to a role the
    actor holds, on someone else's post."""
    roles = [role.value for role in actor.roles]
    routes = Route.objects.filter(decision=Decision.PENDING, version__state=State.SUBMITTED)
    if not actor.can("read every approval"):
        routes = routes.filter(role__in=roles)
    if actor.user_id is not None:
        routes = routes.exclude(author=actor.user_id)
    return routes.select_related("version__approval").order_by("version__submitted_at", "pk")


def approval_by_ref(actor: Actor, ref: str) -> Approval | None:
    """The approval ``AP-n``, when the actor may read it."""
    prefix, _, number = ref.partition("-")
    if prefix != "AP" or not number.isdigit():
        return None
    return approvals_visible_to(actor).filter(pk=int(number)).first()


def live_approval_of(actor: Actor, check_id: int) -> Approval | None:
    """The actor's own approval whose current version is bound to the check and still open (a draft,
    submitted or approved): a changed post must go through it (a new version), not a second approval."""
    if actor.user_id is None:
        return None
    from postguard.server.approvals.models import OPEN_STATES

    return (
        Approval.objects.filter(
            author=actor.user_id, state__in=OPEN_STATES, versions__post_check=check_id, versions__state__in=OPEN_STATES
        )
        .order_by("-pk")
        .first()
    )


MAX_CHANGES_WALKED = 100  # a post fixed or changed this many times over is unlikely; the walk stays bounded


def live_approval_changed(actor: Actor, check: Check) -> Approval | None:
    """The actor's live approval (:func:`live_approval_of`) of the check ``check`` was changed from, or of
    the one that was changed from, and so on back: a post changed after it was submitted goes on as the
    approval's next version. Only an approval of the same account qualifies (a version is of its
    approval's account)."""
    from postguard.server.checks.models import Check

    seen: set[int] = set()
    current = check.changed_from_id
    while current is not None and current not in seen and len(seen) < MAX_CHANGES_WALKED:
        seen.add(current)
        live = live_approval_of(actor, current)
        if live is not None:
            return live if live.account_id == check.account_id else None
        current = Check.objects.filter(pk=current).values_list("changed_from_id", flat=True).first()
    return None
