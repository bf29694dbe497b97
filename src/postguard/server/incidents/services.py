"""Every change to incidents and access withdrawals: one function each, in one transaction that checks
permission (and, for HR's actions, that the incident or person is one of the actor's departments'),
changes the rows and appends the audit entry.

Reporting misuse is open to anyone signed in; the report goes to the HR Business Partners of the reported
person's department, or of its division when the department has none (G30), never to the reported person
themselves. Those partners (and administrators) act on it: a note, closing it, withdrawing access to named
sites for a period (G31, G53).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import Actor, require
from postguard.server.auditlog import services as audit
from postguard.server.checks.content import store_photo
from postguard.server.checks.models import Check, Photo
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.incidents.domains import normalise_domains
from postguard.server.incidents.models import AccessWithdrawal, Action, ActionKind, Incident, IncidentState
from postguard.server.registry.models import Department, Person

# The longest a withdrawal may run before it is looked at again
MAX_WITHDRAWAL = dt.timedelta(days=366)
MAX_LINK_CHARS = 2000


def _log(
    actor: Actor,
    action: str,
    obj: Incident | AccessWithdrawal,
    payload: dict[str, Any],
    personal: dict[str, int] | None = None,
) -> None:
    kind = "incident" if isinstance(obj, Incident) else "access-withdrawal"
    audit.append(
        actor=actor,
        action=f"incidents.{kind}.{action}",
        object_type=f"incidents.{kind}",
        object_id=obj.ref,
        payload=payload,
        personal=personal,
    )


def hr_partners_for(person: Person) -> list[Person]:
    """Whom a report about ``person`` goes to: their department's HR Business Partners, else their
    division's; never the person themselves, nor anyone erased."""
    department = person.department
    if department is None:
        return []

    def usable(people: Any) -> list[Person]:
        return [p for p in people.order_by("pk") if p.pk != person.pk and p.erased_at is None]

    return usable(department.hr_business_partners) or usable(department.division.hr_business_partners)


def partners_q(person_id: int, prefix: str = "") -> Q:
    """Rows whose department (at ``prefix``) the person partners: as the department's HR Business Partner,
    or as its division's when the department has none."""
    return Q(**{f"{prefix}department__hr_business_partners": person_id}) | Q(
        **{
            f"{prefix}department__division__hr_business_partners": person_id,
            f"{prefix}department__hr_business_partners__isnull": True,
        }
    )


