"""Social media accounts: personal, professional and official; their administrators, security settings
(G38) and an official account's standing permissions."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page, some
from postguard.server.api.schemas import MAX_ITEMS, Day, ErrorOut, Id, Ids, In, Items, Name, Page, Short
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Account, AccountKind, Platform
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: accounts"])


class AccountOut(Schema):
    id: int
    ref: str
    platform: Platform
    handle: str
    kind: AccountKind
    department_id: int | None
    owners: list[int] = Field(description="people (ids)")
    admins: list[int] = Field(description="people (ids)")
    two_factor: bool
    recovery_contact: str
    last_reviewed: dt.date | None
    standing_permissions: list[str]
    security_gaps: list[str] = Field(description="what the account lacks of the settings G38 asks for (SE002)")


class AccountIn(In):
    platform: Platform
    handle: Name
    kind: AccountKind
    department_id: Id | None = None
    owners: Ids = []
    admins: Ids = []
    two_factor: bool = False
    recovery_contact: Short = ""
    last_reviewed: Day | None = None


class AdminsIn(In):
    admins: Ids


class SecurityIn(In):
    two_factor: bool | None = None
    recovery_contact: Short | None = None
    reviewed_on: Day | None = None


class CodesIn(In):
    codes: Items = Field(max_length=MAX_ITEMS, description="rule codes (AU001, AU002, AU004, BR001)")


def account_out(account: Account) -> AccountOut:
    return AccountOut(
        id=account.pk,
        ref=account.ref,
        platform=Platform(account.platform),
        handle=account.handle,
        kind=AccountKind(account.kind),
        department_id=account.department_id,
        owners=sorted(p.pk for p in account.owners.all()),
        admins=sorted(p.pk for p in account.admins.all()),
        two_factor=account.two_factor,
        recovery_contact=account.recovery_contact,
        last_reviewed=account.last_reviewed,
        standing_permissions=list(account.standing_permissions),
        security_gaps=selectors.account_security_gaps(account),
    )


@router.get("", response={200: Page[AccountOut], ERROR_STATUSES: ErrorOut}, summary="List accounts")
def list_accounts(request: HttpRequest, paging: Query[Paging]) -> Page[AccountOut]:
    """Every account for readers of the whole registry; otherwise those the caller owns or administers."""
    actor = act(request, Scope.READ)
    rows = selectors.accounts_visible_to(actor).prefetch_related("owners", "admins")
    return page(rows, paging, account_out)


@router.get("/{account_id}", response={200: AccountOut, ERROR_STATUSES: ErrorOut}, summary="An account")
def get_account(request: HttpRequest, account_id: PathId) -> AccountOut:
    actor = act(request, Scope.READ)
    return account_out(one(selectors.accounts_visible_to(actor), account_id, "account"))


@router.post("", response={201: AccountOut, ERROR_STATUSES: ErrorOut}, summary="Register an account")
def create_account(request: HttpRequest, body: AccountIn) -> Status[AccountOut]:
    """An official account needs at least two staff administrators (PG623)."""
    actor = act(request, Scope.WRITE)
    account = services.account_create(
        actor=actor,
        platform=body.platform.value,
        handle=body.handle,
        kind=body.kind.value,
        department=maybe(selectors.departments_visible_to(actor), body.department_id, "department"),
        owners=some(selectors.people_visible_to(actor), body.owners, "person"),
        admins=some(selectors.people_visible_to(actor), body.admins, "person"),
        two_factor=body.two_factor,
        recovery_contact=body.recovery_contact,
        last_reviewed=body.last_reviewed,
    )
    return Status(201, account_out(account))


@router.put(
    "/{account_id}/admins", response={200: AccountOut, ERROR_STATUSES: ErrorOut}, summary="Set an account's admins"
)
def set_admins(request: HttpRequest, account_id: PathId, body: AdminsIn) -> AccountOut:
    actor = act(request, Scope.WRITE)
    account = one(selectors.accounts_visible_to(actor), account_id, "account")
    admins = some(selectors.people_visible_to(actor), body.admins, "person")
    return account_out(services.account_set_admins(actor=actor, account=account, admins=admins))


@router.patch(
    "/{account_id}/security",
    response={200: AccountOut, ERROR_STATUSES: ErrorOut},
    summary="Record an account's security settings or review",
)
def update_security(request: HttpRequest, account_id: PathId, body: SecurityIn) -> AccountOut:
    actor = act(request, Scope.WRITE)
    account = one(selectors.accounts_visible_to(actor), account_id, "account")
    updated = services.account_update_security(
        actor=actor,
        account=account,
        two_factor=body.two_factor,
        recovery_contact=body.recovery_contact,
        reviewed_on=body.reviewed_on,
    )
    return account_out(updated)


@router.put(
    "/{account_id}/standing-permissions",
    response={200: AccountOut, ERROR_STATUSES: ErrorOut},
    summary="Set an official account's standing permissions",
)
def set_standing_permissions(request: HttpRequest, account_id: PathId, body: CodesIn) -> AccountOut:
    actor = act(request, Scope.WRITE)
    account = one(selectors.accounts_visible_to(actor), account_id, "account")
    return account_out(services.account_set_standing_permissions(actor=actor, account=account, codes=body.codes))
