"""Authorisations: of photos that reveal research (G34), of photos of children (G22)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page, some
from postguard.server.api.routers.records import RecordOut, RevokeIn, record_fields
from postguard.server.api.schemas import Day, ErrorOut, Id, Ids, In, Items, LongText, Page
from postguard.server.registry import selectors, services
from postguard.server.registry.models import (
    Authorisation,
    AuthorisationBasis,
    AuthorisationKind,
)
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: authorisations"])


class AuthorisationOut(RecordOut):
    kind: AuthorisationKind
    basis: AuthorisationBasis
    authorised_by_id: int | None
    sponsor_terms: str
    consents: list[int] = Field(description="consents (ids) of every party shown, for photos of children")
    nspcc_followed: bool
    photos: list[str]
    account_id: int | None
    summary: str


class AuthorisationIn(In):
    kind: AuthorisationKind
    basis: AuthorisationBasis
    given: Day
    authorised_by_id: Id | None = None
    expires: Day | None = None
    photos: Items = Field(default=[], description="sha256 of each photo (64 hexadecimal digits)")
    consents: Ids = []
    nspcc_followed: bool = False
    sponsor_terms: LongText = ""
    account_id: Id | None = None
    summary: LongText = ""


def authorisation_out(authorisation: Authorisation) -> AuthorisationOut:
    return AuthorisationOut(
        **record_fields(authorisation),
        kind=AuthorisationKind(authorisation.kind),
        basis=AuthorisationBasis(authorisation.basis),
        authorised_by_id=authorisation.authorised_by_id,
        sponsor_terms=authorisation.sponsor_terms,
        consents=sorted(c.pk for c in authorisation.consents.all()),
        nspcc_followed=authorisation.nspcc_followed,
        photos=list(authorisation.photos),
        account_id=authorisation.account_id,
        summary=authorisation.summary,
    )


@router.get("", response={200: Page[AuthorisationOut], ERROR_STATUSES: ErrorOut}, summary="List authorisations")
def list_authorisations(request: HttpRequest, paging: Query[Paging]) -> Page[AuthorisationOut]:
    actor = act(request, Scope.READ)
    rows = selectors.authorisations_visible_to(actor).prefetch_related("consents")
    return page(rows, paging, authorisation_out)


@router.get(
    "/{authorisation_id}", response={200: AuthorisationOut, ERROR_STATUSES: ErrorOut}, summary="An authorisation"
)
def get_authorisation(request: HttpRequest, authorisation_id: PathId) -> AuthorisationOut:
    actor = act(request, Scope.READ)
    return authorisation_out(one(selectors.authorisations_visible_to(actor), authorisation_id, "authorisation"))


@router.post("", response={201: AuthorisationOut, ERROR_STATUSES: ErrorOut}, summary="Grant an authorisation")
def create_authorisation(request: HttpRequest, body: AuthorisationIn) -> Status[AuthorisationOut]:
    """Research photos: by a PI, the Head of Department or the sponsor terms. Photos of children: by a
    safeguarding lead, with every party's consent to each photo and the NSPCC guidelines followed."""
    actor = act(request, Scope.WRITE)
    authorisation = services.authorisation_grant(
        actor=actor,
        kind=body.kind.value,
        basis=body.basis.value,
        given=body.given,
        authorised_by=maybe(selectors.people_visible_to(actor), body.authorised_by_id, "person"),
        expires=body.expires,
        photos=body.photos,
        consents=some(selectors.consents_visible_to(actor), body.consents, "consent"),
        nspcc_followed=body.nspcc_followed,
        sponsor_terms=body.sponsor_terms,
        account=maybe(selectors.accounts_visible_to(actor), body.account_id, "account"),
        summary=body.summary,
    )
    return Status(201, authorisation_out(authorisation))


@router.post(
    "/{authorisation_id}/revoke",
    response={200: AuthorisationOut, ERROR_STATUSES: ErrorOut},
    summary="Revoke an authorisation",
)
def revoke_authorisation(request: HttpRequest, authorisation_id: PathId, body: RevokeIn) -> AuthorisationOut:
    actor = act(request, Scope.WRITE)
    authorisation = one(selectors.authorisations_visible_to(actor), authorisation_id, "authorisation")
    services.record_revoke(actor=actor, record=authorisation, reason=body.reason)
    return authorisation_out(authorisation)
