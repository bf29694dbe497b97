"""Licences to use third-party content (G35, G36)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page
from postguard.server.api.routers.records import RecordOut, RevokeIn, record_fields
from postguard.server.api.schemas import Day, ErrorOut, Id, In, Items, LongText, Name, Page, Short
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Licence
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: licences"])


class LicenceOut(RecordOut):
    work: str
    licensor: str
    terms: str
    attribution: str
    photos: list[str]
    account_id: int | None


class LicenceIn(In):
    work: LongText = Field(min_length=1)
    licensor: Name
    terms: Name
    given: Day
    expires: Day | None = None
    attribution: Short = ""
    photos: Items = Field(default=[], description="sha256 of each photo (64 hexadecimal digits)")
    account_id: Id | None = None


def licence_out(licence: Licence) -> LicenceOut:
    return LicenceOut(
        **record_fields(licence),
        work=licence.work,
        licensor=licence.licensor,
        terms=licence.terms,
        attribution=licence.attribution,
        photos=list(licence.photos),
        account_id=licence.account_id,
    )


@router.get("", response={200: Page[LicenceOut], ERROR_STATUSES: ErrorOut}, summary="List licences")
def list_licences(request: HttpRequest, paging: Query[Paging]) -> Page[LicenceOut]:
    actor = act(request, Scope.READ)
    return page(selectors.licences_visible_to(actor), paging, licence_out)


@router.get("/{licence_id}", response={200: LicenceOut, ERROR_STATUSES: ErrorOut}, summary="A licence")
def get_licence(request: HttpRequest, licence_id: PathId) -> LicenceOut:
    actor = act(request, Scope.READ)
    return licence_out(one(selectors.licences_visible_to(actor), licence_id, "licence"))


@router.post("", response={201: LicenceOut, ERROR_STATUSES: ErrorOut}, summary="Record a licence")
def create_licence(request: HttpRequest, body: LicenceIn) -> Status[LicenceOut]:
    actor = act(request, Scope.WRITE)
    licence = services.licence_record(
        actor=actor,
        work=body.work,
        licensor=body.licensor,
        terms=body.terms,
        given=body.given,
        expires=body.expires,
        attribution=body.attribution,
        photos=body.photos,
        account=maybe(selectors.accounts_visible_to(actor), body.account_id, "account"),
    )
    return Status(201, licence_out(licence))


@router.post("/{licence_id}/revoke", response={200: LicenceOut, ERROR_STATUSES: ErrorOut}, summary="Revoke a licence")
def revoke_licence(request: HttpRequest, licence_id: PathId, body: RevokeIn) -> LicenceOut:
    actor = act(request, Scope.WRITE)
    licence = one(selectors.licences_visible_to(actor), licence_id, "licence")
    services.record_revoke(actor=actor, record=licence, reason=body.reason)
    return licence_out(licence)
