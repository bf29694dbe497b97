"""Archive audits stored in the registry (``postguard audit run --store``): the runs a caller may read
(every run for the communications office and administrators; otherwise the runs of a registry account
the caller owns), and one run with its counts per rule and its posts, a page at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, one, page
from postguard.server.api.schemas import ErrorOut, Page
from postguard.server.audits import selectors
from postguard.server.audits.models import AuditPost, AuditRun
from postguard.server.tokens.scopes import Scope

router = Router(tags=["archive audits"])


class AuditOut(Schema):
    id: int
    ref: str
    archives: list[dict[str, str]] = Field(description="each archive's file name and the sha256 of its content")
    accounts: list[str] = Field(description="platform:handle of each account the archives hold")
    registry_account_id: int | None
    account_kind: str
    started_at: dt.datetime
    finished_at: dt.datetime
    posts: int
    checked: int
    shared: int = Field(description="given the report of an identical post")
    skipped: int = Field(description="archive entries that could not be imported")
    errors: int = Field(description="posts that could not be checked")
    findings: int = Field(description="findings that count (not lifted by a registry record)")
    verdicts: dict[str, int]
    left_out: dict[str, int] = Field(description="items that are not the account's publications, by kind")
    postguard_version: str
    stored_at: dt.datetime


class PostOut(Schema):
    position: int
    post_id: str = Field(description="platform:account:id")
    platform: str
    account: str
    kind: str
    created_at: dt.datetime | None
    url: str = Field(description="the original post, where the export gives its link")
    verdict: str
    shared: bool
    findings: list[dict[str, Any]] = Field(description="each finding's code, severity and lifting record")
    error: str = Field(description="the error code, when the post could not be checked")


class AuditDetailOut(AuditOut):
    rule_counts: dict[str, dict[str, Any]] = Field(
        description="per rule code: findings, posts with one, and the most severe severity"
    )
    out_dir: str = Field(description="the run's output folder (report.html) on the machine that ran it")
    post_page: Page[PostOut]


class PostPaging(Paging):
    with_findings: bool = Field(default=False, description="only posts with findings or that could not be checked")


def audit_out(run: AuditRun) -> AuditOut:
    return AuditOut(**_fields(run))


def _fields(run: AuditRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "ref": run.ref,
        "archives": list(run.archives),
        "accounts": list(run.accounts),
        "registry_account_id": run.registry_account_id,
        "account_kind": run.account_kind,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "posts": run.posts,
        "checked": run.checked,
        "shared": run.shared,
        "skipped": run.skipped,
        "errors": run.errors,
        "findings": run.findings,
        "verdicts": dict(run.verdicts),
        "left_out": dict(run.left_out),
        "postguard_version": run.postguard_version,
        "stored_at": run.stored_at,
    }


def post_out(post: AuditPost) -> PostOut:
    return PostOut(
        position=post.position,
        post_id=post.post_id,
        platform=post.platform,
        account=post.account,
        kind=post.kind,
        created_at=post.created_at,
        url=post.url,
        verdict=post.verdict,
        shared=post.shared,
        findings=list(post.findings),
        error=post.error,
    )


@router.get("", response={200: Page[AuditOut], ERROR_STATUSES: ErrorOut}, summary="List archive audits")
def list_audits(request: HttpRequest, paging: Query[Paging]) -> Page[AuditOut]:
    """Newest first: every audit for the communications office and administrators; otherwise the audits
    of registry accounts the caller owns."""
    actor = act(request, Scope.READ)
    return page(selectors.audits_visible_to(actor), paging, audit_out)


@router.get("/{audit_id}", response={200: AuditDetailOut, ERROR_STATUSES: ErrorOut}, summary="An archive audit")
def get_audit(request: HttpRequest, audit_id: PathId, paging: Query[PostPaging]) -> AuditDetailOut:
    """The run, its counts per rule, and a page of its posts (in the order of its reports.jsonl)."""
    actor = act(request, Scope.READ)
    run = one(selectors.audits_visible_to(actor), audit_id, "audit")
    posts = page(selectors.audit_posts(run, with_findings=paging.with_findings), paging, post_out)
    return AuditDetailOut(**_fields(run), rule_counts=dict(run.rule_counts), out_dir=run.out_dir, post_page=posts)
