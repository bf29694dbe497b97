"""The audit log: its entries (all of them for those who may read the log, otherwise one's own) and the
verification of its hash chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES, ApiError
from postguard.server.api.routers.common import Paging, PathId, page
from postguard.server.api.schemas import ErrorOut, Page
from postguard.server.auditlog import selectors
from postguard.server.auditlog.models import Entry
from postguard.server.tokens.scopes import Scope

router = Router(tags=["audit log"])


class EntryOut(Schema):
    seq: int
    at: dt.datetime
    actor: str = Field(description="user:ID or system: an id, never a name")
    action: str
    object_type: str
    object_id: str
    payload: dict[str, Any]
    erased: list[str] = Field(description="payload fields erased on a person's request (their digests are kept)")
    prev_hash: str
    hash: str


class VerificationOut(Schema):
    ok: bool
    entries: int
    head_seq: int
    head_hash: str
    broken_at: int | None
    problem: str | None = Field(description="edited, deleted or reordered")
    detail: str
    summary: str


def entry_out(entry: Entry) -> EntryOut:
    return EntryOut(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        payload=dict(entry.payload),
        erased=sorted(entry.redacted),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


@router.get("/entries", response={200: Page[EntryOut], ERROR_STATUSES: ErrorOut}, summary="List log entries")
def list_entries(request: HttpRequest, paging: Query[Paging]) -> Page[EntryOut]:
    """In sequence order: every entry for those who may read the log (data protection, administrators);
    otherwise the entries the caller made."""
    actor = act(request, Scope.READ)
    return page(selectors.entries_visible_to(actor), paging, entry_out)


@router.get("/entries/{seq}", response={200: EntryOut, ERROR_STATUSES: ErrorOut}, summary="A log entry")
def get_entry(request: HttpRequest, seq: PathId) -> EntryOut:
    actor = act(request, Scope.READ)
    entry = selectors.entries_visible_to(actor).filter(seq=seq).first()
    if entry is None:
        raise ApiError("PG675", what=f"entry {seq}")
    return entry_out(entry)


@router.get("/verify", response={200: VerificationOut, ERROR_STATUSES: ErrorOut}, summary="Verify the log's chain")
def verify(request: HttpRequest) -> VerificationOut:
    """Walk the hash chain and report the first edited, deleted or reordered entry, or OK."""
    actor = act(request, Scope.READ)
    result = selectors.verification_for(actor)
    return VerificationOut(
        ok=result.ok,
        entries=result.entries,
        head_seq=result.head_seq,
        head_hash=result.head_hash,
        broken_at=result.broken_at,
        problem=result.problem,
        detail=result.detail,
        summary=result.describe(),
    )
