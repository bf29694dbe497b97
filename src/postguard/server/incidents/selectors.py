"""Reading incidents and access withdrawals, with the object-level filter applied once, here.

An HR Business Partner sees the incidents routed to them and those of the departments they partner now
(as the division's partner only where the department has none of its own), never another department's;
the reporter sees their own report (not HR's actions on it, nor whom it is about in the registry or whom
it went to); the communications office sees, and acts on, the reports awaiting triage (naming nobody the
registry holds) and those about a person no HR Business Partner takes, until one is named (never one
about themselves); administrators see all. Withdrawals are seen by the partners of the person's or
department's department, and by the proxy that exports them.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from postguard.server.access import Actor, require
from postguard.server.incidents.models import AccessWithdrawal, Action, Incident
from postguard.server.incidents.services import partners_q, unpartnered_q


def incidents_visible_to(actor: Actor) -> QuerySet[Incident]:
    incidents = Incident.objects.all()
    if actor.can("read every incident"):
        return incidents
    if actor.user_id is None:
        return incidents.none()
    seen = Q(reporter=actor.user_id)
    if actor.can("read their departments' incidents") and actor.person_id is not None:
        seen |= (Q(routed_to=actor.person_id) | partners_q(actor.person_id)) & ~Q(person=actor.person_id)
    if actor.can("read incidents awaiting triage"):
        seen |= Q(person__isnull=True) | _office_q(actor)
    return incidents.filter(seen).distinct()


def _office_q(actor: Actor) -> Q:
    """The reports about a registered person that the communications office takes while no HR Business
    Partner does, less any about the actor."""
    unpartnered = unpartnered_q()
    return unpartnered & ~Q(person=actor.person_id) if actor.person_id is not None else unpartnered


def incidents_handled_by(actor: Actor) -> QuerySet[Incident]:
    """The incidents HR's list shows the actor (those they may act on, with a token that may write): not
    those they only reported."""
    if actor.can("read every incident"):
        return Incident.objects.all()
    mine = Q(pk__in=[])
    if actor.can("read their departments' incidents") and actor.person_id is not None:
        mine |= (Q(routed_to=actor.person_id) | partners_q(actor.person_id)) & ~Q(person=actor.person_id)
    if actor.can("read incidents awaiting triage"):
        mine |= Q(person__isnull=True) | _office_q(actor)
    return Incident.objects.filter(mine).distinct()


def incident_actions(actor: Actor, incident: Incident) -> QuerySet[Action]:
    """The actions taken on an incident, for those who may act on it."""
    if not incidents_handled_by(actor).filter(pk=incident.pk).exists():
        return Action.objects.none()
    return incident.actions.order_by("at", "pk")


def withdrawals_visible_to(actor: Actor) -> QuerySet[AccessWithdrawal]:
    withdrawals = AccessWithdrawal.objects.all()
    if actor.can("read every incident") or actor.can("export access withdrawals"):
        return withdrawals
    if not actor.can("read their departments' incidents") or actor.person_id is None:
        return withdrawals.none()
    own = Q(department__hr_business_partners=actor.person_id) | Q(
        department__division__hr_business_partners=actor.person_id, department__hr_business_partners__isnull=True
    )
    return withdrawals.filter(partners_q(actor.person_id, prefix="person__") | own).distinct()


def withdrawals_in_force(actor: Actor, at: dt.datetime) -> QuerySet[AccessWithdrawal]:
    """The withdrawals in force at ``at`` (started, not ended, not restored), for the proxy's export."""
    require(actor, "export access withdrawals")
    live = Q(starts__lte=at, ends__gt=at) & (Q(ended_at__isnull=True) | Q(ended_at__gt=at))
    return AccessWithdrawal.objects.filter(live).select_related("person__user", "department").order_by("pk")
