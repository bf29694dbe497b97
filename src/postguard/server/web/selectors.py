"""Reads the pages need that the registry's selectors do not offer: the organisation's departments (not
personal data: everyone signed in may read them) and the counts of the registry page, each through the
registry's own object-level filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from postguard.server.access import Actor
from postguard.server.incidents.services import person_named
from postguard.server.registry import selectors
from postguard.server.registry.models import Department, Person
from postguard.server.web.presenters import EXPIRY_WARNING_DAYS


def departments() -> QuerySet[Department]:
    return Department.objects.select_related("division").order_by("name")


def expiring(records: QuerySet[Any], today: dt.date) -> QuerySet[Any]:
    """Records in force that lapse within the warning period, or that have lapsed (and are not revoked)."""
    horizon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    return records.filter(Q(revoked_at__isnull=True) & Q(expires__isnull=False) & Q(expires__lte=horizon))


def registry_summary(actor: Actor, today: dt.date) -> list[dict[str, Any]]:
    """Per section of the registry: how many rows the actor may see, and how many need attention."""
    accounts = list(selectors.accounts_visible_to(actor).prefetch_related("admins"))
    gaps = sum(1 for a in accounts if selectors.account_security_gaps(a, today))
    consents = selectors.consents_visible_to(actor)
    permissions = selectors.written_permissions_visible_to(actor)
    authorisations = selectors.authorisations_visible_to(actor)
    return [
        {
            "name": "Divisions and departments",
            "url": "web:organisation",
            "count": selectors.departments_visible_to(actor).count(),
            "attention": selectors.departments_visible_to(actor)
            .filter(hr_business_partners__isnull=True, division__hr_business_partners__isnull=True)
            .count(),
            "what": "departments without an HR Business Partner",
        },
        {
            "name": "Accounts",
            "url": "web:accounts",
            "count": len(accounts),
            "attention": gaps,
            "what": "with security gaps",
        },
        {
            "name": "People",
            "url": "web:people",
            "count": selectors.people_visible_to(actor).count(),
            "attention": 0,
            "what": "",
        },
        {
            "name": "Consents",
            "url": "web:consents",
            "count": consents.count(),
            "attention": expiring(consents, today).count(),
            "what": "expired or expiring soon",
        },
        {
            "name": "Written permissions",
            "url": "web:permissions",
            "count": permissions.count(),
            "attention": expiring(permissions, today).count(),
            "what": "expired or expiring soon",
        },
        {
            "name": "Authorisations",
            "url": "web:authorisations",
            "count": authorisations.count(),
            "attention": expiring(authorisations, today).count(),
            "what": "expired or expiring soon",
        },
    ]


def person_to_report(value: str) -> Person | None:
    """The person a registry id (``P-12``) or an email address names; never an erased person, never by a
    name. A misuse report keeps whatever it names (the reporter is not told whether this finds anyone);
    the communications office uses it to attach the person to a report awaiting triage."""
    return person_named(value)
