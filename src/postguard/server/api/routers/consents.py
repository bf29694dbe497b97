"""Consents to be shown or named (G21), a minor's with a guardian (G22)."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status, UploadedFile
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES, ApiError
from postguard.server.api.routers.common import Paging, PathId, maybe, multipart_only, one, page
from postguard.server.api.routers.records import RecordOut, RevokeIn, record_fields
from postguard.server.api.schemas import MAX_ITEMS, Day, ErrorOut, Id, In, Items, Page
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Consent, Platform
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: consents"])


class ConsentOut(RecordOut):
    subject_id: int
    guardian_id: int | None
    channels: list[str] = Field(description="platforms; empty: any")
    purposes: list[str]
    photos: list[str] = Field(description="sha256 of each photo it covers")
    evidence: bool = Field(description="an evidence file is kept")


class ConsentIn(In):
    subject_id: Id
    given: Day
    expires: Day | None = None
    channels: list[Platform] = Field(default=[], max_length=MAX_ITEMS)
    purposes: Items = []
    photos: Items = Field(default=[], description="sha256 of each photo (64 hexadecimal digits)")
    guardian_id: Id | None = None


def consent_out(consent: Consent) -> ConsentOut:
    return ConsentOut(
        **record_fields(consent),
        subject_id=consent.subject_id,
        guardian_id=consent.guardian_id,
        channels=list(consent.channels),
        purposes=list(consent.purposes),
        photos=list(consent.photos),
        evidence=bool(consent.evidence),
    )


@router.get("", response={200: Page[ConsentOut], ERROR_STATUSES: ErrorOut}, summary="List consents")
def list_consents(request: HttpRequest, paging: Query[Paging]) -> Page[ConsentOut]:
    """All for readers of the whole registry; otherwise those the caller gave or gave as a guardian."""
    actor = act(request, Scope.READ)
    return page(selectors.consents_visible_to(actor), paging, consent_out)


MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


# Declared before "/{consent_id}", whose pattern would otherwise take "with-evidence" for an id


@router.post(
    "/with-evidence",
    response={201: ConsentOut, ERROR_STATUSES: ErrorOut},
    summary="Record a consent with its evidence file",
)
def create_consent_with_evidence(
    request: HttpRequest, form: Form[ConsentIn], evidence: Annotated[UploadedFile, File()]
) -> Status[ConsentOut]:
    """``multipart/form-data``: the consent's fields (lists as repeated fields) and the evidence (a signed
    form, a scan; at most 10 MB), kept in the data folder."""
    actor = act(request, Scope.WRITE)
    multipart_only(request)
    if evidence.size is not None and evidence.size > MAX_EVIDENCE_BYTES:
        raise ApiError("PG676", size=evidence.size, limit=MAX_EVIDENCE_BYTES)
    consent = services.consent_record(
        actor=actor,
        subject=one(selectors.people_visible_to(actor), form.subject_id, "person"),
        given=form.given,
        expires=form.expires,
        channels=[c.value for c in form.channels],
        purposes=form.purposes,
        photos=form.photos,
        guardian=maybe(selectors.people_visible_to(actor), form.guardian_id, "person"),
        evidence=evidence,
    )
    return Status(201, consent_out(consent))


@router.get("/{consent_id}", response={200: ConsentOut, ERROR_STATUSES: ErrorOut}, summary="A consent")
def get_consent(request: HttpRequest, consent_id: PathId) -> ConsentOut:
    actor = act(request, Scope.READ)
    return consent_out(one(selectors.consents_visible_to(actor), consent_id, "consent"))


@router.post("", response={201: ConsentOut, ERROR_STATUSES: ErrorOut}, summary="Record a consent")
def create_consent(request: HttpRequest, body: ConsentIn) -> Status[ConsentOut]:
    actor = act(request, Scope.WRITE)
    consent = services.consent_record(
        actor=actor,
        subject=one(selectors.people_visible_to(actor), body.subject_id, "person"),
        given=body.given,
        expires=body.expires,
        channels=[c.value for c in body.channels],
        purposes=body.purposes,
        photos=body.photos,
        guardian=maybe(selectors.people_visible_to(actor), body.guardian_id, "person"),
    )
    return Status(201, consent_out(consent))


@router.post("/{consent_id}/revoke", response={200: ConsentOut, ERROR_STATUSES: ErrorOut}, summary="Revoke a consent")
def revoke_consent(request: HttpRequest, consent_id: PathId, body: RevokeIn) -> ConsentOut:
    actor = act(request, Scope.WRITE)
    consent = one(selectors.consents_visible_to(actor), consent_id, "consent")
    services.record_revoke(actor=actor, record=consent, reason=body.reason)
    return consent_out(consent)
