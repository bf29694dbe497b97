"""Every change to incidents and access withdrawals: one function each, in one transaction that checks
permission (and, for HR's actions, that the incident or person is one of the actor's departments'),
changes the rows and appends the audit entry.

Reporting misuse is open to anyone signed in; the report goes to the HR Business Partners of the reported
person's department, or of its division when the department has none (G30), never to the reported person
themselves. Those partners (and administrators) act on it: a note, closing it, withdrawing access to named
sites for a period (G31, G53).

A report may name someone the registry does not hold (or has erased): it is kept with the name or address
as the reporter gave it and waits for the communications office, which triages such reports: it attaches
the person in the registry (the report then goes to their HR Business Partners), or notes and closes it.
The reporter is told the same either way, so a report cannot be used to learn who is in the registry.

A report about someone the registry holds whom no HR Business Partner can take (their department and its
division have none, or only the reported person, or none at all when the person has no department) goes
to the communications office as well: the office sees it, notes and closes it (withdrawing access stays
HR's), until an HR Business Partner is named for the department or its division; from then on it is
theirs alone. The reporter is told the same as for any other report.
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
from django.db.models import Exists, OuterRef, Q
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

# The longest name or address a report keeps for whom it names (an email address's longest)
MAX_NAMED_CHARS = 254

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


def unpartnered_q() -> Q:
    """Incidents about a person the registry holds that no HR Business Partner acts on: nobody (other than
    the person, not erased) was routed the report, and nobody partners its department now (as
    :func:`partners_q` reads it). The communications office takes these until a partner is named."""
    partners = Person.objects.filter(erased_at__isnull=True).exclude(pk=OuterRef("person_id"))
    partnering = partners.filter(
        Q(incidents_routed=OuterRef("pk"))
        | Q(hr_departments=OuterRef("department_id"))
        | Q(
            hr_divisions__departments=OuterRef("department_id"),
            hr_divisions__departments__hr_business_partners__isnull=True,
        )
    )
    return Q(person__isnull=False) & ~Q(Exists(partnering))


def _snapshot_hash(text: str, link: str, photos: Sequence[str], check: str, report: Any) -> str:
    canonical = json.dumps(
        {"check": check, "link": link, "photos": list(photos), "report": report, "text": text},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def person_named(named: str) -> Person | None:
    """The person in the registry a report names: by registry id (``P-12``) or by an email address that
    one person (not erased) holds; never by a name, which many may share."""
    key = named.strip()
    prefix, _, number = key.upper().partition("-")
    people = Person.objects.filter(erased_at__isnull=True)
    if prefix == "P" and number.isdigit() and len(number) <= 18:
        return people.filter(pk=int(number)).first()
    if "@" in key:
        found = list(people.filter(email__iexact=key)[:2])
        return found[0] if len(found) == 1 else None
    return None


def incident_report(
    *,
    actor: Actor,
    summary: str,
    named: str = "",
    person: Person | None = None,
    text: str = "",
    link: str = "",
    photos: Sequence[bytes] = (),
    check: Check | None = None,
) -> Incident:
    """Report misuse by whom ``named`` names (a registry id, an email address or a name, as the reporter
    gives it) with an evidence snapshot: the post's text, its photos, a link to it, and a check of it (its
    report is copied, so the evidence stays as it was). ``person``: the person, when the caller already
    knows them (``named`` is then their registry id unless given).

    A report naming nobody the registry holds (or someone it has erased) is kept all the same and waits
    for the communications office's triage; the reporter is not told which happened."""
    require(actor, "report misuse")
    if actor.user_id is None:
        raise GovernanceError("PG641", what="a misuse report")
    if not summary.strip():
        raise GovernanceError("PG647", field="summary", reason="say what happened")
    named = " ".join(named.split())
    if not named and person is not None:
        named = person.ref
    if not named:
        raise GovernanceError("PG647", field="person", reason="say whom the report is about")
    if len(named) > MAX_NAMED_CHARS:
        raise GovernanceError("PG647", field="person", reason=f"at most {MAX_NAMED_CHARS} characters")
    if person is None:
        person = person_named(named)
    if person is not None and person.erased_at is not None:
        person = None  # erased: nobody the registry holds now
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
    return _report(actor, person, named, summary, text, link, stored, check)


