"""Access withdrawals (AW-n): a person's, or a department's, access to named sites withdrawn for a period
(G31, G53), and their export for the University's web proxy as a Squid ACL file or a domain list.

The proxy polls ``GET /withdrawals/export`` with a token of the ``proxy-export`` scope, whose user holds
the ``access-proxy`` role (``postguard token create --user proxy --scope proxy-export``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page
from postguard.server.api.schemas import MAX_ITEMS, ErrorOut, Id, In, LongText, Moment, Page, Storable
from postguard.server.incidents import selectors, services
from postguard.server.incidents.export import access_export
from postguard.server.incidents.models import AccessWithdrawal
from postguard.server.registry.selectors import departments_visible_to, people_visible_to
from postguard.server.tokens.scopes import Scope

router = Router(tags=["access withdrawals"])

Domain = Annotated[str, Field(min_length=1, max_length=253), Storable]
DomainList = Annotated[list[Domain], Field(min_length=1, max_length=MAX_ITEMS)]


class WithdrawalOut(Schema):
    id: int
    ref: str
    target: str = Field(description="P-n, or department:CODE")
    person_id: int | None
    department_id: int | None
    domains: list[str] = Field(description="IDNA-normalised")
    starts: dt.datetime
    ends: dt.datetime
    ended_at: dt.datetime | None = Field(description="restored early")
    reason: str
    incident_id: int | None
    created_by: int | None
    created_at: dt.datetime


class WithdrawalIn(In):
    person_id: Id | None = Field(default=None, description="one person, or")
    department_id: Id | None = Field(default=None, description="everyone in a department")
    domains: DomainList
    ends: Moment = Field(description="with its UTC offset; at most 366 days after it starts")
    starts: Moment | None = Field(default=None, description="default: now")
    reason: LongText = ""


class RestoreIn(In):
    reason: LongText = ""


class ExportQuery(Schema):
    format: Literal["squid", "domains"] = Field(default="squid", description="a Squid ACL file or a domain list")
    at: Moment | None = Field(default=None, description="the withdrawals in force then (default: now)")


def withdrawal_out(withdrawal: AccessWithdrawal) -> WithdrawalOut:
    withdrawal.refresh_from_db()
    return WithdrawalOut(
        id=withdrawal.pk,
        ref=withdrawal.ref,
        target=withdrawal.target,
        person_id=withdrawal.person_id,
        department_id=withdrawal.department_id,
        domains=list(withdrawal.domains),
        starts=withdrawal.starts,
        ends=withdrawal.ends,
        ended_at=withdrawal.ended_at,
        reason=withdrawal.reason,
        incident_id=withdrawal.incident_id,
        created_by=withdrawal.created_by_id,
        created_at=withdrawal.created_at,
    )


EXPORT_RESPONSE = {
    "responses": {
        "200": {
            "description": "The export: a Squid ACL file to include, or one domain per line",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/export",
    response={ERROR_STATUSES: ErrorOut},
    openapi_extra=EXPORT_RESPONSE,
    summary="The withdrawals in force, for the proxy",
)
def export(request: HttpRequest, query: Query[ExportQuery]) -> HttpResponse:
    """Plain text (``text/plain; charset=utf-8``), for the proxy to poll with a ``proxy-export`` token."""
    actor = act(request, Scope.PROXY_EXPORT)
    text = access_export(actor=actor, fmt=query.format, at=query.at)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@router.get("", response={200: Page[WithdrawalOut], ERROR_STATUSES: ErrorOut}, summary="List withdrawals")
def list_withdrawals(request: HttpRequest, paging: Query[Paging]) -> Page[WithdrawalOut]:
    actor = act(request, Scope.READ)
    return page(selectors.withdrawals_visible_to(actor).order_by("pk"), paging, withdrawal_out)


@router.get("/{withdrawal_id}", response={200: WithdrawalOut, ERROR_STATUSES: ErrorOut}, summary="A withdrawal")
def get_withdrawal(request: HttpRequest, withdrawal_id: PathId) -> WithdrawalOut:
    actor = act(request, Scope.READ)
    return withdrawal_out(one(selectors.withdrawals_visible_to(actor), withdrawal_id, "withdrawal"))


@router.post("", response={201: WithdrawalOut, ERROR_STATUSES: ErrorOut}, summary="Withdraw access to sites")
def create_withdrawal(request: HttpRequest, body: WithdrawalIn) -> Status[WithdrawalOut]:
    """For one person or one department (PG655 otherwise), by their HR Business Partner."""
    actor = act(request, Scope.WRITE)
    withdrawal = services.access_withdraw(
        actor=actor,
        domains=body.domains,
        ends=body.ends,
        person=maybe(people_visible_to(actor), body.person_id, "person"),
        department=maybe(departments_visible_to(actor), body.department_id, "department"),
        starts=body.starts,
        reason=body.reason,
    )
    return Status(201, withdrawal_out(withdrawal))


@router.post(
    "/{withdrawal_id}/restore", response={200: WithdrawalOut, ERROR_STATUSES: ErrorOut}, summary="Restore access"
)
def restore(request: HttpRequest, withdrawal_id: PathId, body: RestoreIn) -> WithdrawalOut:
    """End the withdrawal now, before its time."""
    actor = act(request, Scope.WRITE)
    withdrawal = one(selectors.withdrawals_visible_to(actor), withdrawal_id, "withdrawal")
    return withdrawal_out(services.access_restore(actor=actor, withdrawal=withdrawal, reason=body.reason))
