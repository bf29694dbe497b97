"""Written permissions from the communications office for announcements and campaigns (G32)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page
from postguard.server.api.routers.records import RecordOut, RevokeIn, record_fields
from postguard.server.api.schemas import Day, ErrorOut, Id, In, Items, LongText, Page
from postguard.server.registry import selectors, services
from postguard.server.registry.models import PermissionKind, WrittenPermission
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: written permissions"])


class PermissionOut(RecordOut):
    kind: PermissionKind
    scope: list[str] = Field(description="the rule codes it lifts")
    summary: str
    granted_by_id: int
    granted_to_id: int | None
    account_id: int | None


class PermissionIn(In):
    kind: PermissionKind
    granted_by_id: Id
    given: Day
    scope: Items = Field(default=[], description="codes beyond the kind's own: AU004, BR001, DP004")
    expires: Day | None = None
    summary: LongText = ""
    granted_to_id: Id | None = None
    account_id: Id | None = None


def permission_out(permission: WrittenPermission) -> PermissionOut:
    return PermissionOut(
        **record_fields(permission),
        kind=PermissionKind(permission.kind),
        scope=list(permission.scope),
        summary=permission.summary,
        granted_by_id=permission.granted_by_id,
        granted_to_id=permission.granted_to_id,
        account_id=permission.account_id,
    )


@router.get("", response={200: Page[PermissionOut], ERROR_STATUSES: ErrorOut}, summary="List written permissions")
def list_permissions(request: HttpRequest, paging: Query[Paging]) -> Page[PermissionOut]:
    actor = act(request, Scope.READ)
    return page(selectors.written_permissions_visible_to(actor), paging, permission_out)


@router.get("/{permission_id}", response={200: PermissionOut, ERROR_STATUSES: ErrorOut}, summary="A written permission")
def get_permission(request: HttpRequest, permission_id: PathId) -> PermissionOut:
    actor = act(request, Scope.READ)
    return permission_out(one(selectors.written_permissions_visible_to(actor), permission_id, "written permission"))


@router.post("", response={201: PermissionOut, ERROR_STATUSES: ErrorOut}, summary="Grant a written permission")
def create_permission(request: HttpRequest, body: PermissionIn) -> Status[PermissionOut]:
    actor = act(request, Scope.WRITE)
    permission = services.written_permission_grant(
        actor=actor,
        kind=body.kind.value,
        granted_by=one(selectors.people_visible_to(actor), body.granted_by_id, "person"),
        given=body.given,
        scope=body.scope,
        expires=body.expires,
        summary=body.summary,
        granted_to=maybe(selectors.people_visible_to(actor), body.granted_to_id, "person"),
        account=maybe(selectors.accounts_visible_to(actor), body.account_id, "account"),
    )
    return Status(201, permission_out(permission))


@router.post(
    "/{permission_id}/revoke",
    response={200: PermissionOut, ERROR_STATUSES: ErrorOut},
    summary="Revoke a written permission",
)
def revoke_permission(request: HttpRequest, permission_id: PathId, body: RevokeIn) -> PermissionOut:
    actor = act(request, Scope.WRITE)
    permission = one(selectors.written_permissions_visible_to(actor), permission_id, "written permission")
    services.record_revoke(actor=actor, record=permission, reason=body.reason)
    return permission_out(permission)