def _snapshot_hash(text: str, link: str, photos: Sequence[str], check: str, report: Any) -> str:
    canonical = json.dumps(
        {"check": check, "link": link, "photos": list(photos), "report": report, "text": text},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def incident_report(
    *,
    actor: Actor,
    person: Person,
    summary: str,
    text: str = "",
    link: str = "",
    photos: Sequence[bytes] = (),
    check: Check | None = None,
) -> Incident:
    """Report misuse by ``person`` with an evidence snapshot: the post's text, its photos, a link to it,
    and a check of it (its report is copied, so the evidence stays as it was)."""
    require(actor, "report misuse")
    if actor.user_id is None:
        raise GovernanceError("PG641", what="a misuse report")
    if not summary.strip():
        raise GovernanceError("PG647", field="summary", reason="say what happened")
    if person.erased_at is not None:
        raise GovernanceError("PG647", field="person", reason=f"{person.ref} has been erased")
    link = link.strip()
    if link:
        try:
            if len(link) > MAX_LINK_CHARS:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise GovernanceError("PG662", value=link) from None
    if check is not None and not checks_visible_to(actor).filter(pk=check.pk).exists():
        raise AccessDenied("PG601", actor=actor.shown, action=f"cite {check.ref}, another's check")
    if not (text.strip() or link or photos or check is not None):
        raise GovernanceError("PG663")
    stored = [store_photo(i, data) for i, data in enumerate(photos, 1)]
    return _report(actor, person, summary, text, link, stored, check)


@transaction.atomic
def _report(
    actor: Actor, person: Person, summary: str, text: str, link: str, photos: list[Photo], check: Check | None
) -> Incident:
    assert actor.user_id is not None
    if check is not None:
        text = text or check.text
        photos = photos + [p for p in Photo.objects.filter(pk__in=check.photo_hashes()) if p not in photos]
    hashes = [p.sha256 for p in photos]
    report = check.report if check is not None else None
    check_ref = check.ref if check is not None else ""
    partners = hr_partners_for(person)
    incident = Incident.objects.create(
        reporter_id=actor.user_id,
        person=person,
        department=person.department,
        summary=summary,
        evidence_text=text,
        evidence_link=link,
        evidence_photo_hashes=hashes,
        evidence_check=check_ref,
        evidence_report=report,
        evidence_hash=_snapshot_hash(text, link, hashes, check_ref, report),
    )
    incident.evidence_photos.set(photos)
    incident.routed_to.set(partners)
    payload = {
        "person": person.ref,
        "department": person.department.code if person.department else None,
        "routed_to": [p.ref for p in partners],
        "summary": summary,
        "evidence_hash": incident.evidence_hash,
        "check": check_ref or None,
        "photos": hashes,
        "link_given": bool(link),
    }
    _log(actor, "report", incident, payload, {"summary": person.pk})
    return incident


def _handles(actor: Actor, incident: Incident) -> None:
    """The actor may act on the incident: an administrator, or an HR Business Partner it was routed to or
    who partners its department now; never the reported person."""
    require(actor, "handle incidents")
    if actor.can("read every incident"):
        return
    if actor.person_id is None or actor.person_id == incident.person_id:
        raise AccessDenied("PG601", actor=actor.shown, action=f"handle {incident.ref}")
    mine = Q(routed_to=actor.person_id) | partners_q(actor.person_id)
    if not Incident.objects.filter(mine, pk=incident.pk).exists():
        raise AccessDenied("PG601", actor=actor.shown, action=f"handle {incident.ref}")


def _open(incident: Incident) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.state != IncidentState.OPEN:
        raise GovernanceError("PG658", incident=incident.ref)
    return incident


@transaction.atomic
def incident_note(*, actor: Actor, incident: Incident, text: str) -> Action:
    """A note on the incident (what was done, who was consulted)."""
    _handles(actor, incident)
    incident = _open(incident)
    if not text.strip():
        raise GovernanceError("PG647", field="text", reason="the note is empty")
    action = Action.objects.create(incident=incident, kind=ActionKind.NOTE, actor_id=actor.user_id, text=text)
    _log(actor, "note", incident, {"note": text}, {"note": incident.person_id})
    return action


@transaction.atomic
def incident_close(*, actor: Actor, incident: Incident, outcome: str) -> Action:
    """Close the incident, saying how it ended."""
    _handles(actor, incident)
    incident = _open(incident)
    if not outcome.strip():
        raise GovernanceError("PG647", field="outcome", reason="say how the incident ended")
    incident.state, incident.closed_at = IncidentState.CLOSED, timezone.now()
    incident.save(update_fields=["state", "closed_at"])
    action = Action.objects.create(incident=incident, kind=ActionKind.CLOSE, actor_id=actor.user_id, text=outcome)
    _log(actor, "close", incident, {"outcome": outcome}, {"outcome": incident.person_id})
    return action


@transaction.atomic
def incident_withdraw_access(
    *,
    actor: Actor,
    incident: Incident,
    domains: Sequence[str],
    ends: dt.datetime,
    starts: dt.datetime | None = None,
    reason: str = "",
) -> AccessWithdrawal:
    """Withdraw the reported person's access to the named sites for a period, as an action on the incident."""
    _handles(actor, incident)
    incident = _open(incident)
    withdrawal = _withdraw(actor, incident.person, None, domains, starts, ends, reason, incident)
    Action.objects.create(
        incident=incident, kind=ActionKind.WITHDRAW_ACCESS, actor_id=actor.user_id, text=reason, withdrawal=withdrawal
    )
    _log(actor, "withdraw-access", incident, {"withdrawal": withdrawal.ref})
    return withdrawal


def _may_withdraw(actor: Actor, person: Person | None, department: Department | None) -> None:
    require(actor, "withdraw access to sites")
    if actor.can("read every incident"):
        return
    target = person.ref if person is not None else f"department {department.code if department else ''}"
    if actor.person_id is None or (person is not None and person.pk == actor.person_id):
        raise AccessDenied("PG601", actor=actor.shown, action=f"withdraw access for {target}")
    if person is not None:
        partnered = Person.objects.filter(partners_q(actor.person_id), pk=person.pk).exists()
    else:
        assert department is not None
        own = department.hr_business_partners
        partnered = own.filter(pk=actor.person_id).exists() or (
            not own.exists() and department.division.hr_business_partners.filter(pk=actor.person_id).exists()
        )
    if not partnered:
        raise AccessDenied("PG601", actor=actor.shown, action=f"withdraw access for {target}")


def _withdraw(
    actor: Actor,
    person: Person | None,
    department: Department | None,
    domains: Sequence[str],
    starts: dt.datetime | None,
    ends: dt.datetime,
    reason: str,
    incident: Incident | None,
) -> AccessWithdrawal:
    if (person is None) == (department is None):
        raise GovernanceError("PG655")
    _may_withdraw(actor, person, department)
    if person is not None and person.erased_at is not None:
        raise GovernanceError("PG647", field="person", reason=f"{person.ref} has been erased")
    names = normalise_domains(domains)
    begin = starts or timezone.now()
    for when, field in ((begin, "starts"), (ends, "ends")):
        if timezone.is_naive(when):
            raise GovernanceError("PG647", field=field, reason="give the time with its UTC offset")
    if ends <= begin:
        raise GovernanceError(
            "PG656", starts=begin.isoformat(), ends=ends.isoformat(), reason="it ends before it starts"
        )
    if ends - begin > MAX_WITHDRAWAL:
        raise GovernanceError(
            "PG656",
            starts=begin.isoformat(),
            ends=ends.isoformat(),
            reason=f"the longest is {MAX_WITHDRAWAL.days} days",
        )
    withdrawal = AccessWithdrawal.objects.create(
        person=person,
        department=department,
        domains=names,
        starts=begin,
        ends=ends,
        reason=reason,
        incident=incident,
        created_by_id=actor.user_id,
    )
    payload = {
        "target": withdrawal.target,
        "domains": names,
        "starts": begin.isoformat(),
        "ends": ends.isoformat(),
        "reason": reason,
        "incident": incident.ref if incident is not None else None,
    }
    _log(actor, "withdraw", withdrawal, payload, {"reason": person.pk} if person is not None else None)
    return withdrawal


@transaction.atomic
def access_withdraw(
    *,
    actor: Actor,
    domains: Sequence[str],
    ends: dt.datetime,
    person: Person | None = None,
    department: Department | None = None,
    starts: dt.datetime | None = None,
    reason: str = "",
) -> AccessWithdrawal:
    """Withdraw access to the named sites (G31, G53) for a person or for everyone in a department, from
    ``starts`` (now by default) until ``ends`` (at most :data:`MAX_WITHDRAWAL` later)."""
    return _withdraw(actor, person, department, domains, starts, ends, reason, None)


@transaction.atomic
def access_restore(*, actor: Actor, withdrawal: AccessWithdrawal, reason: str = "") -> AccessWithdrawal:
    """End a withdrawal before its time: access is restored from now."""
    _may_withdraw(actor, withdrawal.person, withdrawal.department)
    withdrawal = AccessWithdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    now = timezone.now()
    if withdrawal.ended_at is not None or withdrawal.ends <= now:
        raise GovernanceError("PG657", withdrawal=withdrawal.ref)
    withdrawal.ended_at = now
    withdrawal.save(update_fields=["ended_at"])
    personal = {"reason": withdrawal.person_id} if withdrawal.person_id is not None else None
    _log(actor, "restore", withdrawal, {"reason": reason}, personal)
    return withdrawal