@transaction.atomic
def _report(
    actor: Actor,
    person: Person | None,
    named: str,
    summary: str,
    text: str,
    link: str,
    photos: list[Photo],
    check: Check | None,
) -> Incident:
    assert actor.user_id is not None
    if check is not None:
        text = text or check.text
        photos = photos + [p for p in Photo.objects.filter(pk__in=check.photo_hashes()) if p not in photos]
    hashes = [p.sha256 for p in photos]
    report = check.report if check is not None else None
    check_ref = check.ref if check is not None else ""
    partners = hr_partners_for(person) if person is not None else []
    department = person.department if person is not None else None
    incident = Incident.objects.create(
        reporter_id=actor.user_id,
        person=person,
        named=named,
        department=department,
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
        "person": person.ref if person is not None else None,
        "named": named,
        "department": department.code if department is not None else None,
        "routed_to": [p.ref for p in partners],
        "triage": "communications-office" if person is None else None,
        "summary": summary,
        "evidence_hash": incident.evidence_hash,
        "check": check_ref or None,
        "photos": hashes,
        "link_given": bool(link),
    }
    personal = {"summary": person.pk, "named": person.pk} if person is not None else None
    _log(actor, "report", incident, payload, personal)
    return incident


# The fields of an incident's entries in the log that are the reported person's data
PERSONAL_KEYS = ("summary", "named", "note", "outcome")


def _personal(incident: Incident, *keys: str) -> dict[str, int] | None:
    """The log's personal-data marks for an entry about ``incident`` (none while it names nobody yet: the
    fields are marked when the person is attached)."""
    return {key: incident.person_id for key in keys} if incident.person_id is not None else None


@transaction.atomic
def incident_attach(*, actor: Actor, incident: Incident, person: Person) -> Incident:
    """The communications office attaches the person in the registry whom a report awaiting triage is
    about: the report goes to their HR Business Partners from now on (and leaves the office's triage), and
    what the log holds of it becomes theirs to erase."""
    _triages(actor, incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.person_id is not None:
        raise GovernanceError("PG666", incident=incident.ref)
    if incident.state != IncidentState.OPEN:
        raise GovernanceError("PG658", incident=incident.ref)
    if person.erased_at is not None:
        raise GovernanceError("PG647", field="person", reason=f"{person.ref} has been erased")
    partners = hr_partners_for(person)
    incident.person, incident.department = person, person.department
    incident.save(update_fields=["person", "department"])
    incident.routed_to.set(partners)
    marked = audit.attribute(
        object_type="incidents.incident", object_id=incident.ref, keys=PERSONAL_KEYS, person_id=person.pk
    )
    payload = {
        "person": person.ref,
        "department": person.department.code if person.department else None,
        "routed_to": [p.ref for p in partners],
        "log_fields_marked": marked,
    }
    _log(actor, "attach", incident, payload)
    return incident


def _triages(actor: Actor, incident: Incident) -> None:
    """The actor triages reports that name nobody the registry holds: the communications office (and
    administrators)."""
    require(actor, "triage incidents")
    if incident.person_id is not None and not actor.can("read every incident"):
        raise AccessDenied("PG601", actor=actor.shown, action=f"triage {incident.ref}")


def _handles(actor: Actor, incident: Incident) -> None:
    """The actor may act on the incident: an administrator, or an HR Business Partner it was routed to or
    who partners its department now; never the reported person. A report awaiting triage, or one about a
    person no HR Business Partner takes (:func:`unpartnered_q`): the communications office."""
    if incident.person_id is None and actor.can("triage incidents"):
        return
    if (
        actor.can("triage incidents")
        and actor.person_id != incident.person_id
        and Incident.objects.filter(unpartnered_q(), pk=incident.pk).exists()
    ):
        return
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
    _log(actor, "note", incident, {"note": text}, _personal(incident, "note"))
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
    _log(actor, "close", incident, {"outcome": outcome}, _personal(incident, "outcome"))
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
    if incident.person is None:
        raise GovernanceError("PG667", incident=incident.ref)
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
