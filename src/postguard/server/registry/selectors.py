"""Reading the registry, with the object-level permission filter applied once, here.

Those who may read the whole registry (registry officers, the communications office, safeguarding leads,
data protection, administrators) see every row; an HR Business Partner sees the people of the departments
they partner (directly or through the division); anyone else sees themselves, the accounts they own or
administer, and the records about them or granted to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from postguard.server.access import ANONYMOUS, Actor, Role
from postguard.server.registry.models import (
    Account,
    AccountKind,
    Authorisation,
    Consent,
    Department,
    Division,
    Licence,
    Person,
    PersonKind,
    WrittenPermission,
)

# An account's settings are reviewed at least once a year (G38: the IT Services guidance on security settings).
REVIEW_INTERVAL = dt.timedelta(days=365)


def _all(actor: Actor) -> bool:
    return actor.can("read the whole registry")


def divisions_visible_to(actor: Actor) -> QuerySet[Division]:
    """The University's structure (and who partners each unit) is read by anyone signed in."""
    return Division.objects.none() if actor.label == ANONYMOUS.label else Division.objects.all()


def departments_visible_to(actor: Actor) -> QuerySet[Department]:
    return Department.objects.none() if actor.label == ANONYMOUS.label else Department.objects.all()


def users_visible_to(actor: Actor) -> QuerySet[User]:
    """The users a person in the registry may be linked to: every user for those who manage the registry
    (they make the links), otherwise one's own."""
    users = User.objects.all()
    if actor.can("manage the registry"):
        return users
    if actor.user_id is None:
        return users.none()
    return users.filter(pk=actor.user_id)


def people_visible_to(actor: Actor) -> QuerySet[Person]:
    people = Person.objects.all()
    if _all(actor):
        return people
    if actor.person_id is None:
        return people.none()
    partnered = Q(department__hr_business_partners=actor.person_id) | Q(
        department__division__hr_business_partners=actor.person_id
    )
    return people.filter(partnered | Q(pk=actor.person_id)).distinct()


def grantors_for(actor: Actor) -> QuerySet[Person]:
    """Whom the actor may name as granting a written permission (G32): their own person, and anyone (not
    erased) whose active user holds the communications-office role or is an administrator. The service
    refuses anyone else (PG619)."""
    office = Q(user__is_superuser=True) | Q(user__groups__name=Role.COMMUNICATIONS.value)
    office &= Q(user__is_active=True)
    if actor.person_id is not None:
        office |= Q(pk=actor.person_id)
    ids = Person.objects.filter(office, erased_at__isnull=True).values("pk")
    return Person.objects.filter(pk__in=ids)


def accounts_visible_to(actor: Actor) -> QuerySet[Account]:
    accounts = Account.objects.all()
    if _all(actor):
        return accounts
    if actor.person_id is None:
        return accounts.none()
    return accounts.filter(Q(owners=actor.person_id) | Q(admins=actor.person_id)).distinct()


def consents_visible_to(actor: Actor) -> QuerySet[Consent]:
    consents = Consent.objects.all()
    if _all(actor):
        return consents
    if actor.person_id is None:
        return consents.none()
    return consents.filter(Q(subject=actor.person_id) | Q(guardian=actor.person_id))


def written_permissions_visible_to(actor: Actor) -> QuerySet[WrittenPermission]:
    permissions = WrittenPermission.objects.all()
    if _all(actor):
        return permissions
    if actor.person_id is None:
        return permissions.none()
    mine = Q(granted_to=actor.person_id) | Q(account__owners=actor.person_id) | Q(account__admins=actor.person_id)
    return permissions.filter(mine).distinct()


def authorisations_visible_to(actor: Actor) -> QuerySet[Authorisation]:
    authorisations = Authorisation.objects.all()
    if _all(actor):
        return authorisations
    if actor.person_id is None:
        return authorisations.none()
    mine = Q(authorised_by=actor.person_id) | Q(account__owners=actor.person_id) | Q(account__admins=actor.person_id)
    return authorisations.filter(mine).distinct()


def licences_visible_to(actor: Actor) -> QuerySet[Licence]:
    licences = Licence.objects.all()
    if _all(actor):
        return licences
    if actor.person_id is None:
        return licences.none()
    return licences.filter(Q(account__owners=actor.person_id) | Q(account__admins=actor.person_id)).distinct()


def account_by_ref(ref: str) -> Account | None:
    """The account a post names: ``A-12`` (its registry id) or ``platform:handle`` (``x:@oxphysics``)."""
    if ref.startswith("A-") and ref[2:].isdigit():
        return Account.objects.filter(pk=int(ref[2:])).first()
    platform, sep, handle = ref.partition(":")
    if not sep:
        return None
    return Account.objects.filter(platform=platform.lower(), handle__iexact=handle).first()


def staff_admins(admins: Iterable[Person]) -> list[Person]:
    """The administrators who are members of staff (and not erased): those who count for an official account."""
    return [p for p in admins if p.kind == PersonKind.STAFF and p.erased_at is None]


def account_security_gaps(account: Account, today: dt.date | None = None) -> list[str]:
    """What the account lacks of the security settings the guidance asks for (G38): SE002's findings.

    Two-factor authentication on, a recovery contact, a review within the last year, and for an official
    account at least two staff administrators (so that no one person's departure locks it).
    """
    day = today or timezone.localdate()
    gaps: list[str] = []
    if not account.two_factor:
        gaps.append("two-factor authentication is off")
    if account.kind == AccountKind.OFFICIAL:
        count = len(staff_admins(account.admins.all()))
        if count < 2:
            gaps.append(f"it has {count} staff administrator{'' if count == 1 else 's'}; an official account needs two")
    if not account.recovery_contact.strip():
        gaps.append("it has no recovery contact")
    if account.last_reviewed is None:
        gaps.append("it has never been reviewed")
    elif day - account.last_reviewed > REVIEW_INTERVAL:
        gaps.append(f"its last review was on {account.last_reviewed.isoformat()}, over a year ago")
    return gaps
