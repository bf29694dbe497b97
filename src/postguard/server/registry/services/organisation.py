"""Divisions, departments, their HR Business Partners, people (and erasing a person), administrators."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from postguard.errors import GovernanceError
from postguard.server.access import Actor, require
from postguard.server.auditlog import services as audit
from postguard.server.registry.models import (
    Consent,
    Department,
    Division,
    Person,
    PersonKind,
)
from postguard.server.registry.services._common import log


@transaction.atomic
def division_create(*, actor: Actor, code: str, name: str) -> Division:
    require(actor, "manage the registry")
    division = Division.objects.create(code=code, name=name)
    log(actor, "division.create", division, {"code": code, "name": name})
    return division


@transaction.atomic
def department_create(*, actor: Actor, code: str, name: str, division: Division) -> Department:
    require(actor, "manage the registry")
    department = Department.objects.create(code=code, name=name, division=division)
    log(actor, "department.create", department, {"code": code, "name": name, "division": division.code})
    return department


@transaction.atomic
def hr_business_partners_set(*, actor: Actor, unit: Department | Division, people: Sequence[Person]) -> None:
    """Name the HR Business Partners misuse is taken to first (G30)."""
    require(actor, "manage the registry")
    unit.hr_business_partners.set(people)
    log(actor, "hr-business-partners.set", unit, {"unit": unit.code, "people": sorted(p.ref for p in people)})


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    email: str = "",
    department: Department | None = None,
    minor: bool = False,
    user: User | None = None,
) -> Person:
    require(actor, "manage the registry")
    if kind not in PersonKind.values:
        raise GovernanceError("PG629", field="kind", reason=f"use one of {', '.join(PersonKind.values)}")
    person = Person.objects.create(name=name, email=email, kind=kind, department=department, minor=minor, user=user)
    payload = {"name": name, "email": email, "kind": kind, "department": department.code if department else None}
    log(actor, "person.create", person, payload | {"minor": minor}, {"name": person.pk, "email": person.pk})
    return person


@transaction.atomic
def person_set_kind(*, actor: Actor, person: Person, kind: str) -> Person:
    """A person's relation to the University changes (a member of staff leaves and stays on as a visitor)."""
    require(actor, "manage the registry")
    if kind not in PersonKind.values:
        raise GovernanceError("PG629", field="kind", reason=f"use one of {', '.join(PersonKind.values)}")
    old, person.kind = person.kind, kind
    person.save(update_fields=["kind"])
    log(actor, "person.set-kind", person, {"from": old, "to": kind})
    return person


@transaction.atomic
def person_erase(*, actor: Actor, person: Person) -> int:
    """Erase a person's data on request: their name and email here, every field of theirs in the audit log
    (replaced by salted digests, so the log still verifies), and their consents are revoked; their user is
    deactivated. Refused while an access withdrawal against them has not ended (PG633). Returns the
    number of audit-log fields erased."""
    require(actor, "erase a person's data")
    if person.erased_at is not None:
        raise GovernanceError("PG632", person=person.ref)
    now = timezone.now()
    # an access withdrawal names the person (the export finds them through their user): erasing them would
    # end it silently, so it must end first (the withdrawals are the incidents app's; reached by relation)
    withdrawals = person.withdrawals.filter(ended_at__isnull=True, ends__gt=now).order_by("pk")
    if withdrawals.exists():
        raise GovernanceError("PG633", person=person.ref, withdrawals=", ".join(w.ref for w in withdrawals))
    user = person.user
    if user is not None and user.is_active:  # an erased person no longer signs in (logged: auth.user.active)
        user.is_active = False
        user.save(update_fields=["is_active"])
    person.name, person.email, person.user, person.erased_at = "(erased)", "", None, now
    person.save(update_fields=["name", "email", "user", "erased_at"])
    revoked = Consent.objects.filter(subject=person, revoked_at__isnull=True).update(revoked_at=now)
    erased = audit.erase_person(actor=actor, person_id=person.pk)
    log(actor, "person.erase", person, {"audit_fields_erased": erased, "consents_revoked": revoked})
    return erased


@transaction.atomic
def administrator_create(*, actor: Actor, username: str, password: str) -> User:
    """A user who may use the admin and holds every permission (first-run setup makes the first)."""
    require(actor, "create administrators")
    user = User.objects.create_superuser(username=username, email="", password=password)
    audit.append(actor=actor, action="auth.administrator.create", object_type="auth.user", object_id=user.pk)
    return user
