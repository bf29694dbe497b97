"""Reading checks, with the object-level filter applied once, here: a check is read by its author, by
those who hold a role an approval of it is routed to, and by administrators."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from postguard.server.access import Actor
from postguard.server.checks.models import Check


def checks_visible_to(actor: Actor) -> QuerySet[Check]:
    checks = Check.objects.all()
    if actor.can("read every check"):
        return checks
    if actor.user_id is None:
        return checks.none()
    routed = Q(approval_versions__routes__role__in=[role.value for role in actor.roles])
    return checks.filter(Q(author=actor.user_id) | routed).distinct()


def check_by_ref(actor: Actor, ref: str) -> Check | None:
    """The check ``CK-n``, when the actor may read it."""
    prefix, _, number = ref.partition("-")
    if prefix != "CK" or not number.isdigit():
        return None
    return checks_visible_to(actor).filter(pk=int(number)).first()
