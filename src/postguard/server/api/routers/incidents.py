"""Misuse reports (incidents, IN-n) and HR's actions on them (G30): anyone signed in reports misuse with an
evidence snapshot; the report goes to the HR Business Partners of the reported person's department (its
division's when it has none), who alone (with administrators) see it besides the reporter and act on it.
A report naming nobody the registry holds waits for the communications office, which attaches the person.
The reporter's view is the same either way: whom the registry matched, and whom it went to, are shown
only to those who act on it.

``POST /incidents`` takes ``multipart/form-data`` (the fields, and photos of the post as files).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, multipart_only, one, page
from postguard.server.api.routers.withdrawals import DomainList, WithdrawalOut, withdrawal_out
from postguard.server.api.schemas import ErrorOut, Id, In, LongText, Moment, Page, Storable
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.incidents import selectors, services
from postguard.server.incidents.models import Action, ActionKind, Incident, IncidentState
from postguard.server.registry.selectors import people_visible_to
from postguard.server.tokens.scopes import Scope

router = Router(tags=["incidents"])

EvidenceText = Annotated[str, Field(max_length=100_000), Storable]


class ActionOut(Schema):
    kind: ActionKind
    actor_id: int | None
    text: str
    withdrawal_id: int | None
    at: dt.datetime


class IncidentOut(Schema):
    id: int
    ref: str
    reporter_id: int
    named: str = Field(description="whom the report names, as the reporter gave it")
    handled: bool = Field(description="the caller acts on it; the next four fields are shown to them only")
    person_id: int | None = Field(description="the person in the registry it is about; null while it awaits triage")
    awaiting_triage: bool | None = Field(description="it names nobody the registry holds yet")
    department_id: int | None
    routed_to: list[int] | None = Field(description="the HR Business Partners (people ids) it went to")
    summary: str
    state: IncidentState
    created_at: dt.datetime
    closed_at: dt.datetime | None
    evidence_text: str
    evidence_link: str
    evidence_photos: list[str] = Field(description="sha256 of each photo")
    evidence_check: str = Field(description="the check it cites (CK-n), its report copied below")
    evidence_report: dict[str, Any] | None
    evidence_hash: str = Field(description="sha256 of the snapshot")
    actions: list[ActionOut] = Field(description="HR's actions: shown to those who act on it")


class ReportForm(In):
    person: str = Field(
        min_length=1,
        max_length=254,
        description="whom it is about: their registry id (P-12), email address or name, as you know them",
    )
    summary: LongText = Field(min_length=1, description="what happened")
    text: EvidenceText = Field(default="", description="the post's text")
    link: str = Field(default="", max_length=2000, description="an http or https link to the post")
    check_id: Id | None = Field(default=None, description="a check of the post (one's own)")


class AttachIn(In):
    person_id: Id = Field(description="the person in the registry the report is about")


class NoteIn(In):
    text: LongText = Field(min_length=1)


class CloseIn(In):
    outcome: LongText = Field(min_length=1, description="how it ended")


class WithdrawIn(In):
    domains: DomainList
    ends: Moment = Field(description="with its UTC offset; at most 366 days after it starts")
    starts: Moment | None = Field(default=None, description="default: now")
    reason: LongText = ""


def _action_out(action: Action) -> ActionOut:
    return ActionOut(
        kind=ActionKind(action.kind),
        actor_id=action.actor_id,
        text=action.text,
        withdrawal_id=action.withdrawal_id,
        at=action.at,
    )


def incident_out(incident: Incident, actions: list[Action], handled: bool) -> IncidentOut:
    """The incident as the caller sees it: its person, department and routing only for those who act on
    it (``handled``), so that a reporter does not learn whom the registry matched."""
    return IncidentOut(
        id=incident.pk,
        ref=incident.ref,
        reporter_id=incident.reporter_id,
        named=incident.named,
        handled=handled,
        person_id=incident.person_id if handled else None,
        awaiting_triage=incident.awaiting_triage if handled else None,
        department_id=incident.department_id if handled else None,
        routed_to=sorted(p.pk for p in incident.routed_to.all()) if handled else None,
        summary=incident.summary,
        state=IncidentState(incident.state),
        created_at=incident.created_at,
        closed_at=incident.closed_at,
        evidence_text=incident.evidence_text,
        evidence_link=incident.evidence_link,
        evidence_photos=list(incident.evidence_photo_hashes),
        evidence_check=incident.evidence_check,
        evidence_report=incident.evidence_report,
        evidence_hash=incident.evidence_hash,
        actions=[_action_out(a) for a in actions],
    )


def _out(request: HttpRequest, incident: Incident) -> IncidentOut:
    actor = act(request, Scope.READ)
    incident.refresh_from_db()
    handled = selectors.incidents_handled_by(actor).filter(pk=incident.pk).exists()
    return incident_out(incident, list(selectors.incident_actions(actor, incident)), handled)


@router.get("", response={200: Page[IncidentOut], ERROR_STATUSES: ErrorOut}, summary="List incidents")
def list_incidents(request: HttpRequest, paging: Query[Paging]) -> Page[IncidentOut]:
    """An HR Business Partner: those of the departments they partner; a reporter: their own reports."""
    actor = act(request, Scope.READ)
    handled = set(selectors.incidents_handled_by(actor).values_list("pk", flat=True))

    def out(incident: Incident) -> IncidentOut:
        actions = list(incident.actions.order_by("at", "pk")) if incident.pk in handled else []
        return incident_out(incident, actions, incident.pk in handled)

    return page(selectors.incidents_visible_to(actor).order_by("pk"), paging, out)


@router.get("/{incident_id}", response={200: IncidentOut, ERROR_STATUSES: ErrorOut}, summary="An incident")
def get_incident(request: HttpRequest, incident_id: PathId) -> IncidentOut:
    actor = act(request, Scope.READ)
    return _out(request, one(selectors.incidents_visible_to(actor), incident_id, "incident"))


@router.post("", response={201: IncidentOut, ERROR_STATUSES: ErrorOut}, summary="Report misuse")
def report(
    request: HttpRequest, form: Form[ReportForm], photos: Annotated[list[UploadedFile] | None, File()] = None
) -> Status[IncidentOut]:
    """With evidence: the post's text, photos, a link, or a check of it (at least one). Whoever it names,
    the answer is the same: the report is kept and passed on (to the HR Business Partners of the person the
    registry holds, else to the communications office's triage), and the reporter is not told which."""
    actor = act(request, Scope.WRITE)
    multipart_only(request)
    incident = services.incident_report(
        actor=actor,
        named=form.person,
        summary=form.summary,
        text=form.text,
        link=form.link,
        photos=[f.read() for f in photos or []],
        check=maybe(checks_visible_to(actor), form.check_id, "check"),
    )
    return Status(201, _out(request, incident))


@router.post(
    "/{incident_id}/attach",
    response={200: IncidentOut, ERROR_STATUSES: ErrorOut},
    summary="Attach the person a report awaiting triage is about",
)
def attach(request: HttpRequest, incident_id: PathId, body: AttachIn) -> IncidentOut:
    """The communications office names the person in the registry a report is about, when the report
    named nobody the registry held; it goes to their HR Business Partners from then on (PG666 when it
    already names someone)."""
    actor = act(request, Scope.WRITE)
    incident = one(selectors.incidents_visible_to(actor), incident_id, "incident")
    person = one(people_visible_to(actor), body.person_id, "person")
    services.incident_attach(actor=actor, incident=incident, person=person)
    return _out(request, incident)


@router.post("/{incident_id}/notes", response={200: IncidentOut, ERROR_STATUSES: ErrorOut}, summary="Add a note")
def note(request: HttpRequest, incident_id: PathId, body: NoteIn) -> IncidentOut:
    actor = act(request, Scope.WRITE)
    incident = one(selectors.incidents_visible_to(actor), incident_id, "incident")
    services.incident_note(actor=actor, incident=incident, text=body.text)
    return _out(request, incident)


@router.post("/{incident_id}/close", response={200: IncidentOut, ERROR_STATUSES: ErrorOut}, summary="Close")
def close(request: HttpRequest, incident_id: PathId, body: CloseIn) -> IncidentOut:
    actor = act(request, Scope.WRITE)
    incident = one(selectors.incidents_visible_to(actor), incident_id, "incident")
    services.incident_close(actor=actor, incident=incident, outcome=body.outcome)
    return _out(request, incident)


@router.post(
    "/{incident_id}/withdraw-access",
    response={201: WithdrawalOut, ERROR_STATUSES: ErrorOut},
    summary="Withdraw the person's access to sites",
)
def withdraw_access(request: HttpRequest, incident_id: PathId, body: WithdrawIn) -> Status[WithdrawalOut]:
    """Withdraw the reported person's access to the named sites for a period (G31, G53)."""
    actor = act(request, Scope.WRITE)
    incident = one(selectors.incidents_visible_to(actor), incident_id, "incident")
    withdrawal = services.incident_withdraw_access(
        actor=actor, incident=incident, domains=body.domains, ends=body.ends, starts=body.starts, reason=body.reason
    )
    return Status(201, withdrawal_out(withdrawal))
