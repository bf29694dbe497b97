"""Checking posts: the library's engine with the registry as its record source, the check stored (CK-n).

``POST /checks`` takes ``multipart/form-data``: the post's fields, and its photos as files (at most the
pack's number of photos, each at most 20 MB, the whole request at most 50 MB); ``markdown`` true reads the
text as the CLI reads a ``.md`` file. A check is read by its author, by those an approval of it is routed
to, and by administrators. A check's ``changed_from`` names the check it was made from (by applying fixes
or changing the post, on the web check page) only to a caller who may read that check too; to others it is
null, as it is for a check made from nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from postguard.server.access import Actor
from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, multipart_only, one, page
from postguard.server.api.schemas import MAX_ITEMS, ErrorOut, Id, In, LongText, Moment, Page, Short, Storable
from postguard.server.checks import selectors
from postguard.server.checks.models import Check, Verdict
from postguard.server.checks.services import PLATFORMS, run_check
from postguard.server.registry.models import AccountKind
from postguard.server.registry.selectors import accounts_visible_to
from postguard.server.tokens.scopes import Scope

router = Router(tags=["checks"])

PostText = Annotated[str, Field(max_length=100_000), Storable]


class CheckOut(Schema):
    id: int
    ref: str
    verdict: Verdict = Field(
        description="pass, warn, approval or block; error: the post could not be checked (report.error says why)"
    )
    author_id: int
    account_id: int | None
    account_kind: AccountKind
    platform: str
    markdown: bool = Field(description="the text was read as Markdown (only its prose counts)")
    scheduled_at: dt.datetime | None
    records: list[str] = Field(description="the registry records the post cites")
    photos: list[str] = Field(description="sha256 of each photo, in order")
    content_hash: str = Field(description="what an approval of this post is bound to")
    created_at: dt.datetime
    report: dict[str, Any] = Field(description="the library's JSON report (docs/report.schema.json)")
    changed_from: str | None = Field(
        description="the check this one was made from (CK-n), when the caller may read it; else null"
    )


class CheckForm(In):
    text: PostText = ""
    account_id: Id | None = Field(default=None, description="a registered account (its kind and platform)")
    account_kind: AccountKind = Field(default=AccountKind.PERSONAL, description="without an account")
    platform: str = Field(default="generic", description=f"one of {', '.join(PLATFORMS)}", max_length=20)
    bio: LongText = ""
    scheduled_at: Moment | None = Field(default=None, description="when it will be posted (with its offset)")
    records: list[Short] = Field(default=[], max_length=MAX_ITEMS, description="cited record ids (WP-3, C-12)")
    markdown: bool = Field(
        default=False, description="the text is Markdown, read as the CLI reads a .md file (only its prose counts)"
    )


def with_origin(actor: Actor, rows: QuerySet[Check]) -> QuerySet[Check]:
    """``rows`` with whether the caller may read each one's ``changed_from`` (one query for a page)."""
    origin = selectors.checks_visible_to(actor).filter(pk=OuterRef("changed_from_id"))
    return rows.annotate(origin_visible=Exists(origin))


def check_out(check: Check) -> CheckOut:
    """A check as the API gives it; ``check`` comes from :func:`with_origin` (else its origin is not named)."""
    shown = check.changed_from_id is not None and bool(getattr(check, "origin_visible", False))
    return CheckOut(
        id=check.pk,
        ref=check.ref,
        verdict=Verdict(check.verdict),
        author_id=check.author_id,
        account_id=check.account_id,
        account_kind=AccountKind(check.account_kind),
        platform=check.platform,
        markdown=check.markdown,
        scheduled_at=check.scheduled_at,
        records=list(check.cited_records),
        photos=check.photo_hashes(),
        content_hash=check.content_hash,
        created_at=check.created_at,
        report=dict(check.report),
        changed_from=f"CK-{check.changed_from_id}" if shown else None,
    )


def _read(files: list[UploadedFile] | None) -> list[bytes]:
    return [f.read() for f in files or []]


@router.post("", response={201: CheckOut, ERROR_STATUSES: ErrorOut}, summary="Check a post")
def create_check(
    request: HttpRequest, form: Form[CheckForm], photos: Annotated[list[UploadedFile] | None, File()] = None
) -> Status[CheckOut]:
    """Check the post and store the check: its report, verdict and content hash. Findings that a record
    in the registry lifts (one the post cites, a consent to its photo...) are reported as lifted."""
    actor: Actor = act(request, Scope.CHECK)
    multipart_only(request)
    check = run_check(
        actor=actor,
        text=form.text,
        account=maybe(accounts_visible_to(actor), form.account_id, "account"),
        account_kind=form.account_kind.value,
        platform=form.platform,
        bio=form.bio,
        scheduled_at=form.scheduled_at,
        records=form.records,
        photos=_read(photos),
        markdown=form.markdown,
    )
    return Status(201, check_out(check))  # made here from nothing: no origin to name


@router.get("", response={200: Page[CheckOut], ERROR_STATUSES: ErrorOut}, summary="List checks")
def list_checks(request: HttpRequest, paging: Query[Paging]) -> Page[CheckOut]:
    actor = act(request, Scope.READ)
    return page(with_origin(actor, selectors.checks_visible_to(actor)).order_by("pk"), paging, check_out)


@router.get("/{check_id}", response={200: CheckOut, ERROR_STATUSES: ErrorOut}, summary="A check")
def get_check(request: HttpRequest, check_id: PathId) -> CheckOut:
    actor = act(request, Scope.READ)
    return check_out(one(with_origin(actor, selectors.checks_visible_to(actor)), check_id, "check"))
